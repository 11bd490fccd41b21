import { useCallback, useRef, useState } from "react";
import type { ProgressStep } from "../services";

export type TaskState<T> =
  | { kind: "idle" }
  | { kind: "running"; steps: ProgressStep[] }
  | { kind: "done"; result: T }
  | { kind: "failed"; message: string };

/** Runs one workbook task at a time and tracks its progress steps, result or error message. */
export function useTask<T>() {
  const [state, setState] = useState<TaskState<T>>({ kind: "idle" });
  const busy = useRef(false);
  const start = useCallback(async (task: (onProgress: (p: ProgressStep) => void) => Promise<T>) => {
    if (busy.current) return;
    busy.current = true;
    const steps: ProgressStep[] = [];
    setState({ kind: "running", steps: [] });
    try {
      const result = await task((p) => {
        steps.push(p);
        setState({ kind: "running", steps: [...steps] });
      });
      setState({ kind: "done", result });
    } catch (e) {
      setState({ kind: "failed", message: e instanceof Error ? e.message : String(e) });
    } finally {
      busy.current = false;
    }
  }, []);
  const reset = useCallback(() => setState({ kind: "idle" }), []);
  return { state, start, reset, running: state.kind === "running" };
}
