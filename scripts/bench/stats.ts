/** Small helpers the benchmark sections share. */
import zlib from "zlib";

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Bytes as gzip -9 sends them. */
export const gzipSize = (data: Buffer | string) => zlib.gzipSync(data, { level: 9 }).length;

export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

export const verdict = (met: boolean) => (met ? "met" : "NOT met");
