/**
 * Date intervals in words (periods, publication dates, dates of events and operations). Pure:
 * no GraphQL and no database, so the schema, the citations and the bulk downloads share it.
 */
import type { DatePrecision } from "./generated/prisma/enums.js";

/** An inclusive interval of ISO calendar days with its precision. */
export interface IntervalShape {
  start: string | null;
  end: string | null;
  precision: DatePrecision;
  inferred: boolean;
  basis: string | null;
}

/** The months' English names, January first (also read by the seed's mention scanner). */
export const monthNames = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function describeDay(date: string, precision: DatePrecision): string {
  const [year, month, day] = date.split("-");
  const monthName = monthNames[Number(month) - 1] ?? month;
  if (precision === "YEAR") return year ?? date;
  if (precision === "MONTH") return `${monthName} ${year}`;
  return `${Number(day)} ${monthName} ${year}`;
}

/** An interval in words, at its precision: "2021", "December 2021", "29 September 2021 – 14 December 2021" or "unknown". */
export function describeInterval(interval: Pick<IntervalShape, "start" | "end" | "precision">): string {
  const { start, end, precision } = interval;
  if (!start || !end || precision === "UNKNOWN") return "unknown";
  const first = describeDay(start, precision);
  const last = describeDay(end, precision);
  return first === last ? first : `${first} – ${last}`;
}
