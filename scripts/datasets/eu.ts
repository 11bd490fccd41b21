/**
 * European Commission criticality assessments: the EU CRM 2023 study's supply shares and trade
 * variable t, the 2017 study's printed supply-risk inputs for the rare earths, and the SR and EI of
 * every assessed material in the 2011–2023 rounds.
 */
import { z } from "zod";
import type { DataRow, Dataset, Flag } from "../../src/data/schema";
import { anyText, countryKey, finish, nonEmpty, numberText, optionalNumberText, parseValue, put, readCsv, Rec, row, slug, uniq, yearText } from "./common";

const EC_CRM_PAGE = "https://single-market-economy.ec.europa.eu/sectors/raw-materials/areas-specific-interest/critical-raw-materials_en";
const TRANSCRIPTION = "github erikemilsson/EU-Critical-Raw-Materials-CRM-Reports-Datasets";
const EC_LICENCE = "CC BY 4.0 (European Commission reports)";

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

/** The 2017 assessment's printed inputs to the supply risk, per rare earth (Tables 3 and 18). */
export function euCrm2017SrInputs(): Dataset {
  const file = "eu_crm2017_ree_supply_risk_inputs.csv";
  const numeric = ["supply_risk", "economic_importance", "import_reliance_pct", "eol_rir_pct", "si_ei", "si_sr", "hhiwgi_t_global_supply", "hhiwgi_t_eu_sourcing"] as const;
  const recs = readCsv(file, { material: nonEmpty, stage: z.enum(["Extraction", "Processing"]), sr_scope: z.enum(["GS + EUS", "GS only"]), ...Object.fromEntries(numeric.map((c) => [c, numberText])) });
  const rows = recs.map((r) =>
    row({
      key: slug(r.material),
      label: r.material,
      period: "EU CRM 2017 assessment",
      values: Object.fromEntries(numeric.map((c) => [c, Number(r[c])])),
      text: { stage: r.stage, sr_scope: r.sr_scope },
      note: r.sr_scope === "GS only" ? "supply risk assessed on global supply only (GS only): SR = HHI_GS · (1 − EOL_RIR) · SI_SR" : "",
    }),
  );
  return finish(
    {
      id: "eu_crm2017_sr_inputs",
      title: "Study on the review of the list of critical raw materials, Criticality assessments (2017): the rare earths' supply risk, economic importance and the printed inputs to the supply risk",
      publisher: "European Commission (2017 criticality assessment)",
      sourceUrl: EC_CRM_PAGE,
      retrievedVia: `the PDF "CRM 2017.pdf" in ${TRANSCRIPTION} (EU CRM pdf copies/), Table 3 (SR, EI, IR, EOL-RIR, supply data used) and Table 18 (SI(EI), SI(SR), HHI-WGI-t of global supply and EU sourcing), read as text`,
      extracts: [file],
      publicationYear: 2017,
      licence: EC_LICENCE,
      units: "SR, EI, SI and HHI-WGI-t dimensionless as printed; import reliance IR and end-of-life recycling input rate EOL-RIR in % (as printed)",
      keyKind: "item",
      fields: [
        { name: "supply_risk", unit: "", description: "supply risk SR as printed (critical from 1)" },
        { name: "economic_importance", unit: "", description: "economic importance EI as printed (critical from 2.8)" },
        { name: "import_reliance_pct", unit: "%", description: "EU import reliance IR" },
        { name: "eol_rir_pct", unit: "%", description: "end-of-life recycling input rate EOL-RIR" },
        { name: "si_ei", unit: "", description: "substitution index for economic importance SI(EI)" },
        { name: "si_sr", unit: "", description: "substitution index for supply risk SI(SR)" },
        { name: "hhiwgi_t_global_supply", unit: "0–10", description: "HHI-WGI-t of global supply (HHI_GS)" },
        { name: "hhiwgi_t_eu_sourcing", unit: "0–10", description: "HHI-WGI-t of EU sourcing (HHI_EU)" },
      ],
      defaultField: "supply_risk",
      variants: null,
      share: { unavailable: "the values are assessment scores and rates, not country quantities" },
      gaps: [
        "One assessment (2017) at one stage per element: extraction for the 15 rare earths, processing for scandium (text field stage).",
        "Scandium's SR uses global supply only ('GS only', text field sr_scope): SR = HHI_GS · (1 − EOL_RIR) · SI_SR.",
        "Inputs are printed rounded (HHI-WGI-t and SI to one decimal), so SR recomputed from them is within rounding of the printed SR, not equal to it (Nd: 4.72 against 4.8).",
        "Method: SR = [HHI_GS · IR/2 + HHI_EU · (1 − IR/2)] · (1 − EOL_RIR) · SI_SR; leave year blank (the period is the 2017 assessment).",
      ],
      coverageNote: "the 2017 assessment (period, no single year)",
    },
    rows,
  );
}

/** SR and EI of every material in the 2011, 2014, 2017, 2020 and 2023 assessments. */
export function euCrmAssessments(): Dataset {
  const file = "eu_crm_assessments_sr_ei_2011_2023.csv";
  const recs = readCsv(file, { material: nonEmpty, assessment_year: yearText, supply_risk: optionalNumberText, economic_importance: optionalNumberText, note: anyText });
  const rows: DataRow[] = recs.map((r) => {
    // The transcription breaks one name over two lines ("Natural Teak\nwood"): one material.
    const material = r.material.replace(/\s+/g, " ");
    const target = { values: {} as Record<string, number | null>, text: { methodology: Number(r.assessment_year) >= 2017 ? "2017 methodology" : "methodology of the 2011 and 2014 rounds" } as Record<string, string>, flags: [] as Flag[] };
    put(target, "sr", parseValue(r.supply_risk));
    put(target, "ei", parseValue(r.economic_importance));
    return row({ key: slug(material), label: material, year: Number(r.assessment_year), ...target, note: r.note });
  });
  return finish(
    {
      id: "eu_crm_assessments",
      title: "EU criticality assessments 2011–2023: supply risk and economic importance of every assessed material, by assessment round",
      publisher: "European Commission (criticality assessments 2011, 2014, 2017, 2020 and 2023, tabulated in Grohol and Veeh, 2023, doi:10.2873/725585)",
      sourceUrl: "https://doi.org/10.2873/725585",
      retrievedVia: `${TRANSCRIPTION}, Data/dimension_CRMsOverTime.csv (CC BY 4.0 transcription of the 2023 study's annex of results over time)`,
      extracts: [file],
      publicationYear: 2023,
      licence: EC_LICENCE,
      units: "supply risk SR and economic importance EI, dimensionless scores (critical: SR ≥ 1 and EI ≥ 2.8)",
      keyKind: "item",
      fields: [
        { name: "sr", unit: "", description: "supply risk SR" },
        { name: "ei", unit: "", description: "economic importance EI" },
      ],
      defaultField: "sr",
      variants: null,
      share: { unavailable: "the values are assessment scores, not quantities" },
      gaps: [
        "year = the assessment round (2011, 2014, 2017, 2020, 2023), not the data year (each round uses data of the years before it).",
        "The 2011 and 2014 rounds used the earlier methodology; only 2017, 2020 and 2023 (the 2017 methodology) are comparable (text field methodology).",
        "Rare earths are assessed as groups: HREEs, LREEs and Scandium (2011: one value for all rare earths).",
        "Not assessed or not printed ('-') stays missing with a note.",
      ],
      coverageNote: "assessment rounds",
    },
    rows,
  );
}
