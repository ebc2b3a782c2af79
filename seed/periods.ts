/**
 * Partial dates ("2021", "2021-12", "2021-12-16") and the periods built from them. A period covers
 * the first day of its start to the last day of its end; its precision is the coarser of the two.
 */
import type { DatePrecision } from "../packages/api/src/generated/prisma/enums.js";
import { firstDay, type KnownPrecision, lastDay, precisionOf } from "../packages/api/src/partial-date.js";

// The reading of a partial date itself is the API's (one definition for the seed and the filters).
export { firstDay, isPartialDate, lastDay, precisionOf } from "../packages/api/src/partial-date.js";

const COARSENESS: Record<KnownPrecision, number> = { DAY: 0, MONTH: 1, YEAR: 2 };

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
