/**
 * The parts that name the add-in in the workbook, so that Excel offers to load Chokepoint when a
 * colleague opens the file and the CHOKEPOINT formulas bind to it: a web-extension part
 * (xl/webextensions/webextension1.xml, [MS-OWEXML] CT_OsfWebExtension) holding the manifest's Id,
 * version and store, with the `Office.AutoShowTaskpaneWithDocument` property; and a task-pane part
 * (xl/webextensions/taskpanes.xml) that opens its pane. This is the Open XML route of Microsoft's
 * "Automatically open a task pane with a document"; the manifest's ShowTaskpane action uses the
 * TaskpaneId `Office.AutoShowTaskpaneWithDocument` to name the pane that opens.
 */
import { XML_HEADER, xmlEscape, type XlsxPackage } from "./package";

/** manifest.xml's `<Id>` and `<Version>` (test/contract/manifest.test.ts keeps them equal). */
export const ADDIN = {
  id: "82b25efe-3e1d-4872-8ee7-b8e6d0a6e503",
  version: "0.1.0.0",
};

/**
 * Where Excel looks for the manifest, in order: Centralized Deployment through the Microsoft 365
 * admin center (how an organisation gives the add-in to its analysts), then a sideloaded
 * developer copy (`npm start`). Microsoft's table: EXCatalog → store "EXCatalog"; Registry →
 * store "developer"; both with the manifest's GUID and version.
 */
export const ADDIN_STORES = [
  { storeType: "EXCatalog", store: "EXCatalog" },
  { storeType: "Registry", store: "developer" },
] as const;

export const AUTO_SHOW_TASKPANE = "Office.AutoShowTaskpaneWithDocument";

const NS_WE = "http://schemas.microsoft.com/office/webextensions/webextension/2010/11";
const NS_WETP = "http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const WEB_EXTENSION_PART = "xl/webextensions/webextension1.xml";
export const TASKPANES_PART = "xl/webextensions/taskpanes.xml";
const TASKPANES_REL = "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes";
const WEB_EXTENSION_REL = "http://schemas.microsoft.com/office/2011/relationships/webextension";
const WEB_EXTENSION_TYPE = "application/vnd.ms-office.webextension+xml";
const TASKPANES_TYPE = "application/vnd.ms-office.webextensiontaskpanes+xml";
/** This document's instance of the add-in (an instance id, not the add-in's Id). */
const INSTANCE_ID = "{5C1F8A3E-2B7D-4E61-9C0A-7D3B2E9F4A15}";

function reference({ storeType, store }: (typeof ADDIN_STORES)[number]): string {
  return `<we:reference id="${ADDIN.id}" version="${xmlEscape(ADDIN.version)}" store="${xmlEscape(store)}" storeType="${storeType}"/>`;
}

export function webExtensionXml(): string {
  const [primary, ...alternates] = ADDIN_STORES;
  return (
    `${XML_HEADER}<we:webextension xmlns:we="${NS_WE}" id="${INSTANCE_ID}">${reference(primary)}` +
    `<we:alternateReferences>${alternates.map(reference).join("")}</we:alternateReferences>` +
    `<we:properties><we:property name="${AUTO_SHOW_TASKPANE}" value="true"/></we:properties>` +
    `<we:bindings/><we:snapshot xmlns:r="${NS_R}"/></we:webextension>`
  );
}

/**
 * visibility="1": the pane opens the first time the file is opened and Excel asks the user to
 * trust the add-in, which is how a file distributes its add-in (with "0" a user who has not
 * installed it is never offered it).
 */
export function taskpanesXml(relId: string): string {
  return (
    `${XML_HEADER}<wetp:taskpanes xmlns:wetp="${NS_WETP}"><wetp:taskpane dockstate="right" visibility="1" width="350" row="1">` +
    `<wetp:webextensionref xmlns:r="${NS_R}" r:id="${relId}"/></wetp:taskpane></wetp:taskpanes>`
  );
}

/** Adds the web-extension and task-pane parts, related from the package root as Excel writes them. */
export async function addWebExtension(pkg: XlsxPackage): Promise<void> {
  await pkg.write(WEB_EXTENSION_PART, webExtensionXml(), WEB_EXTENSION_TYPE);
  const relId = await pkg.relate(TASKPANES_PART, WEB_EXTENSION_REL, WEB_EXTENSION_PART);
  await pkg.write(TASKPANES_PART, taskpanesXml(relId), TASKPANES_TYPE);
  await pkg.relate("", TASKPANES_REL, TASKPANES_PART);
}
