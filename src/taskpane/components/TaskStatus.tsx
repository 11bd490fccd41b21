import { Field, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Text } from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { TaskState } from "./useTask";

/** Progress bar with the steps so far while running; the outcome afterwards. */
export function TaskStatus<T>(props: { state: TaskState<T>; success: (result: T) => ReactNode; what: string }) {
  const { state } = props;
  if (state.kind === "idle") return null;
  if (state.kind === "running") {
    const last = state.steps[state.steps.length - 1];
    return (
      <div role="status" aria-live="polite" data-testid="progress">
        <Field validationMessage={last ? `Step ${last.step} of ${last.total}: ${last.label}` : "Starting…"} validationState="none">
          <ProgressBar value={last ? last.step / last.total : undefined} thickness="large" />
        </Field>
        <ol className="steps">
          {state.steps.map((s) => (
            <li key={`${s.step}-${s.label}`}>
              <Text size={200}>{s.label}</Text>
            </li>
          ))}
        </ol>
      </div>
    );
  }
  if (state.kind === "failed") {
    return (
      <MessageBar intent="error" layout="multiline" data-testid="error">
        <MessageBarBody>
          <MessageBarTitle>{props.what} failed</MessageBarTitle>
          {state.message}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent="success" layout="multiline" data-testid="success">
      <MessageBarBody>{props.success(state.result)}</MessageBarBody>
    </MessageBar>
  );
}
