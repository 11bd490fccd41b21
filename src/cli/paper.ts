/**
 * The paper a briefing prints on by default: the one the analyst's locale uses, as Excel and
 * LibreOffice choose it. US Letter in the territories that use it (CLDR's list: the US, Canada,
 * Mexico, much of Central and South America, the Philippines), A4 everywhere else and when the
 * environment names no territory (C or POSIX locale).
 */
import type { PaperSize } from "../workbook/plan";

/** Territories whose paper is US Letter (Unicode CLDR supplemental data, measurementData paperSize). */
export const LETTER_TERRITORIES = ["US", "CA", "MX", "BZ", "CL", "CO", "CR", "GT", "NI", "PA", "PH", "PR", "SV", "VE"];

export const PAPER_SIZES: readonly PaperSize[] = ["letter", "a4"];

/** The paper of the first locale variable set (LC_ALL, LC_PAPER, LANG), e.g. "en_US.UTF-8" → letter. */
export function defaultPaper(env: Record<string, string | undefined>): PaperSize {
  const locale = [env.LC_ALL, env.LC_PAPER, env.LANG].find((v) => v !== undefined && v !== "") ?? "";
  const territory = /^[a-z]{2,3}[_-]([A-Z]{2})\b/i.exec(locale)?.[1]?.toUpperCase();
  return territory !== undefined && LETTER_TERRITORIES.includes(territory) ? "letter" : "a4";
}
