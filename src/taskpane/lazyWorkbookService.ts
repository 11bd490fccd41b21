/**
 * The Office workbook service, loaded on first use: the Office.js adapter (insert, refresh, share)
 * is a chunk of its own, fetched when the analyst first inserts, refreshes or shares, so opening a
 * workbook (which loads this page in the shared runtime) does not wait for it.
 */
import type { WorkbookService } from "./services";

type Method = keyof WorkbookService;
const METHODS: Method[] = ["insertBriefing", "insertDataset", "listSheets", "listInsertions", "refresh", "prepareForSharing", "activateSheet"];

export function createLazyWorkbookService(): WorkbookService {
  let service: Promise<WorkbookService> | null = null;
  const load = () =>
    (service ??= import(/* webpackChunkName: "office-adapter" */ "./officeWorkbookService").then((m) => m.createOfficeWorkbookService()).catch((e: unknown) => {
      service = null; // a network failure may pass: try again on the next click
      throw new Error(`The add-in's Office code could not be loaded (${e instanceof Error ? e.message : String(e)}). Check the network connection and try again.`);
    }));
  const lazy = {} as Record<Method, (...args: unknown[]) => Promise<unknown>>;
  for (const method of METHODS) {
    lazy[method] = async (...args: unknown[]) => {
      const real = (await load()) as unknown as Record<Method, (...a: unknown[]) => Promise<unknown>>;
      return real[method](...args);
    };
  }
  return lazy as unknown as WorkbookService;
}
