/**
 * Query limits: graphql-armor's depth, aliases, directives, tokens and cost limits, plus the
 * length of the document text, with field suggestions hidden from every error message.
 *
 * - Each rejection is a GraphQL error with code QUERY_LIMIT_EXCEEDED whose message names the
 *   limit, its value and what was found (`extensions.limit`, `max`, `found` say the same).
 * - The cost of every executed operation is reported in `extensions.cost`. It is armor's cost
 *   algorithm (objects 2, scalars 1, ×1.5 per level, × `first`/`last`), computed again at
 *   execution with `first`/`last` taken from the variables too (armor only sees literals),
 *   and the same limit applies to that figure.
 * - Trusted documents (the persisted operations: the playground's examples and the SDK's
 *   operations, whether sent by id or as text) are exempt from the limits; see persisted.ts.
 */
import { EnvelopArmor } from "@escape.tech/graphql-armor";
import {
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type Source,
  type ValidationContext,
} from "graphql";
import { createGraphQLError, type Plugin } from "graphql-yoga";
import { MAX_PAGE_SIZE } from "../builder.js";
import type { LimitsConfig } from "../config.js";

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
  const match = /found (\d+(?:\.\d+)?)/.exec(message);
  return match ? Math.ceil(Number(match[1])) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Cost: graphql-armor's cost-limit algorithm (packages/plugins/cost-limit), with variables.

const OBJECT_COST = 2;
const SCALAR_COST = 1;
const DEPTH_COST_FACTOR = 1.5;

/** The page size a `first`/`last` argument asks for: a literal, or a variable's value or default. */
function pageSize(
  value: ASTNode,
  variables: Record<string, unknown>,
  defaults: ReadonlyMap<string, ASTNode | undefined>,
): number | undefined {
  if (value.kind === Kind.INT) return Number.parseInt(value.value, 10);
  if (value.kind === Kind.VARIABLE) {
    // A variable above the largest page size is rejected by the connection-argument validation
    // (validation.ts) with a clearer message; count it as that largest size here.
    const given = variables[value.name.value];
    if (typeof given === "number") return Math.min(Math.trunc(given), MAX_PAGE_SIZE);
    const fallback = defaults.get(value.name.value);
    if (given === undefined && fallback?.kind === Kind.INT) return Number.parseInt(fallback.value, 10);
  }
  return undefined;
}

/**
 * The cost of one operation, computed exactly as graphql-armor's cost limit does, except that a
 * `first`/`last` given by a variable counts with its value (armor counts it as 1).
 */
export function operationCost(
  document: DocumentNode,
  operationName?: string | null,
  variables: Record<string, unknown> = {},
): number {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((op) => op.name?.value === operationName) : operations[0];
  if (!operation) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const defaults = new Map((operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, v.defaultValue]));
  const visited = new Map<string, number>();

  const complexity = (node: ASTNode): number => {
    if (node.kind === Kind.FIELD && node.name.value === "__schema") return 0; // introspection is free
    let cost = SCALAR_COST;
    const selectionSet = (node as { selectionSet?: SelectionSetNode }).selectionSet;
    if (selectionSet) {
      cost = OBJECT_COST;
      let multiplier = 1;
      if (node.kind === Kind.FIELD && node.arguments) {
        for (const arg of node.arguments) {
          if (arg.name.value === "first" || arg.name.value === "last") {
            const size = pageSize(arg.value, variables, defaults);
            if (size !== undefined && Number.isFinite(size)) multiplier = Math.max(size, multiplier);
            break;
          }
        }
      }
      for (const child of selectionSet.selections) cost += DEPTH_COST_FACTOR * complexity(child);
      cost *= multiplier;
    } else if (node.kind === Kind.FRAGMENT_SPREAD) {
      const name = node.name.value;
      if (visited.has(name)) return cost + DEPTH_COST_FACTOR * Math.max(visited.get(name) ?? 0, 0);
      visited.set(name, -1);
      const fragment = fragments.get(name);
      if (fragment) {
        const fragmentCost = complexity(fragment);
        cost += DEPTH_COST_FACTOR * fragmentCost;
        if (visited.get(name) === -1) visited.set(name, fragmentCost);
      }
    }
    return cost;
  };
  return operation.selectionSet.selections.reduce((sum, child) => sum + complexity(child), 0);
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

export function useLimits(limits: LimitsConfig, trusted: TrustedDocuments = noTrust): Plugin {
  const report = (limit: LimitName, max: number) => (context: ValidationContext | null, error: GraphQLError) => {
    context?.reportError(limitError(limit, max, foundIn(error.message)));
  };
  const armor = new EnvelopArmor({
    maxDepth: { n: limits.depth, propagateOnRejection: false, onReject: [report("depth", limits.depth)] },
    maxAliases: { n: limits.aliases, propagateOnRejection: false, onReject: [report("aliases", limits.aliases)] },
    maxDirectives: { n: limits.directives, propagateOnRejection: false, onReject: [report("directives", limits.directives)] },
    costLimit: { maxCost: limits.cost, propagateOnRejection: false, onReject: [report("cost", limits.cost)] },
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
                            throw limitError("tokens", limits.tokens);
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
              JSON.stringify({ errors: [{ message: `The "${name}" parameter must be a JSON object.`, extensions: { code: "BAD_REQUEST" } }] }),
              { status: 400, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" } },
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
          extensions: { code: LIMIT_CODE, limit: "documentLength", max: limits.documentLength, found: query.length, http: { status: 400 } },
        });
      }
    },
    onValidate({ params, context }) {
      if (trusted.isTrustedDocument(params.documentAST)) trustedContexts.add(context);
      return ({ result, setResult }) => {
        if (result.some((error) => /Did you mean/.test(error.message))) {
          setResult(result.map((error) => new GraphQLError(hideSuggestions(error.message), error)));
        }
      };
    },
    onExecute({ args, setResultAndStopExecution }) {
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      const cost = Math.ceil(operationCost(args.document, args.operationName, variables));
      // Variables can raise the cost above what armor saw in the literals: check it again.
      if (cost > limits.cost && !trustedContexts.has(args.contextValue as object)) {
        const error = limitError("cost", limits.cost, cost);
        error.extensions.http = { status: 400 };
        setResultAndStopExecution({ errors: [error], extensions: { cost } });
        return;
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
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
