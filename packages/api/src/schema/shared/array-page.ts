/**
 * One page of a list that is loaded whole (the few documents that name an entity, a figure's
 * relations), with the cursors of Pothos' Prisma connections (`GPC:` + the record's key), so
 * `after` / `before` are checked against the connection's cursor shape like every other list's.
 */
import { formatPrismaCursor, parsePrismaCursor } from "@pothos/plugin-prisma";
import type { ConnectionShape } from "@pothos/plugin-relay";
import { type BuilderTypes, DEFAULT_PAGE_SIZE } from "../../builder.js";

/** Relay's paging arguments (checked before execution by plugins/argument-validation.ts). */
export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/**
 * The page of `items` (already in order) that `args` asks for, keyed by `keyOf` (the record's
 * primary key). A cursor naming no item of the list gives an empty page, as Prisma's cursors do.
 */
export function pageOf<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  args: PageArgs,
): ConnectionShape<BuilderTypes, T, false, false, false> & { totalCount: number } {
  const position = (cursor: string) => {
    const key = String(parsePrismaCursor(cursor));
    return items.findIndex((item) => keyOf(item) === key);
  };
  let from = 0;
  let to = items.length;
  if (args.after != null) {
    const index = position(args.after);
    from = index < 0 ? items.length : index + 1;
  }
  if (args.before != null) {
    const index = position(args.before);
    to = index < 0 ? from : index;
  }
  const window = items.slice(from, Math.max(from, to));
  const backward = args.before != null || args.last != null;
  const size = args.first ?? args.last ?? DEFAULT_PAGE_SIZE;
  const full = window.length > size;
  const nodes = backward ? window.slice(Math.max(0, window.length - size)) : window.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: formatPrismaCursor({ id: keyOf(node) }, "id"), node }));
  return { edges, pageInfo: pageInfoOf(edges, args, full), totalCount: items.length };
}

/**
 * The page info of a page of `edges`, by the paging rules of Pothos' Prisma connections: `full`
 * says whether more items stood beyond the page in the direction of paging.
 */
export function pageInfoOf(edges: readonly { cursor: string }[], args: PageArgs, full: boolean) {
  const backward = args.before != null || args.last != null;
  return {
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges[edges.length - 1]?.cursor ?? null,
    hasNextPage: args.before != null ? true : args.last != null ? false : full,
    hasPreviousPage: args.after != null ? true : backward ? full : false,
  };
}
