/**
 * The work budget of one operation: how many records it may resolve and how many bytes of JSON
 * its result may hold, counted while the result is built.
 *
 * The cost limit (plugins/limits.ts) refuses, before execution, every operation whose declared
 * fan-out is too large. It cannot see everything (how many groups `figureStats` makes, how long a
 * text is), so this meter is the backstop that bounds the work actually done: a Pothos plugin
 * wraps every resolver, each resolved value is charged to the request's meter, and once either
 * budget is spent every further resolver refuses at once, so nothing more is loaded or built.
 * The Yoga side (useLimits) then replaces the partial result with one RESPONSE_TOO_LARGE error.
 */
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from "@pothos/core";
import { GraphQLError, type GraphQLFieldResolver, type GraphQLResolveInfo } from "graphql";

/** The code of the error an operation gets when it exceeds its work budget. */
export const RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE";

export interface WorkBudgetLimits {
  /** Records (objects and list items) one operation may resolve. */
  records: number;
  /** Bytes of JSON one operation's result may hold (an estimate, see `bytesOf`). */
  responseBytes: number;
}

/** JSON bytes of a field's key, quotes, colon and comma: charged for every value. */
const FIELD_OVERHEAD = 8;

/** A close upper estimate of the JSON bytes of a scalar value (keys are charged separately). */
function bytesOf(value: unknown): number {
  switch (typeof value) {
    case "string":
      // Escapes (\" \\ \uXXXX) are rare in this data; non-ASCII characters take up to 3 bytes.
      return value.length * 1.25 + 2;
    case "number":
      return 24;
    case "boolean":
      return 5;
    default:
      return 4; // null
  }
}

/** The meter of one operation. */
export class WorkMeter {
  records = 0;
  bytes = 0;
  /** The error every resolver throws once a budget is spent. */
  exceeded: GraphQLError | undefined;

  /** Results of object-valued fields by parent object and field node (see resolveOnce). */
  private resolved = new WeakMap<object, Map<unknown, unknown>>();

  constructor(readonly limits: WorkBudgetLimits) {}

  /** Starts the operation's count again (it is being run again: plugins/compiled-execution.ts). */
  reset(): void {
    this.records = 0;
    this.bytes = 0;
    this.exceeded = undefined;
    this.resolved = new WeakMap();
  }

  /**
   * Resolves a field once per parent object and place in the document. The same record at many
   * positions (one id given 100 times to `nodes`) is one parent object, so its relations are
   * loaded once and only the output is built per position (and charged per position).
   */
  resolveOnce(parent: unknown, info: GraphQLResolveInfo, resolve: () => unknown): unknown {
    if (parent === null || typeof parent !== "object") return resolve();
    let byField = this.resolved.get(parent);
    if (!byField) {
      byField = new Map();
      this.resolved.set(parent, byField);
    }
    const key = info.fieldNodes[0];
    if (byField.has(key)) return byField.get(key);
    const result = resolve();
    byField.set(key, result);
    return result;
  }

  /**
   * Charges a resolved value: objects and list items count as records, scalars by their size.
   * Over budget, it records the error rather than throwing: the next resolver throws it (a
   * rejection raised inside a settled value's promise could go unobserved by the executor).
   */
  charge(value: unknown, returnsObject: boolean): void {
    if (Array.isArray(value)) {
      this.records += value.length;
      this.bytes += FIELD_OVERHEAD + value.length * 2;
      if (!returnsObject) for (const item of value) this.bytes += bytesOf(item) + 1;
    } else if (returnsObject) {
      if (value != null) this.records += 1;
      this.bytes += FIELD_OVERHEAD + 2;
    } else {
      this.bytes += FIELD_OVERHEAD + bytesOf(value);
    }
    if (this.records > this.limits.records) this.refuse("records", this.limits.records, this.records);
    else if (this.bytes > this.limits.responseBytes)
      this.refuse("responseBytes", this.limits.responseBytes, Math.ceil(this.bytes));
  }

  /**
   * Charges `count` records that a resolver is about to load and use as a whole (an aggregate
   * over every figure of a filter), so that it is refused before it loads them.
   */
  reserve(count: number): void {
    if (!this.exceeded) {
      this.records += count;
      if (this.records > this.limits.records) this.refuse("records", this.limits.records, this.records);
    }
    if (this.exceeded) throw this.exceeded;
  }

  private refuse(limit: "records" | "responseBytes", max: number, found: number): void {
    const what =
      limit === "records"
        ? `Record limit of ${max} exceeded: this operation resolved more than ${max} records (${found} when it was stopped).`
        : `Response size limit of ${max} bytes exceeded: this operation's result grew past ${max} bytes of JSON (${found} when it was stopped).`;
    this.exceeded = new GraphQLError(
      `${what} Ask for less: smaller \`first\`/\`last\`, fewer ids, fewer aliases or fewer nested lists.`,
      { extensions: { code: RESPONSE_TOO_LARGE, limit, max, found, http: { status: 400 } } },
    );
  }
}

/** What the context must provide: the meter of the operation it belongs to. */
export interface WorkBudgetContext {
  workMeter: WorkMeter;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === "function";
}

/** Pothos plugin: charges every resolved value to the context's WorkMeter. */
export class WorkBudgetPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types["Context"], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types["Context"], object> {
    const type = fieldConfig.type.kind === "List" ? fieldConfig.type.type : fieldConfig.type;
    const returnsObject = type.kind !== "Scalar" && type.kind !== "Enum";
    return (parent, args, context, info) => {
      const meter = (context as WorkBudgetContext).workMeter;
      // Errors leave as rejected promises, never as synchronous throws: graphql-js abandons the
      // pending promises of an object's other fields when one throws synchronously into a
      // non-null parent, and a later rejection of one of those would go unobserved.
      if (meter.exceeded) return Promise.reject(meter.exceeded);
      let result: unknown;
      try {
        result = returnsObject
          ? meter.resolveOnce(parent, info, () => resolver(parent, args, context, info))
          : resolver(parent, args, context, info);
      } catch (error) {
        return Promise.reject(error);
      }
      if (isPromiseLike(result)) {
        return Promise.resolve(result).then((value) => {
          meter.charge(value, returnsObject);
          return value;
        });
      }
      meter.charge(result, returnsObject);
      return meter.exceeded ? Promise.reject(meter.exceeded) : result;
    };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      workBudget: WorkBudgetPlugin<Types>;
    }
  }
}

export const workBudgetPlugin = "workBudget";
SchemaBuilder.registerPlugin(workBudgetPlugin, WorkBudgetPlugin);
