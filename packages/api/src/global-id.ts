/**
 * Global ids (Relay): base64 of `Type:id`, e.g. `Figure:fig-lp-surge-arrests` →
 * `RmlndXJlOmZpZy1scC1zdXJnZS1hcnJlc3Rz`. Arguments that name a record also accept its slug
 * (the readable id inside), so researchers can write `place: ["place-us-tx"]`.
 */
import { badUserInput } from "./errors.js";

/** Every GraphQL type that implements Node. */
export const nodeTypes = [
  "Claim",
  "Defendant",
  "Document",
  "Event",
  "Evidence",
  "Exclusion",
  "Figure",
  "LegalCase",
  "Mention",
  "Metric",
  "Operation",
  "Organisation",
  "Person",
  "Place",
  "Quote",
  "Substance",
  "Unit",
] as const;
export type NodeTypeName = (typeof nodeTypes)[number];

function isNodeType(name: string): name is NodeTypeName {
  return (nodeTypes as readonly string[]).includes(name);
}

export function encodeGlobalId(type: NodeTypeName, id: string): string {
  return Buffer.from(`${type}:${id}`, "utf8").toString("base64");
}

/** Decodes a global id, or returns null when the string is not one (wrong alphabet, no known type). */
export function decodeGlobalId(value: string): { type: NodeTypeName; id: string } | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return null;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  if (separator <= 0) return null;
  const type = decoded.slice(0, separator);
  const id = decoded.slice(separator + 1);
  if (!isNodeType(type) || id.length === 0) return null;
  // Reject strings that only decode by accident: the id must round-trip.
  if (encodeGlobalId(type, id).replace(/=+$/, "") !== value.replace(/=+$/, "")) return null;
  return { type, id };
}

/** Parses a strict global id (for `node(id:)`): malformed → BAD_USER_INPUT naming the argument. */
export function parseGlobalId(value: string, argument: string): { type: NodeTypeName; id: string } {
  const decoded = decodeGlobalId(value);
  if (!decoded) {
    throw badUserInput(
      argument,
      `Argument "${argument}" is not a valid Fentrace global ID (got ${JSON.stringify(value)}); ` +
        'global IDs are the base64 of "Type:id", as returned by the `id` field of every node.',
    );
  }
  return decoded;
}

/**
 * Resolves a reference to a record of one of `expected` types: a global id of such a type, or a
 * slug (the readable id, e.g. `place-us-tx`). A global id of another type is a BAD_USER_INPUT.
 */
export function parseRef(value: string, expected: NodeTypeName | readonly NodeTypeName[], argument: string): string {
  const types: readonly NodeTypeName[] = typeof expected === "string" ? [expected] : expected;
  const decoded = decodeGlobalId(value);
  if (decoded) {
    if (!types.includes(decoded.type)) {
      throw badUserInput(
        argument,
        `Argument "${argument}" must reference a ${types.join(" or ")}, but ${JSON.stringify(value)} is the ID of a ${decoded.type}.`,
      );
    }
    return decoded.id;
  }
  if (value.trim() === "") {
    throw badUserInput(argument, `Argument "${argument}" must not be an empty ID.`);
  }
  return value;
}

/** `parseRef` over a list. */
export function parseRefs(
  values: readonly string[],
  expected: NodeTypeName | readonly NodeTypeName[],
  argument: string,
): string[] {
  return values.map((value) => parseRef(value, expected, argument));
}
