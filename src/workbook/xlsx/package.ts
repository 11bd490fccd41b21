/**
 * The .xlsx package (an Open Packaging Conventions zip) after ExcelJS has written it: parts,
 * relationships and content types, for the writers that add what ExcelJS cannot (charts, the
 * add-in's web-extension part, the plan metadata). jszip is the zip library ExcelJS itself uses.
 */
import JSZip from "jszip";

export const REL = {
  officeDocument: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  package: "http://schemas.openxmlformats.org/package/2006/relationships",
};

const RELS_HEADER = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${REL.package}">`;

export const XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function xmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function xmlUnescape(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** The relationships part of a part: `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
function relsPath(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** `target` relative to the folder of `from` (both package paths without a leading slash). */
function relativeTarget(from: string, target: string): string {
  const fromDir = from.split("/").slice(0, -1);
  const to = target.split("/");
  let common = 0;
  while (common < fromDir.length && common < to.length - 1 && fromDir[common] === to[common]) common++;
  return [...fromDir.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

export class XlsxPackage {
  private constructor(private readonly zip: JSZip) {}

  static async load(buffer: Buffer): Promise<XlsxPackage> {
    return new XlsxPackage(await JSZip.loadAsync(buffer));
  }

  has(part: string): boolean {
    return this.zip.file(part) !== null;
  }

  async read(part: string): Promise<string> {
    const file = this.zip.file(part);
    if (!file) throw new Error(`the package has no part ${part}`);
    return file.async("string");
  }

  /** Writes a part; with a content type, also declares it in [Content_Types].xml. */
  async write(part: string, xml: string, contentType?: string): Promise<void> {
    this.zip.file(part, xml);
    if (contentType) {
      const types = await this.read("[Content_Types].xml");
      if (!types.includes(`PartName="/${part}"`)) {
        this.zip.file("[Content_Types].xml", types.replace("</Types>", `<Override PartName="/${part}" ContentType="${contentType}"/></Types>`));
      }
    }
  }

  /**
   * Adds a relationship from `source` (a part, or "" for the package itself) to the part `target`
   * (a package path), creating the relationships part if needed; returns its id.
   */
  async relate(source: string, type: string, target: string): Promise<string> {
    const rels = source === "" ? "_rels/.rels" : relsPath(source);
    const xml = this.has(rels) ? await this.read(rels) : `${RELS_HEADER}</Relationships>`;
    const used = new Set([...xml.matchAll(/\bId="([^"]+)"/g)].map((m) => m[1]));
    let n = used.size + 1;
    while (used.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const ref = source === "" ? target : relativeTarget(source, target);
    this.zip.file(rels, xml.replace("</Relationships>", `<Relationship Id="${id}" Type="${type}" Target="${xmlEscape(ref)}"/></Relationships>`));
    return id;
  }

  /** Worksheet part path by sheet name, from xl/workbook.xml and its relationships. */
  async worksheetParts(): Promise<Map<string, string>> {
    const workbook = await this.read("xl/workbook.xml");
    const rels = await this.read("xl/_rels/workbook.xml.rels");
    const targets = new Map([...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [attr(m[0], "Id"), attr(m[0], "Target")]));
    const out = new Map<string, string>();
    for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
      const target = targets.get(attr(m[0], "r:id"));
      if (target) out.set(xmlUnescape(attr(m[0], "name")), target.startsWith("/") ? target.slice(1) : `xl/${target}`);
    }
    return out;
  }

  /** The part names matching a pattern, e.g. every chart part. */
  parts(pattern: RegExp): string[] {
    return Object.keys(this.zip.files).filter((p) => pattern.test(p));
  }

  async buffer(): Promise<Buffer> {
    return this.zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  }
}

function attr(tag: string, name: string): string {
  const m = new RegExp(`\\s${name.replace(":", "\\:")}="([^"]*)"`).exec(tag);
  return m ? m[1] : "";
}

/**
 * Inserts `element` into a worksheet's XML where the schema's sequence puts it: before the first
 * child of the root named in `before` (element names), else before `</worksheet>`. Only the root's
 * own children count (a rule's nested extLst does not).
 */
export function insertIntoWorksheet(xml: string, element: string, before: string[]): string {
  let at = xml.lastIndexOf("</worksheet>");
  let depth = 0;
  for (const m of xml.matchAll(/<(\/?)([A-Za-z_][\w:.-]*)[^>]*?(\/?)>/g)) {
    if (m[1]) {
      depth--;
      continue;
    }
    if (depth === 1 && before.includes(m[2])) {
      at = m.index!;
      break;
    }
    if (!m[3]) depth++;
  }
  return xml.slice(0, at) + element + xml.slice(at);
}
