/** The PartialDate scalar and the DateInterval object (periods, publication dates, dates of events). */
import { GraphQLError, Kind } from "graphql";
import { builder } from "../../builder.js";
import { describeInterval, type IntervalShape } from "../../intervals.js";
import { parsePartialDate } from "../../partial-date.js";
import { DatePrecisionEnum } from "./enums.js";

function partialDateError(value: unknown): GraphQLError {
  return new GraphQLError(
    `PartialDate must be a year "YYYY", a month "YYYY-MM" or a day "YYYY-MM-DD" (got ${JSON.stringify(value)}).`,
    { extensions: { code: "BAD_USER_INPUT" } },
  );
}

export const PartialDateScalar = builder.scalarType("PartialDate", {
  description:
    'A calendar date that may be partial: a year ("2021"), a month ("2021-12") or a day ("2021-12-16"), ISO 8601. As the start of a range it means its first day, as the end its last day.',
  serialize: (value) => value.text,
  parseValue: (value) => {
    const parsed = typeof value === "string" ? parsePartialDate(value) : null;
    if (!parsed) throw partialDateError(value);
    return parsed;
  },
  parseLiteral: (node) => {
    const parsed = node.kind === Kind.STRING ? parsePartialDate(node.value) : null;
    if (!parsed) throw partialDateError(node.kind === Kind.STRING ? node.value : node.kind);
    return parsed;
  },
});

// The shape and its wording live in ../../intervals.ts (shared with citations and downloads).
export const DateIntervalRef = builder.objectRef<IntervalShape>("DateInterval").implement({
  description:
    "An interval of calendar days with its precision: a year is the whole year, a month the whole month. Dates are ISO `YYYY-MM-DD`, both ends inclusive.",
  fields: (t) => ({
    start: t.string({
      nullable: true,
      description: "First day (ISO `YYYY-MM-DD`); null when the date is not known.",
      resolve: (interval) => interval.start,
    }),
    end: t.string({
      nullable: true,
      description: "Last day, inclusive (ISO `YYYY-MM-DD`); null when not known (or, for operations, ongoing).",
      resolve: (interval) => interval.end,
    }),
    precision: t.field({
      type: DatePrecisionEnum,
      description: "How precisely the interval is known (DAY, MONTH, YEAR or UNKNOWN).",
      resolve: (interval) => interval.precision,
    }),
    inferred: t.boolean({
      description: "True when Fentrace inferred the dates rather than the source printing them; see `basis`.",
      resolve: (interval) => interval.inferred,
    }),
    basis: t.string({
      nullable: true,
      description: "How the dates were established, in Fentrace's words; null when stated outright.",
      resolve: (interval) => interval.basis,
    }),
    text: t.string({
      description:
        'The interval in words, e.g. "2021", "December 2021", "29 September 2021 – 14 December 2021" or "unknown".',
      resolve: (interval) => describeInterval(interval),
    }),
  }),
});
