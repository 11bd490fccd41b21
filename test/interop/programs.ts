/**
 * Programs nobody here wrote, used to read back the generated .xlsx: LibreOffice (headless) and
 * openpyxl. Each is looked up; tests that need an absent one skip with a printed reason.
 */
import { execFileSync, spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";

function which(cmd: string): string | null {
  const r = spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

export function findSoffice(): string | null {
  return which("soffice") ?? which("libreoffice") ?? (fs.existsSync("/usr/bin/soffice") ? "/usr/bin/soffice" : null);
}

/** A Python that can import `module` (Debian's python3-openpyxl and python3-lxml live under /usr/bin/python3). */
function findPythonWith(module: string): string | null {
  for (const py of ["/usr/bin/python3", which("python3")].filter((p): p is string => !!p)) {
    if (spawnSync(py, ["-c", `import ${module}`], { encoding: "utf8" }).status === 0) return py;
  }
  return null;
}

export const findOpenpyxlPython = (): string | null => findPythonWith("openpyxl");
export const findLxmlPython = (): string | null => findPythonWith("lxml");

export function findProgram(cmd: string): string | null {
  return which(cmd);
}

/**
 * A private LibreOffice profile that recalculates every formula when an .xlsx is loaded (by default
 * LibreOffice may trust the cached results, which would make a comparison with them meaningless).
 */
export function privateProfile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chokepoint-lo-"));
  fs.mkdirSync(path.join(dir, "user"), { recursive: true });
  fs.writeFileSync(
    path.join(dir, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  return dir;
}

/**
 * CSV filter options: comma, double quotes, UTF-8, from line 1, raw values (not as shown), and
 * sheet -1, which writes every sheet to its own file named <base>-<sheet name>.csv.
 */
export const CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

/** Converts with LibreOffice; returns the output directory. Throws with LibreOffice's output on failure. */
export function sofficeConvert(soffice: string, file: string, filter: string, profile: string): string {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "chokepoint-lo-out-"));
  execFileSync(soffice, [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", filter, "--outdir", outDir, file], {
    encoding: "utf8",
    timeout: 180_000,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return outDir;
}
