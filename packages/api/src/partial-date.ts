/**
 * Partial dates: a year ("2021"), a month ("2021-12") or a day ("2021-12-16"), ISO 8601. The one
 * reading of them, shared by the API's `PartialDate` scalar and the seed loader's periods, so a
 * date the seed accepts is exactly a date a filter accepts.
 */
import type { DatePrecision } from "./generated/prisma/enums.js";

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

/**
 * The parts of `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real year, month and day, or undefined.
 * Year 0000 is not one: the calendar goes from 1 BC to AD 1, and a 0000 is a placeholder or a typo.
 */
function parts(date: string): DateParts | undefined {
  const match = PARTIAL_DATE.exec(date);
  if (!match) return undefined;
  const [, year, month, day] = match;
  const p: DateParts = {
    year: Number(year),
    ...(month === undefined ? {} : { month: Number(month) }),
    ...(day === undefined ? {} : { day: Number(day) }),
  };
  if (p.year === 0) return undefined;
  if (p.month === undefined) return p;
  if (p.month < 1 || p.month > 12) return undefined;
  if (p.day !== undefined && (p.day < 1 || p.day > daysInMonth(p.year, p.month))) return undefined;
  return p;
}

/** True for `YYYY`, `YYYY-MM` and `YYYY-MM-DD` naming a real year, month and day (not year 0000). */
export function isPartialDate(date: string): boolean {
  return parts(date) !== undefined;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function checked(date: string): DateParts {
  const p = parts(date);
  if (!p) throw new Error(`not a partial date: "${date}"`);
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

/** The precisions a partial date can have (a known date is never UNKNOWN). */
export type KnownPrecision = Exclude<DatePrecision, "UNKNOWN">;

/** How precisely a partial date is known. */
export function precisionOf(date: string): KnownPrecision {
  const { month, day } = checked(date);
  return day !== undefined ? "DAY" : month !== undefined ? "MONTH" : "YEAR";
}

/** A parsed `PartialDate`: the first and last day it covers (ISO `YYYY-MM-DD`) and its text. */
export interface PartialDateValue {
  text: string;
  start: string;
  end: string;
}

/** Parses a partial date into the days it covers, or null when it is not one. */
export function parsePartialDate(text: string): PartialDateValue | null {
  return isPartialDate(text) ? { text, start: firstDay(text), end: lastDay(text) } : null;
}
