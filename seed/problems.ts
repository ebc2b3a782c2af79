/** A problem found in the seed data, and the error that carries all of them at once. */

/** One problem, located precisely enough to fix without searching. */
export interface SeedProblem {
  /** The data file (relative to the repository root when inside it). */
  file: string;
  /** The record's id (or key), or `#n` (1-based position) when it has none. */
  recordId: string;
  /** Dotted path of the field inside the record (`evidence.text`, `defendants[0].age`); empty for the whole record. */
  field: string;
  /** What is wrong, and where possible what to do about it. */
  reason: string;
  /** The 1-based line in the file, when known (unresolved TODOs carry it). */
  line?: number;
}

/** Formats a problem as `file › recordId › field: reason`. */
export function formatProblem({ file, recordId, field, reason, line }: SeedProblem): string {
  const where = line === undefined ? file : `${file}:${line}`;
  return field ? `${where} › ${recordId} › ${field}: ${reason}` : `${where} › ${recordId}: ${reason}`;
}

/** Thrown when the seed data is invalid; carries every problem found, not just the first. */
export class SeedValidationError extends Error {
  constructor(readonly problems: readonly SeedProblem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`the seed data has ${count}:\n${problems.map(formatProblem).join("\n")}`);
    this.name = "SeedValidationError";
  }
}

/** Where a record was written: its file and id. */
export interface RecordOrigin {
  file: string;
  recordId: string;
}

/** Collects problems while the seed is checked, so all of them can be reported together. */
export class ProblemList {
  readonly items: SeedProblem[] = [];

  add(origin: RecordOrigin, field: string, reason: string, line?: number): void {
    this.items.push({ ...origin, field, reason, ...(line === undefined ? {} : { line }) });
  }
}
