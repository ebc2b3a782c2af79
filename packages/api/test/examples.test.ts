/** The numbered example queries run without errors and return data; the playground offers them. */
import { describe, expect, it } from "vitest";
import { loadExamples } from "../src/examples.js";
import { yoga } from "../src/yoga.js";
import { execute } from "./helpers.js";

const examples = loadExamples();

/** True when the value holds at least one non-empty list (edges or groups). */
function hasRows(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value && typeof value === "object") return Object.values(value).some(hasRows);
  return false;
}

describe("examples/", () => {
  it("has at least 8 numbered example queries, each titled", () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
    examples.forEach((example, index) => {
      expect(example.file.startsWith(String(index + 1).padStart(2, "0"))).toBe(true);
      expect(example.title.length).toBeGreaterThan(10);
    });
  });

  it.each(examples.map((example) => [example.file, example] as const))(
    "%s runs and returns data",
    async (_file, example) => {
      const result = await execute(example.query, example.variables ? JSON.parse(example.variables) : undefined);
      expect(result.errors).toBeUndefined();
      expect(result.status).toBe(200);
      for (const [field, value] of Object.entries(result.data as Record<string, unknown>)) {
        expect(value, field).not.toBeNull();
        expect(hasRows(value), `${field} returned no rows`).toBe(true);
      }
    },
  );
});

describe("playground", () => {
  it("serves GraphiQL at /graphql with the examples as tabs, without any CDN", async () => {
    const response = await yoga.fetch("http://localhost/graphql", { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<title>Fentrace GraphQL API</title>");
    expect(html).not.toMatch(/https?:\/\/(unpkg\.com|cdn\.jsdelivr\.net)/);
    // The options are in the script that starts GraphiQL (the page runs no inline script).
    const init = /<script defer src="(\/graphiql\/[0-9a-f]+\/init\.js)"><\/script>/.exec(html)![1]!;
    const script = await (await yoga.fetch(`http://localhost${init}`)).text();
    const options = JSON.parse(/renderYogaGraphiQL\(document\.getElementById\("root"\), (\{.*\})\);/.exec(script)![1]!);
    expect(options.defaultQuery).toBe(examples[0]!.query);
    expect(options.defaultTabs.map((tab: { query: string }) => tab.query)).toEqual(
      examples.map((example) => example.query),
    );
  });
});
