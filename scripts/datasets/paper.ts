/** Figures stated in the framework paper (its text is in the shared seed material), each with the sentence it comes from. */
import { z } from "zod";
import type { Dataset, Flag } from "../../src/data/schema";
import { anyText, finish, nonEmpty, parseValue, put, readCsv, row } from "./common";

export function frameworkPaper(): Dataset {
  const file = "framework_paper_figures.csv";
  const recs = readCsv(file, { figure_id: z.string().regex(/^[a-z][a-z0-9_]*$/, "expected a lower-case id"), subject: nonEmpty, country_or_scope: anyText, year: z.string().regex(/^(\d{4})?$/), value: nonEmpty, unit: nonEmpty, stated_as: nonEmpty, section: nonEmpty });
  const rows = recs.map((r) => {
    const target = { values: {} as Record<string, number | null>, text: { unit: r.unit, subject: r.subject, stated_as: r.stated_as, section: r.section, scope: r.country_or_scope } as Record<string, string>, flags: [] as Flag[] };
    put(target, "value", parseValue(r.value));
    return row({ key: r.figure_id, label: r.subject, year: r.year ? Number(r.year) : null, ...target, note: `"${r.stated_as}" (section: ${r.section})` });
  });
  return finish(
    {
      id: "framework_paper",
      title: "Figures stated in the framework paper (US and Japanese approaches to supply-chain security in rare earths and permanent magnets, 2022 working paper)",
      publisher: "Framework paper (2022 working paper on US and Japanese supply-chain security in rare earths and permanent magnets)",
      // no public address: the work is cited by its description
      sourceUrl: "",
      retrievedVia: "figures copied from the paper's text with the sentence they come from (stated_as)",
      extracts: [file],
      publicationYear: 2022,
      licence: "quoted with attribution to the paper",
      units: "as stated per figure (see unit)",
      keyKind: "figure",
      fields: [
        { name: "value", unit: "see unit", description: "the figure as stated" },
        { name: "lower_bound", unit: "see unit", description: "bound where stated as 'more than x'" },
      ],
      defaultField: "value",
      variants: null,
      share: { unavailable: "figures are stated shares and counts, not country rows with a world total" },
      gaps: ["The paper's year is left blank where it states none; its own sources: USGS MCS 2022, Mergent, Google Patents (May 2022), Statista / Quest Rare Minerals, interviews."],
    },
    rows,
  );
}
