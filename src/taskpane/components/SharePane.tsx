import { Button, Checkbox, Field, Select, Text } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { InsertionSummary, RefreshReport, ShareResult, WorkbookService } from "../services";
import { TaskStatus } from "./TaskStatus";
import { useTask } from "./useTask";
import { GoToSheet } from "./GoToSheet";

export function SharePane(props: { workbook: WorkbookService | null }) {
  const [sheets, setSheets] = useState<string[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [insertions, setInsertions] = useState<InsertionSummary[]>([]);
  const [insertionId, setInsertionId] = useState("");
  const [loadError, setLoadError] = useState<string | null>(null);
  const share = useTask<ShareResult>();
  const refresh = useTask<{ report: RefreshReport; message: string }>();

  const reload = useCallback(async () => {
    if (!props.workbook) return;
    try {
      const [names, log] = await Promise.all([props.workbook.listSheets(), props.workbook.listInsertions()]);
      setSheets(names);
      setChosen((now) => now.filter((n) => names.includes(n)));
      setInsertions(log);
      setInsertionId((now) => (log.some((r) => r.id === now) ? now : (log[log.length - 1]?.id ?? "")));
      setLoadError(null);
    } catch (e) {
      setLoadError(e instanceof Error ? e.message : String(e));
    }
  }, [props.workbook]);

  useEffect(() => {
    void reload();
  }, [reload, share.state.kind, refresh.state.kind]);

  return (
    <section aria-labelledby="share-heading" className="pane">
      <h2 id="share-heading">Prepare for sharing</h2>
      <Text as="p" size={200}>
        Copies the chosen sheets with every CHOKEPOINT result as a plain value, so colleagues without the add-in see numbers instead of #NAME?. A
        sheet listing the original formulas and a sources sheet are added; your sheets are not changed.
      </Text>
      {loadError && <Text className="problem">Could not read the workbook: {loadError}</Text>}
      <fieldset className="sheets" data-testid="share-sheets">
        <legend>Sheets to share</legend>
        {sheets.length === 0 && <Text size={200}>No sheets found.</Text>}
        {sheets.map((s) => (
          <Checkbox key={s} label={s} checked={chosen.includes(s)} onChange={(_, d) => setChosen((now) => (d.checked ? [...now, s] : now.filter((x) => x !== s)))} />
        ))}
      </fieldset>
      <div className="actions">
        <Button appearance="primary" disabled={!props.workbook || chosen.length === 0 || share.running} onClick={() => void share.start((p) => props.workbook!.prepareForSharing(chosen, p))} data-testid="prepare-sharing">
          Prepare for sharing
        </Button>
        <Button appearance="subtle" onClick={() => void reload()} disabled={!props.workbook}>
          Reload sheet list
        </Button>
      </div>
      <TaskStatus
        state={share.state}
        what="Preparing for sharing"
        success={(r) => (
          <>
            Made {r.copies.map((c) => `${c.copy} (${c.frozenCells} formula${c.frozenCells === 1 ? "" : "s"} now values)`).join(", ")}, with {r.formulasSheet} and {r.sourcesSheet}.{" "}
            <GoToSheet workbook={props.workbook} sheet={r.copies[0].copy} />
          </>
        )}
      />

      <h2 id="refresh-heading">Refresh</h2>
      <Text as="p" size={200}>
        Re-applies the data blocks of an inserted briefing or dataset from the current datasets. Formulas and your own edits outside those blocks stay as
        they are.
      </Text>
      <Field label="Inserted briefing or dataset">
        <Select value={insertionId} onChange={(_, d) => setInsertionId(d.value)} disabled={insertions.length === 0} data-testid="insertion">
          {insertions.length === 0 && <option value="">Nothing inserted in this workbook yet</option>}
          {insertions.map((r) => (
            <option key={r.id} value={r.id}>
              {`${r.sheets[0] ?? r.title} — ${r.title.length > 48 ? `${r.title.slice(0, 47)}…` : r.title} (${r.insertedAt.slice(0, 10)})`}
            </option>
          ))}
        </Select>
      </Field>
      <div className="actions">
        <Button disabled={!props.workbook || !insertionId || refresh.running} onClick={() => void refresh.start((p) => props.workbook!.refresh(insertionId, p))} data-testid="refresh">
          Refresh
        </Button>
      </div>
      <TaskStatus state={refresh.state} what="Refresh" success={(r) => r.message} />
    </section>
  );
}
