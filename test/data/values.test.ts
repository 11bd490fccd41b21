/**
 * Values against the extracts: at least one spot check per dataset (the expected number is read
 * from the CSV in the test), world totals add up as the sources say, and CHOKEPOINT.SHARE of China
 * in the USGS series equals the share computed by hand from the extracts for every year.
 */
import { DATA, SERIES, SHARE } from "../../src/functions/families/data";
import { countryRows, datasetIds, value } from "../../src/data";
import { describeWithExtracts, editionYear, readExtract } from "./extracts";
import { readEvents } from "../../scripts/datasets/events";

const num = (s: string) => Number(s);

describeWithExtracts("spot checks: one or more values per dataset, read from the extract", () => {
  const checked = new Set<string>();
  const check = (id: string, key: string, year: number | null, field: string | null, expected: number) => {
    checked.add(id);
    expect(DATA(id, key, year, field)).toBeCloseTo(expected, 10);
  };

  test("USGS MCS: latest edition per country and year; reserves", () => {
    const rows = readExtract("usgs_mcs_world_production_by_edition.csv");
    const us2024 = rows.filter((r) => r.country === "United States" && r.year === "2024").sort((a, b) => editionYear(b.edition) - editionYear(a.edition))[0];
    expect(us2024.edition).toBe("MCS 2026");
    check("usgs_mcs_mine_production", "U.S.", 2024, null, num(us2024.mine_production_t_reo));
    expect(DATA("usgs_mcs_mine_production", "USA", 2024, "edition")).toBe("MCS 2026");
    const burma2023 = rows.filter((r) => r.country === "Burma" && r.year === "2023").sort((a, b) => editionYear(b.edition) - editionYear(a.edition))[0];
    check("usgs_mcs_mine_production", "Myanmar", 2023, null, num(burma2023.mine_production_t_reo));
    const mcs24china = rows.find((r) => r.edition === "MCS 2024" && r.country === "China" && r.year === "2023")!;
    check("usgs_mcs_mine_production", "PRC", 2023, "MCS 2024", num(mcs24china.mine_production_t_reo));
    const res = rows.find((r) => r.edition === "MCS 2025" && r.country === "China" && r.year === "2024")!;
    check("usgs_mcs_reserves", "China", 2024, null, num(res.reserves_t_reo));
    // The MCS 2025 world table read separately agrees with the by-edition file.
    const mcs25 = readExtract("usgs_mcs2025_rare_earths_world_production_reserves.csv").find((r) => r.country === "Nigeria")!;
    check("usgs_mcs_mine_production", "Nigeria", 2023, null, num(mcs25.mine_production_2023_t_reo));
  });

  test("BGS, USGS DS140, World Mining Data, Visual Capitalist", () => {
    const bgs = readExtract("bgs_ree_mine_production_top_producers_1992_2024.csv").find((r) => r.year === "2023" && r.iso3 === "MMR")!;
    check("bgs_mine_production", "Burma", 2023, null, num(bgs.mine_production_t_reo));
    check("bgs_mine_production", "Burma", 2023, "share_of_world", num(bgs.share_of_world));
    const ds140 = readExtract("usgs_ds140_world_ree_mine_production_1900_2020.csv").find((r) => r.year === "1985")!;
    check("usgs_world_production", "World", 1985, null, num(ds140.world_mine_production_t_reo));
    const wmd = readExtract("world_mining_data_2024_ree_top5.csv").find((r) => r.iso2 === "US")!;
    check("wmd_mine_production", "United States", 2024, null, num(wmd.mine_production_t_reo));
    check("wmd_mine_production", "World", 2024, null, num(wmd.world_total_t_reo));
    const vc = readExtract("visual_capitalist_ree_mine_production_1994_2004_2014_2024.csv").find((r) => r.country === "Myanmar")!;
    check("vc_mine_production", "Burma", 2024, null, num(vc["2024"]));
  });

  test("US salient statistics, end use and import sources", () => {
    const sal = readExtract("usgs_mcs2025_rare_earths_us_salient.csv").find((r) => r.item === "Consumption apparent compounds and metals")!;
    check("us_salient", "Consumption apparent compounds and metals", 2022, null, num(sal["2022"]));
    const old = readExtract("us_ree_salient_statistics_mcs2016_mcs2019_mcs2021.csv").find((r) => r.mcs_edition === "MCS 2016" && r.item === "Consumption estimated" && r.year === "2013")!;
    check("us_salient", "consumption_estimated", 2013, "value@MCS 2016", num(old.value));
    const nir = readExtract("usgs_mcs2025_rare_earths_us_salient.csv").find((r) => r.item.startsWith("Net import reliance: compounds"))!;
    expect(DATA("us_salient", "net_import_reliance_compounds_and_metals", 2021, "printed@MCS 2025")).toBe(nir["2021"]);
    check("us_salient", "net_import_reliance_compounds_and_metals", 2024, "value@MCS 2025", num(nir["2024"]));
    // The latest edition prints 53 for 2024 (MCS 2026 revised MCS 2025's 80): the default lookup.
    const nir26 = readExtract("usgs_mcs2026_rare_earths_us_salient.csv").find((r) => r.item.startsWith("Net import reliance: compounds"))!;
    expect(nir26["2024"]).toBe("53");
    check("us_salient", "net_import_reliance_compounds_and_metals", 2024, null, 53);
    expect(DATA("us_salient", "net_import_reliance_compounds_and_metals", 2024, "edition")).toBe("MCS 2026");
    const end = readExtract("us_ree_end_use_and_import_value_mcs.csv").find((r) => r.mcs_edition === "MCS 2016" && r.data_year === "2015" && r.metric.startsWith("estimated value"))!;
    check("us_end_use", end.metric, 2015, null, num(end.value));
    const src = readExtract("us_ree_import_sources.csv");
    const china = src.find((r) => r.period === "2020-2023" && r.partner === "China")!;
    check("us_import_sources", "China", null, "MCS 2025", num(china.share_pct));
    // The latest edition's period (MCS 2026, 2021–24) is the default.
    const china26 = readExtract("us_ree_import_sources_mcs2026.csv").find((r) => r.partner === "China")!;
    check("us_import_sources", "China", null, null, num(china26.share_pct));
    expect(DATA("us_import_sources", "China", null, "period")).toBe(china26.period);
    const census = src.find((r) => r.period === "2024" && r.partner === "Estonia")!;
    check("us_import_sources_census_2024", "Estonia", 2024, null, num(census.share_pct));
  });

  test("trade: Comtrade, BACI, OEC, Japan", () => {
    const p = readExtract("us_imports_ree_by_partner_comtrade_2018_2025.csv").find((r) => r.hs6 === "284610" && r.year === "2022" && r.partner_iso3 === "JPN")!;
    check("comtrade_us_imports_by_partner", "Japan", 2022, "import_value_hs284610", num(p.us_import_value_usd));
    check("comtrade_us_imports_by_partner", "Japan", 2022, "284610", num(p.us_import_value_usd));
    check("comtrade_us_imports_by_partner", "Japan", 2022, "share_hs284610", num(p.share_of_us_imports));
    const c = readExtract("us_imports_ree_magnets_concentration_2018_2025.csv").find((r) => r.hs6 === "850511" && r.year === "2024")!;
    check("comtrade_us_imports_concentration", "850511", 2024, "hhi", num(c.hhi));
    expect(DATA("comtrade_us_imports_concentration", 850511, 2024, "top1_share")).toBeCloseTo(num(c.top1_share), 10);
    const w = readExtract("baci_world_trade_ree_magnets_2002_2024.csv").find((r) => r.hs6 === "850511" && r.year === "2010")!;
    check("baci_world_trade", "850511", 2010, "china_export_share", num(w.china_share_of_world_exports_value));
    const t = readExtract("baci_top8_exporters_importers_selected_years.csv").find((r) => r.hs6 === "850511" && r.year === "2024" && r.flow === "importer" && r.iso2 === "US")!;
    check("baci_top_traders", "United States", 2024, "import_value_hs850511", num(t.value_usd));
    const o = readExtract("oec_hs2846_ree_compounds_trade_by_country_1995_2022.csv").find((r) => r.year === "2010" && r.iso3 === "JPN")!;
    check("oec_hs2846_trade", "Japan", 2010, "import_value_usd", num(o.import_value_usd));
    const j = readExtract("japan_ree_import_dependence_reported.csv").find((r) => r.year === "2011" && r.metric === "China share of Japan rare earth imports")!;
    check("japan_china_import_share", "Japan", 2011, null, num(j.value));
    expect(DATA("japan_china_import_share", "JPN", 2008, "printed")).toBe(
      readExtract("japan_ree_import_dependence_reported.csv").find((r) => r.year === "2008" && r.metric.startsWith("China share"))!.value,
    );
  });

  test("stages, EU CRM 2023, framework paper", () => {
    const st = readExtract("supply_chain_stage_shares_reported.csv");
    const ref = st.find((r) => r.stage === "separation/refining" && r.country_or_group === "China" && r.year === "2023")!;
    check("stage_shares", "China", 2023, "refining", num(ref.share_pct));
    const mag = st.find((r) => r.stage === "magnets" && r.country_or_group === "China" && r.year === "2024")!;
    check("stage_shares", "China", 2024, "magnets", num(mag.share_pct));
    const bgsStage = st.find((r) => r.primary_source === "BGS World Mineral Statistics")!;
    check("stage_shares", "China", 2024, "mining@BGS", num(bgsStage.share_pct));
    const eu = readExtract("eu_crm2023_ree_supply_shares_t.csv").find((r) => r.supply_mix === "global" && r.Material === "Neodymium" && r.Stage === "E" && r.Country === "China")!;
    check("eu_crm2023_shares", "China", null, "share@Neodymium, extraction, global supply", num(eu.Share.replace("%", "")) / 100);
    check("eu_crm2023_shares", "China", null, "t@Neodymium, extraction, global supply", num(eu.t));
    for (const f of readExtract("framework_paper_figures.csv")) {
      if (!/^\d+(\.\d+)?$/.test(f.value)) continue;
      check("framework_paper", f.figure_id, f.year ? Number(f.year) : null, null, num(f.value));
    }
  });

  test("magnets, firms, quotas, patents", () => {
    const ccr = readExtract("china_ndfeb_production_2001_2010_ccr.csv").find((r) => r.year === "2006")!;
    check("china_ndfeb_production", "China", 2006, "sintered_t", num(ccr.china_sintered_ndfeb_t));
    const ex = readExtract("china_magnet_exports_2010_top_destinations.csv").find((r) => r.destination === "USA")!;
    check("china_magnet_exports_2010", "United States", 2010, null, num(ex.export_volume_t));
    const mp = readExtract("magnet_production_reported_figures.csv").find((r) => r.year === "2019" && r.metric === "sintered NdFeB blank production")!;
    check("magnet_production_reported", "China", 2019, "sintered_ndfeb_blank_production", num(mp.value));
    const prod = readExtract("magnet_producers_reported.csv").find((r) => r.company.startsWith("Shin-Etsu") && r.metric === "NdFeB capacity in Vietnam")!;
    check("magnet_producers", "shin_etsu_chemical", Number(prod.year), "ndfeb_capacity_in_vietnam", num(prod.value));
    const fs = readExtract("magnet_firm_shares.csv").find((r) => r.company.startsWith("JL MAG") && r.metric.startsWith("share of China"))!;
    check("magnet_firm_shares", "jl_mag_rare_earth", null, "share_of_china_rare_earth_permanent_magnet_capacity", num(fs.value));
    const ly = readExtract("firm_production_non_china.csv").find((r) => r.company === "Lynas Rare Earths" && r.metric === "total REO production" && r.year.startsWith("FY2023 "))!;
    check("firm_production", "Lynas Rare Earths", 2023, "total_reo_production", num(ly.value));
    expect(String(DATA("firm_production", "Lynas Rare Earths", 2023, "total_reo_production.flags"))).toContain("fiscal_year");
    const q = readExtract("firm_quota_china_by_group.csv").find((r) => r.year === "2023" && r.group === "NATIONAL TOTAL" && r.batch === "full year")!;
    check("china_quota", "national_total", 2023, null, num(q.total_mining_quota_t_reo));
    const q1 = readExtract("firm_quota_china_by_group.csv").find((r) => r.year === "2024" && r.group === "China Northern Rare Earth" && r.batch === "first batch")!;
    check("china_quota", "China Northern Rare Earth", 2024, "mining_quota_t@first batch", num(q1.mining_quota_t_reo));
    const pat = readExtract("ree_magnet_patents_reported.csv").find((r) => r.period === "2013")!;
    check("ree_magnet_patents", "China", 2013, "china_share_of_global_annual_ndfeb_patent_applications", num(pat.value));
  });

  test("WGI and the EU assessments", () => {
    const cn = readExtract("wgi_worldwide_governance_indicators_1996_2023.csv").find((r) => r.iso3 === "CHN" && r.year === "2023")!;
    expect(cn.pv_estimate).toBe("-0.51");
    check("wgi", "China", 2023, "pv", num(cn.pv_estimate));
    check("wgi", "PRC", 2023, "rl", num(cn.rl_estimate));
    const ro = readExtract("wgi_worldwide_governance_indicators_1996_2023.csv").find((r) => r.iso3 === "ROM" && r.year === "2010")!;
    check("wgi", "Romania", 2010, "ge", num(ro.ge_estimate));
    const nd = readExtract("eu_crm2017_ree_supply_risk_inputs.csv").find((r) => r.material === "Neodymium")!;
    expect(nd.supply_risk).toBe("4.8");
    check("eu_crm2017_sr_inputs", "Neodymium", null, null, 4.8);
    check("eu_crm2017_sr_inputs", "Neodymium", null, "hhiwgi_t_global_supply", num(nd.hhiwgi_t_global_supply));
    const hree = readExtract("eu_crm_assessments_sr_ei_2011_2023.csv").find((r) => r.material === "HREEs" && r.assessment_year === "2023")!;
    check("eu_crm_assessments", "HREEs", 2023, "sr", num(hree.supply_risk));
    check("eu_crm_assessments", "HREEs", 2023, "ei", num(hree.economic_importance));
  });

  test("policy events: the curated file in the repository, each event with its source", () => {
    const rows = readEvents();
    const ban = rows.find((r) => r.event_id === "technology_export_ban")!;
    check("policy_events", "technology_export_ban", 2023, null, num(ban.month));
    expect(DATA("policy_events", "technology_export_ban", 2023, "label")).toBe(ban.event);
    expect(rows.map((r) => Number(r.year))).toEqual([2010, 2012, 2015, 2021, 2023, 2025]);
    for (const r of rows.filter((x) => Number(x.year) <= 2021)) expect(r.source).toMatch(/^Framework paper/);
    expect(rows.find((r) => r.year === "2025")!.source).toMatch(/Mineral Commodity Summaries 2026/);
  });

  test("every dataset had at least one spot check", () => {
    expect(datasetIds().filter((id) => !checked.has(id))).toEqual([]);
  });
});

describeWithExtracts("world totals add up as the sources say", () => {
  test("BGS: listed producers never exceed the BGS world total; exact 1995–2017; residual under 0.6% where 8 are listed", () => {
    const rows = readExtract("bgs_ree_mine_production_top_producers_1992_2024.csv");
    const years = [...new Set(rows.map((r) => Number(r.year)))];
    for (const y of years) {
      const inYear = rows.filter((r) => Number(r.year) === y);
      const total = num(inYear[0].bgs_world_total_t_reo);
      const sum = inYear.reduce((s, r) => s + num(r.mine_production_t_reo), 0);
      const residual = total - sum;
      expect(residual).toBeGreaterThanOrEqual(-0.5);
      if (y >= 1995 && y <= 2017) expect({ y, residual: Math.round(residual) }).toEqual({ y, residual: 0 });
      if (inYear.length === 8) expect({ y, small: residual / total < 0.006 }).toEqual({ y, small: true });
      // The dataset's countries and world row give the same sum and total.
      const rowsOfYear = countryRows("bgs_mine_production", y);
      expect(rowsOfYear.worldTotal).toBe(total);
      expect(rowsOfYear.rows.reduce((s, r) => s + r.value, 0)).toBeCloseTo(sum, 6);
    }
  });

  test("BGS: the printed share is production / world total", () => {
    for (const r of readExtract("bgs_ree_mine_production_top_producers_1992_2024.csv")) {
      expect(num(r.mine_production_t_reo) / num(r.bgs_world_total_t_reo)).toBeCloseTo(num(r.share_of_world), 3);
    }
  });

  test("USGS MCS: each edition's country rows add up to its rounded world total (within 1.5%)", () => {
    const rows = readExtract("usgs_mcs_world_production_by_edition.csv");
    const groups = new Map<string, typeof rows>();
    for (const r of rows) groups.set(`${r.edition}|${r.year}`, [...(groups.get(`${r.edition}|${r.year}`) ?? []), r]);
    expect(groups.size).toBe(6);
    for (const [id, g] of groups) {
      const world = g.find((r) => r.country.startsWith("World"))!;
      const sum = g.filter((r) => r !== world).reduce((s, r) => s + num(r.mine_production_t_reo), 0);
      const gap = Math.abs(sum - num(world.mine_production_t_reo)) / num(world.mine_production_t_reo);
      expect({ id, within: gap < 0.015 }).toEqual({ id, within: true });
    }
  });

  test("World Mining Data: top five and their residual, and the printed shares", () => {
    const rows = readExtract("world_mining_data_2024_ree_top5.csv");
    const total = num(rows[0].world_total_t_reo);
    const top5 = rows.reduce((s, r) => s + num(r.mine_production_t_reo), 0);
    const cr = countryRows("wmd_mine_production", 2024);
    expect(cr.worldTotal).toBe(total);
    expect(total - cr.rows.reduce((s, r) => s + r.value, 0)).toBe(total - top5);
    expect(total - top5).toBeGreaterThan(0);
    for (const r of rows) expect(SHARE("wmd_mine_production", r.country, 2024) * 100).toBeCloseTo(num(r.share_of_world_pct), 1);
  });

  test("Visual Capitalist: the country rows add up to the printed Total (within 0.2%)", () => {
    const rows = readExtract("visual_capitalist_ree_mine_production_1994_2004_2014_2024.csv");
    for (const y of ["1994", "2004", "2014", "2024"]) {
      const total = num(rows.find((r) => r.country === "Total")![y]);
      const sum = rows.filter((r) => r.country !== "Total").reduce((s, r) => s + num(r[y]), 0);
      expect(Math.abs(sum - total) / total).toBeLessThan(0.002);
      expect(value("vc_mine_production", "World", Number(y))).toBe(total);
    }
  });

  test("Comtrade: partner rows add up to the U.S. total; HS 284690 in 2018 leaves the stated 0.04% residual", () => {
    const partners = readExtract("us_imports_ree_by_partner_comtrade_2018_2025.csv");
    const totals = readExtract("us_imports_ree_magnets_concentration_2018_2025.csv");
    for (const t of totals) {
      const rows = partners.filter((p) => p.hs6 === t.hs6 && p.year === t.year);
      if (rows.length === 0) continue;
      const total = num(t.us_total_import_value_usd);
      const residual = (total - rows.reduce((s, p) => s + num(p.us_import_value_usd), 0)) / total;
      if (t.hs6 === "284690") expect(residual).toBeCloseTo(0.0004, 4);
      else expect(Math.abs(residual)).toBeLessThan(1e-6);
      const china = rows.find((p) => p.partner_iso3 === "CHN");
      if (china) expect(SHARE === undefined ? 0 : num(china.us_import_value_usd) / total).toBeCloseTo(num(china.share_of_us_imports), 5);
    }
  });
});

describeWithExtracts("BACI: the two files agree and the top 8 leave a non-negative residual", () => {
  test("China's exporter row matches China's export share of world trade, and value ÷ world = share", () => {
    const world = readExtract("baci_world_trade_ree_magnets_2002_2024.csv");
    const top = readExtract("baci_top8_exporters_importers_selected_years.csv");
    const china = top.filter((r) => r.iso2 === "CN" && r.flow === "exporter");
    expect(china.length).toBeGreaterThan(15);
    for (const r of china) {
      const w = world.find((x) => x.hs6 === r.hs6 && x.year === r.year)!;
      expect(num(r.value_usd) / num(w.world_trade_value_usd)).toBeCloseTo(num(w.china_share_of_world_exports_value), 4);
      expect(DATA("baci_top_traders", "China", Number(r.year), `export_share_hs${r.hs6}`)).toBe(DATA("baci_world_trade", r.hs6, Number(r.year), "china_export_share"));
    }
  });

  test("the top 8 of each flow never exceed world trade", () => {
    const top = readExtract("baci_top8_exporters_importers_selected_years.csv");
    const groups = new Map<string, number>();
    for (const r of top) groups.set(`${r.hs6}|${r.year}|${r.flow}`, (groups.get(`${r.hs6}|${r.year}|${r.flow}`) ?? 0) + num(r.share_of_world_trade));
    for (const [g, sum] of groups) expect({ g, ok: sum <= 1.0005 }).toEqual({ g, ok: true });
  });
});

describeWithExtracts("disagreements documented in docs/data.md", () => {
  test("the USGS China series equals China's national mining quota, 2017–2024", () => {
    const quotas = readExtract("firm_quota_china_by_group.csv").filter((r) => r.group === "NATIONAL TOTAL" && r.batch === "full year");
    expect(quotas.map((q) => Number(q.year))).toEqual([2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    for (const q of quotas) expect({ year: q.year, usgs: DATA("usgs_mcs_mine_production", "China", Number(q.year)) }).toEqual({ year: q.year, usgs: num(q.total_mining_quota_t_reo) });
  });

  test("BGS prints 180,000 t for China 2018–2021 while every USGS value is lower", () => {
    for (const y of [2018, 2019, 2020, 2021]) {
      const bgs = readExtract("bgs_ree_mine_production_top_producers_1992_2024.csv").find((r) => r.year === String(y) && r.iso3 === "CHN")!;
      expect(num(bgs.mine_production_t_reo)).toBe(180000);
      expect(DATA("usgs_mcs_mine_production", "China", y) as number).toBeLessThan(180000);
    }
  });
});

describeWithExtracts("CHOKEPOINT.SHARE of China in usgs_mcs_mine_production, every year", () => {
  // By hand: for each year, China's row from the latest edition reporting it, divided by the world
  // total printed in that same edition for that year (MCS tables and the edition-by-edition quotes).
  const main = readExtract("usgs_mcs_world_production_by_edition.csv").map((r) => ({
    edition: r.edition,
    year: Number(r.year),
    series: r.country === "China" ? "China" : r.country.startsWith("World") ? "World" : "other",
    value: num(r.mine_production_t_reo),
  }));
  const quoted = readExtract("usgs_mcs_china_world_by_edition_reported.csv")
    .filter((r) => r.data_year !== "" && r.series !== "World reserves")
    .map((r) => ({ edition: r.mcs_edition, year: Number(r.data_year), series: r.series.startsWith("China") ? "China" : "World", value: num(r.value_t_reo) }));
  const all = [...main, ...quoted];
  const years = [...new Set(all.filter((r) => r.series === "China").map((r) => r.year))].sort();

  test("covers 2017–2025", () => {
    expect(years).toEqual([2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
  });

  test.each(years)("%i", (year) => {
    const china = all.filter((r) => r.series === "China" && r.year === year).sort((a, b) => editionYear(b.edition) - editionYear(a.edition))[0];
    const world = all.find((r) => r.series === "World" && r.year === year && r.edition === china.edition)!;
    expect(world).toBeDefined();
    expect(SHARE("usgs_mcs_mine_production", "China", year)).toBeCloseTo(china.value / world.value, 12);
    expect(DATA("usgs_mcs_mine_production", "CHN", year, "edition")).toBe(/^MCS/.test(china.edition) ? china.edition : "USGS (edition not stated, as cited)");
  });

  test("2018 uses MCS 2019's world total (170,000), not MCS 2021's later 190,000", () => {
    expect(SHARE("usgs_mcs_mine_production", "China", 2018)).toBeCloseTo(120000 / 170000, 12);
    expect(DATA("usgs_mcs_mine_production", "World", 2018)).toBe(190000);
  });

  test("SERIES of China lists the same values and editions", () => {
    const table = SERIES("usgs_mcs_mine_production", "China");
    expect(table[0]).toEqual(["Year", "production (t REO)", "edition", "Flags"]);
    expect(table.slice(1).map((r) => r[0])).toEqual(years);
  });
});
