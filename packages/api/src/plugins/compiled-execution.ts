/**
 * Compiled execution: a document that keeps coming back runs as JavaScript compiled for it by
 * graphql-jit, instead of graphql-js walking it field by field.
 *
 * Measured in-process on the representative query (20 figures with metric, place, evidence and
 * document): execution and serialisation 0.49 → 0.33 ms. What it must not change is what a
 * client receives, so:
 * - only documents that have run COMPILE_AFTER times are compiled (compiling every document made
 *   the bench's varied stream of 1,100 documents, each run a few times, slower: 1.1 → 1.3 ms a
 *   query, as code run a few times is never optimised);
 * - only documents graphql-jit 0.8.9 runs as graphql-js does (see `compilable`);
 * - a result with errors is thrown away and the operation run again on graphql-js, with a fresh
 *   work meter: graphql-jit's errors have no `locations`, and the error path is the rare one. The
 *   resolvers only read, so running one twice changes nothing.
 */
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isInputObjectType,
  Kind,
  typeFromAST,
} from "graphql";
import { type CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";
import type { Plugin } from "graphql-yoga";
import type { WorkBudgetContext } from "../work-budget.js";

/** Runs of a document on graphql-js before it is compiled. */
export const COMPILE_AFTER = 20;

/** Whether an input type holds, at any depth, a field with a default value. */
function hasDefaults(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some(
    (field) => field.defaultValue !== undefined || hasDefaults(field.type, seen),
  );
}

/**
 * Whether graphql-jit runs `document` as graphql-js would. It does not: with several operations
 * in one document (one compiled operation serves them all here), with a default value on a
 * variable (`$query: String! = "…"` arrives missing), or with variables of input types whose
 * fields have defaults (`$filter` with `place: { ids }` would lose `includeDescendants: true`).
 * These differences give no error to fall back on, so such documents always run on graphql-js.
 */
export function compilable(document: DocumentNode, schema: GraphQLSchema): boolean {
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) return false;
  return !(operations[0]!.variableDefinitions ?? []).some((variable) => {
    if (variable.defaultValue !== undefined) return true;
    const type = typeFromAST(schema, variable.type as never) as GraphQLInputType | undefined;
    return type !== undefined && hasDefaults(type);
  });
}

let compiledRuns = 0;

/** Operations run compiled so far in this process (for tests and metrics). */
export function compiledExecutions(): number {
  return compiledRuns;
}

interface DocumentState {
  runs: number;
  compiled?: CompiledQuery | null;
}

export function useCompiledExecution(): Plugin<WorkBudgetContext> {
  const documents = new WeakMap<DocumentNode, DocumentState>();
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      let state = documents.get(args.document);
      if (!state) {
        state = { runs: 0 };
        documents.set(args.document, state);
      }
      state.runs += 1;
      if (state.runs <= COMPILE_AFTER || state.compiled === null) return;
      if (state.compiled === undefined) {
        const compiled = compilable(args.document, args.schema)
          ? compileQuery(args.schema, args.document, args.operationName ?? undefined)
          : null;
        state.compiled = compiled && isCompiledQuery(compiled) ? compiled : null;
        if (!state.compiled) return;
      }
      const compiled = state.compiled;
      setExecuteFn(async (executionArgs: ExecutionArgs) => {
        compiledRuns += 1;
        const result = (await compiled.query(
          executionArgs.rootValue,
          executionArgs.contextValue,
          executionArgs.variableValues ?? {},
        )) as ExecutionResult;
        if (result.errors?.length) {
          (executionArgs.contextValue as WorkBudgetContext).workMeter.reset();
          return executeFn(executionArgs);
        }
        return Object.assign(result, { stringify: compiled.stringify });
      });
    },
  };
}
