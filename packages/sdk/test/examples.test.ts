/** examples/: the surge-cases example prints every platform's figures with their citations. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { printSurgeCasesPerPlatform } from "../examples/surge-cases-per-platform.js";
import { createClient } from "../src/index.js";
import { startServer, type TestServer } from "./support.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe("examples/surge-cases-per-platform.ts", () => {
  it("prints the DEA surge cases per platform, each figure with its citation", async () => {
    const lines: string[] = [];
    await printSurgeCasesPerPlatform(createClient({ endpoint: server.endpoint }), (line) => lines.push(line));
    const output = lines.join("\n");
    expect(output).toMatch(/^DEA .*surge.*: .*$/im);
    expect(output).toMatch(/^Snapchat: 34 cases$/m);
    expect(output).toMatch(/^Facebook Messenger: 28 cases$/m);
    expect(output).toContain("34 via Snapchat");
    const citations = lines.filter((line) => line.startsWith("    Cite: "));
    expect(citations).toHaveLength(6);
    expect(citations.every((line) => line.includes("Latin Post") && line.includes("processed by Fentrace"))).toBe(true);
    expect(output).toMatch(/not additive/);
  });
});
