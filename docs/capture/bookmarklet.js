// The page you are on, to Digest Curator's insert form in Obsidian (mode=form), with the
// selection as commentary. Change mode to "inbox" to file it for later without a form.
// Make a bookmark whose address is `javascript:` followed by this file's code on one line.
(() => {
	const e = encodeURIComponent;
	const selection = String(window.getSelection() ?? "").trim();
	window.location.href = `obsidian://digest-curator?mode=form&url=${e(window.location.href)}&title=${e(document.title)}&comment=${e(selection)}`;
})();
