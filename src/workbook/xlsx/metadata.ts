/**
 * The plan's metadata stored in the file: custom document properties for the headline fields
 * (docProps/custom.xml) and a custom XML part with all of it, chart specs included, as JSON.
 */
import type { WorkbookPlan } from "../plan";
import { REL, XML_HEADER, xmlEscape, xmlUnescape, type XlsxPackage } from "./package";

/** Namespace of the custom XML part holding the plan's metadata and chart specs. */
export const PLAN_XML_NAMESPACE = "urn:chokepoint:workbook-plan";
/** Prefix of the custom document properties. */
export const PROPERTY_PREFIX = "chokepoint.";

const PLAN_PART = "customXml/item1.xml";

/** The metadata stored in the file: the plan's metadata plus each sheet's chart specs. */
export function storedMetadata(plan: WorkbookPlan): Record<string, unknown> {
  return {
    formatVersion: plan.formatVersion,
    ...plan.metadata,
    charts: plan.sheets.flatMap((s) => (s.charts ?? []).map((c) => ({ sheet: s.key, sheetName: s.name, ...c }))),
  };
}

export async function addPlanMetadata(pkg: XlsxPackage, plan: WorkbookPlan, extra: Array<[string, string]> = []): Promise<void> {
  const meta = plan.metadata;
  const props: Array<[string, string]> = [
    ["templateId", meta.templateId],
    ["templateVersion", meta.templateVersion],
    ["generatedAt", meta.generatedAt],
    ["planFormatVersion", String(plan.formatVersion)],
    ["datasets", meta.datasets.map((d) => `${d.id}@${d.hash.slice(0, 12)}`).join(" ")],
    ...(meta.modelVersion !== undefined ? [["modelVersion", String(meta.modelVersion)] as [string, string]] : []),
    ["options", JSON.stringify(meta.options)],
    ...extra,
  ];
  await pkg.write(
    "docProps/custom.xml",
    `${XML_HEADER}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
      props
        .map(([k, v], i) => `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${PROPERTY_PREFIX}${k}"><vt:lpwstr>${xmlEscape(v)}</vt:lpwstr></property>`)
        .join("") +
      "</Properties>",
    "application/vnd.openxmlformats-officedocument.custom-properties+xml",
  );
  await pkg.relate("", `${REL.officeDocument}/custom-properties`, "docProps/custom.xml");

  await pkg.write(PLAN_PART, `${XML_HEADER}<chokepointPlan xmlns="${PLAN_XML_NAMESPACE}">${xmlEscape(JSON.stringify(storedMetadata(plan)))}</chokepointPlan>`);
  await pkg.write(
    "customXml/itemProps1.xml",
    `${XML_HEADER}<ds:datastoreItem ds:itemID="{6C0B5A52-3F0E-4C57-9B7E-2D9E8C1F4A01}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">` +
      `<ds:schemaRefs><ds:schemaRef ds:uri="${PLAN_XML_NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>`,
    "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
  );
  await pkg.relate(PLAN_PART, `${REL.officeDocument}/customXmlProps`, "customXml/itemProps1.xml");
  await pkg.relate("xl/workbook.xml", `${REL.officeDocument}/customXml`, PLAN_PART);
}

/** Reads the plan metadata back from an .xlsx written by renderXlsx. */
export async function readPlanMetadata(pkg: XlsxPackage): Promise<Record<string, unknown> | null> {
  if (!pkg.has(PLAN_PART)) return null;
  const m = /<chokepointPlan[^>]*>([\s\S]*)<\/chokepointPlan>/.exec(await pkg.read(PLAN_PART));
  return m ? (JSON.parse(xmlUnescape(m[1])) as Record<string, unknown>) : null;
}
