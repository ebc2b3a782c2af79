/**
 * The SDK's operations as the API knows them (packages/api/generated/persisted-operations.json,
 * written by `codegen`): current with src/operations, and with the ids the API computes.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { persistedOperationId } from "../../api/src/operations/persisted-ids.js";
import { manifestFile, persistedOperationsManifest } from "../scripts/persisted-operations.js";

describe("packages/api/generated/persisted-operations.json (run `npx -y pnpm@10 generate` when this fails)", () => {
  const text = readFileSync(manifestFile, "utf8");

  it("is what codegen writes from src/operations", () => {
    expect(text).toBe(persistedOperationsManifest());
  });

  it("names every operation by the id of its document", () => {
    const { operations } = JSON.parse(text) as { operations: { id: string; document: string; origin: string }[] };
    expect(operations.length).toBeGreaterThan(10);
    for (const operation of operations) {
      expect(operation.origin).toBe("sdk");
      expect(persistedOperationId(operation.document)).toBe(operation.id);
    }
  });
});
