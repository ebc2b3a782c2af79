/**
 * Figure relations: how a figure relates to other figures of its metric whose period and place
 * overlap its own (part of, agrees, non-exclusive tallies …), listed on `Figure.relations` from
 * the figure's side whichever way each relation is stored.
 */
import { builder } from "../builder.js";
import type { FigureRelation } from "../generated/prisma/client.js";
import { memberDoc, typeDoc } from "../prisma-docs.js";
import { FigureRef } from "./refs.js";
import { pageOf } from "./shared/array-page.js";
import { cursorExtensions, totalCountOf } from "./shared/connections.js";
import { FigureRelationKindEnum } from "./shared/enums.js";

/** A stored relation seen from one of its two figures. */
interface RelationFromFigure {
  relation: FigureRelation;
  /** The figure whose `relations` lists it. */
  figureId: string;
  /** True when the relation is stored from the other figure (`other` is the stored `figure`). */
  reversed: boolean;
}

/** The other figure of a relation seen from `figureId`. */
const otherOf = ({ relation, reversed }: RelationFromFigure) => (reversed ? relation.figureId : relation.otherId);

export const FigureRelationDirectionEnum = builder.enumType("FigureRelationDirection", {
  description:
    "Which way a relation is stated, seen from the figure whose `relations` lists it. Only PART_OF reads differently the other way round; the other kinds hold both ways.",
  values: {
    OUTGOING: {
      value: "OUTGOING",
      description:
        "Stated from this figure: read `figure` `kind` `other` (PART_OF: this figure is part of the other one).",
    },
    INCOMING: {
      value: "INCOMING",
      description:
        "Stated from the other figure: read `other` `kind` `figure` (PART_OF: the other figure is part of this one, so this one contains it).",
    },
  } as const,
});

export const FigureRelationRef = builder.objectRef<RelationFromFigure>("FigureRelation").implement({
  description: `${typeDoc("FigureRelation")} Listed on both figures: \`figure\` is always the figure whose \`relations\` lists it, and \`direction\` says which way \`kind\` reads.`,
  fields: (t) => ({
    slug: t.string({
      description: memberDoc("FigureRelation", "id"),
      resolve: ({ relation }) => relation.id,
    }),
    kind: t.field({
      type: FigureRelationKindEnum,
      description:
        'What the relation is, as stated: from `figure` to `other` when `direction` is OUTGOING ("figure is PART_OF other"), from `other` to `figure` when INCOMING ("other is PART_OF figure": this figure contains the other).',
      resolve: ({ relation }) => relation.kind,
    }),
    direction: t.field({
      type: FigureRelationDirectionEnum,
      description: "Whether the relation is stated from this figure (OUTGOING) or from the other one (INCOMING).",
      resolve: ({ reversed }) => (reversed ? "INCOMING" : "OUTGOING"),
    }),
    contains: t.boolean({
      description:
        "True when the other figure is part of this one (a PART_OF relation stated from the other figure): this figure's total includes it, so the two must not be added.",
      resolve: ({ relation, reversed }) => relation.kind === "PART_OF" && reversed,
    }),
    explanation: t.string({
      description: memberDoc("FigureRelation", "explanation"),
      resolve: ({ relation }) => relation.explanation,
    }),
    figure: t.field({
      type: FigureRef,
      description: "This figure: the one whose `relations` lists the relation.",
      resolve: ({ figureId }, _args, context) => context.rows.required("Figure", figureId),
    }),
    other: t.field({
      type: FigureRef,
      description: "The other figure of the relation.",
      resolve: (seen, _args, context) => context.rows.required("Figure", otherOf(seen)),
    }),
  }),
});

/** The connection of a figure's relations, paged by the relation's slug like a Prisma connection. */
export const FigureRelationConnection = builder.connectionObject(
  {
    type: FigureRelationRef,
    name: "FigureRelationConnection",
    description:
      "A page of figure relations (Relay cursor connection), with the number of relations that match the filter in `totalCount`.",
    extensions: cursorExtensions({ kind: "prisma", model: "FigureRelation", fields: [{ name: "id", type: "String" }] }),
    fields: (t) => ({
      totalCount: t.int({
        description: "Number of figure relations in the whole list, after filtering (not just this page).",
        resolve: (connection) => totalCountOf(connection, "FigureRelationConnection"),
      }),
    }),
  },
  { name: "FigureRelationEdge", description: "One of the figure relations of a page, with its cursor." },
);

builder.prismaObjectField("Figure", "relations", (t) =>
  t.field({
    type: FigureRelationConnection,
    description:
      "How this figure relates to other figures of its metric whose period and place overlap its own, whichever figure each relation is stated from (see `direction`), ordered by the other figure's slug. Figures grouped with this one in a claim are in `claim` instead.",
    args: {
      ...t.arg.connectionArgs(),
      kind: t.arg({ type: [FigureRelationKindEnum], description: "Only relations of one of these kinds." }),
    },
    // Through the request's row loader: the relations of a page of figures cost two statements,
    // both asked for at once so that every figure's loads are batched together.
    resolve: async (figure, args, context) => {
      const [outgoing, incoming] = await Promise.all([
        context.rows.children("FigureRelation", "figureId", figure.id),
        context.rows.children("FigureRelation", "otherId", figure.id),
      ]);
      const relations = [
        ...outgoing.map((relation) => ({ relation, figureId: figure.id, reversed: false })),
        ...incoming.map((relation) => ({ relation, figureId: figure.id, reversed: true })),
      ]
        .filter(({ relation }) => !args.kind || args.kind.includes(relation.kind))
        .sort((a, b) => compare(otherOf(a), otherOf(b)) || compare(a.relation.id, b.relation.id));
      return pageOf(relations, ({ relation }) => relation.id, args);
    },
  }),
);

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
