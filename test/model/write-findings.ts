/* Rewrites the generated "What the reference data says" block of docs/model.md: npx tsx test/model/write-findings.ts */
import fs from "fs";
import path from "path";
import { BEGIN, END, findingsMarkdown } from "./findings";

const doc = path.resolve(__dirname, "../../docs/model.md");
const text = fs.readFileSync(doc, "utf8");
const start = text.indexOf(BEGIN);
const end = text.indexOf(END);
if (start < 0 || end < 0) throw new Error(`docs/model.md has no ${BEGIN} … ${END} block`);
fs.writeFileSync(doc, text.slice(0, start) + findingsMarkdown() + text.slice(end + END.length));
console.log("docs/model.md: findings block rewritten");
