import { Button, Field, Link, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { CatalogService, InsertSummary, WorkbookService } from "../services";
import { TaskStatus } from "./TaskStatus";
import { useTask } from "./useTask";
import { GoToSheet } from "./GoToSheet";

const PREVIEW_ROWS = 8;

/** Cell text for the preview; years are shown without a thousands separator. */
function show(v: unknown, header?: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    if (/^year/i.test(String(header ?? ""))) return String(v);
    return Number.isInteger(v) ? v.toLocaleString("en-US") : String(Number(v.toPrecision(6)));
  }
  return String(v);
}

export function DatasetsPane(props: { catalog: CatalogService; workbook: WorkbookService | null }) {
  const datasets = useMemo(() => props.catalog.datasets(), [props.catalog]);
  const [id, setId] = useState(datasets[0]?.id ?? "");
  const ds = datasets.find((d) => d.id === id);
  const preview = useMemo(() => (ds ? props.catalog.preview(ds.id, PREVIEW_ROWS) : []), [ds, props.catalog]);
  // The inserted dataset's id goes with the result: the list may show another one by the time it is read.
  const task = useTask<InsertSummary & { datasetId: string }>();
  const [header, ...rows] = preview;

  return (
    <section aria-labelledby="datasets-heading" className="pane">
      <h2 id="datasets-heading">Reference datasets</h2>
      <Field label="Dataset">
        <Select value={id} onChange={(_, d) => setId(d.value)} data-testid="dataset">
          {datasets.map((d) => (
            <option key={d.id} value={d.id}>
              {`${d.title} — ${d.id}`}
            </option>
          ))}
        </Select>
      </Field>
      {ds && (
        <>
          <Text as="p" weight="semibold">
            {ds.title}
          </Text>
          <dl className="provenance" data-testid="provenance">
            <dt>Publisher</dt>
            <dd>{ds.publisher}</dd>
            <dt>Licence</dt>
            <dd>{ds.licence}</dd>
            <dt>Units</dt>
            <dd>{ds.units}</dd>
            <dt>Coverage</dt>
            <dd>{ds.coverage}</dd>
            <dt>Source</dt>
            <dd>
              {ds.sourceUrl ? (
                <Link href={ds.sourceUrl} target="_blank" rel="noreferrer">
                  {ds.sourceUrl}
                </Link>
              ) : (
                "no public address: cite the work (see the citation)"
              )}
            </dd>
            {ds.notes.length > 0 && (
              <>
                <dt>Notes</dt>
                <dd>
                  <ul>
                    {ds.notes.map((n) => (
                      <li key={n}>{n}</li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </dl>
          <Text as="p" size={200}>
            First {Math.min(PREVIEW_ROWS, ds.rows)} of {ds.rows} rows:
          </Text>
          <div className="preview" tabIndex={0} role="region" aria-label={`Preview of ${ds.id}`}>
            <Table size="extra-small" data-testid="preview">
              <TableHeader>
                <TableRow>
                  {(header ?? []).map((h, i) => (
                    <TableHeaderCell key={i}>{show(h)}</TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((r, i) => (
                  <TableRow key={i}>
                    {r.map((v, j) => (
                      <TableCell key={j}>{show(v, header?.[j])}</TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <div className="actions">
            <Button
              appearance="primary"
              disabled={!props.workbook || task.running}
              onClick={() => {
                const datasetId = ds.id;
                void task.start(async (p) => ({ ...(await props.workbook!.insertDataset(datasetId, p)), datasetId }));
              }}
              data-testid="insert-dataset"
            >
              Insert as table
            </Button>
          </div>
          <TaskStatus
            state={task.state}
            what="Inserting the dataset"
            success={(r) => (
              <>
                Inserted {r.datasetId} on sheet {r.sheets[0]}, with its sources note above the table.{" "}
                <GoToSheet workbook={props.workbook} sheet={r.sheets[0]} />
              </>
            )}
          />
        </>
      )}
    </section>
  );
}
