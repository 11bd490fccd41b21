/**
 * The content hash every dataset carries: SHA-256 of the canonical JSON of the dataset with its own
 * hash field blanked. Node-only (crypto): used by the build script and the tests, never bundled.
 */
import { createHash } from "crypto";
import type { Dataset } from "./schema";

/** The exact text that is hashed: JSON with keys in insertion order and meta.sha256 emptied. */
export function canonicalContent(ds: Dataset): string {
  return JSON.stringify({ ...ds, meta: { ...ds.meta, sha256: "" } });
}

export function datasetHash(ds: Dataset): string {
  return createHash("sha256").update(canonicalContent(ds), "utf8").digest("hex");
}
