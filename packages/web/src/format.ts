/** Wording of numbers, qualifiers and periods as the page shows them. Pure functions (unit-tested). */
import type { Figure } from "./types.js";

const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** 1650 → "1,650"; 20.4 → "20.4". */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** 6803.88555 kg → "6,804"; keeps small values readable. */
export function formatRounded(value: number): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 1 ? 1 : 3;
  return new Intl.NumberFormat("en-US", { maximumFractionDigits: digits }).format(value);
}

const qualifierWords: Record<string, string> = {
  EXACT: "",
  APPROXIMATE: "about",
  AT_LEAST: "at least",
  MORE_THAN: "more than",
  UP_TO: "up to",
  RANGE: "",
  VAGUE: "",
};

/** The qualifier as words ("more than"); empty for EXACT and RANGE. */
export function qualifierWord(qualifier: string): string {
  return qualifierWords[qualifier] ?? qualifier.toLowerCase().replace(/_/g, " ");
}

/** The qualifier as a short label for badges: "Exact", "About", "More than" … */
export function qualifierLabel(qualifier: string): string {
  if (qualifier === "VAGUE") return "No number stated";
  const words = qualifier === "EXACT" ? "exact" : qualifier === "RANGE" ? "range" : qualifierWord(qualifier);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A figure whose words state a number: only these are drawn in charts or added up (VAGUE ones state none). */
export function hasValue<F extends { normalized: { value: number | null } }>(
  figure: F,
): figure is F & { normalized: { value: number } } {
  return figure.normalized.value !== null;
}

/** Capitalises the first letter. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const unitSymbols: Record<string, string> = { kilogram: "kg", percent: "%", usd: "US$" };
const irregularPlurals: Record<string, string> = { person: "people", times: "times" };

/** A canonical unit key in words, plural unless the value is 1: "case" → "cases", "lethal_dose_per_person" → "lethal doses per person". */
export function unitWords(unit: string, value: number): string {
  const symbol = unitSymbols[unit];
  if (symbol) return symbol;
  const [head = unit, ...rest] = unit.split("_per_");
  const words = head.replace(/_/g, " ");
  const plural = value === 1 ? words : (irregularPlurals[words] ?? (words.endsWith("s") ? words : `${words}s`));
  return [plural, ...rest.map((part) => part.replace(/_/g, " "))].join(" per ");
}

/** A normalised value with its unit: 6803.9 kilogram → "6,804 kg"; 80 percent → "80%"; 34 case → "34 cases". */
export function normalizedText(normalized: Figure["normalized"]): string {
  if (normalized.value === null) return "no number stated";
  const unit = unitWords(normalized.unit, normalized.valueHigh ?? normalized.value);
  const value =
    normalized.valueHigh !== null
      ? `${formatRounded(normalized.value)}–${formatRounded(normalized.valueHigh)}`
      : formatRounded(normalized.value);
  return unit === "%" ? `${value}%` : `${value} ${unit}`;
}

/** The subject of a given role (e.g. the PLATFORM of a surge figure), by name. */
export function subjectName(figure: Pick<Figure, "subjects">, role: string): string | undefined {
  return figure.subjects.edges.find((edge) => edge.node.role === role)?.node.entity.name;
}

/**
 * The evidence span split around its marks, for highlighting: [text, role | null][] in reading
 * order. Marks carry document offsets; the span starts at `evidence.start`.
 */
export function markedSpan(evidence: Figure["evidence"]): { text: string; role: string | null }[] {
  const marks = evidence.marks.edges
    .map((edge) => edge.node)
    .filter((mark) => mark.start >= evidence.start && mark.end <= evidence.end)
    .sort((a, b) => a.start - b.start);
  const parts: { text: string; role: string | null }[] = [];
  let position = 0;
  for (const mark of marks) {
    const from = mark.start - evidence.start;
    const to = mark.end - evidence.start;
    if (from < position) continue; // overlapping marks: keep the first
    if (from > position) parts.push({ text: evidence.text.slice(position, from), role: null });
    parts.push({ text: evidence.text.slice(from, to), role: mark.role });
    position = to;
  }
  if (position < evidence.text.length) parts.push({ text: evidence.text.slice(position), role: null });
  return parts;
}

const shortMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A period in few characters: "2021", "Dec 2020 – Nov 2021", "29 Sep – 14 Dec 2021"; "period not stated" when unknown. */
export function periodShort(period: Pick<Figure["period"], "start" | "end" | "text">): string {
  const { start, end } = period;
  if (!start || !end || period.text === "unknown") return "period not stated";
  if (/^\d{4}$/.test(period.text)) return period.text;
  const [sy, sm, sd] = start.split("-").map(Number) as [number, number, number];
  const [ey, em, ed] = end.split("-").map(Number) as [number, number, number];
  const month = (m: number) => shortMonths[m - 1] ?? String(m);
  const wholeMonths = sd === 1 && new Date(Date.UTC(ey, em, 0)).getUTCDate() === ed;
  if (wholeMonths) {
    if (sy === ey && sm === 1 && em === 12) return String(sy);
    return sy === ey ? `${month(sm)} – ${month(em)} ${ey}` : `${month(sm)} ${sy} – ${month(em)} ${ey}`;
  }
  return sy === ey
    ? `${sd} ${month(sm)} – ${ed} ${month(em)} ${ey}`
    : `${sd} ${month(sm)} ${sy} – ${ed} ${month(em)} ${ey}`;
}

/** The outlet of a figure's source, from its short citation ("Latin Post (2021), processed by Fentrace"). */
export function outletOf(figure: Pick<Figure, "citation">): string {
  return figure.citation.short.replace(/ \([^)]*\), processed by Fentrace$/, "");
}

const qualifierSymbols: Record<string, string> = {
  EXACT: "",
  APPROXIMATE: "≈ ",
  AT_LEAST: "≥ ",
  MORE_THAN: "> ",
  UP_TO: "≤ ",
  RANGE: "",
  VAGUE: "",
};
const unitAbbreviations: Record<string, string> = { pound: "lb", kilogram: "kg", percent: "%" };
const scales: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };

/** The stated number in few characters, for charts on narrow screens: "> 20M", "≈ 980 lb", "20.4M". */
export function compactStated(
  figure: Pick<Figure, "value" | "valueHigh" | "scale" | "qualifier" | "unitKey">,
  withUnit = false,
): string {
  if (figure.value === null) return "no number";
  const factor = figure.scale ? (scales[figure.scale.toLowerCase()] ?? 1) : 1;
  const compact = (value: number) =>
    new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(value * factor);
  const number =
    figure.qualifier === "RANGE" && figure.valueHigh !== null
      ? `${compact(figure.value)}–${compact(figure.valueHigh)}`
      : compact(figure.value);
  const unit = withUnit ? (unitAbbreviations[figure.unitKey] ?? "") : "";
  return `${qualifierSymbols[figure.qualifier] ?? ""}${number}${unit === "%" ? "%" : unit ? ` ${unit}` : ""}`;
}

/** The number is not stated exactly: "about", "more than", "at least", "up to", or a range (charts draw these outlined). */
export function isInexact(figure: Pick<Figure, "qualifier">): boolean {
  return figure.qualifier !== "EXACT";
}

/** The documents a chart's figures come from, once each: "Latin Post, “Mexican drug cartels use …”". */
export function chartSources(figures: Pick<Figure, "citation" | "document">[]): string[] {
  const seen = new Map<string, string>();
  for (const figure of figures) seen.set(figure.document.slug, `${outletOf(figure)}, “${figure.document.title}”`);
  return [...seen.values()];
}

/** What the compact chart texts (compactStated) abbreviate, spelled out under a chart on phones. */
export const compactKey = "> more than · ≥ at least · ≈ about · ≤ up to · K thousand · M million · kg kilograms";

/** The normalised value with its qualifier, for charts drawn in canonical units: "more than 6,804 kg". */
export function normalizedStated(figure: Pick<Figure, "qualifier" | "normalized">): string {
  const word = qualifierWord(figure.qualifier);
  return `${word ? `${word} ` : ""}${normalizedText(figure.normalized)}`;
}

/** The same in few characters, for phones: "> 6.8k kg". */
export function compactNormalized(figure: Pick<Figure, "qualifier" | "normalized">): string {
  const { value, valueHigh, unit } = figure.normalized;
  if (value === null) return "no number";
  const compact = (n: number) =>
    new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(n);
  const number = valueHigh !== null ? `${compact(value)}–${compact(valueHigh)}` : compact(value);
  const words = unitWords(unit, valueHigh ?? value);
  return `${qualifierSymbols[figure.qualifier] ?? ""}${number}${words === "%" ? "%" : ` ${words}`}`;
}
