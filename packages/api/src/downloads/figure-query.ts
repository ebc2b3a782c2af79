/**
 * Filtered figures by URL: `/downloads/figures.csv?metric=pills_seized&period=2021` and the same
 * for `figures.json`. The query parameters are a FigureFilter (and an `orderBy`) written flat; they
 * are read into the GraphQL input value, coerced by the schema's own FigureFilter type, checked by
 * the same bounds (plugins/argument-validation.ts) and the same filter checks and reference
 * resolution (`figureConditions`, data/references.ts) as `figures(filter:)`, and the figures are
 * selected and ordered by the same SQL (data/figures.ts). A filtered file holds the very rows of
 * the whole figures.csv that `figures(filter:, orderBy:)` returns, in its order.
 *
 * Parameter syntax (documented in packages/api/README.md):
 *
 * - `filter=<JSON>`: a whole FigureFilter as JSON, exactly as in GraphQL variables.
 * - `<field>=<value>` for every FigureFilter field, and `<field>.<subfield>…=<value>` into its
 *   input objects (`value.gte=1000`, `period.overlaps.start=2021-06`, `place.includeDescendants=false`).
 *   A list field (`document`, `platform`, `qualifier` …) takes one value per repetition
 *   (`document=latin-post&document=north-texas-cartels`).
 * - Shorthands for an input object named alone: a text filter (`metric`, `unit`, `label`) means
 *   `in` (`metric=pills_seized&metric=drug_seized_mass`), a number filter (`value`) `eq`, a scope
 *   (`place`, `substance`) its `ids`, `period` its `overlaps`; a date range (`period.overlaps`,
 *   `period.within`) is `2021` (that year), `2021-03..2021-09` or an open `2021..` / `..2021`.
 * - `orderBy=FIELD` or `orderBy=FIELD:DESC` (FigureOrderField values), repeatable, most
 *   significant first; default reading order.
 *
 * Parameters given both in `filter=` and on their own are refused, as are unknown parameters, more
 * than MAX_PARAMETERS parameters and a `filter=` longer than MAX_FILTER_JSON_LENGTH characters. The
 * work is bounded like an operation's: at most `records` figures (LIMIT_RECORDS) and
 * `responseBytes` bytes (LIMIT_RESPONSE_BYTES) per file; a larger result is refused
 * (RESPONSE_TOO_LARGE) without building it past the limit.
 */
import {
  coerceInputValue,
  GraphQLError,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
} from "graphql";
import type { LimitsConfig } from "../config.js";
import { all, sql } from "../data/database.js";
import { figureSortKeys, figureSql } from "../data/figures.js";
import { badUserInput } from "../errors.js";
import { closestNames, didYouMean } from "../http/suggestions.js";
import { boundViolations } from "../plugins/argument-validation.js";
import { type FigureFilterValue, figureConditions } from "../schema/figure.js";
import { schema } from "../schema/index.js";
import { RESPONSE_TOO_LARGE } from "../work-budget.js";
import { tableToCsv } from "./csv.js";
import type { Row, TableDefinition } from "./tables.js";

/** Most query parameters one request may have (a filter of 100 documents and 100 platforms fits). */
export const MAX_PARAMETERS = 256;
/** Longest `filter=` JSON, in characters. */
export const MAX_FILTER_JSON_LENGTH = 10_000;

export const FILTER_PARAMETER = "filter";
export const ORDER_PARAMETER = "orderBy";

/** What an input object named alone stands for: `metric=x` is `metric.in=x`, and so on. */
const SHORTHANDS: Readonly<Record<string, string>> = {
  StringFilter: "in",
  FloatFilter: "eq",
  IntFilter: "eq",
  ScopeInput: "ids",
  PeriodFilter: "overlaps",
};

/** A refused request: HTTP 400 with a GraphQL-shaped error (`extensions.code`, `argument`, `parameter`). */
export class FigureQueryError extends Error {
  constructor(
    message: string,
    readonly extensions: Record<string, unknown>,
  ) {
    super(message);
    this.name = "FigureQueryError";
  }
}

function refuse(parameter: string, message: string, argument?: string, allowed?: readonly string[]): never {
  throw new FigureQueryError(message, {
    code: "BAD_USER_INPUT",
    parameter,
    ...(argument ? { argument } : {}),
    ...(allowed ? { allowed } : {}),
  });
}

function inputObject(name: string): GraphQLInputObjectType {
  const type = schema.getType(name);
  if (!isInputObjectType(type)) throw new Error(`The schema has no input type ${name}.`);
  return type;
}

const figureFilterType = inputObject("FigureFilter");
const figureOrderListType = new GraphQLList(new GraphQLNonNull(inputObject("FigureOrder")));

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** A number as written in a URL: `12`, `-3.5`, `.5`, `1e6`. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A leaf value of a parameter, as the GraphQL type wants it (numbers and booleans parsed; coercion checks the rest). */
function leafValue(parameter: string, type: GraphQLInputType, text: string): Json {
  const name = getNamedType(type).name;
  if (name === "Boolean") {
    if (text === "true" || text === "false") return text === "true";
    refuse(parameter, `Parameter "${parameter}" must be true or false (got ${JSON.stringify(text)}).`);
  }
  if (name === "Float" || name === "Int") {
    // Decimal notation only: Number() would also take "0x10", "0b1", "  12 " and "".
    const number = DECIMAL.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(number)) {
      refuse(parameter, `Parameter "${parameter}" must be a number (got ${JSON.stringify(text)}).`);
    }
    return number;
  }
  return text;
}

/** `2021` → that year; `2021-03..2021-09`; `2021..` and `..2021` are open at one end. */
function dateRange(text: string): JsonObject {
  const [start, end, ...rest] = text.split("..");
  if (rest.length > 0 || start === undefined) return { start: text, end: text }; // coercion names the bad date
  if (end === undefined) return { start, end: start };
  return { ...(start ? { start } : {}), ...(end ? { end } : {}) };
}

/** Sets `field` of `target` (an input object of `type`): lists append, date ranges and leaves are set once. */
function setIn(type: GraphQLInputObjectType, target: JsonObject, parameter: string, field: string, text: string): void {
  const input = type.getFields()[field];
  if (!input) throw new Error(`${type.name} has no field ${field}`);
  const fieldType = getNullableType(input.type);
  if (isListType(fieldType)) {
    const existing = target[field];
    const list: Json[] = Array.isArray(existing) ? existing : [];
    target[field] = list;
    list.push(leafValue(parameter, fieldType.ofType, text));
  } else if (isInputObjectType(fieldType) && fieldType.name === "DateRangeInput") {
    if (target[field] !== undefined) refuse(parameter, `Parameter "${parameter}" is given twice.`);
    target[field] = dateRange(text);
  } else {
    if (field in target) refuse(parameter, `Parameter "${parameter}" is given twice (it takes one value).`);
    target[field] = leafValue(parameter, fieldType, text);
  }
}

/** The input object at `key` of `target`, created empty when absent. */
function childObject(target: JsonObject, key: string): JsonObject {
  const existing = target[key];
  if (existing && typeof existing === "object" && !Array.isArray(existing)) return existing;
  const child: JsonObject = {};
  target[key] = child;
  return child;
}

/** The filter the flat parameters spell. */
function filterOfParameters(parameters: readonly [string, string][]): JsonObject {
  const filter: JsonObject = {};
  for (const [parameter, text] of parameters) {
    const path = parameter.split(".");
    const top = path[0] ?? "";
    const field = figureFilterType.getFields()[top];
    const fieldType = field ? getNullableType(field.type) : undefined;
    // An input object named alone (`metric=…`, `place=…`, `period=…`) takes its shorthand.
    if (path.length === 1 && fieldType && isInputObjectType(fieldType)) {
      const shorthand = SHORTHANDS[fieldType.name];
      if (!shorthand) refuse(parameter, `Parameter "${parameter}" names ${fieldType.name}: name one of its fields.`);
      const child = childObject(filter, top);
      setIn(fieldType, child, parameter, shorthand, text);
      continue;
    }
    if (path.length > 1) {
      // `a.b.c`: walk to the parent object of the last segment, then set it there.
      let type: GraphQLInputObjectType = figureFilterType;
      let target = filter;
      for (const [index, segment] of path.slice(0, -1).entries()) {
        const input = type.getFields()[segment];
        const inner = input ? getNullableType(input.type) : undefined;
        if (!inner || !isInputObjectType(inner)) unknownParameter(parameter, type, path, index);
        target = childObject(target, segment);
        type = inner;
      }
      const last = path[path.length - 1] ?? "";
      const input = type.getFields()[last];
      if (!input) unknownParameter(parameter, type, path, path.length - 1);
      const inner = getNullableType(input.type);
      if (isInputObjectType(inner) && inner.name !== "DateRangeInput") {
        const shorthand = SHORTHANDS[inner.name];
        if (!shorthand) refuse(parameter, `Parameter "${parameter}" names ${inner.name}: name one of its fields.`);
        const child = childObject(target, last);
        setIn(inner, child, parameter, shorthand, text);
      } else {
        setIn(type, target, parameter, last, text);
      }
      continue;
    }
    if (!field) unknownParameter(parameter, figureFilterType, path, 0);
    setIn(figureFilterType, filter, parameter, top, text);
  }
  return filter;
}

function unknownParameter(
  parameter: string,
  type: GraphQLInputObjectType,
  path: readonly string[],
  index: number,
): never {
  const fields = Object.keys(type.getFields());
  const within = index === 0 ? "" : ` (in ${path.slice(0, index).join(".")}, a ${type.name})`;
  const candidates = index === 0 ? [...fields, FILTER_PARAMETER, ORDER_PARAMETER] : fields;
  const hint = didYouMean(closestNames(path[index] ?? "", candidates));
  return refuse(
    parameter,
    `Unknown parameter "${parameter}": ${JSON.stringify(path[index])} is no field of ${type.name}${within}${hint}. Its fields: ${fields.join(", ")}. Also "${FILTER_PARAMETER}" (a FigureFilter as JSON) and "${ORDER_PARAMETER}".`,
  );
}

/** Coerces `value` to `type` as GraphQL coerces variables; the first problem is a 400 naming where it is. */
function coerce(value: unknown, type: GraphQLInputType, root: string, parameter: string): unknown {
  return coerceInputValue(value, type, (path, invalid, error) => {
    const at = path.map((key) => (typeof key === "number" ? `[${key}]` : `.${key}`)).join("");
    const shown = invalid === undefined ? "" : ` got invalid value ${JSON.stringify(invalid)}`;
    // graphql-js's "Did you mean …?" hints are left out, as the API's messages leave them out.
    const reason = error.message.replace(/ Did you mean .*$/, "");
    // An enum's values go into `extensions.allowed` (the plain-text CSV error lists them).
    const enumName = /in "(\w+)" enum/.exec(error.message)?.[1];
    const enumType = enumName ? schema.getType(enumName) : undefined;
    const allowed = isEnumType(enumType) ? enumType.getValues().map((value) => value.name) : undefined;
    refuse(parameter || String(path[0] ?? ""), `Argument "${root}${at}"${shown}: ${reason}`, `${root}${at}`, allowed);
  });
}

/** What a figures download URL asks for. */
export interface FigureQuery {
  filter: FigureFilterValue | null;
  orderBy: { field: "DOCUMENT_POSITION"; direction?: "asc" | "desc" }[] | null;
}

/** Reads and checks the query parameters of a figures download (throws FigureQueryError or BAD_USER_INPUT). */
export function parseFigureQuery(search: URLSearchParams): FigureQuery {
  const entries = [...search.entries()];
  if (entries.length > MAX_PARAMETERS) {
    refuse("", `At most ${MAX_PARAMETERS} query parameters are allowed (got ${entries.length}).`);
  }
  const flat: [string, string][] = [];
  let json: string | undefined;
  const order: string[] = [];
  for (const [name, value] of entries) {
    if (name === FILTER_PARAMETER) {
      if (json !== undefined) refuse(name, `Parameter "${FILTER_PARAMETER}" is given twice.`);
      json = value;
    } else if (name === ORDER_PARAMETER) {
      order.push(value);
    } else {
      flat.push([name, value]);
    }
  }
  const filter = filterOfParameters(flat);
  if (json !== undefined) {
    if (json.length > MAX_FILTER_JSON_LENGTH) {
      refuse(
        FILTER_PARAMETER,
        `Parameter "${FILTER_PARAMETER}" must be at most ${MAX_FILTER_JSON_LENGTH} characters (got ${json.length}).`,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (error) {
      refuse(
        FILTER_PARAMETER,
        `Parameter "${FILTER_PARAMETER}" is not JSON: ${error instanceof Error ? error.message : String(error)}.`,
      );
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      refuse(FILTER_PARAMETER, `Parameter "${FILTER_PARAMETER}" must be a JSON object (a FigureFilter).`);
    }
    for (const [key, value] of Object.entries(parsed as JsonObject)) {
      // Own keys only: `"__proto__"` or `"constructor"` in the JSON are fields no FigureFilter has
      // (coercion says so), not the object's inherited members, and never its prototype.
      if (Object.hasOwn(filter, key)) {
        refuse(key, `"${key}" is given both in "${FILTER_PARAMETER}" and as a parameter of its own: give it once.`);
      }
      Object.defineProperty(filter, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  const coerced = coerce(filter, figureFilterType, "filter", json === undefined ? "" : FILTER_PARAMETER);
  const orderValue = order.map((text) => {
    const [field, direction, ...rest] = text.split(":");
    if (rest.length > 0 || !field)
      refuse(
        ORDER_PARAMETER,
        `Parameter "${ORDER_PARAMETER}" is FIELD or FIELD:ASC / FIELD:DESC (got ${JSON.stringify(text)}).`,
      );
    return { field, ...(direction === undefined ? {} : { direction: direction.toUpperCase() }) };
  });
  const orderBy = order.length > 0 ? coerce(orderValue, figureOrderListType, "orderBy", ORDER_PARAMETER) : null;
  for (const [type, value, root] of [
    [figureFilterType, coerced, "filter"],
    [figureOrderListType, orderBy, "orderBy"],
  ] as const) {
    const [violation] = boundViolations(type, value, root);
    if (violation) throw badUserInput(violation[0], violation[1]);
  }
  return { filter: coerced as FigureFilterValue, orderBy: orderBy as FigureQuery["orderBy"] };
}

/** The ids of the figures a query selects, in its order: at most `limit` + 1, so that "more" can be told. */
export function figureIds(query: FigureQuery, limit: number): string[] {
  const where = figureSql(figureConditions(query.filter, "filter"));
  let select = sql.selectFrom("Figure").select("id");
  if (where.length > 0) select = select.where((eb) => eb.and(where));
  for (const key of figureSortKeys(query.orderBy)) select = select.orderBy(key.column, key.direction);
  return all(select.limit(limit + 1)).map((row) => row.id);
}

/** The body of a filtered figures download: the rows of `ids`, as CSV or as figures.json's JSON. */
export function filteredFigures(
  format: "csv" | "json",
  definition: TableDefinition,
  rowsById: ReadonlyMap<string, Row>,
  ids: readonly string[],
  limits: Pick<LimitsConfig, "records" | "responseBytes">,
): string {
  if (ids.length > limits.records) {
    throw new GraphQLError(
      `Record limit of ${limits.records} exceeded: this filter selects more than ${limits.records} figures. Narrow the filter, or download the whole figures.${format} (no parameters).`,
      { extensions: { code: RESPONSE_TOO_LARGE, limit: "records", max: limits.records, found: ids.length } },
    );
  }
  const rows = ids.map((id) => {
    const row = rowsById.get(id);
    if (!row) throw new Error(`The figure ${id} is in the database but not in figures.csv.`);
    return row;
  });
  const text = format === "csv" ? tableToCsv({ definition, rows }) : `${JSON.stringify(rows, null, 1)}\n`;
  const bytes = Buffer.byteLength(text);
  if (bytes > limits.responseBytes) {
    throw new GraphQLError(
      `Response size limit of ${limits.responseBytes} bytes exceeded: these ${rows.length} figures take ${bytes} bytes. Narrow the filter, or download the whole figures.${format} (no parameters).`,
      {
        extensions: { code: RESPONSE_TOO_LARGE, limit: "responseBytes", max: limits.responseBytes, found: bytes },
      },
    );
  }
  return text;
}
