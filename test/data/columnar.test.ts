/**
 * The columnar form the add-in's bundle ships the datasets in (src/data/columnar.ts, applied by
 * scripts/dataset-loader.js): every committed dataset comes back equal in every value and key
 * order, and it is much smaller; a dataset the form cannot restore exactly is left as JSON.
 */
import fs from "fs";
import path from "path";
import zlib from "zlib";
import { decodeDataset, encodeDataset, type ColumnarDataset } from "../../src/data/columnar";

const DIR = path.resolve(__dirname, "../../src/data/generated");
const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".json"));
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(DIR, f), "utf8"));
/** Through JSON, as the bundle carries it. */
const shipped = (encoded: unknown) => decodeDataset(JSON.parse(JSON.stringify(encoded)));

describe("columnar datasets", () => {
  test.each(files)("%s comes back exactly (values, nulls, absent fields, key order)", (file) => {
    const dataset = read(file);
    const encoded = encodeDataset(dataset);
    expect(encoded).not.toBeNull();
    const back = shipped(encoded);
    expect(back).toStrictEqual(dataset);
    // JSON text compares key order too.
    expect(JSON.stringify(back)).toBe(JSON.stringify(dataset));
  });

  test("the committed data is much smaller in columnar form", () => {
    const json = files.map((f) => JSON.stringify(read(f))).join("");
    const columnar = files.map((f) => JSON.stringify(encodeDataset(read(f)))).join("");
    expect(columnar.length).toBeLessThan(json.length / 2);
    const gzip = (s: string) => zlib.gzipSync(s, { level: 9 }).length;
    // Under half the gzip size of the JSON (99.0 KB for 207.3 KB, main's 31 datasets).
    expect(gzip(columnar)).toBeLessThan(gzip(json) * 0.5);
  });

  test("rows never share arrays or objects", () => {
    const dataset = read("usgs_mcs_mine_production.json");
    const back = shipped(encodeDataset(dataset)) as { rows: Array<{ flags: string[]; values: object }> };
    const withFlags = back.rows.filter((r) => r.flags.length === 0);
    expect(withFlags.length).toBeGreaterThan(1);
    expect(withFlags[0].flags).not.toBe(withFlags[1].flags);
    back.rows[0].flags.push("estimate");
    expect(back.rows[1].flags).toEqual(dataset.rows[1].flags);
  });

  test("absent and null values and repeated records keep their difference", () => {
    const dataset = {
      meta: { id: "t" },
      rows: [
        { key: "A", values: { x: 1, y: null }, flags: ["estimate"], note: "same" },
        { key: "A", values: { y: 2, x: 3 }, flags: ["estimate"], note: "same" },
        { key: "B", values: {}, flags: [], note: "same" },
        { key: "B", values: { x: 1, y: null }, flags: [], note: "other" },
      ],
    };
    const back = shipped(encodeDataset(dataset));
    expect(back).toStrictEqual(dataset);
    expect(JSON.stringify(back)).toBe(JSON.stringify(dataset));
  });

  test("a series by year is stored as scaled steps, and comes back as the same numbers", () => {
    // Governance-style scores: two decimals, changing little from year to year.
    const rows = Array.from({ length: 40 }, (_, i) => ({ key: i < 20 ? "ABW" : "AFG", year: 2000 + (i % 20), values: { va: Math.round((0.74 + Math.sin(i) / 10) * 100) / 100, pv: i === 7 ? null : Math.round((-1.5 + i / 100) * 100) / 100 } }));
    const dataset = { meta: { id: "t" }, rows };
    const encoded = encodeDataset(dataset) as ColumnarDataset;
    const values = encoded.columns[encoded.properties.indexOf("values")] as { record: { names: string[]; fields: object[] } };
    expect(values.record.names).toEqual(["va", "pv"]);
    expect(values.record.fields.map((f) => Object.keys(f)[0])).toEqual(["delta", "delta"]);
    expect(shipped(encoded)).toStrictEqual(dataset);
  });

  test("integers as text: one character for small ones, exact up to 2^51, nulls kept, no character JSON or JS must escape", () => {
    const n = [0, 1, -1, 35, -36, 36, 71, 72, 1000, -1000, 163410938, -1871341, 2 ** 51 - 1, -(2 ** 51 - 1), null, 7];
    const rows = n.map((v, i) => ({ key: `K${i % 3}`, values: { v } }));
    const encoded = encodeDataset({ meta: {}, rows }) as ColumnarDataset;
    const field = (encoded.columns[1] as { record: { fields: Array<Record<string, { d: string }>> } }).record.fields[0];
    const text = Object.values(field)[0].d;
    expect(typeof text).toBe("string");
    expect(text).not.toMatch(/["\\\u0000-\u001f\u007f-\uffff]/);
    expect(shipped(encoded)).toStrictEqual({ meta: {}, rows });
    // A series of small steps: one character each.
    const steps = Array.from({ length: 50 }, (_, i) => ({ values: { x: (i % 7) - 3 } }));
    const small = encodeDataset({ meta: {}, rows: steps }) as ColumnarDataset;
    const d = Object.values((small.columns[0] as { record: { fields: Array<Record<string, { d: string }>> } }).record.fields[0])[0].d;
    expect(d.length).toBe(50);
  });

  test("a label that follows from the key is stored once per key; a field that is the difference of two others is computed", () => {
    const trade = [
      ["KEN", "Kenya", 637, 640],
      ["ZAF", "South Africa", 7946, 1879287],
      ["KEN", "Kenya", 900, 12],
      ["CHN", "China", 163410938, 1453249],
      ["ZAF", "South Africa", 5, 0],
    ] as const;
    const rows = trade.map(([key, label, ex, im], i) => ({ key, label, year: 1995 + i, values: { ex, im, net: ex - im } }));
    const dataset = { meta: { id: "t" }, rows };
    const encoded = encodeDataset(dataset) as ColumnarDataset;
    const column = (p: string) => encoded.columns[encoded.properties.indexOf(p)] as Record<string, unknown>;
    expect(column("label")).toEqual({ of: encoded.properties.indexOf("key"), d: ["Kenya", "South Africa", "China"] });
    const values = column("values") as { record: { names: string[]; fields: object[] } };
    expect(values.record.fields.filter((f) => "difference" in f || "sum" in f)).toHaveLength(1);
    expect(shipped(encoded)).toStrictEqual(dataset);
    // Not when one row breaks the rule: a label that differs for one key, a net that is off by one.
    const broken = { meta: {}, rows: rows.map((r, i) => ({ ...r, label: i === 2 ? "Kenya (old)" : r.label, values: { ...r.values, net: r.values.net + (i === 4 ? 1 : 0) } })) };
    const b = encodeDataset(broken) as ColumnarDataset;
    expect(Object.keys(b.columns[b.properties.indexOf("label")])).not.toContain("of");
    expect((b.columns[b.properties.indexOf("values")] as { record: { fields: object[] } }).record.fields.filter((f) => "difference" in f || "sum" in f)).toEqual([]);
    expect(shipped(b)).toStrictEqual(broken);
  });

  test("every dataset comes back exactly from the text the bundle carries (a JS string literal of its JSON)", () => {
    for (const file of files) {
      const dataset = read(file);
      const literal = JSON.stringify(JSON.stringify(encodeDataset(dataset)));
      const back = decodeDataset(JSON.parse(new Function(`return ${literal};`)() as string));
      expect({ file, same: JSON.stringify(back) === JSON.stringify(dataset) }).toEqual({ file, same: true });
    }
  });

  test("numbers that are not short decimals stay as they are", () => {
    const dataset = { meta: {}, rows: [{ v: 0.1 + 0.2 }, { v: 1 / 3 }, { v: 2 ** 60 }, { v: 1e-9 }] };
    const encoded = encodeDataset(dataset) as ColumnarDataset;
    expect(Object.keys(encoded.columns[0])).toEqual(["plain"]);
    expect(shipped(encoded)).toStrictEqual(dataset);
  });

  test("a value JSON cannot carry exactly (-0) makes the form refuse rather than change it", () => {
    expect(encodeDataset({ meta: {}, rows: [{ key: "A", values: { x: -0 } }] })).toBeNull();
  });

  test("a dataset whose rows differ in shape is not encoded (the bundle ships it as JSON)", () => {
    expect(encodeDataset({ meta: {}, rows: [{ a: 1, b: 2 }, { b: 2, a: 1 }] })).toBeNull();
    expect(encodeDataset({ meta: {}, rows: [{ a: 1 }, { a: 1, b: 2 }] })).toBeNull();
    expect(encodeDataset({ meta: {}, rows: [] })).toBeNull();
    expect(encodeDataset({ meta: {}, rows: [1, 2] })).toBeNull();
    expect(encodeDataset({ meta: {}, rows: [{ a: 1 }], extra: true })).toBeNull();
  });
});
