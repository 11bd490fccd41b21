/**
 * manifest.xml: schema-valid offline (xmllint with ../shared/office-schemas), every resid resolves,
 * one URL for the shared runtime, the custom-functions page and the function file, and the
 * identifiers that saved workbooks bind to never change.
 */
import { execFileSync } from "child_process";
import fs from "fs";
import path from "path";
import { XMLParser } from "fast-xml-parser";
import { buildPlan } from "../../templates";
import { renderXlsx } from "../../src/workbook/xlsx";
import { ADDIN, ADDIN_STORES, AUTO_SHOW_TASKPANE, TASKPANES_PART, WEB_EXTENSION_PART } from "../../src/workbook/xlsx/webExtension";
import JSZip from "jszip";

const ROOT = path.resolve(__dirname, "../..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const SCHEMAS = path.resolve(ROOT, "../shared/office-schemas");
const RELEASED_ID = "82b25efe-3e1d-4872-8ee7-b8e6d0a6e503";

const xml = fs.readFileSync(MANIFEST, "utf8");
const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", removeNSPrefix: true }).parse(xml);

/** Every element anywhere in the tree, with its tag name. */
function elements(node: unknown, tag = "", out: Array<{ tag: string; node: Record<string, unknown> }> = []) {
  if (Array.isArray(node)) node.forEach((n) => elements(n, tag, out));
  else if (node && typeof node === "object") {
    out.push({ tag, node: node as Record<string, unknown> });
    for (const [k, v] of Object.entries(node)) if (!k.startsWith("@")) elements(v, k, out);
  }
  return out;
}

const all = elements(doc);
const resources = all.filter((e) => ["Image", "Url", "String"].includes(e.tag) && typeof e.node["@id"] === "string");
const byId = new Map(resources.map((e) => [e.node["@id"] as string, e.node["@DefaultValue"] as string]));

function hasXmllint(): boolean {
  try {
    execFileSync("xmllint", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("manifest.xml", () => {
  const canValidate = fs.existsSync(SCHEMAS) && hasXmllint();
  if (!canValidate) {
    console.log(`SKIP schema validation: ${fs.existsSync(SCHEMAS) ? "xmllint not installed (Debian libxml2-utils)" : `${SCHEMAS} is absent`}`);
  }
  (canValidate ? test : test.skip)("validates against the Office add-in schemas with xmllint", () => {
    const out = execFileSync("xmllint", ["--noout", "--schema", path.join(SCHEMAS, "OfficeAppManifestV1_1.xsd"), MANIFEST], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(out).toBe("");
  });

  test("keeps its released Id and the CHOKEPOINT namespace", () => {
    expect(doc.OfficeApp.Id).toBe(RELEASED_ID);
    const ns = all.find((e) => e.tag === "Namespace")?.node["@resid"] as string;
    expect(byId.get(ns)).toBe("CHOKEPOINT");
  });

  test("every resid resolves to a resource", () => {
    const resids = all.map((e) => e.node["@resid"]).filter((r): r is string => typeof r === "string");
    expect(resids.length).toBeGreaterThan(10);
    expect(resids.filter((r) => !byId.has(r))).toEqual([]);
  });

  test("runtime, custom-functions page and script, and function file use one identical URL", () => {
    const runtime = all.find((e) => e.tag === "Runtime")?.node["@resid"] as string;
    type Location = { SourceLocation: Record<string, string> };
    const cf = all.find((e) => e.tag === "ExtensionPoint" && e.node["@type"] === "CustomFunctions")?.node as { Page: Location; Script: Location };
    const page = cf.Page.SourceLocation["@resid"];
    // In a shared runtime the functions run in the page, so the Script names the page too
    // (office-js-docs-pr#3312), never a script beside it.
    const script = cf.Script.SourceLocation["@resid"];
    const functionFile = all.find((e) => e.tag === "FunctionFile")?.node["@resid"] as string;
    expect(new Set([runtime, page, script, functionFile]).size).toBe(1);
    expect([...byId.values()].filter((url) => url.endsWith(".js"))).toEqual([]);
    expect(byId.get(runtime)).toBe("https://localhost:3000/taskpane.html");
    expect(all.find((e) => e.tag === "Runtime")?.node["@lifetime"]).toBe("long");
    expect(xml).toContain('<Set Name="SharedRuntime" MinVersion="1.1" />');
  });

  test("asks for ReadWriteDocument and ships icons at 16, 32, 64 and 80 px that exist in assets/", () => {
    expect(doc.OfficeApp.Permissions).toBe("ReadWriteDocument");
    for (const size of [16, 32, 64, 80]) {
      expect(xml).toContain(`https://localhost:3000/assets/icon-${size}.png`);
      const png = fs.readFileSync(path.join(ROOT, "assets", `icon-${size}.png`));
      expect(png.readUInt32BE(16)).toBe(size); // IHDR width
      expect(png.readUInt32BE(20)).toBe(size); // IHDR height
    }
  });

  test("has Get Started strings and a ribbon button that opens the task pane", () => {
    for (const id of ["GetStarted.Title", "GetStarted.Description"]) expect(byId.get(id)).toBeTruthy();
    const action = all.find((e) => e.tag === "Action")?.node;
    expect(action?.["@type"]).toBe("ShowTaskpane");
  });

  test("every link a person opens (support, Learn more) is a page the build renders, not raw Markdown", () => {
    const links = [byId.get("GetStarted.LearnMoreUrl"), all.find((e) => e.tag === "SupportUrl")?.node["@DefaultValue"]];
    for (const url of links) expect(url).toMatch(/^https:\/\/localhost:3000\/docs\/[a-z]+\.html$/);
    // Each names a page rendered from an existing docs/*.md.
    for (const url of links) expect(fs.existsSync(path.join(ROOT, "docs", path.basename(url as string, ".html") + ".md"))).toBe(true);
  });

  test("its ShowTaskpane action is the pane Excel opens with a workbook that names the add-in", () => {
    const action = all.find((e) => e.tag === "Action")?.node as Record<string, unknown>;
    expect(action.TaskpaneId).toBe(AUTO_SHOW_TASKPANE);
  });
});

describe("the web-extension part of a briefing written by chokepoint brief", () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
  let zip: JSZip;
  beforeAll(async () => {
    zip = await JSZip.loadAsync((await renderXlsx(buildPlan("stage-comparison", {}, "2026-01-01T00:00:00.000Z"))).buffer);
  });

  test("names the manifest's Id and version in every store reference, with Office.AutoShowTaskpaneWithDocument set", async () => {
    expect(ADDIN).toEqual({ id: doc.OfficeApp.Id, version: doc.OfficeApp.Version });
    const part = parser.parse(await zip.file(WEB_EXTENSION_PART)!.async("string"))["we:webextension"];
    const references = [part["we:reference"], ...[part["we:alternateReferences"]["we:reference"]].flat()];
    expect(references.map((r) => [r["@id"], r["@version"], r["@storeType"], r["@store"]])).toEqual(ADDIN_STORES.map((s) => [RELEASED_ID, "0.1.0.0", s.storeType, s.store]));
    expect(part["we:properties"]["we:property"]).toMatchObject({ "@name": "Office.AutoShowTaskpaneWithDocument", "@value": "true" });
  });

  test("is reached from the package root through the task-pane part, as Excel writes them", async () => {
    const rootRels = await zip.file("_rels/.rels")!.async("string");
    expect(rootRels).toMatch(/Type="http:\/\/schemas.microsoft.com\/office\/2011\/relationships\/webextensiontaskpanes" Target="xl\/webextensions\/taskpanes.xml"/);
    const panes = parser.parse(await zip.file(TASKPANES_PART)!.async("string"))["wetp:taskpanes"]["wetp:taskpane"];
    expect(panes).toMatchObject({ "@dockstate": "right", "@visibility": "1" });
    const relId = panes["wetp:webextensionref"]["@r:id"];
    const paneRels = await zip.file("xl/webextensions/_rels/taskpanes.xml.rels")!.async("string");
    expect(paneRels).toContain(`Id="${relId}" Type="http://schemas.microsoft.com/office/2011/relationships/webextension" Target="webextension1.xml"`);
    const types = await zip.file("[Content_Types].xml")!.async("string");
    expect(types).toContain('PartName="/xl/webextensions/webextension1.xml" ContentType="application/vnd.ms-office.webextension+xml"');
    expect(types).toContain('PartName="/xl/webextensions/taskpanes.xml" ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"');
  });
});
