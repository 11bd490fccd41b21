/**
 * The fault matrix: an operation of the Office adapter (insert, refresh, share) is run once on the
 * fake workbook to record its syncs, then once per action of every sync with a failure injected
 * there, each run from the same starting state. A run must end in one of two ways: it succeeds
 * (a failed read is retried) with the workbook as a clean run leaves it, or it throws the
 * operation's error with a message saying nothing changed, and the workbook — cells, formats,
 * names, tables, settings, XML parts, visibility and the active sheet — is exactly as it was.
 *
 * Double faults add a second failure in the clean-up (undo or put-back), once or persisting over
 * every later sync; the error then carries what is left, and the harness checks it against the
 * workbook itself: what it says is left is left, and what is left is said.
 */
import type { UndoReport } from "../../src/workbook/office/undo";
import type { FailureRule, FakeWorkbook, SyncRecord } from "./fakeExcel";

export interface Fault {
  sync: number;
  action: number;
  kind: string;
}

export interface MatrixOperation {
  label: string;
  /** The starting state; every run works on a clone. */
  base: FakeWorkbook;
  run(wb: FakeWorkbook): Promise<unknown>;
  /** Whether `e` is the operation's own error type. */
  isOwnError(e: unknown): boolean;
  /** What the message of a failure that left the workbook as it was says. */
  unchanged: RegExp;
  /** Messages of failures that changed nothing before any write (a read that failed twice, say). */
  unchangedBeforeWriting?: RegExp;
}

export function snapshotText(wb: FakeWorkbook): string {
  return JSON.stringify(wb.snapshot());
}

/** Every action of every sync of a run. */
export function faultsOf(syncs: SyncRecord[]): Fault[] {
  return syncs.flatMap((s) => s.actions.map((kind, action) => ({ sync: s.index, action, kind })));
}

/** "sync 1: 7, sync 2: 951, sync 3: 2" */
export function describeSyncs(syncs: SyncRecord[]): string {
  return syncs.map((s) => `sync ${s.index}: ${s.actions.length}`).join(", ");
}

export interface ProbeResult {
  syncs: SyncRecord[];
  done: string;
  before: string;
  /** The clean result, but with the XML part as it was: a retried read leaves an unread part alone. */
  doneWithXmlAsBefore: string;
}

export async function probe(op: MatrixOperation): Promise<ProbeResult> {
  const wb = op.base.clone();
  await op.run(wb);
  const before = JSON.parse(snapshotText(op.base));
  const done = JSON.parse(snapshotText(wb));
  return { syncs: wb.syncs, done: JSON.stringify(done), before: JSON.stringify(before), doneWithXmlAsBefore: JSON.stringify({ ...done, xmlParts: before.xmlParts }) };
}

export interface RunOutcome {
  wb: FakeWorkbook;
  error?: unknown;
  after: string;
}

export async function runWith(op: MatrixOperation, failures: FailureRule[], beforeSync?: (index: number, wb: FakeWorkbook) => void): Promise<RunOutcome> {
  const wb = op.base.clone();
  wb.failures = failures;
  if (beforeSync) wb.beforeSync = (i) => beforeSync(i, wb);
  let error: unknown;
  try {
    await op.run(wb);
  } catch (e) {
    error = e;
  }
  return { wb, error, after: snapshotText(wb) };
}

/** Runs every single fault; returns the problems found (empty when all runs end well) and the count. */
export async function singleFaults(op: MatrixOperation, p: ProbeResult): Promise<{ runs: number; problems: string[] }> {
  const problems: string[] = [];
  const faults = faultsOf(p.syncs);
  for (const f of faults) {
    const { error, after } = await runWith(op, [{ sync: f.sync, action: f.action }]);
    const at = `${op.label}, fault at sync ${f.sync} action ${f.action} (${f.kind})`;
    if (error === undefined) {
      if (after !== p.done && after !== p.doneWithXmlAsBefore) problems.push(`${at}: succeeded, but the workbook differs from a clean run`);
      continue;
    }
    if (!op.isOwnError(error)) {
      problems.push(`${at}: threw ${String(error)}`);
      continue;
    }
    const message = (error as Error).message;
    const expected = [op.unchanged, op.unchangedBeforeWriting].filter((r): r is RegExp => r !== undefined);
    if (!expected.some((r) => r.test(message))) problems.push(`${at}: message does not say the workbook is unchanged: ${message}`);
    if (after !== p.before) problems.push(`${at}: the workbook is not as it was (${firstDifference(p.before, after)}); message: ${message}`);
  }
  return { runs: faults.length, problems };
}

/** Where two snapshots first differ, for a readable failure. */
export function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: …${a.slice(Math.max(0, i - 60), i + 60)}… vs …${b.slice(Math.max(0, i - 60), i + 60)}…`;
}

/** The sheets, defined names and log of the workbook now that were not there before (compared with `base`). */
export function leftoversAgainst(base: FakeWorkbook, wb: FakeWorkbook) {
  const ids = new Set(base.sheets.map((s) => s.id));
  const names = new Set(base.names.map((n) => n.name));
  return {
    sheets: wb.sheets.filter((s) => !ids.has(s.id)).map((s) => s.name).sort(),
    names: wb.names.filter((n) => !names.has(n.name)).map((n) => n.name).sort(),
    record: JSON.stringify([...wb.settings]) !== JSON.stringify([...base.settings]) || JSON.stringify(wb.xmlParts) !== JSON.stringify(base.xmlParts),
  };
}

/** The second faults to try after a first one: each action of each clean-up sync once, and each action kind of the clean-up persisting. */
export function secondFaults(firstRun: SyncRecord[], first: Fault): FailureRule[] {
  const cleanup = firstRun.filter((s) => s.index > first.sync);
  const once = cleanup.flatMap((s) => s.actions.map((_, action): FailureRule => ({ sync: s.index, action })));
  const kinds = [...new Set(cleanup.flatMap((s) => s.actions))].map((kind): FailureRule => ({ kind, fromSync: first.sync + 1 }));
  return [...once, ...kinds];
}

/** The first faults worth pairing with clean-up faults: the first, a middle and the last action of each writing sync. */
export function spreadFaults(syncs: SyncRecord[], fromSync: number): Fault[] {
  return syncs
    .filter((s) => s.index >= fromSync)
    .flatMap((s) => [...new Set([0, Math.floor(s.actions.length / 2), s.actions.length - 1])].map((action) => ({ sync: s.index, action, kind: s.actions[action] })));
}

/** The first action of each kind in each writing sync: every sort of write failing, once. */
export function faultPerKind(syncs: SyncRecord[], fromSync: number): Fault[] {
  return syncs.filter((s) => s.index >= fromSync).flatMap((s) => [...new Set(s.actions)].map((kind) => ({ sync: s.index, action: s.actions.indexOf(kind), kind })));
}

export interface UndoCounts {
  runs: number;
  complete: number;
  exact: number;
  unchecked: number;
  problems: string[];
}

/**
 * Double faults of an operation whose clean-up is undoRun (insert, share): each first fault with
 * each second fault of secondFaults. The error's undo report must match the workbook: complete
 * means as it was; checked means exactly the sheets, names and record it lists are left (each
 * left sheet named in the message, no other planned sheet named); unchecked means what is left is
 * among what it says to look for. The user's own sheets are untouched in every case.
 */
export async function undoDoubleFaults(
  op: MatrixOperation,
  p: ProbeResult,
  firsts: Fault[],
  options: { undoOf(e: unknown): UndoReport | undefined; planned: string[] },
): Promise<UndoCounts> {
  const counts: UndoCounts = { runs: 0, complete: 0, exact: 0, unchecked: 0, problems: [] };
  const problem = (s: string) => counts.problems.push(s);
  const userSheets = JSON.stringify(JSON.parse(p.before).sheets);
  for (const first of firsts) {
    const alone = await runWith(op, [{ sync: first.sync, action: first.action }]);
    for (const second of secondFaults(alone.wb.syncs, first)) {
      counts.runs++;
      const { wb, error, after } = await runWith(op, [{ sync: first.sync, action: first.action }, second]);
      const at = `${op.label}: first fault at sync ${first.sync} action ${first.action} (${first.kind}), second ${JSON.stringify(second)}`;
      const undo = op.isOwnError(error) ? options.undoOf(error) : undefined;
      if (!undo) {
        problem(`${at}: ${String(error)}`);
        continue;
      }
      const message = (error as Error).message;
      const left = leftoversAgainst(op.base, wb);
      if (JSON.stringify(JSON.parse(after).sheets.slice(0, op.base.sheets.length)) !== userSheets) problem(`${at}: the user's sheets changed`);
      if (undo.complete) {
        counts.complete++;
        if (after !== p.before) problem(`${at}: says everything was undone, but the workbook is not as it was (${firstDifference(p.before, after)})`);
        if (!op.unchanged.test(message)) problem(`${at}: ${message}`);
      } else if (undo.checked) {
        counts.exact++;
        const said = { sheets: [...undo.left.sheets].sort(), names: [...undo.left.names].sort(), record: undo.left.record };
        if (JSON.stringify(said) !== JSON.stringify(left)) problem(`${at}: says ${JSON.stringify(said)} is left, but ${JSON.stringify(left)} is`);
        for (const s of left.sheets) if (!message.includes(`"${s}"`)) problem(`${at}: sheet ${s} is left but not named: ${message}`);
        for (const s of options.planned) if (!left.sheets.includes(s) && message.includes(`"${s}"`)) problem(`${at}: names sheet ${s}, which is not there: ${message}`);
        if (!/Undoing it also failed .*\. Still in your workbook from this /.test(message)) problem(`${at}: ${message}`);
      } else {
        counts.unchecked++;
        for (const s of left.sheets) if (!undo.left.sheets.includes(s)) problem(`${at}: sheet ${s} is left but not among those to look for`);
        for (const n of left.names) if (!undo.left.names.includes(n)) problem(`${at}: name ${n} is left but not among those to look for`);
        if (!/could not be read again to check what is left\. Look for .* may have added/.test(message)) problem(`${at}: ${message}`);
      }
    }
  }
  return counts;
}

/** "232 (…): 194 undone in full after a retry, 8 reported exactly, 30 could not be checked" */
export function describeUndoCounts(c: UndoCounts, firsts: number): string {
  return `${c.runs} (${firsts} first faults × each clean-up action once and each clean-up action kind persisting): ${c.complete} undone in full after a retry, ${c.exact} reported exactly, ${c.unchecked} could not be checked`;
}
