import * as codemirrorState from "@codemirror/state";
import * as codemirrorView from "@codemirror/view";

/**
 * Fetches a file the sandbox's server serves (the bundle, the manifest, a generated vault). The page
 * is not Obsidian: there is no `requestUrl`, and these are its own files, not the network.
 */
export async function fetchSandboxFile(url: string): Promise<Response> {
	const response = await window.fetch(url, { cache: "no-store" });
	if (!response.ok) throw new Error(`Could not load ${url}: HTTP ${response.status}. Run "npm run build" first.`);
	return response;
}

/**
 * Runs the BUILT plugin bundle (main.js, CommonJS) the way Obsidian does: fetched as text and
 * evaluated with a `require` that hands out the modules esbuild left external. "obsidian" is the
 * mocks (with the sandbox's shims); the CodeMirror packages are the very instances the sandbox's
 * editor uses, so the plugin's ViewPlugin and StateEffect belong to the same editor.
 */
export async function loadPluginBundle(url: string, obsidian: Record<string, unknown>): Promise<Record<string, unknown>> {
	const code = await (await fetchSandboxFile(url)).text();
	const modules: Record<string, unknown> = {
		obsidian,
		"@codemirror/state": codemirrorState,
		"@codemirror/view": codemirrorView,
	};
	const require = (id: string): unknown => {
		if (Object.prototype.hasOwnProperty.call(modules, id)) return modules[id];
		throw new Error(`The sandbox has no module "${id}" for the plugin (it provides: ${Object.keys(modules).join(", ")}).`);
	};
	const module = { exports: {} as Record<string, unknown> };
	return await new Promise((resolve, reject) => {
		// The bundle runs as a script of its own (a blob), wrapped in a CommonJS function scope, so its
		// top-level names stay private and the browser's developer tools list it under its own URL.
		const hook = `__digestCuratorSandboxLoad${Date.now()}`;
		let failure: unknown = null;
		let ran = false;
		const target = window as unknown as Record<string, unknown>;
		target[hook] = (factory: (m: typeof module, e: typeof module.exports, r: typeof require) => void) => {
			ran = true;
			try {
				factory(module, module.exports, require);
			} catch (e) {
				failure = e;
			}
		};
		const source = `${hook}(function (module, exports, require) {${code}\n});\n//# sourceURL=${new URL(url, location.href).href}\n`;
		const blobUrl = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
		const script = document.head.createEl("script", { attr: { src: blobUrl } });
		const done = () => {
			delete target[hook];
			URL.revokeObjectURL(blobUrl);
			script.remove();
		};
		script.addEventListener("load", () => {
			done();
			if (!ran) reject(new Error(`The plugin bundle ${url} did not run (a syntax error? see the console).`));
			else if (failure !== null) reject(failure instanceof Error ? failure : new Error(`The plugin bundle threw: ${typeof failure === "string" ? failure : "a non-Error value"}`));
			else resolve(module.exports);
		});
		script.addEventListener("error", () => {
			done();
			reject(new Error(`The plugin bundle ${url} could not be run.`));
		});
	});
}
