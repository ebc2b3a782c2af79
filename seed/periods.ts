/**
 * Partial dates ("2021", "2021-12", "2021-12-16") and the periods built from them. A period covers
 * the first day of its start to the last day of its end; its precision is the coarser of the two.
 */
import type { DatePrecision } from "../packages/api/src/generated/prisma/enums.js";

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

interface DateParts {
  year: number;
  month?: number;
  day?: number;
}

/** Leap years of the Gregorian calendar. (Not `Date.UTC`, which reads years 0–99 as 1900–1999.) */
function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parts(date: string): DateParts | undefined {
  const match = PARTIAL_DATE.exec(date);
  if (!match) return undefined;
  const [, year, month, day] = match;
  return {
    year: Number(year),
    ...(month === undefined ? {} : { month: Number(month) }),
    ...(day === undefined ? {} : { day: Number(day) }),
  };
}

/**
 * True for `YYYY`, `YYYY-MM` and `YYYY-MM-DD` naming a real year, month and day. Year 0000 is not
 * one: the calendar goes from 1 BC to AD 1, and a 0000 in the data is a placeholder or a typo.
 */
export function isPartialDate(date: string): boolean {
  const p = parts(date);
  if (!p || p.year === 0) return false;
  if (p.month === undefined) return true;
  if (p.month < 1 || p.month > 12) return false;
  return p.day === undefined || (p.day >= 1 && p.day <= daysInMonth(p.year, p.month));
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function checked(date: string): DateParts {
  const p = parts(date);
  if (!p || !isPartialDate(date)) throw new Error(`not a partial date: "${date}"`);
  return p;
}

/** The first day a partial date covers, as `YYYY-MM-DD`. */
export function firstDay(date: string): string {
  const { year, month = 1, day = 1 } = checked(date);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The last day a partial date covers, as `YYYY-MM-DD`. */
export function lastDay(date: string): string {
  const { year, month = 12, day } = checked(date);
  return `${pad(year, 4)}-${pad(month)}-${pad(day ?? daysInMonth(year, month))}`;
}

type KnownPrecision = Exclude<DatePrecision, "UNKNOWN">;
const COARSENESS: Record<KnownPrecision, number> = { DAY: 0, MONTH: 1, YEAR: 2 };

/** How precisely a partial date is known. */
export function precisionOf(date: string): KnownPrecision {
  const { month, day } = checked(date);
  return day !== undefined ? "DAY" : month !== undefined ? "MONTH" : "YEAR";
}

/** A period as written in the seed (after validation). */
export interface PeriodInput {
  start: string;
  end: string;
  inferred: boolean;
  basis?: string | undefined;
}

/** A period as stored: an inclusive interval of ISO days, with its precision. */
export interface ResolvedPeriod {
  start: string | null;
  end: string | null;
  precision: DatePrecision;
  inferred: boolean;
  basis: string | null;
}

/** Resolves a written period; no period means an unknown one. */
export function resolvePeriod(period: PeriodInput | undefined): ResolvedPeriod {
  if (!period) return { start: null, end: null, precision: "UNKNOWN", inferred: false, basis: null };
  const [startPrecision, endPrecision] = [precisionOf(period.start), precisionOf(period.end)];
  return {
    start: firstDay(period.start),
    end: lastDay(period.end),
    precision: COARSENESS[startPrecision] >= COARSENESS[endPrecision] ? startPrecision : endPrecision,
    inferred: period.inferred,
    basis: period.basis ?? null,
  };
}
