/** The example vault, embedded by sandbox/build.mjs at build time. */
declare module "sandbox-vault:example" {
	const vault: { files: Record<string, string>; pluginData: unknown };
	export default vault;
}
