/**
 * The data model's enums as GraphQL enums: their values are the generated Prisma enums', their
 * descriptions the `///` documentation of prisma/schema.prisma. No value list is written here.
 */
import type { EnumRef } from "@pothos/core";
import { type BuilderTypes, builder } from "../../builder.js";
import {
  ClaimStatus,
  DatePrecision,
  EntityKind,
  EventKind,
  FigureRelationKind,
  MarkRole,
  OperationKind,
  OrganisationKind,
  PlaceKind,
  Qualifier,
  SubjectRole,
  TitleSource,
} from "../../generated/prisma/enums.js";
import { memberDoc, typeDoc } from "../../prisma-docs.js";

function prismaEnum<const T extends Record<string, string>>(
  name: string,
  values: T,
): EnumRef<BuilderTypes, T[keyof T]> {
  const options = {
    description: typeDoc(name),
    values: Object.fromEntries(
      Object.keys(values).map((value) => [value, { value: values[value], description: memberDoc(name, value) }]),
    ),
  };
  // Pothos types an enum's values from a literal object; these come from Prisma's, so the ref is
  // typed from them instead.
  return builder.enumType(name as "SortDirection", options as never) as unknown as EnumRef<BuilderTypes, T[keyof T]>;
}

export const DatePrecisionEnum = prismaEnum("DatePrecision", DatePrecision);
export const QualifierEnum = prismaEnum("Qualifier", Qualifier);
export const ClaimStatusEnum = prismaEnum("ClaimStatus", ClaimStatus);
export const TitleSourceEnum = prismaEnum("TitleSource", TitleSource);
export const OrganisationKindEnum = prismaEnum("OrganisationKind", OrganisationKind);
export const PlaceKindEnum = prismaEnum("PlaceKind", PlaceKind);
export const OperationKindEnum = prismaEnum("OperationKind", OperationKind);
export const EventKindEnum = prismaEnum("EventKind", EventKind);
export const SubjectRoleEnum = prismaEnum("SubjectRole", SubjectRole);
export const MarkRoleEnum = prismaEnum("MarkRole", MarkRole);
export const EntityKindEnum = prismaEnum("EntityKind", EntityKind);
export const FigureRelationKindEnum = prismaEnum("FigureRelationKind", FigureRelationKind);
