import { runCli } from "./run-cli";

runCli(process.argv.slice(2), {
	out: (s) => process.stdout.write(s),
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
