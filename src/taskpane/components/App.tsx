import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, Tab, TabList, webLightTheme } from "@fluentui/react-components";
import { useState } from "react";
import type { CatalogService, WorkbookService } from "../services";
import { BriefingsPane } from "./BriefingsPane";
import { DatasetsPane } from "./DatasetsPane";
import { FunctionsPane } from "./FunctionsPane";
import { SharePane } from "./SharePane";

export type PaneId = "briefings" | "datasets" | "share" | "functions";

export interface AppProps {
  catalog: CatalogService;
  /** null when Office.js is not available: the pane says so and only browsing works. */
  workbook: WorkbookService | null;
  officeProblem?: string;
  initialPane?: PaneId;
}

export function App(props: AppProps) {
  const [pane, setPane] = useState<PaneId>(props.initialPane ?? "briefings");
  return (
    <FluentProvider theme={webLightTheme} className="app">
      {props.officeProblem && (
        <MessageBar intent="warning" layout="multiline" data-testid="no-office">
          <MessageBarBody>
            <MessageBarTitle>Excel is not connected</MessageBarTitle>
            {props.officeProblem} You can browse templates, datasets and functions; inserting needs Excel.
          </MessageBarBody>
        </MessageBar>
      )}
      <TabList selectedValue={pane} onTabSelect={(_, d) => setPane(d.value as PaneId)} size="small" aria-label="Chokepoint">
        <Tab value="briefings">Briefings</Tab>
        <Tab value="datasets">Datasets</Tab>
        <Tab value="share">Share</Tab>
        <Tab value="functions">Functions</Tab>
      </TabList>
      <main>
        {pane === "briefings" && <BriefingsPane catalog={props.catalog} workbook={props.workbook} />}
        {pane === "datasets" && <DatasetsPane catalog={props.catalog} workbook={props.workbook} />}
        {pane === "share" && <SharePane workbook={props.workbook} />}
        {pane === "functions" && <FunctionsPane />}
      </main>
    </FluentProvider>
  );
}
