/** "Go to <sheet>" after an insert or share; says so when the sheet is gone instead of doing nothing. */
import * as React from "react";
import { Link, Text } from "@fluentui/react-components";
import type { WorkbookService } from "../services";

export function GoToSheet(props: { workbook?: WorkbookService | null; sheet: string; testId?: string }): React.JSX.Element {
  const [problem, setProblem] = React.useState<string | null>(null);
  const go = () => {
    setProblem(null);
    props.workbook?.activateSheet(props.sheet).catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)));
  };
  return (
    <>
      <Link as="button" onClick={go} data-testid={props.testId}>
        Go to {props.sheet}
      </Link>
      {problem && (
        <Text as="p" role="alert" size={200}>
          {problem}
        </Text>
      )}
    </>
  );
}
