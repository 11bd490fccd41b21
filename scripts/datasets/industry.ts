/** Industry figures: shares of world supply by stage (IEA and others) and China's rare-earth quotas by group (MIIT notices as reported). */
import { z } from "zod";
import type { DataRow, Dataset, Flag } from "../../src/data/schema";
import { findCountry } from "../../src/data/countries";
import { anyText, finish, flagsFrom, nonEmpty, numberText, optionalNumberText, parseValue, put, readCsv, row, slug, uniq, yearText } from "./common";

export function stageShares(): Dataset {
  const file = "supply_chain_stage_shares_reported.csv";
  const recs = readCsv(file, {
    indicator: nonEmpty,
    stage: z.enum(["mining", "separation/refining", "magnets", "magnets trade"]),
    scope: nonEmpty,
    country_or_group: nonEmpty,
    year: z.string().regex(/^(\d{4})?$/),
    share_pct: numberText,
    projection: nonEmpty,
    primary_source: nonEmpty,
    retrieved_via: nonEmpty,
    note: anyText,
  });
  const fieldOf = { mining: "mining", "separation/refining": "refining", magnets: "magnets", "magnets trade": "magnet_trade" } as const;
  const groupKey = (name: string): { key: string; label: string } => {
    const c = findCountry(name);
    if (c) return { key: c.iso3, label: name };
    if (/^top 3$|\+/.test(name) && !/firms/.test(name)) return { key: name === "top 3" ? "TOP3" : `TOP3_${slug(name).toUpperCase()}`, label: name };
    return { key: slug(name).toUpperCase(), label: name };
  };
  const sourceName = (s: string) => s.replace(/\s*CC BY 4\.0$/, "").trim();
  const variants = uniq(recs.map((r) => sourceName(r.primary_source)));
  const merged = new Map<string, DataRow>();
  for (const r of recs) {
    const { key, label } = groupKey(r.country_or_group);
    const variant = sourceName(r.primary_source);
    const field = fieldOf[r.stage as keyof typeof fieldOf];
    const id = `${key}|${r.year}|${variant}|${field}`;
    const rowId = [...merged.keys()].find((k) => k.startsWith(`${key}|${r.year}|${variant}|`) && !merged.get(k)!.values[field] && !(field in merged.get(k)!.values));
    const target = rowId ? merged.get(rowId)! : row({ key, label, year: r.year ? Number(r.year) : null, variant, values: {} });
    target.values[field] = Number(r.share_pct);
    target.text[`${field}_scope`] = `${r.indicator} (${r.scope})`;
    const flags = flagsFrom(r.retrieved_via, r.note, r.projection);
    if (/^yes/.test(r.projection)) flags.push("projection");
    if (/SEAISI|Fortune|magneticsmag|china\.org|materials-atlas|macropolo/i.test(r.retrieved_via)) flags.push("secondary");
    target.flags = uniq([...target.flags, ...flags]).sort() as Flag[];
    target.note = [target.note, `${field}: ${r.indicator}; ${r.primary_source}; via ${r.retrieved_via}${r.note ? `; ${r.note}` : ""}`].filter(Boolean).join(" | ");
    if (!rowId) merged.set(id, target);
  }
  return finish(
    {
      id: "stage_shares",
      title: "Shares of world supply by stage of the rare-earth magnet chain (mining, separation/refining, magnets), by year and source",
      publisher: "IEA and others as listed per value (IEA GCMO 2024, IEA Rare Earth Elements report, IEA 2021, BGS, World Mining Data, MacroPolo, Research and Markets, china.org.cn, CEPII BACI, Eurostat)",
      sourceUrl: "https://www.iea.org/reports/global-critical-minerals-outlook-2024",
      retrievedVia: "SEAISI news 2024-06-03 (IEA GCMO 2024), Fortune India (IEA 2021), materials-atlas/critical-materials-atlas JSON files, macropolo.org, magneticsmag.com, japanese.china.org.cn",
      extracts: [file],
      publicationYear: 2025,
      licence: "IEA material CC BY 4.0; other figures quoted with attribution",
      units: "% of world supply at the stage (as printed)",
      keyKind: "country",
      fields: [
        { name: "mining", unit: "%", description: "share of world mine production" },
        { name: "refining", unit: "%", description: "share of world separation/refining" },
        { name: "magnets", unit: "%", description: "share of world magnet production" },
        { name: "magnet_trade", unit: "%", description: "share of magnet exports or imports (see note for scope)" },
      ],
      defaultField: "mining",
      variants: { label: "source", order: variants, policy: "first" },
      share: { unavailable: "the values are already shares of world supply" },
      gaps: [
        "Scopes differ between sources (all rare earths vs magnet rare earths Nd/Pr/Dy/Tb; sintered NdFeB vs all NdFeB): see the *_scope text and notes.",
        "Stages are different physical markets: shares are not additive across stages.",
        "2030 values are IEA base-case projections (flag projection); one USGS/IEA separation share (85%) has no year.",
      ],
    },
    [...merged.values()],
  );
}

export function quota(): Dataset {
  const file = "firm_quota_china_by_group.csv";
  const recs = readCsv(file, {
    year: yearText,
    group: nonEmpty,
    mining_quota_t_reo: optionalNumberText,
    smelting_separation_quota_t_reo: optionalNumberText,
    total_mining_quota_t_reo: optionalNumberText,
    source: nonEmpty,
    note: anyText,
    batch: nonEmpty,
    mining_light_rock_t_reo: optionalNumberText,
    mining_ion_adsorption_t_reo: optionalNumberText,
    source_type: nonEmpty,
  });
  const batches = uniq(["full year", ...recs.map((r) => r.batch)]);
  const rows = recs.map((r) => {
    const key = r.group === "NATIONAL TOTAL" ? "national_total" : slug(r.group.replace(/\s*\(.*$/, ""), 50);
    const target = { values: {} as Record<string, number | null>, text: { source_type: r.source_type } as Record<string, string>, flags: [] as Flag[] };
    put(target, "mining_quota_t", parseValue(r.mining_quota_t_reo));
    put(target, "smelting_separation_quota_t", parseValue(r.smelting_separation_quota_t_reo));
    put(target, "total_mining_quota_t", parseValue(r.total_mining_quota_t_reo));
    put(target, "mining_light_rock_t", parseValue(r.mining_light_rock_t_reo));
    put(target, "mining_ion_adsorption_t", parseValue(r.mining_ion_adsorption_t_reo));
    if (!/^official notice$|official notice \(translation\)|official notice \(repost\)|company statement/.test(r.source_type)) target.flags.push("secondary");
    return row({ key, label: r.group, year: Number(r.year), variant: r.batch, ...target, note: [r.source, r.note].filter(Boolean).join("; ") });
  });
  return finish(
    {
      id: "china_quota",
      title: "China's rare-earth mining and smelting/separation quotas, national totals and by group or province",
      publisher: "Ministry of Industry and Information Technology (MIIT) and Ministry of Natural Resources (MNR) of China, as reposted and reported",
      sourceUrl: "https://www.miit.gov.cn/",
      retrievedVia: "MIIT/MNR notices as reposted (工信部联原[2019]55号, [2020]103号, [2023]23号, [2024]25号); Reuters, SMM, Fastmarkets, Argus, Project Blue, Global Times, 中国证券报, nbd.com.cn",
      extracts: [file],
      publicationYear: 2024,
      licence: "official notices (public); press figures quoted with attribution",
      units: "tonnes of REO",
      keyKind: "group",
      fields: [
        { name: "mining_quota_t", unit: "t REO", description: "group mining quota (batch or year)" },
        { name: "smelting_separation_quota_t", unit: "t REO", description: "smelting and separation quota" },
        { name: "total_mining_quota_t", unit: "t REO", description: "total mining quota (national rows: the national mining quota)" },
        { name: "mining_light_rock_t", unit: "t REO", description: "mining quota, light (rock) rare earths" },
        { name: "mining_ion_adsorption_t", unit: "t REO", description: "mining quota, ion-adsorption (heavy) rare earths" },
      ],
      defaultField: "total_mining_quota_t",
      variants: { label: "batch", order: batches, policy: "explicit" },
      share: { unavailable: "group quotas are mostly batch-level; divide by the national total for the same batch yourself, citing both" },
      gaps: [
        "Group rows are mostly batch-level, not full-year; full-year group tonnages for 2017, 2018, 2021, 2022 and the 2024 second batch by group were not found.",
        "Province rows (2018, 2020) are provincial allocations, not groups.",
        "Conflicts: SMM calls 127,000 t the 2019 mining quota, MIIT says 132,000 t mining / 127,000 t smelting (MIIT used).",
        "A lookup without a batch returns full-year values only; ask for a batch with field \"total_mining_quota_t@first batch\".",
      ],
    },
    rows,
  );
}
