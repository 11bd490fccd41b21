// Two small webpack plugins for dist/:
// - PublicUrlPlugin points every development URL (https://localhost:3000/) in the emitted manifest,
//   functions.json (the functions' help links) and bundles at the public host of a production build;
// - DocsPagesPlugin renders README.md and docs/*.md to HTML, because Excel's help links and the task
//   pane open a browser page, where raw Markdown shows as text and its #anchors lead nowhere.
const fs = require("fs");
const path = require("path");
const { Compilation, sources } = require("webpack");
const MarkdownIt = require("markdown-it");
const markdownItAnchor = require("markdown-it-anchor");

const DEV_URL = "https://localhost:3000/";
const DEV_ORIGIN = new URL(DEV_URL).origin;
// What the add-in loads or links to; the rendered docs keep describing localhost as the dev server.
const REWRITTEN_ASSET = /^(manifest\.xml|functions\.json|[^/]+\.js)$/;

class PublicUrlPlugin {
  constructor(publicUrl) {
    let url;
    try {
      url = new URL(publicUrl);
    } catch {
      throw new Error(`CHOKEPOINT_PUBLIC_URL "${publicUrl}" is not a URL; give the https:// address the add-in will be served from.`);
    }
    // Office loads add-ins only over HTTPS.
    if (url.protocol !== "https:") throw new Error(`CHOKEPOINT_PUBLIC_URL must start with https:// (Office loads add-ins only over HTTPS); got "${publicUrl}".`);
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl : `${publicUrl}/`;
  }

  apply(compiler) {
    if (this.publicUrl === DEV_URL) return;
    compiler.hooks.thisCompilation.tap("PublicUrlPlugin", (compilation) => {
      // After every other plugin has emitted (functions.json comes from the metadata plugin).
      compilation.hooks.processAssets.tap({ name: "PublicUrlPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, (assets) => {
        for (const name of Object.keys(assets)) {
          if (!REWRITTEN_ASSET.test(name)) continue;
          const text = assets[name].source().toString();
          if (!text.includes(DEV_ORIGIN)) continue;
          // URLs first, then bare origins (the manifest's AppDomain).
          const rewritten = text.split(DEV_URL).join(this.publicUrl).split(DEV_ORIGIN).join(new URL(this.publicUrl).origin);
          compilation.updateAsset(name, new sources.RawSource(rewritten));
        }
      });
    });
  }
}

/** A relative link to a Markdown page goes to its rendered page; other links are left alone. */
function htmlHref(href) {
  if (/^[a-z]+:/i.test(href) || href.startsWith("#")) return href;
  return href.replace(/\.md(#|$)/, ".html$1");
}

/** GitHub's heading anchors ("### CHOKEPOINT.HHI" → "chokepointhhi"), so links written for the
 * Markdown on GitHub also work on the rendered page. */
function githubSlug(heading) {
  return heading.trim().toLowerCase().replace(/[^a-z0-9 _-]/g, "").replace(/ /g, "-");
}

function renderPage(markdown, title) {
  const md = new MarkdownIt({ html: true, linkify: false }).use(markdownItAnchor, { slugify: githubSlug, tabIndex: false });
  md.core.ruler.push("md_links_to_html", (state) => {
    for (const block of state.tokens) {
      for (const token of block.children ?? []) {
        if (token.type === "link_open") token.attrSet("href", htmlHref(token.attrGet("href")));
      }
    }
  });
  const body = md.render(markdown);
  const escapedTitle = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapedTitle}</title>
<style>
body { font-family: "Segoe UI", system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #242424; }
code, pre { font-family: Consolas, "Cascadia Mono", monospace; background: #f5f5f5; }
pre { padding: 0.75rem; overflow-x: auto; }
table { border-collapse: collapse; } th, td { border: 1px solid #d1d1d1; padding: 0.25rem 0.5rem; vertical-align: top; }
img { max-width: 100%; }
h3 { margin-top: 2rem; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

class DocsPagesPlugin {
  /** pages: [{ from: "docs/functions.md", to: "docs/functions.html" }, …], relative to the project root. */
  constructor(root, pages) {
    this.root = root;
    this.pages = pages;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap("DocsPagesPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "DocsPagesPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        for (const page of this.pages) {
          const file = path.join(this.root, page.from);
          compilation.fileDependencies.add(file);
          const markdown = fs.readFileSync(file, "utf8");
          const title = (markdown.match(/^#\s+(.+)$/m) ?? [null, "Chokepoint"])[1];
          compilation.emitAsset(page.to, new sources.RawSource(renderPage(markdown, `${title} — Chokepoint`)));
        }
      });
    });
  }
}

/** Every Markdown page the built site serves: the README at the root and docs/*.md under docs/. */
function docsPages(root) {
  const docs = fs
    .readdirSync(path.join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => ({ from: `docs/${f}`, to: `docs/${f.replace(/\.md$/, ".html")}` }));
  return [{ from: "README.md", to: "README.html" }, ...docs];
}

module.exports = { DEV_URL, PublicUrlPlugin, DocsPagesPlugin, docsPages, githubSlug, htmlHref, renderPage };
