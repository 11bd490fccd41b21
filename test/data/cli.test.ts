/** `chokepoint datasets` and `chokepoint datasets <id>`. */
import { run } from "../../src/cli/datasets";
import { main } from "../../src/cli/main";
import { datasetIds, getDataset } from "../../src/data";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe("chokepoint datasets", () => {
  test("lists every dataset id with its coverage", () => {
    const c = capture();
    expect(run([], c.io)).toBe(0);
    const text = c.out.join("\n");
    for (const id of datasetIds()) expect(text).toMatch(new RegExp(`^${id}\\s`, "m"));
    expect(text).toContain("1992–2024; 14 countries");
  });

  test("the list has the columns of CHOKEPOINT.DATASETS() (id, title, publisher, units, coverage), whole and readable", () => {
    const c = capture();
    expect(run([], c.io)).toBe(0);
    const text = c.out.join("\n");
    // No line wider than a terminal; nothing cut short with "...".
    expect(Math.max(...text.split("\n").map((l) => l.length))).toBeLessThanOrEqual(100);
    const blocks = text.split("\n\n");
    expect(blocks.map((b) => b.split("\n")[0])).toEqual(datasetIds());
    for (const block of blocks) {
      const [id, ...lines] = block.split("\n");
      // Rejoin wrapped lines: a continuation line has no "label:" of its own.
      const fields: Record<string, string> = {};
      let last = "";
      for (const line of lines) {
        const m = /^ {2}(title|publisher|units|coverage):\s+(.*)$/.exec(line);
        if (m) fields[(last = m[1])] = m[2];
        else fields[last] += ` ${line.trim()}`;
      }
      const meta = getDataset(id).meta;
      const squash = (t: string) => t.replace(/\s+/g, " ");
      expect(fields).toEqual({ title: squash(meta.title), publisher: squash(meta.publisher), units: squash(meta.units), coverage: squash(meta.coverage.summary) });
    }
  });

  test("--json without an id gives the same catalogue rows", () => {
    const c = capture();
    expect(run(["--json"], c.io)).toBe(0);
    const rows = JSON.parse(c.out[0]) as Array<Record<string, string>>;
    expect(Object.keys(rows[0])).toEqual(["id", "title", "publisher", "units", "coverage"]);
    expect(rows.find((r) => r.id === "bgs_mine_production")!.coverage).toBe("1992–2024; 14 countries");
  });

  test("one dataset: provenance, coverage, gaps, hash and citation", () => {
    const c = capture();
    expect(run(["usgs_mcs_mine_production"], c.io)).toBe(0);
    const text = c.out.join("\n");
    const meta = getDataset("usgs_mcs_mine_production").meta;
    expect(text).toContain(`sha256:         ${meta.sha256}`);
    expect(text).toContain("publisher:      U.S. Geological Survey (USGS)");
    expect(text).toMatch(/years:\s+2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025/);
    expect(text).toContain("CHN (China)");
    expect(text).toContain("edition: MCS 2026 > MCS 2025 > MCS 2024");
    expect(text).toContain("cite as: U.S. Geological Survey (USGS)");
    expect(text).toContain("gaps and caveats:");
  });

  test("--json gives the metadata", () => {
    const c = capture();
    expect(run(["bgs_mine_production", "--json"], c.io)).toBe(0);
    expect(JSON.parse(c.out[0]).coverage.firstYear).toBe(1992);
  });

  test("an unknown id fails with the nearest ids", () => {
    const c = capture();
    expect(run(["bgs"], c.io)).toBe(1);
    expect(c.err[0]).toMatch(/dataset "bgs" is not known; did you mean "bgs_mine_production"/);
  });

  test("through the chokepoint command; bad usage exits 2", async () => {
    const c = capture();
    expect(await main(["datasets", "framework_paper"], c.io)).toBe(0);
    expect(c.out.join("\n")).toContain("framework_paper: Figures stated in the framework paper");
    const d = capture();
    expect(await main(["datasets", "a", "b"], d.io)).toBe(2);
    expect(d.err[0]).toMatch(/give at most one dataset id/);
  });
});
