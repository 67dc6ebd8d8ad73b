// A module resolve hook for the editor benchmark: `obsidian` ships types only, so it resolves to
// obsidian-test-mocks, as vitest.config.ts's alias does for the tests.
export async function resolve(specifier, context, nextResolve) {
	return nextResolve(specifier === "obsidian" ? "obsidian-test-mocks/obsidian" : specifier, context);
}
