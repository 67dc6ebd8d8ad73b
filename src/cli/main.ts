import { writeSync } from "node:fs";
import { runCli } from "./run-cli";

runCli(process.argv.slice(2), {
	// Synchronous writes: no stream buffering to grow, and nothing lost when the process ends.
	out: (s) => writeAll(1, s),
	err: (s) => process.stderr.write(s),
	today: () => new Date(),
}).then(
	(code) => {
		process.exitCode = code;
	},
	(e: unknown) => {
		// The last guard: a bug still ends in one sentence, never a stack trace.
		process.stderr.write(`digest-curator: ${e instanceof Error ? e.message : String(e)}\n`);
		process.exitCode = 2;
	},
);

function writeAll(fd: number, text: string): void {
	const bytes = Buffer.from(text, "utf8");
	for (let off = 0; off < bytes.length; ) {
		try {
			off += writeSync(fd, bytes, off);
		} catch (e) {
			// A non-blocking pipe that is full: try again; a closed one (EPIPE): stop quietly.
			const code = (e as { code?: string }).code;
			if (code === "EAGAIN") continue;
			if (code === "EPIPE") return;
			throw e;
		}
	}
}
