/**
 * The output file of a command that writes one (`chokepoint brief --out`), checked before any work
 * is done: its folder exists and is a folder, the target is not a folder or a device, an existing
 * file is only replaced with --force, and the folder can be written (tried, with a file that is
 * removed at once). Each problem is one plain sentence (exit 1). Nothing here creates folders, so
 * no path can make it hang (Node's recursive mkdir spins on some /proc paths).
 *
 * The workbook is then written to a temporary file beside the target and moved into place, so an
 * interrupted run never leaves half a workbook under the user's file name.
 */
import fs from "fs";
import path from "path";

/** A problem with the output path: main prints it after the command's name and exits 1. */
export class OutputPathError extends Error {}

export interface OutputFile {
  /** The path as the user gave it, for messages. */
  shown: string;
  /** Writes the bytes to the checked path (via a temporary file and a rename). */
  write(bytes: Uint8Array): void;
}

type Errno = NodeJS.ErrnoException;

function errnoOf(e: unknown): string {
  return (e as Errno)?.code ?? "";
}

const REASONS: Record<string, string> = {
  EACCES: "permission is denied",
  EPERM: "the operation is not permitted",
  EROFS: "it is on a read-only file system",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  ELOOP: "a symbolic link in the path loops",
  ENAMETOOLONG: "the path is too long",
  EIO: "the disk reported an input/output error",
};

function reason(e: unknown): string {
  const code = errnoOf(e);
  return REASONS[code] ?? (code ? `the system refused it (${code})` : String((e as Error)?.message ?? e));
}

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch (e) {
    if (errnoOf(e) === "ENOENT" || errnoOf(e) === "ENOTDIR") return null;
    throw e;
  }
}

/** The nearest existing ancestor of `dir` (a missing folder's parent, or a file standing in the way). */
function existingAncestor(dir: string): { path: string; stats: fs.Stats } | null {
  for (let p = dir; ; p = path.dirname(p)) {
    const stats = statOrNull(p);
    if (stats) return { path: p, stats };
    if (path.dirname(p) === p) return null;
  }
}

function temporaryName(target: string): string {
  const base = path.basename(target);
  return path.join(path.dirname(target), `.${base}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
}

/**
 * Checks where `out` would be written; throws OutputPathError with one sentence when it cannot be,
 * or when it exists and `force` is not given.
 */
export function checkOutput(out: string, force: boolean): OutputFile {
  const target = path.resolve(out);
  const folder = path.dirname(target);
  const fail = (sentence: string): never => {
    throw new OutputPathError(sentence);
  };
  try {
    const folderStats = statOrNull(folder);
    if (!folderStats) {
      const ancestor = existingAncestor(folder);
      if (ancestor && !ancestor.stats.isDirectory()) fail(`cannot write ${out}: ${ancestor.path} is a file, not a folder`);
      fail(`cannot write ${out}: the folder ${folder} does not exist (create it first, or choose another --out)`);
    }
    if (!folderStats!.isDirectory()) fail(`cannot write ${out}: ${folder} is a file, not a folder`);
    const existing = statOrNull(target);
    if (existing) {
      if (existing.isDirectory()) fail(`cannot write ${out}: it is a folder; give a file name, e.g. --out ${path.join(out, "briefing.xlsx")}`);
      if (!existing.isFile()) fail(`cannot write ${out}: it exists and is not an ordinary file (a device, pipe or socket)`);
      if (!force) fail(`${out} exists; give --force to overwrite it`);
      try {
        fs.accessSync(target, fs.constants.W_OK);
      } catch (e) {
        fail(`cannot overwrite ${out}: ${reason(e)}`);
      }
    }
  } catch (e) {
    if (e instanceof OutputPathError) throw e;
    fail(`cannot write ${out}: ${reason(e)}`);
  }
  // The one sure test that the folder takes a new file: make one, and remove it.
  const probe = temporaryName(target);
  try {
    fs.closeSync(fs.openSync(probe, "wx"));
    fs.unlinkSync(probe);
  } catch (e) {
    // ENOENT here means the file system has no room for new names at all (/proc, /sys).
    fail(`cannot write ${out}: new files cannot be made in ${folder} (${errnoOf(e) === "ENOENT" ? "the file system does not allow it" : reason(e)})`);
  }
  return {
    shown: out,
    write(bytes: Uint8Array) {
      const tmp = temporaryName(target);
      try {
        fs.writeFileSync(tmp, bytes, { flag: "wx" });
        if (force) {
          fs.renameSync(tmp, target);
        } else {
          // Without --force a file that appeared meanwhile is kept: a link fails if the name is taken.
          try {
            fs.linkSync(tmp, target);
          } catch (e) {
            if (errnoOf(e) === "EEXIST") throw e;
            fs.copyFileSync(tmp, target, fs.constants.COPYFILE_EXCL); // file systems without hard links
          }
          fs.unlinkSync(tmp);
        }
      } catch (e) {
        fs.rmSync(tmp, { force: true });
        if (errnoOf(e) === "EEXIST") throw new OutputPathError(`${out} was created by something else while the workbook was being built; it was kept (give --force to overwrite it)`);
        throw new OutputPathError(`cannot write ${out}: ${reason(e)}`);
      }
    },
  };
}
