/**
 * The reference data templates read, in the shapes templates need. This is the only template file
 * that knows the dataset API; every value placed on a sheet comes through here, never typed in.
 */
// PROVISIONAL: reads the extracts directly until src/data lands; replaced by the src/data API.
import fs from "fs";
import path from "path";
import crypto from "crypto";
import type { DatasetHashes } from "./kit";

export interface DatasetCard {
  id: string;
  title: string;
  publisher: string;
  url: string;
  retrieval: string;
  licence: string;
  units: string;
  coverage: string;
  hash: string;
}

const DATA_DIR = path.resolve(__dirname, "../../shared/data");

function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let field = "";
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      field = "";
      if (row.some((f) => f !== "")) rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

const FILES: Record<string, { file: string; title: string; publisher: string; url: string; retrieval: string; licence: string; units: string; coverage: string }> = {
  bgs_mine_production: {
    file: "bgs_ree_mine_production_top_producers_1992_2024.csv",
    title: "World Mineral Statistics: rare earth oxides, mine production (top producers)",
    publisher: "British Geological Survey",
    url: "https://www2.bgs.ac.uk/mineralsuk/statistics/worldStatistics.html",
    retrieval: "materials-atlas/critical-materials-atlas magnet_pilot_evidence.json",
    licence: "BGS terms (Open Government Licence for BGS statistics)",
    units: "t REO",
    coverage: "1992-2024, top producers",
  },
  usgs_mcs_mine_production: {
    file: "usgs_mcs_world_production_by_edition.csv",
    title: "Mineral Commodity Summaries: rare earths, world mine production (latest edition per year)",
    publisher: "U.S. Geological Survey",
    url: "https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-rare-earths.pdf",
    retrieval: "MCS 2024 data release copy; MCS 2025 PDF text; MCS 2026 transcription",
    licence: "US public domain",
    units: "t REO",
    coverage: "2022-2025",
  },
};

export function catalogue(): DatasetHashes & { card(id: string): DatasetCard; ids(): string[] } {
  const card = (id: string): DatasetCard => {
    const f = FILES[id];
    if (!f) throw new Error(`unknown dataset ${id}`);
    const hash = crypto.createHash("sha256").update(fs.readFileSync(path.join(DATA_DIR, f.file))).digest("hex");
    return { id, ...f, hash };
  };
  return {
    isDataset: (id) => id in FILES,
    hashOf: (id) => card(id).hash,
    card,
    ids: () => Object.keys(FILES),
  };
}

function rowsOf(id: string): Record<string, string>[] {
  return parseCsv(fs.readFileSync(path.join(DATA_DIR, FILES[id].file), "utf8"));
}

export interface MinePanel {
  datasetId: string;
  years: number[];
  countries: Array<{ iso3: string; name: string }>;
  value(year: number, iso3: string): number | null;
  world(year: number): number | null;
}

/** Mine production by country and year from one source, over [from, to]. */
export function minePanel(datasetId: "bgs_mine_production", from: number, to: number): MinePanel {
  const rows = rowsOf(datasetId).filter((r) => Number(r.year) >= from && Number(r.year) <= to);
  const years = [...new Set(rows.map((r) => Number(r.year)))].sort((a, b) => a - b);
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.iso3, (totals.get(r.iso3) ?? 0) + Number(r.mine_production_t_reo));
  const countries = [...new Map(rows.map((r) => [r.iso3, { iso3: r.iso3, name: r.country }])).values()].sort((a, b) => totals.get(b.iso3)! - totals.get(a.iso3)!);
  return {
    datasetId,
    years,
    countries,
    value: (year, iso3) => {
      const r = rows.find((x) => Number(x.year) === year && x.iso3 === iso3);
      return r && r.mine_production_t_reo !== "" ? Number(r.mine_production_t_reo) : null;
    },
    world: (year) => {
      const r = rows.find((x) => Number(x.year) === year);
      return r && r.bgs_world_total_t_reo !== "" ? Number(r.bgs_world_total_t_reo) : null;
    },
  };
}

export interface ReservesAndProduction {
  productionDatasetId: string;
  reservesDatasetId: string;
  year: number;
  /** Countries that have both a production and a reserves figure, largest reserves first. */
  rows: Array<{ iso3: string; name: string; production: number; reserves: number }>;
  /** Countries left out because one of the two figures is missing, with what is missing. */
  excluded: Array<{ name: string; missing: string }>;
  worldProduction: number | null;
}

const USGS_NAMES: Record<string, string> = {
  "United States": "USA", Australia: "AUS", Brazil: "BRA", Burma: "MMR", Canada: "CAN", China: "CHN", Greenland: "GRL", India: "IND",
  Madagascar: "MDG", Malaysia: "MYS", Nigeria: "NGA", Russia: "RUS", "South Africa": "ZAF", Tanzania: "TZA", Thailand: "THA", Vietnam: "VNM",
};

/** Production and reserves by country for one year, from the USGS MCS series (latest edition reporting that year). */
export function reservesAndProduction(year: number | null): ReservesAndProduction {
  const rows = rowsOf("usgs_mcs_mine_production");
  const withReserves = rows.filter((r) => r.reserves_t_reo !== "" && USGS_NAMES[r.country]);
  const y = year ?? Math.max(...withReserves.map((r) => Number(r.year)));
  const editions = [...new Set(rows.filter((r) => Number(r.year) === y).map((r) => r.edition))].sort();
  const edition = editions[editions.length - 1];
  const inEdition = rows.filter((r) => r.edition === edition && Number(r.year) === y);
  const out: ReservesAndProduction["rows"] = [];
  const excluded: ReservesAndProduction["excluded"] = [];
  for (const r of inEdition) {
    const iso3 = USGS_NAMES[r.country];
    if (!iso3) continue;
    if (r.mine_production_t_reo === "" || r.reserves_t_reo === "") {
      excluded.push({ name: r.country, missing: r.mine_production_t_reo === "" ? "production" : "reserves" });
      continue;
    }
    out.push({ iso3, name: r.country, production: Number(r.mine_production_t_reo), reserves: Number(r.reserves_t_reo) });
  }
  out.sort((a, b) => b.reserves - a.reserves);
  const world = inEdition.find((r) => r.country.startsWith("World"));
  return {
    productionDatasetId: "usgs_mcs_mine_production",
    reservesDatasetId: "usgs_mcs_mine_production",
    year: y,
    rows: out,
    excluded,
    worldProduction: world ? Number(world.mine_production_t_reo) : null,
  };
}
