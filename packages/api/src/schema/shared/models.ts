/** The Prisma models by name, with the typed where and orderBy inputs of each (from Pothos' generated types). */
import type PrismaTypes from "../../generated/pothos-types.js";

/** The name of a Prisma model (`"Figure"`, `"Person"`, …). */
export type ModelName = keyof PrismaTypes & string;

/** Prisma's where input of a model (`Prisma.PersonWhereInput` for `"Person"`). */
export type WhereOf<M extends ModelName> = PrismaTypes[M]["Where"];

/** Prisma's orderBy input of a model (`Prisma.PersonOrderByWithRelationInput` for `"Person"`). */
export type OrderByOf<M extends ModelName> = PrismaTypes[M]["OrderBy"];
