/** The year rule (src/model/yearRule.ts) and its documentation in docs/model.md. */
import fs from "fs";
import path from "path";
import { chooseYear, noYear, relationText, worse, YEAR_LIMITS } from "../../src/model/yearRule";

describe("chooseYear", () => {
  test("the same year where the data has it", () => {
    expect(chooseYear([2018, 2019, 2021], 2019, "partner_share")).toEqual({ year: 2019, relation: "same year", gap: 0 });
  });

  test("else the latest earlier year within the limit, before any later one", () => {
    expect(chooseYear([2014, 2018, 2021], 2017, "partner_share")).toEqual({ year: 2014, relation: "earlier", gap: 3 });
    expect(chooseYear([2014, 2021], 2018, "partner_share")).toBeNull(); // 4 years earlier is beyond 3; later never
    expect(chooseYear([2010, 2019], 2015, "refining_shares")).toEqual({ year: 2010, relation: "earlier", gap: 5 });
  });

  test("a later year only for slow-moving kinds, the nearest, within their limit", () => {
    expect(chooseYear([2021], 2015, "patents")).toEqual({ year: 2021, relation: "later", gap: 6 });
    expect(chooseYear([2021], 2005, "patents")).toBeNull(); // 16 years later is beyond 15
    expect(chooseYear([2023, 2024, 2025], 2008, "reserves")).toEqual({ year: 2023, relation: "later", gap: 15 });
    expect(chooseYear([2019, 2022], 2018, "firm")).toBeNull();
    expect(chooseYear([2017], 2016, "magnet_shares")).toBeNull();
  });

  test("mine production takes its own year only", () => {
    expect(chooseYear([2023, 2025], 2024, "mine_production")).toBeNull();
  });

  test("what a row says", () => {
    expect(relationText({ year: 2021, relation: "later", gap: 6 })).toBe("later than the year asked (6 years)");
    expect(relationText({ year: 2023, relation: "earlier", gap: 1 })).toBe("earlier (1 year)");
    expect(worse({ year: 2024, relation: "same year", gap: 0 }, { year: 2022, relation: "earlier", gap: 2 })).toEqual({ year: 2022, relation: "earlier", gap: 2 });
    expect(noYear("partner_share", 2018, [2014, 2021])).toBe(
      "no largest-partner share of imports (the partner part of t_c) for 2018 within the staleness limit (2015–2018 may be used (never a later year)); years with one: 2014, 2021",
    );
  });
});

test("docs/model.md's staleness table is YEAR_LIMITS", () => {
  const doc = fs.readFileSync(path.resolve(__dirname, "../../docs/model.md"), "utf8");
  for (const [kind, l] of Object.entries(YEAR_LIMITS)) {
    const row = doc.split("\n").find((line) => line.startsWith(`| \`${kind}\` |`));
    expect(row).toBeDefined();
    const cells = row!.split(" | ");
    expect(cells[2]).toBe(String(l.earlier));
    expect(cells[3]).toBe(l.later === null ? "never" : `up to ${l.later} (slow-moving, flagged)`);
    expect(row).toContain(l.why);
  }
});
