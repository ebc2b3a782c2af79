/**
 * Query limits: graphql-armor's depth, aliases, directives, tokens and cost limits, plus the
 * length of the document text, with field suggestions hidden from every error message.
 *
 * - Each rejection is a GraphQL error with code QUERY_LIMIT_EXCEEDED whose message names the
 *   limit, its value and what was found (`extensions.limit`, `max`, `found` say the same).
 * - The cost of every executed operation is measured by armor's cost-limit rule at execution,
 *   on the operation's cost view (below: every fan-out — page sizes from literals, variables or
 *   defaults, the ids of `nodes` — made a literal `first` armor understands), is reported in
 *   `extensions.cost` and is refused above the limit, for every operation.
 * - What the cost cannot foresee is bounded while executing by the work budget (records and
 *   response bytes, ../work-budget.ts); an operation that exceeds it gets one RESPONSE_TOO_LARGE
 *   error instead of its partial result.
 * - Trusted documents (the persisted operations: the playground's examples and the SDK's
 *   operations, whether sent by id or as text) are exempt from the static limits (depth,
 *   aliases, directives, tokens, length), not from the cost; see persisted.ts.
 */
import { EnvelopArmor } from "@escape.tech/graphql-armor";
import { costLimitRule } from "@escape.tech/graphql-armor-cost-limit";
import {
  type ArgumentNode,
  type ASTNode,
  type DocumentNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  Lexer,
  type OperationDefinitionNode,
  Source,
  TokenKind,
  TypeInfo,
  type ValidationContext,
  validate,
  visit,
  visitWithTypeInfo,
} from "graphql";
import { createGraphQLError, type Plugin } from "graphql-yoga";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../builder.js";
import type { LimitsConfig } from "../config.js";
import { operationFacts } from "../operations/facts.js";
import type { WorkBudgetContext } from "../work-budget.js";

/** The code of every limit rejection. */
export const LIMIT_CODE = "QUERY_LIMIT_EXCEEDED";

/** Which documents are exempt from the limits. */
export interface TrustedDocuments {
  /** True for the exact text of a trusted document. */
  isTrustedSource(text: string): boolean;
  /** True for a parsed trusted document (compared in a canonical printed form). */
  isTrustedDocument(document: DocumentNode): boolean;
}

const noTrust: TrustedDocuments = { isTrustedSource: () => false, isTrustedDocument: () => false };

type LimitName = "depth" | "aliases" | "directives" | "tokens" | "cost" | "documentLength";

/** graphql-js stops validating a document after this many errors (its `maxErrors` default). */
export const MAX_VALIDATION_ERRORS = 100;

const limitTitles: Record<LimitName, string> = {
  depth: "Query depth",
  aliases: "Aliases",
  directives: "Directives",
  tokens: "Tokens",
  cost: "Query cost",
  documentLength: "Document length",
};

/** The error for a limit: "Query depth limit of 10 exceeded, found 11." */
export function limitError(limit: LimitName, max: number, found?: number, nodes?: readonly ASTNode[]): GraphQLError {
  const foundText = found === undefined ? "" : `, found ${found}`;
  const unit = limit === "documentLength" ? " characters" : "";
  return new GraphQLError(`${limitTitles[limit]} limit of ${max}${unit} exceeded${foundText}.`, {
    ...(nodes ? { nodes } : {}),
    extensions: { code: LIMIT_CODE, limit, max, ...(found === undefined ? {} : { found }) },
  });
}

/** The number after "found" in one of armor's messages ("… exceeded, found 11."). */
function foundIn(message: string): number | undefined {
  // Armor prints numbers as JavaScript does: 11, 1072875.5 or 1.2157665459056929e+19.
  const match = /found (\d+(?:\.\d+)?(?:e[+-]?\d+)?)/i.exec(message);
  return match ? Math.ceil(Number(match[1])) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Cost: graphql-armor's cost-limit rule, run on a "cost view" of the operation.
//
// Armor multiplies the cost of a field's selection by its `first`/`last` argument, but only when
// that is an integer literal: a page size given by a variable, the default page size of a
// connection asked for without `first`, and the ids of `nodes(ids:)` all count as 1 there, so a
// 6 KB request could cost 50 000 and build 32 MB. The cost view is a copy of the executed
// operation (and its fragments) in which every field that fans out carries its real fan-out as
// a literal `first`, so armor's own algorithm, unchanged, charges what execution will do.

/**
 * How many items a field can produce per parent, given its argument values (variables applied):
 * - a connection: `first` or `last`, else the default page size (at most MAX_PAGE_SIZE);
 * - a list-returning field with a list argument (`nodes(ids:)`): that list's length, duplicates
 *   included (each position is a result of its own);
 * - anything else: 1.
 */
export function fanOutOf(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  const named = getNamedType(field.type);
  if (isObjectType(named) && named.name.endsWith("Connection") && "edges" in named.getFields()) {
    const size = args.first ?? args.last;
    const pageSize = typeof size === "number" && Number.isFinite(size) ? Math.trunc(size) : DEFAULT_PAGE_SIZE;
    return Math.min(Math.max(pageSize, 1), MAX_PAGE_SIZE);
  }
  const returnsList = isListType(isNonNullType(field.type) ? field.type.ofType : field.type);
  if (returnsList) {
    let fanOut = 1;
    for (const arg of field.args) {
      const value = args[arg.name];
      if (Array.isArray(value)) fanOut = Math.max(fanOut, value.length);
    }
    return fanOut;
  }
  return 1;
}

const firstArgument = (n: number): ArgumentNode => ({
  kind: Kind.ARGUMENT,
  name: { kind: Kind.NAME, value: "first" },
  value: { kind: Kind.INT, value: String(n) },
});

/**
 * The cost view of the executed operation: the operation and the fragments of `document`, where
 * every field's arguments are replaced by `first: <fan-out>` (or none when the fan-out is 1).
 * Argument values that cannot be read (invalid ones execution will reject) count as absent.
 */
export function costView(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): DocumentNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((op) => op.name?.value === operationName) : operations[0];
  if (!operation) return undefined;
  const selected: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [operation, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)],
  };
  const typeInfo = new TypeInfo(schema);
  return visit(
    selected,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const field = typeInfo.getFieldDef();
        if (!field || (!node.arguments?.length && fanOutOf(field, {}) === 1)) return undefined;
        let args: Record<string, unknown> = {};
        try {
          args = getArgumentValues(field, node, variables);
        } catch {
          // Execution reports invalid arguments itself.
        }
        const fanOut = fanOutOf(field, args);
        return { ...node, arguments: fanOut > 1 ? [firstArgument(fanOut)] : [] };
      },
    }),
  );
}

/**
 * Armor's weights, with one change: no extra factor per level (armor's default multiplies by 1.5
 * at every level, which made a nested SDK operation cost hundreds of millions while a flat alias
 * bomb stayed cheap). With a factor of 1, a field costs 2 per object or 1 per scalar it can
 * produce, times every fan-out above it: an upper bound on the values execution resolves.
 */
export const COST_WEIGHTS = { objectCost: 2, scalarCost: 1, depthCostFactor: 1 } as const;

/** The cost of an operation's cost view, measured by armor's cost-limit rule. */
export function operationCost(schema: GraphQLSchema, view: DocumentNode): number {
  let measured = 0;
  const rule = costLimitRule({
    maxCost: Number.POSITIVE_INFINITY,
    ...COST_WEIGHTS,
    propagateOnRejection: false,
    onAccept: [
      (_context, { n }) => {
        measured = n;
      },
    ],
  });
  validate(schema, view, [rule]);
  return measured;
}

// ---------------------------------------------------------------------------------------------
// The plugin.

/** Context values the plugin attaches to each request. */
const trustedContexts = new WeakSet<object>();

/** Whether the request's document is trusted (set once it has been validated). */
export function isTrustedRequest(context: object): boolean {
  return trustedContexts.has(context);
}

/** Removes graphql-js's "Did you mean …?" hints (field, argument, type and enum value names). */
export function hideSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, "").trim();
}

/**
 * graphql-js's own validation limits, which it reports only as "Validation aborted.": at most
 * MAX_VALIDATION_ERRORS errors, and a work budget for comparing same-named fields pairwise
 * (OverlappingFieldsCanBeMergedRule: 500 000 comparisons; about n² for a field repeated n times).
 */
const FIELD_COMPARISON_BUDGET = 500_000;

/** The repeated field that costs the most comparisons, and about how many it costs in all. */
function fieldComparisons(document: DocumentNode): { name: string; repeats: number; comparisons: number } {
  let comparisons = 0;
  let worst = { name: "", repeats: 0 };
  visit(document, {
    SelectionSet(node) {
      const counts = new Map<string, number>();
      for (const selection of node.selections) {
        if (selection.kind !== Kind.FIELD) continue;
        const name = selection.alias?.value ?? selection.name.value;
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
      for (const [name, repeats] of counts) {
        comparisons += repeats * (repeats - 1);
        if (repeats > worst.repeats) worst = { name, repeats };
      }
    },
  });
  return { ...worst, comparisons };
}

/**
 * The lexical tokens of a document, counted as armor counts them (punctuators, names, values;
 * not comments), to say by how much it is over the limit. The length limit, checked before
 * parsing, bounds this work.
 */
function countTokens(source: string | Source): number {
  const lexer = new Lexer(typeof source === "string" ? new Source(source) : source);
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    // A syntax error ends the count: the parse error is not what this message is about.
  }
  return count;
}

function validationAbortedError(document: DocumentNode, reported: number): GraphQLError {
  if (reported >= MAX_VALIDATION_ERRORS) {
    return new GraphQLError(
      `Validation error limit of ${MAX_VALIDATION_ERRORS} exceeded: validation stopped after the first ${reported} errors (listed before this one); fix those and send the document again.`,
      { extensions: { code: LIMIT_CODE, limit: "validationErrors", max: MAX_VALIDATION_ERRORS, found: reported + 1 } },
    );
  }
  const { name, repeats, comparisons } = fieldComparisons(document);
  const found = Math.max(comparisons, FIELD_COMPARISON_BUDGET + 1);
  return new GraphQLError(
    `Validation work limit of ${FIELD_COMPARISON_BUDGET} field comparisons exceeded, found about ${found}` +
      (repeats > 1
        ? `: the field "${name}" is selected ${repeats} times in one selection set, and repeated fields are compared pairwise. Select each field once.`
        : "."),
    { extensions: { code: LIMIT_CODE, limit: "validationWork", max: FIELD_COMPARISON_BUDGET, found } },
  );
}

export function useLimits(limits: LimitsConfig, trusted: TrustedDocuments = noTrust): Plugin {
  const report = (limit: LimitName, max: number) => (context: ValidationContext | null, error: GraphQLError) => {
    context?.reportError(limitError(limit, max, foundIn(error.message)));
  };
  const armor = new EnvelopArmor({
    // Fragments (inline or spread) are not levels of the response: depth counts fields only.
    maxDepth: {
      n: limits.depth,
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [report("depth", limits.depth)],
    },
    maxAliases: { n: limits.aliases, propagateOnRejection: false, onReject: [report("aliases", limits.aliases)] },
    maxDirectives: {
      n: limits.directives,
      propagateOnRejection: false,
      onReject: [report("directives", limits.directives)],
    },
    // The cost depends on the variables: it is measured at execution, on the cost view (above).
    costLimit: { enabled: false },
    maxTokens: { n: limits.tokens },
    blockFieldSuggestion: { enabled: true, mask: "" },
  });
  const armorPlugins = armor.protect().plugins as Plugin[];

  return {
    onPluginInit({ addPlugin }) {
      for (const plugin of armorPlugins) {
        addPlugin({
          // The token limit replaces the parser: rewrite its "Syntax Error: Token limit …" message.
          ...(plugin.onParse
            ? {
                onParse(payload) {
                  const source = payload.params.source;
                  if (trusted.isTrustedSource(typeof source === "string" ? source : (source as Source).body)) return;
                  return plugin.onParse?.({
                    ...payload,
                    setParseFn: (parse) =>
                      payload.setParseFn((...args) => {
                        try {
                          return parse(...args);
                        } catch (error) {
                          if (error instanceof GraphQLError && /Token limit of/.test(error.message)) {
                            throw limitError("tokens", limits.tokens, countTokens(args[0]));
                          }
                          throw error;
                        }
                      }),
                  });
                },
              }
            : {}),
          ...(plugin.onValidate
            ? {
                onValidate(payload) {
                  if (trusted.isTrustedDocument(payload.params.documentAST)) return;
                  return plugin.onValidate?.(payload);
                },
              }
            : {}),
        });
      }
    },
    onRequestParse({ request, url, endResponse, fetchAPI }) {
      // Yoga would report unparsable JSON in GET parameters as an unexpected (internal) error.
      if (request.method !== "GET") return;
      for (const name of ["variables", "extensions"] as const) {
        const raw = url.searchParams.get(name);
        if (raw === null || raw === "") continue;
        let value: unknown;
        try {
          value = JSON.parse(raw);
        } catch {
          value = undefined;
        }
        if (value === null || typeof value !== "object" || Array.isArray(value)) {
          endResponse(
            new fetchAPI.Response(
              JSON.stringify({
                errors: [
                  { message: `The "${name}" parameter must be a JSON object.`, extensions: { code: "BAD_REQUEST" } },
                ],
              }),
              {
                status: 400,
                headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
              },
            ),
          );
          return;
        }
      }
    },
    onParams({ params }) {
      const query = params.query;
      if (typeof query === "string" && query.length > limits.documentLength && !trusted.isTrustedSource(query)) {
        throw createGraphQLError(limitError("documentLength", limits.documentLength, query.length).message, {
          extensions: {
            code: LIMIT_CODE,
            limit: "documentLength",
            max: limits.documentLength,
            found: query.length,
            http: { status: 400 },
          },
        });
      }
    },
    onValidate({ params, context }) {
      if (trusted.isTrustedDocument(params.documentAST)) trustedContexts.add(context);
      return ({ result, setResult }) => {
        let errors = result;
        if (errors.some((error) => /Did you mean/.test(error.message))) {
          errors = errors.map((error) => new GraphQLError(hideSuggestions(error.message), error));
        }
        // graphql-js ends validation with a bare message in two cases; say which limit it was.
        const aborted = errors.findIndex((error) => /Validation aborted\.?$/.test(error.message));
        if (aborted !== -1) {
          const reported = errors.filter((_, index) => index !== aborted);
          errors = [...reported, validationAbortedError(params.documentAST, reported.length)];
        }
        if (errors !== result) setResult([...errors]);
      };
    },
    onExecute({ args, setResultAndStopExecution }) {
      const facts = operationFacts(args);
      let cost = facts?.cost;
      if (cost === undefined) {
        const view = costView(
          args.schema,
          args.document,
          args.operationName,
          (args.variableValues ?? {}) as Record<string, unknown>,
        );
        cost = view ? Math.ceil(operationCost(args.schema, view)) : 0;
        if (facts) facts.cost = cost;
      }
      // Trusted documents are exempt from the static limits (depth, aliases, tokens), not from
      // the cost: that depends on the variables, which anyone may choose.
      if (cost > limits.cost) {
        const error = limitError("cost", limits.cost, cost);
        error.extensions.http = { status: 400 };
        setResultAndStopExecution({ errors: [error], extensions: { cost } });
        return;
      }
      const meter = (args.contextValue as Partial<WorkBudgetContext>).workMeter;
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          // Over its work budget, the operation stopped where it was: one error, no partial data.
          if (meter?.exceeded) {
            setResult({ errors: [meter.exceeded], extensions: { cost, records: meter.records } });
            return;
          }
          setResult({ ...result, extensions: { ...result.extensions, cost } });
        },
      };
    },
    onResultProcess({ result, setResult }) {
      // Suggestions can also appear outside validation (variables naming unknown enum values).
      if (Array.isArray(result) || Symbol.asyncIterator in result) return;
      const errors = result.errors;
      if (errors?.some((error) => /Did you mean/.test(error.message))) {
        setResult({
          ...result,
          errors: errors.map((error) => new GraphQLError(hideSuggestions(error.message), error)),
        });
      }
    },
  };
}
