/** docs/model.md's "What the reference data says" block is exactly what the code computes. */
import fs from "fs";
import path from "path";
import { BEGIN, END, findingsMarkdown } from "./findings";

test("the findings block in docs/model.md matches the code (regenerate: npx tsx test/model/write-findings.ts)", () => {
  const doc = fs.readFileSync(path.resolve(__dirname, "../../docs/model.md"), "utf8");
  const block = doc.slice(doc.indexOf(BEGIN), doc.indexOf(END) + END.length);
  expect(block).toBe(findingsMarkdown());
});
