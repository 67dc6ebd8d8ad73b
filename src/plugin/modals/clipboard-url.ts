import { isWebUrl } from "../../core/links/url-normalize";

/**
 * The web link the clipboard holds, or null: none, other text, or reading refused. On iOS a read
 * brings up a paste prompt and needs a tap: call it from a button, never unasked on a phone.
 */
export async function readClipboardUrl(): Promise<string | null> {
	try {
		const text = (await navigator.clipboard.readText()).trim();
		return isWebUrl(text) && !/\s/.test(text) ? text : null;
	} catch {
		return null; // no clipboard permission
	}
}
