/**
 * The one module of refs: every object type one domain module refers to in another, and every
 * shared `<Type>Connection`, created here before any module implements them. Domain modules import
 * refs from here (and helpers from schema/shared/), never each other's types, which is how the
 * schema modules avoid importing each other in a circle (as in Pothos' complex-app, where types are
 * referred to by name).
 *
 * A model's ref is the very ref `builder.prismaObject(model)` / `builder.prismaNode(model)` later
 * implements in its module (Pothos keeps one ref per model and builder).
 */
import { getRefFromModel, PrismaObjectRef } from "@pothos/plugin-prisma";
import { type BuilderTypes, builder } from "../builder.js";
import type PrismaTypes from "../generated/pothos-types.js";
import { type ConnectionRef, connectionOf } from "./shared/connections.js";
import type { ModelName } from "./shared/models.js";

/** The object type of a Prisma model, to be implemented by its domain module. */
export type ModelRef<M extends ModelName> = PrismaObjectRef<BuilderTypes, PrismaTypes[M], PrismaTypes[M]["Shape"]>;

function modelRef<M extends ModelName>(model: M): ModelRef<M> {
  const ref = getRefFromModel(model, builder, "object");
  if (!(ref instanceof PrismaObjectRef)) throw new Error(`refs: Prisma model ${model} is not an object type`);
  // getRefFromModel is typed for any model; this one is `model`'s.
  return ref as ModelRef<M>;
}

/** The shared connection of a model's records, paged by its primary key. */
function modelConnection<M extends ModelName>(
  model: M,
  name: string,
  plural: string,
): ConnectionRef<PrismaTypes[M]["Shape"]> {
  return connectionOf(modelRef(model), name, plural);
}

export const ClaimRef = modelRef("Claim");
export const DefendantRef = modelRef("Defendant");
export const DocumentRef = modelRef("Document");
export const EventRef = modelRef("Event");
export const EvidenceRef = modelRef("Evidence");
export const FigureRef = modelRef("Figure");
export const LegalCaseRef = modelRef("LegalCase");
export const MentionRef = modelRef("Mention");
export const MetricRef = modelRef("Metric");
export const OperationRef = modelRef("Operation");
export const OrganisationRef = modelRef("Organisation");
export const PersonRef = modelRef("Person");
export const PlaceRef = modelRef("Place");
export const QuoteRef = modelRef("Quote");
export const SubstanceRef = modelRef("Substance");
export const UnitRef = modelRef("Unit");

export const AuthorshipConnection = modelConnection("DocumentAuthor", "Authorship", "authorships");
export const ClaimConnection = modelConnection("Claim", "Claim", "claims");
export const DefendantConnection = modelConnection("Defendant", "Defendant", "defendants");
export const DocumentConnection = modelConnection("Document", "Document", "documents");
export const EventConnection = modelConnection("Event", "Event", "events");
export const EvidenceConnection = modelConnection("Evidence", "Evidence", "evidence spans");
export const EvidenceMarkConnection = modelConnection("EvidenceMark", "EvidenceMark", "evidence marks");
export const ExclusionConnection = modelConnection("Exclusion", "Exclusion", "exclusions");
export const FigureConnection = modelConnection("Figure", "Figure", "figures");
export const FigureSubjectConnection = modelConnection("FigureSubject", "FigureSubject", "figure subjects");
export const LegalCaseConnection = modelConnection("LegalCase", "LegalCase", "legal cases");
export const MentionConnection = modelConnection("Mention", "Mention", "mentions");
export const MetricConnection = modelConnection("Metric", "Metric", "metrics");
export const OperationConnection = modelConnection("Operation", "Operation", "operations");
export const OrganisationConnection = modelConnection("Organisation", "Organisation", "organisations");
export const PersonConnection = modelConnection("Person", "Person", "people");
export const PlaceConnection = modelConnection("Place", "Place", "places");
export const QuoteConnection = modelConnection("Quote", "Quote", "quotations");
export const SubstanceConnection = modelConnection("Substance", "Substance", "substances");
export const UnitConnection = modelConnection("Unit", "Unit", "units");
