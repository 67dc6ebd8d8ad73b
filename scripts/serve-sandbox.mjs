// Serves the sandbox page (sandbox/) with the built plugin: `node scripts/serve-sandbox.mjs [--port N]`.
// `npm run demo` starts it after building; the browser tests and `npm run bench:ui` start it on an
// ephemeral port. A fixed table of routes, no directory listing: only the page, its script and
// styles, and the plugin's build output are served.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setTimeout } from "node:timers";
import { parseArgs } from "node:util";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const DEFAULT_PORT = 5178;

const TYPES = {
	".html": "text/html; charset=utf-8",
	".js": "text/javascript; charset=utf-8",
	".css": "text/css; charset=utf-8",
	".json": "application/json; charset=utf-8",
};

/** URL path to file (relative to the repository). */
const FILES = {
	"/": "sandbox/index.html",
	"/index.html": "sandbox/index.html",
	"/sandbox.css": "sandbox/sandbox.css",
	"/host.js": "dist/sandbox/host.js",
	"/main.js": "main.js",
	"/manifest.json": "manifest.json",
	"/styles.css": "styles.css",
};

/** Build output the page cannot work without. */
export const REQUIRED_FILES = ["dist/sandbox/host.js", "main.js", "manifest.json", "styles.css"];

function typeOf(path) {
	const dot = path.lastIndexOf(".");
	return TYPES[dot < 0 ? "" : path.slice(dot)] ?? "application/octet-stream";
}

/**
 * Starts the server. `routes` adds URL paths served from memory: `{ "/vault.json": { body, type } }`.
 * Resolves with its URL once it listens; `port: 0` picks a free port.
 */
export function startSandboxServer({ port = DEFAULT_PORT, host = "127.0.0.1", routes = {} } = {}) {
	const missing = REQUIRED_FILES.filter((f) => !existsSync(join(ROOT, f)));
	if (missing.length > 0) return Promise.reject(new Error(`The sandbox is not built (missing ${missing.join(", ")}). Run "npm run build" first.`));
	const server = createServer((req, res) => {
		const path = new URL(req.url ?? "/", "http://localhost").pathname;
		if (req.method !== "GET" && req.method !== "HEAD") {
			res.writeHead(405, { Allow: "GET, HEAD" }).end();
			return;
		}
		const headers = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
		const extra = Object.prototype.hasOwnProperty.call(routes, path) ? routes[path] : undefined;
		if (extra) {
			const body = typeof extra.body === "string" ? Buffer.from(extra.body) : extra.body;
			res.writeHead(200, { ...headers, "Content-Type": extra.type ?? typeOf(path), "Content-Length": body.length });
			res.end(req.method === "HEAD" ? undefined : body);
			return;
		}
		const rel = Object.prototype.hasOwnProperty.call(FILES, path) ? FILES[path] : undefined;
		const file = rel ? join(ROOT, rel) : null;
		if (!file || !existsSync(file)) {
			res.writeHead(404, { ...headers, "Content-Type": "text/plain; charset=utf-8" }).end(rel ? `${rel} is missing: run "npm run build".\n` : "Not found\n");
			return;
		}
		res.writeHead(200, { ...headers, "Content-Type": typeOf(file), "Content-Length": statSync(file).size });
		if (req.method === "HEAD") res.end();
		else createReadStream(file).pipe(res);
	});
	return new Promise((resolve, reject) => {
		server.once("error", reject);
		server.listen(port, host, () => {
			server.off("error", reject);
			const address = server.address();
			const actualPort = typeof address === "object" && address ? address.port : port;
			resolve({
				port: actualPort,
				url: `http://${host === "127.0.0.1" ? "localhost" : host}:${actualPort}/`,
				close: () => new Promise((done) => server.close(() => done())),
				server,
			});
		});
	});
}

/** Serves until Ctrl+C; used by `npm run demo` and by running this file. */
export async function serveUntilInterrupted(port = DEFAULT_PORT) {
	let running;
	try {
		running = await startSandboxServer({ port });
	} catch (e) {
		const message = e && e.code === "EADDRINUSE" ? `port ${port} is in use: pass --port N (or set SANDBOX_PORT).` : e instanceof Error ? e.message : String(e);
		console.error(`sandbox: ${message}`);
		process.exit(1);
	}
	console.log(`Sandbox: ${running.url}  (the built plugin in your browser, on the example vault; Ctrl+C stops)`);
	const stop = () => {
		void running.close().then(() => process.exit(0));
		// Open connections (a browser tab) would keep close() waiting.
		setTimeout(() => process.exit(0), 500).unref();
	};
	process.once("SIGINT", stop);
	process.once("SIGTERM", stop);
	return running;
}

/** The port from `--port N`, else SANDBOX_PORT, else 5178. */
export function portFromArgs(argv = process.argv.slice(2)) {
	const { values } = parseArgs({ args: argv, options: { port: { type: "string" } }, strict: false });
	const raw = values.port ?? process.env.SANDBOX_PORT;
	const port = raw === undefined ? DEFAULT_PORT : Number(raw);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		console.error(`sandbox: bad port "${raw}".`);
		process.exit(2);
	}
	return port;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await serveUntilInterrupted(portFromArgs());
