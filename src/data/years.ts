/** Year lists as people write them, shared by the dataset build and the lookup messages. */

/** "1992–2024" or "2008–2011, 2014, 2018" from a sorted list of years. */
export function compactYears(years: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < years.length) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j] + 1) j++;
    parts.push(j === i ? String(years[i]) : `${years[i]}–${years[j]}`);
    i = j + 1;
  }
  return parts.join(", ");
}
