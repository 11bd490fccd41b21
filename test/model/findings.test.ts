/** docs/model.md's "What the reference data says" block is exactly what the code computes. */
import fs from "fs";
import path from "path";
import { BEGIN, END, findings, findingsMarkdown } from "./findings";

test("the findings block in docs/model.md matches the code (regenerate: npx tsx test/model/write-findings.ts)", () => {
  const doc = fs.readFileSync(path.resolve(__dirname, "../../docs/model.md"), "utf8");
  const block = doc.slice(doc.indexOf(BEGIN), doc.indexOf(END) + END.length);
  expect(block).toBe(findingsMarkdown());
});

test("the README's CVI table is the model's latest numbers, to three decimals", () => {
  const readme = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
  for (const row of findings().current) {
    const line = readme.split("\n").find((l) => l.startsWith(`| ${row.country} | `) && l.split("|").length === 6);
    expect(line).toBe(`| ${row.country} | ${row.mining.toFixed(3)} | ${row.midstream.toFixed(3)} | ${row.magnets.toFixed(3)} |`);
  }
});
