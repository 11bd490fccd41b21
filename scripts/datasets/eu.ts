/** European Commission criticality assessments: the EU CRM 2023 study's supply shares and trade variable t. */
import { z } from "zod";
import type { Dataset, Flag } from "../../src/data/schema";
import { countryKey, finish, nonEmpty, numberText, readCsv, Rec, row, uniq } from "./common";

export function euCrm(): Dataset {
  const file = "eu_crm2023_ree_supply_shares_t.csv";
  const recs = readCsv(file, { supply_mix: z.enum(["global", "eu"]), Material: nonEmpty, Stage: z.enum(["E", "P"]), Country: nonEmpty, Share: z.string().regex(/^<?\d+(\.\d+)?%$/, 'expected a share like "68.3%" or "<0.1%"'), t: numberText });
  const stageName = { E: "extraction", P: "processing" } as const;
  const variantOf = (r: Rec) => `${r.Material}, ${stageName[r.Stage as "E" | "P"]}, ${r.supply_mix === "global" ? "global supply" : "EU sourcing"}`;
  const variants = uniq(recs.map(variantOf));
  const rows = recs.map((r) => {
    const below = r.Share.startsWith("<");
    const pct = Number(r.Share.replace(/[<%]/g, ""));
    const values: Record<string, number | null> = { share: below ? null : Math.round(pct * 1000) / 100000, t: Number(r.t) };
    const flags: Flag[] = [];
    if (below) values.upper_bound = pct / 100;
    return row({
      key: countryKey(r.Country, file),
      label: r.Country,
      year: null,
      period: "EU CRM 2023 assessment",
      variant: variantOf(r),
      values,
      text: { printed_share: r.Share, material: r.Material, stage: r.Stage, supply_mix: r.supply_mix },
      flags,
      note: below ? `share printed as "${r.Share}" (below the bound; value missing, upper_bound set)` : "",
    });
  });
  return finish(
    {
      id: "eu_crm2023_shares",
      title: "Study on the Critical Raw Materials for the EU 2023: rare-earth supply shares and the trade variable t",
      publisher: "European Commission (Grohol and Veeh, 2023, doi:10.2873/725585)",
      sourceUrl: "https://doi.org/10.2873/725585",
      retrievedVia: "github erikemilsson/EU-Critical-Raw-Materials-CRM-Reports-Datasets, Data/fact_GlobalSupplyShares&t.csv and Data/fact_EUSupplyShares&t.csv (CC BY 4.0 transcription)",
      extracts: [file],
      publicationYear: 2023,
      licence: "CC BY 4.0 (European Commission); cite the EU 2023 study",
      units: "share of supply as a fraction (printed as %); t dimensionless (1.0 baseline, 0.8 EU members, >1 export-restricting producers)",
      keyKind: "country",
      fields: [
        { name: "share", unit: "fraction", description: "share of global supply or EU sourcing (printed % / 100)" },
        { name: "t", unit: "", description: "trade-related variable t of the EU method" },
        { name: "upper_bound", unit: "fraction", description: "the bound where the share is printed as '<x%'" },
      ],
      defaultField: "share",
      variants: { label: "material and stage", order: variants, policy: "explicit" },
      share: { unavailable: "the values are already supply shares" },
      gaps: [
        "Choose the material, stage and supply mix with the field, e.g. \"share@Neodymium, extraction, global supply\"; without it the first listed (" + variants[0] + ") is used.",
        "Shares printed as '<0.1%' have no value (upper_bound set).",
        "Method (for the supply risk SR): SR = [HHI_GS·IR/2 + HHI_EU·(1 − IR/2)]·(1 − EOL_RIR)·SI_SR, HHI = Σ S²·WGI·t.",
      ],
    },
    rows,
  );
}
