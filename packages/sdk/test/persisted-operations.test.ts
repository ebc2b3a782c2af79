/**
 * The SDK's operations as the API knows them (packages/api/generated/persisted-operations.json,
 * written by `codegen`): current with src/operations, and with the ids the API computes; and the
 * client sending them: a GET with only the id to a started API, falling back to the document on
 * an API that lacks the ids.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { persistedOperationId } from "../../api/src/operations/persisted-ids.js";
import { apiWithoutSdkIds } from "../../api/test/support/without-sdk-ids.js";
import {
  idsFile,
  manifestFile,
  persistedIdsModule,
  persistedOperationsManifest,
} from "../scripts/persisted-operations.js";
import { createClient, FentraceError } from "../src/index.js";
import { startServer, type TestServer } from "./support.js";

describe("packages/api/generated/persisted-operations.json (run `npx -y pnpm@10 generate` when this fails)", () => {
  const text = readFileSync(manifestFile, "utf8");

  it("is what codegen writes from src/operations", () => {
    expect(text).toBe(persistedOperationsManifest());
    expect(readFileSync(idsFile, "utf8")).toBe(persistedIdsModule());
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

describe("the generated methods send persisted-operation ids", () => {
  const ids = new Map(
    (JSON.parse(readFileSync(manifestFile, "utf8")) as { operations: { id: string; name: string }[] }).operations.map(
      (operation) => [operation.name, operation.id],
    ),
  );
  const servers: TestServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });
  const start = async (app?: Parameters<typeof startServer>[1]) => {
    const server = await startServer(() => "api", app);
    servers.push(server);
    return server;
  };

  it("by default: one GET with the id, the operation's name and the variables, and no document", async () => {
    const api = await start();
    const client = createClient({ endpoint: api.endpoint });
    const { figure } = await client.figure({ id: "fig-ast-fake-pills-2021" });
    expect(figure.slug).toBe("fig-ast-fake-pills-2021");
    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect(request?.method).toBe("GET");
    expect(request?.body).toBe("");
    const params = new URL(request?.url ?? "", "http://x").searchParams;
    expect([...params.keys()].sort()).toEqual(["id", "operationName", "variables"]);
    expect(params.get("id")).toBe(ids.get("figure"));
    expect(JSON.parse(params.get("variables") ?? "null")).toEqual({ id: "fig-ast-fake-pills-2021" });
    // The same answer as the document sent as text.
    const plain = createClient({ endpoint: api.endpoint, persisted: false });
    expect(await plain.figure({ id: "fig-ast-fake-pills-2021" })).toEqual({ figure });
    expect(api.requests[1]?.method).toBe("POST");
    expect(JSON.parse(api.requests[1]?.body ?? "{}").query).toContain("query figure(");
  });

  it("falls back to the document (POST) on an API that lacks the ids, then sends it directly", async () => {
    const api = await start(apiWithoutSdkIds());
    const client = createClient({ endpoint: api.endpoint });
    const first = await client.units({ first: 3 });
    expect(first.units.edges).toHaveLength(3);
    expect(api.requests.map((request) => request.method)).toEqual(["GET", "POST"]);
    expect(new URL(api.requests[0]?.url ?? "", "http://x").searchParams.get("id")).toBe(ids.get("units"));
    expect(JSON.parse(api.requests[1]?.body ?? "{}")).toMatchObject({
      operationName: "units",
      variables: { first: 3 },
    });
    expect(await client.units({ first: 3 })).toEqual(first);
    expect(api.requests.map((request) => request.method)).toEqual(["GET", "POST", "POST"]);
  });

  it("keeps other errors: a bad argument by id is a FentraceError, not a fallback", async () => {
    const api = await start();
    const client = createClient({ endpoint: api.endpoint });
    const error = await client.figure({ id: "fig-unknown" }).catch((caught: unknown) => caught);
    expect(FentraceError.is(error) && error.code).toBe("NOT_FOUND");
    expect(api.requests.map((request) => request.method)).toEqual(["GET"]);
  });
});
