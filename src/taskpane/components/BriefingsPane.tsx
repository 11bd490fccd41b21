import { Button, Checkbox, Dropdown, Field, Input, Option, Select, Text } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { BriefingChoice, CatalogService, InsertSummary, WorkbookService } from "../services";
import { ALL_TEMPLATES_ID } from "../services";
import { TaskStatus } from "./TaskStatus";
import { useTask } from "./useTask";
import { GoToSheet } from "./GoToSheet";

const STAGES = [
  { id: "mining", label: "Mining" },
  { id: "midstream", label: "Midstream (separation, refining, metals)" },
  { id: "magnets", label: "Magnets" },
] as const;
const DEFAULT_COUNTRIES = ["USA", "JPN", "CHN"];

export function BriefingsPane(props: { catalog: CatalogService; workbook: WorkbookService | null }) {
  const templates = useMemo(() => props.catalog.templates(), [props.catalog]);
  const countries = useMemo(() => props.catalog.countries(), [props.catalog]);
  const sources = useMemo(() => props.catalog.sources(), [props.catalog]);
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? "");
  const [picked, setPicked] = useState<string[]>(DEFAULT_COUNTRIES);
  const [stages, setStages] = useState<BriefingChoice["stages"]>(["mining", "midstream", "magnets"]);
  const [year, setYear] = useState("");
  const [source, setSource] = useState("");
  const task = useTask<InsertSummary>();
  const template = templates.find((t) => t.id === templateId);
  const optionNames = new Set(template?.options.map((o) => o.name.split(/,\s*/)).flat());
  const allOptions = templateId === ALL_TEMPLATES_ID;
  const yearNumber = year.trim() === "" ? null : Number(year);
  const yearProblem = yearNumber !== null && (!Number.isInteger(yearNumber) || yearNumber < 1900 || yearNumber > 2100) ? "A year such as 2023, or blank for the latest year with data." : undefined;
  const uses = (option: string) => allOptions || optionNames.has(option);
  // Only options the chosen template shows can block Insert.
  const problem =
    uses("countries") && picked.length === 0 ? "Choose at least one country." : uses("stages") && stages.length === 0 ? "Choose at least one stage." : uses("year") ? yearProblem : undefined;

  const insert = () => {
    if (!props.workbook || problem) return;
    const choice: BriefingChoice = { countries: picked, stages, year: yearNumber, ...(source ? { source } : {}) };
    void task.start((onProgress) => props.workbook!.insertBriefing(templateId, choice, onProgress));
  };

  return (
    <section aria-labelledby="briefings-heading" className="pane">
      <h2 id="briefings-heading">Insert a briefing</h2>
      <Field label="Template">
        <Select value={templateId} onChange={(_, d) => setTemplateId(d.value)} data-testid="template">
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.title}
            </option>
          ))}
        </Select>
      </Field>
      {template && (
        <Text as="p" size={200} className="description" data-testid="template-description">
          {template.description}
        </Text>
      )}
      {uses("countries") && (
        <Field label="Countries" hint="ISO codes; the briefing compares them side by side.">
          <Dropdown
            multiselect
            aria-label="Countries"
            selectedOptions={picked}
            value={picked.join(", ")}
            onOptionSelect={(_, d) => setPicked(d.selectedOptions)}
          >
            {countries.map((c) => (
              <Option key={c.iso3} value={c.iso3} text={`${c.iso3} ${c.name}`}>
                {`${c.iso3} — ${c.name}`}
              </Option>
            ))}
          </Dropdown>
        </Field>
      )}
      {uses("stages") && (
        <fieldset className="stages">
          <legend>Stages</legend>
          {STAGES.map((s) => (
            <Checkbox
              key={s.id}
              label={s.label}
              checked={stages.includes(s.id)}
              onChange={(_, d) => setStages((now) => (d.checked ? STAGES.map((x) => x.id).filter((x) => x === s.id || now.includes(x)) : now.filter((x) => x !== s.id)))}
            />
          ))}
        </fieldset>
      )}
      {uses("year") && (
        <Field label="Year" hint="Blank: the latest year with data in each dataset." validationMessage={yearProblem} validationState={yearProblem ? "error" : "none"}>
          <Input type="number" inputMode="numeric" value={year} onChange={(_, d) => setYear(d.value)} placeholder="latest" aria-label="Year" />
        </Field>
      )}
      {uses("source") && (
        <Field label="Source" hint={allOptions ? "Mine-production source for the Mining and History sheets and the model's mining inputs." : undefined}>
          <Select value={source} onChange={(_, d) => setSource(d.value)}>
            <option value="">Template default</option>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {problem && problem !== yearProblem && (
        <Text className="problem" role="alert">
          {problem}
        </Text>
      )}
      <div className="actions">
        <Button appearance="primary" onClick={insert} disabled={!props.workbook || !!problem || task.running} data-testid="insert-briefing">
          Insert
        </Button>
      </div>
      <TaskStatus
        state={task.state}
        what="Inserting the briefing"
        success={(r) => (
          <>
            Inserted {r.sheets.length} sheet{r.sheets.length === 1 ? "" : "s"}: {r.sheets.join(", ")}.{" "}
            <GoToSheet workbook={props.workbook} sheet={r.sheets[0]} testId="go-to-sheet" />
          </>
        )}
      />
    </section>
  );
}
