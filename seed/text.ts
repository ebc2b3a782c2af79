/** Small text helpers shared by the loader, the verifier and the locate tool. */

/** Every offset at which `needle` occurs in `haystack`, overlapping occurrences included. */
export function occurrencesOf(haystack: string, needle: string): number[] {
  const found: number[] = [];
  if (needle === "") return found;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/** Text for one line of a message: newlines shown as ⏎, cut to `max` characters. */
export function oneLine(text: string, max = 80): string {
  const flat = text.replace(/\r?\n/g, "⏎");
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
