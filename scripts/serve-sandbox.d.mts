import type { Server } from "node:http";

export declare const DEFAULT_PORT: number;
export declare const REQUIRED_FILES: string[];

export interface SandboxRoute {
	body: string | Buffer;
	type?: string;
}

export interface RunningSandbox {
	port: number;
	/** http://localhost:PORT/ */
	url: string;
	close(): Promise<void>;
	server: Server;
}

export declare function startSandboxServer(options?: { port?: number; host?: string; routes?: Record<string, SandboxRoute> }): Promise<RunningSandbox>;
export declare function serveUntilInterrupted(port?: number): Promise<RunningSandbox>;
export declare function portFromArgs(argv?: string[]): number;
