/**
 * The overview page in a real browser: builds the page with Vite, starts the API on a free
 * loopback port (serving the curated test database and that build), and drives Debian's Chromium
 * with playwright-core. It checks that the charts render the right numbers, opens a figure's
 * evidence from the keyboard, follows a download link, and takes screenshots at desktop and phone
 * width (into docs/screenshots/ with FENTRACE_SCREENSHOTS=1). It also opens the GraphQL playground at /graphql and runs a query.
 * Both pages must work under their Content-Security-Policy: no violation, no console error.
 *
 * Without /usr/bin/chromium (or FENTRACE_CHROMIUM) it prints why and skips; .ci/run installs
 * Debian's `chromium` package so that CI runs it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const webDir = resolve(import.meta.dirname, "..");
const repoRoot = resolve(webDir, "../..");
const apiDir = resolve(repoRoot, "packages/api");
// The screenshots shown in the READMEs are retaken only when asked (FENTRACE_SCREENSHOTS=1):
// Chromium's rendering differs by a few bytes from run to run, and a test run must leave a
// clean checkout clean. Otherwise they are still taken, into a temporary folder.
const screenshotDir =
  process.env.FENTRACE_SCREENSHOTS === "1"
    ? resolve(repoRoot, "docs/screenshots")
    : join(tmpdir(), `fentrace-screenshots-${process.pid}`);
const chromiumPath = process.env.FENTRACE_CHROMIUM ?? "/usr/bin/chromium";
const hasChromium = existsSync(chromiumPath);

/** The flags this machine's Chromium needs (no sandbox as root, no GPU, no background traffic). */
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

if (!hasChromium) {
  console.log(
    `skipped: the browser test needs Chromium at ${chromiumPath}, which is absent. Install Debian's chromium package (apt-get install -y chromium; .ci/run does) or set FENTRACE_CHROMIUM.`,
  );
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

/** Runs a command to completion; rejects with its output on failure. */
function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", fail);
    child.on("close", (code) =>
      code === 0 ? done() : fail(new Error(`${command} ${args.join(" ")} exited ${code}:\n${output}`)),
    );
  });
}

async function waitForApi(base: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The API exited with ${server.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }
  throw new Error(`The API did not answer within 60 s:\n${output()}`);
}

/** The values and labels a chart was drawn with, and whether its canvas has any painted pixel. */
async function chartState(page: Page, id: string) {
  return page.$eval(`canvas[data-chart="${id}"]`, (canvas) => {
    const element = canvas as HTMLCanvasElement;
    const context = element.getContext("2d");
    const pixels = context?.getImageData(0, 0, element.width, element.height).data ?? new Uint8ClampedArray();
    let painted = 0;
    for (let index = 3; index < pixels.length; index += 4) if ((pixels[index] ?? 0) > 0) painted += 1;
    return {
      rendered: element.dataset.rendered === "true",
      labels: JSON.parse(element.dataset.labels ?? "[]") as string[],
      values: JSON.parse(element.dataset.values ?? "[]") as number[],
      name: element.getAttribute("aria-label") ?? "",
      role: element.getAttribute("role"),
      painted,
      width: element.width,
    };
  });
}

/**
 * Records, from before any script of the page runs, every CSP violation (in `window.cspViolations`),
 * and every uncaught error, console error and failed request (in the returned list).
 */
async function watch(context: BrowserContext, page: Page): Promise<string[]> {
  await context.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = violations;
    document.addEventListener("securitypolicyviolation", (event) =>
      violations.push(`${event.effectiveDirective}: ${event.blockedURI || "inline"}`),
    );
  });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("requestfailed", (request) => errors.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on("worker", (worker) =>
    worker.on("console", (message) => message.type() === "error" && errors.push(`worker: ${message.text()}`)),
  );
  return errors;
}

function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

describe.skipIf(!hasChromium)("the overview page in Chromium", () => {
  let browser: Browser;
  let server: ChildProcess;
  let base = "";
  let serverOutput = "";
  const distDir = mkdtempSync(join(tmpdir(), "fentrace-web-dist-"));

  beforeAll(async () => {
    if (process.env.FENTRACE_TEST_DATABASE_ERROR) throw new Error(process.env.FENTRACE_TEST_DATABASE_ERROR);
    const database = process.env.FENTRACE_TEST_DATABASE_URL;
    if (!database)
      throw new Error(
        "FENTRACE_TEST_DATABASE_URL is not set: run through vitest (its globalSetup builds the database).",
      );
    // The page exactly as `pnpm --filter @fentrace/web build` makes it, into a temporary folder.
    await run(
      resolve(webDir, "node_modules/.bin/vite"),
      ["build", "--outDir", distDir, "--emptyOutDir", "--logLevel", "warn"],
      {
        cwd: webDir,
        env: { ...process.env, NODE_ENV: "production" },
      },
    );
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(resolve(apiDir, "node_modules/.bin/tsx"), ["src/server.ts"], {
      cwd: apiDir,
      env: {
        ...process.env,
        DATABASE_URL: database,
        PORT: String(port),
        HOST: "127.0.0.1",
        FENTRACE_WEB_DIST: distDir,
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout?.on("data", (chunk) => (serverOutput += chunk));
    server.stderr?.on("data", (chunk) => (serverOutput += chunk));
    await waitForApi(base, server, () => serverOutput);
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((done) => server.once("exit", done));
      server.kill("SIGTERM");
      await exited;
    }
    rmSync(distDir, { recursive: true, force: true });
    if (process.env.FENTRACE_SCREENSHOTS !== "1") rmSync(screenshotDir, { recursive: true, force: true });
  });

  async function open(viewport: { width: number; height: number }) {
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    const page = await context.newPage();
    const errors = await watch(context, page);
    await page.goto(`${base}/`);
    await page.waitForSelector("body[data-ready='true']", { timeout: 30_000 });
    return { context, page, errors };
  }

  it("renders the charts with the dataset's numbers, opens evidence, follows a download, and saves screenshots", async () => {
    const { context, page, errors } = await open({ width: 1280, height: 900 });

    // Cases per platform in the DEA surge, largest first, with the note that cases overlap.
    const platforms = await chartState(page, "platforms");
    expect(platforms.rendered).toBe(true);
    expect(platforms.role).toBe("img");
    expect(platforms.painted).toBeGreaterThan(1000);
    expect(Object.fromEntries(platforms.labels.map((label, index) => [label, platforms.values[index]]))).toEqual({
      Snapchat: 34,
      "Facebook Messenger": 28,
      Instagram: 14,
      Facebook: 10,
      YouTube: 2,
      TikTok: 2,
    });
    expect(platforms.name).toContain("Snapchat: 34");
    await expect(page.locator("#platforms-slot .note").innerText()).resolves.toMatch(/Cases can span platforms/);
    const platformRows = await page.locator("#platforms-table tbody tr").allInnerTexts();
    expect(platformRows[0]).toMatch(/^Snapchat\s+Latin Post \(2021\)\s+34\s/);

    // Texas overdose deaths, 2020 → 2021.
    const texas = await chartState(page, "texas");
    expect(texas.rendered).toBe(true);
    expect(texas.labels).toEqual(["2020", "2021"]);
    expect(texas.values).toEqual([900, 1650]);
    await expect(page.locator("#texas-slot .headline-change").innerText()).resolves.toContain("900 → 1,650");

    // Seizures over time, earliest period first; headline figures keep their qualifiers.
    const pills = await chartState(page, "pill-seizures");
    expect(pills.rendered && pills.painted > 0).toBe(true);
    expect(pills.values).toContain(20_400_000);
    expect((await chartState(page, "fentanyl-seizures")).values.length).toBeGreaterThanOrEqual(3);
    const headlines = await page.locator("#headlines-slot").innerText();
    expect(headlines).toContain("20.4 million");
    expect(headlines).toMatch(/More than 15,000\s*pounds/);

    // The disagreement between sources, side by side.
    const contradiction = page.locator('[data-claim="claim-fentanyl-powder-seized-2021"]');
    await expect(contradiction.innerText()).resolves.toMatch(/more than 15,000 pounds[\s\S]*12,000 Pounds/);

    // The dataset's citation is the API's.
    const citation = await page.locator("#dataset-citation").innerText();
    expect(citation).toMatch(
      /^Fentrace \(\d{4}\)\. Fentrace: figures on fentanyl .* Dataset version [0-9a-f]{12}, released \d{4}-\d{2}-\d{2}\. Licensed CC BY 4\.0\.$/,
    );

    // One figure's evidence, from the keyboard: focus the button, press Enter, read, Escape.
    const button = page.locator('#platforms-table button.evidence-button[data-figure="fig-lp-surge-cases-snapchat"]');
    await button.focus();
    await page.keyboard.press("Enter");
    const dialog = page.locator("#evidence-dialog");
    await expect(dialog.evaluate((d) => (d as HTMLDialogElement).open)).resolves.toBe(true);
    const evidence = await dialog.innerText();
    expect(evidence).toContain("34 via Snapchat");
    expect(evidence).toContain("Mexican drug cartels use Facebook, TikTok and Snapchat");
    expect(evidence).toMatch(/characters [\d,]+–[\d,]+ of the document/);
    expect(evidence).toMatch(
      /Figure fig-lp-surge-cases-snapchat processed by Fentrace \(dataset version [0-9a-f]{12}\)/,
    );
    await expect(dialog.locator("mark").first().innerText()).resolves.toBe("34 via Snapchat");
    await page.screenshot({ path: join(screenshotDir, "evidence.png") });
    await page.keyboard.press("Escape");
    await expect(dialog.evaluate((d) => (d as HTMLDialogElement).open)).resolves.toBe(false);
    await expect(button.evaluate((b) => b === document.activeElement)).resolves.toBe(true);

    // Follow a download link: the browser downloads the CSV the API serves.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator('a[href="/downloads/figures.csv"]').first().click(),
    ]);
    const downloaded = await download.path();
    expect(download.suggestedFilename()).toBe("figures.csv");
    expect(readFileSync(downloaded, "utf8").split("\r\n")[0]).toMatch(
      /^id,label,metric,(display,)?metric_name,.*,evidence_text,evidence_start,evidence_end,.*citation,citation_short$/,
    );
    const response = await page.request.get(`${base}/downloads/datapackage.json`);
    expect(response.headers()["x-fentrace-dataset-version"]).toMatch(/^[0-9a-f]{12}$/);

    // Every button and link has a name; the charts are images with a description.
    const unnamed = await page.$$eval(
      "button, a",
      (elements) =>
        elements.filter((element) => !(element.textContent ?? "").trim() && !element.getAttribute("aria-label")).length,
    );
    expect(unnamed).toBe(0);

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(screenshotDir, "desktop.png"), fullPage: true });
    expect(errors).toEqual([]);
    // Everything ran under the page's CSP (script-src 'self', connect-src 'self', …).
    const policy = (await page.request.get(`${base}/`)).headers()["content-security-policy"];
    expect(policy).toContain("script-src 'self';");
    await expect(cspViolations(page)).resolves.toEqual([]);
    await context.close();
  });

  it("links every chart and table to the CSV of its figures and shows the GraphQL query the page ran for it", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = await watch(context, page);
    // What the page really sent to /graphql (the variables, and the query text when it is on the wire).
    const sent: { query?: string; variables?: unknown }[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname !== "/graphql") return;
      const body = request.postData();
      if (body) sent.push(JSON.parse(body) as { query?: string; variables?: unknown });
      else sent.push({ variables: JSON.parse(url.searchParams.get("variables") ?? "null") });
    });
    await page.goto(`${base}/`);
    await page.waitForSelector("body[data-ready='true']", { timeout: 30_000 });

    /** The figure ids of a CSV, in order (every id starts a record; no evidence line starts with "fig-"). */
    const csvIds = (csv: string) => [...csv.matchAll(/(?:^|\r\n)(fig-[^,\r\n]+),/g)].map((match) => match[1]);
    /** The figures a view shows on the page: its table's rows in order, or (cards, claims) the figures named. */
    const shown: Record<string, { selector: string; ordered: boolean; chart?: string }> = {
      headlines: { selector: "#headlines-slot .card[data-figure]", ordered: false },
      platforms: { selector: "#platforms-table tbody tr[data-figure]", ordered: true, chart: "platforms" },
      pillSeizures: { selector: "#pill-seizures-table tbody tr[data-figure]", ordered: true },
      massSeizures: { selector: "#fentanyl-seizures-table tbody tr[data-figure]", ordered: true },
      texasDeaths: { selector: "#texas-table tbody tr[data-figure]", ordered: true, chart: "texas" },
      disputed: { selector: "#disagreements-slot .side button[data-figure]", ordered: false },
    };
    const views = await page.locator(".data-source").evaluateAll((elements) =>
      elements.map((element) => ({
        view: (element as HTMLElement).dataset.view ?? "",
        href: element.querySelector("a.csv-link")?.getAttribute("href") ?? "",
      })),
    );
    expect(views.map((view) => view.view).sort()).toEqual(Object.keys(shown).sort());
    for (const { view, href } of views) {
      const { selector, ordered, chart } = shown[view]!;
      const onPage = await page
        .locator(selector)
        .evaluateAll((elements) => elements.map((element) => (element as HTMLElement).dataset.figure ?? ""));
      expect(onPage.length, view).toBeGreaterThan(0);
      expect(href, view).toMatch(/^\/downloads\/figures\.csv\?/);
      const response = await page.request.get(`${base}${href}`);
      expect(response.status(), `${view}: ${href}`).toBe(200);
      const csv = await response.text();
      expect(csv.split("\r\n")[0]).toMatch(/^id,label,metric,/);
      const ids = csvIds(csv);
      if (ordered) expect(ids, view).toEqual(onPage);
      else expect([...ids].sort(), view).toEqual([...new Set(onPage)].sort());
      if (chart) {
        // The chart's bars are the CSV's rows, value for value.
        const json = (await (
          await page.request.get(`${base}${href.replace("figures.csv", "figures.json")}`)
        ).json()) as {
          id: string;
          normalized_value: number | null;
        }[];
        expect(json.map((row) => row.id)).toEqual(ids);
        expect((await chartState(page, chart)).values).toEqual(json.map((row) => row.normalized_value));
      }

      // The GraphQL query: the one the page ran, and it gives the same figures.
      const source = page.locator(`.data-source[data-view="${view}"]`);
      await source.locator("summary").click();
      const query = await source.locator("pre.graphql-query").innerText();
      const variables = JSON.parse(await source.locator("pre.graphql-variables").innerText()) as Record<
        string,
        unknown
      >;
      expect(query).toMatch(/^query figures\(\$filter: FigureFilter/);
      // Compared with sorted keys: a client may send the same variables in another key order.
      const canonical = (value: unknown): string =>
        JSON.stringify(value, (_key, inner: unknown) =>
          inner && typeof inner === "object" && !Array.isArray(inner)
            ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
            : inner,
        );
      const request = sent.find((body) => canonical(body.variables) === canonical(variables));
      expect(request, `${view}: the page sent these variables`).toBeDefined();
      if (request?.query !== undefined) expect(request.query).toBe(query);
      const answer = await page.request.post(`${base}/graphql`, { data: { query, variables } });
      const result = (await answer.json()) as { data: { figures: { edges: { node: { slug: string } }[] } } };
      expect(result.data.figures.edges.map((edge) => edge.node.slug)).toEqual(ids);
    }
    expect(errors).toEqual([]);
    await expect(cspViolations(page)).resolves.toEqual([]);
    await context.close();
  });

  it("opens the README's figure permalink and filtered CSV URL as a reader does", async () => {
    // The very addresses the README shows, on this server.
    const readme = readFileSync(resolve(webDir, "../../README.md"), "utf8");
    const permalinkPath = /\*\*http:\/\/localhost:4000(\/figures\/[\w-]+)\*\*/.exec(readme)?.[1];
    const csvPath = /^http:\/\/localhost:4000(\/downloads\/figures\.csv\?\S+)$/m.exec(readme)?.[1];
    expect(permalinkPath, "the README shows a figure permalink").toBeDefined();
    expect(csvPath, "the README shows a filtered CSV URL").toBeDefined();
    const figureId = decodeURIComponent(permalinkPath!.slice("/figures/".length));
    const figure = (await (
      await fetch(`${base}${permalinkPath}`, { headers: { accept: "application/json" } })
    ).json()) as { evidence_text: string; label: string };

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors = await watch(context, page);
    const response = await page.goto(`${base}${permalinkPath}`);
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(`${base}${permalinkPath}`);
    await page.waitForSelector("body[data-ready='true']", { timeout: 30_000 });
    const dialog = page.locator("#evidence-dialog");
    await expect(dialog.evaluate((d) => (d as HTMLDialogElement).open)).resolves.toBe(true);
    await expect(dialog.getAttribute("data-figure")).resolves.toBe(figureId);
    // The exact span of the document, marked in its context.
    const marked = await dialog.locator("mark").allInnerTexts();
    const shown = await dialog.innerText();
    expect(shown.replace(/\s+/g, " ")).toContain(figure.evidence_text.replace(/\s+/g, " "));
    expect(marked.length).toBeGreaterThan(0);
    expect(figure.evidence_text).toContain(marked[0]!);
    await expect(page.locator("link[rel=canonical]").getAttribute("href")).resolves.toBe(permalinkPath);
    await expect(page.title()).resolves.toContain(figure.label);
    // Closing the dialog leaves the figure's address for the page's own.
    await page.locator("#evidence-close").click();
    // The page rewrites its address after the click's handler runs: wait for it (this raced once in a fresh clone).
    await expect.poll(() => new URL(page.url()).pathname).toBe("/");

    // A chart's server permalink and embed address, as the chart's links give them.
    await page.goto(`${base}/`);
    await page.waitForSelector("body[data-ready='true']", { timeout: 30_000 });
    const chartLinks = await page
      .locator("#chart-platforms .chart-source a, #chart-platforms a")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(chartLinks).toEqual(expect.arrayContaining(["/charts/platforms", "/charts/platforms/embed"]));
    await page.goto(`${base}/charts/platforms/embed`);
    await page.waitForSelector("body[data-ready='true']", { timeout: 30_000 });
    await expect(page.locator("canvas[data-chart]").count()).resolves.toBe(1);
    await expect(page.locator('canvas[data-chart="platforms"]').count()).resolves.toBe(1);

    // The filtered CSV: Chromium downloads it; it holds exactly the figures the filter selects.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.goto(`${base}${csvPath}`).catch(() => null), // navigation turns into a download
    ]);
    const csv = readFileSync((await download.path())!, "utf8");
    const csvIds = csv
      .split("\r\n")
      .slice(1)
      .map((line) => /^(fig-[a-z0-9-]+),/.exec(line)?.[1])
      .filter((id): id is string => id !== undefined);
    const query = new URL(`${base}${csvPath}`).search;
    const selected = (await (await fetch(`${base}/downloads/figures.json${query}`)).json()) as {
      id: string;
      metric: string;
      period_start: string | null;
      period_end: string | null;
    }[];
    const whole = (await (await fetch(`${base}/downloads/figures.json`)).json()) as unknown[];
    expect(csvIds).toEqual(selected.map((row) => row.id));
    expect(csvIds.length).toBeGreaterThan(0);
    expect(csvIds.length).toBeLessThan(whole.length);
    const metrics = new URL(`${base}${csvPath}`).searchParams.getAll("metric");
    for (const row of selected) expect(metrics).toContain(row.metric);

    expect(errors.filter((error) => !/net::ERR_ABORTED/.test(error))).toEqual([]);
    await context.close();

    // Without JavaScript (a reader with it off, a link-preview fetcher): the figure and its words are there.
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const plainPage = await plain.newPage();
    await plainPage.goto(`${base}${permalinkPath}`);
    const visible = (await plainPage.locator("body").innerText()).replace(/\s+/g, " ");
    expect(visible).toContain(figure.evidence_text.replace(/\s+/g, " "));
    await expect(plainPage.locator('meta[property="og:title"]').getAttribute("content")).resolves.toContain(
      figure.label,
    );
    await plain.close();
  });

  it("opens a figure's permalink with its evidence, embeds one chart with its Source line, and flags a contested card", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = await watch(context, page);

    // A figure's permalink opens the page with that figure's evidence.
    await page.goto(`${base}/#figure=fig-lp-fentanyl-powder-2021`);
    await page.waitForSelector("body[data-ready='true']", { timeout: 30_000 });
    const dialog = page.locator("#evidence-dialog");
    await expect(dialog.evaluate((d) => (d as HTMLDialogElement).open)).resolves.toBe(true);
    await expect(dialog.getAttribute("data-figure")).resolves.toBe("fig-lp-fentanyl-powder-2021");
    const evidence = await dialog.innerText();
    expect(evidence).toMatch(/15,000 pounds/i);
    expect(evidence).toContain("/figures/fig-lp-fentanyl-powder-2021");

    // The contested headline card says so where the number is shown; an uncontested one does not.
    const card = page.locator('#headlines-slot li[data-figure="fig-lp-fentanyl-powder-2021"]');
    await expect(card.getAttribute("data-contested")).resolves.toBe("true");
    await expect(card.locator(".card-flag").innerText()).resolves.toMatch(/^Contested: another source states/);
    const flagged = await page
      .locator("#headlines-slot li.card")
      .evaluateAll((cards) =>
        cards.map((c) => [c.getAttribute("data-figure"), c.querySelector(".card-flag") !== null]),
      );
    expect(flagged.some(([, isFlagged]) => !isFlagged)).toBe(true);

    // Inexact bars are marked and explained; the fentanyl chart is in kilograms, axis and bars alike.
    const inexact = await page.$eval('canvas[data-chart="fentanyl-seizures"]', (c) =>
      JSON.parse((c as HTMLElement).dataset.inexact ?? "[]"),
    );
    expect(inexact).toContain(true);
    const fentanyl = await chartState(page, "fentanyl-seizures");
    expect(fentanyl.name).toMatch(/more than 6,804 kg/);
    expect(fentanyl.name).not.toMatch(/pounds/);
    await expect(page.locator("#chart-fentanyl-seizures .chart-legend").innerText()).resolves.toMatch(
      /exact number .* not exact/,
    );

    // The embed address shows that chart alone, with its Source line naming the documents.
    await page.goto(`${base}/?embed=1#chart=platforms`);
    await page.waitForSelector("body[data-ready='true']", { timeout: 30_000 });
    await expect(page.locator("canvas[data-chart]").count()).resolves.toBe(1);
    const embedded = await chartState(page, "platforms");
    expect(embedded.rendered && embedded.painted > 1000).toBe(true);
    await expect(page.locator("#headlines-slot").count()).resolves.toBe(0);
    const source = await page.locator("#chart-platforms .chart-source").innerText();
    expect(source).toMatch(/^Source: Latin Post, “[^”]+”\. Processed by Fentrace\.$/);
    const documentTitles = await page.request
      .post(`${base}/graphql`, { data: { query: "{ documents { edges { node { title } } } }" } })
      .then((r) => r.json() as Promise<{ data: { documents: { edges: { node: { title: string } }[] } } }>);
    const titles = documentTitles.data.documents.edges.map((edge) => edge.node.title);
    expect(titles.some((title) => source.includes(title))).toBe(true);
    await page.screenshot({ path: join(screenshotDir, "embed.png") });

    // A chart's permalink on the full page scrolls to it and marks it.
    await page.goto(`${base}/#chart=texas`);
    await page.waitForSelector("body[data-ready='true']", { timeout: 30_000 });
    await expect(page.locator("#chart-texas").getAttribute("class")).resolves.toContain("permalinked");
    await expect(page.locator("canvas[data-chart]").count()).resolves.toBeGreaterThan(1);

    expect(errors).toEqual([]);
    await expect(cspViolations(page)).resolves.toEqual([]);
    await context.close();
  });

  it("is readable at phone width: no horizontal scrolling, charts fit", async () => {
    const { context, page, errors } = await open({ width: 390, height: 844 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const platforms = await chartState(page, "platforms");
    expect(platforms.rendered).toBe(true);
    expect(platforms.width).toBeLessThanOrEqual(390);
    // The short value texts drawn on phones are spelled out in a key under the chart.
    await expect(page.locator("#chart-pill-seizures .chart-key").innerText()).resolves.toMatch(
      /^Key: > more than · .* M million/,
    );
    await page.screenshot({ path: join(screenshotDir, "phone.png"), fullPage: true });
    expect(errors).toEqual([]);
    await expect(cspViolations(page)).resolves.toEqual([]);
    await context.close();
  });

  it("opens the GraphQL playground from its static files, with the examples as tabs, and runs a query under its CSP", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = await watch(context, page);
    const responses: { url: string; status: number; headers: Record<string, string> }[] = [];
    page.on("response", (response) =>
      responses.push({ url: response.url(), status: response.status(), headers: response.headers() }),
    );
    const workers: string[] = [];
    page.on("worker", (worker) => workers.push(worker.url()));

    const shell = await page.goto(`${base}/graphql`);
    expect(shell!.headers()["content-security-policy"]).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(Number(shell!.headers()["content-length"])).toBeLessThan(2048);
    await page.waitForSelector(".graphiql-query-editor .monaco-editor", { timeout: 30_000 });

    // The examples are the tabs, the first one open.
    const tabs = await page.locator(".graphiql-tab").allInnerTexts();
    expect(tabs).toHaveLength(10);
    expect(tabs[0]).toBe("Overview");
    // (Monaco draws spaces as no-break spaces.)
    const editorText = (await page.locator(".graphiql-query-editor .view-lines").innerText()).replace(/\u00a0/g, " ");
    expect(editorText).toContain("query Overview");

    // GraphiQL, its stylesheet and Monaco's workers came from this server's versioned, long-cached files.
    const files = responses.filter((response) => new URL(response.url).pathname.startsWith("/graphiql/"));
    expect(files.map((file) => new URL(file.url).pathname.split("/").pop()).sort()).toEqual(
      expect.arrayContaining(["graphiql.css", "graphiql.js", "init.js"]),
    );
    for (const file of files) {
      expect(new URL(file.url).pathname).toMatch(/^\/graphiql\/[0-9a-f]{20}\/[\w.]+$/);
      expect(file.status).toBe(200);
      expect(file.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(file.headers["content-encoding"]).toMatch(/^(br|gzip)$/);
    }
    expect(responses.every((response) => response.url.startsWith(`${base}/`))).toBe(true); // no CDN
    await expect
      .poll(() => workers.map((url) => new URL(url).pathname.split("/").pop()).sort(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(["editor.worker.js", "graphql.worker.js", "json.worker.js"]));

    // Run the open tab's query: the answer comes from the API and is shown.
    const [answer] = await Promise.all([
      page.waitForResponse(
        (response) =>
          new URL(response.url()).pathname === "/graphql" &&
          response.request().method() === "POST" &&
          /Overview/.test(response.request().postData() ?? ""),
      ),
      page.getByRole("button", { name: /Execute query/ }).click(),
    ]);
    expect(answer.status()).toBe(200);
    const result = (await answer.json()) as { data: { dataset: { version: string } } };
    expect(result.data.dataset.version).toMatch(/^[0-9a-f]{12}$/);
    await page.waitForFunction(
      (version) => document.querySelector(".graphiql-response")?.textContent?.includes(version),
      result.data.dataset.version,
    );

    // The GraphQL worker (Monaco's language service) checks what is typed against the schema.
    await page.locator(".graphiql-query-editor .monaco-editor").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("{ noSuchField }");
    await page.waitForSelector(".graphiql-query-editor .squiggly-error", { timeout: 10_000 });

    expect(errors).toEqual([]);
    await expect(cspViolations(page)).resolves.toEqual([]);
    await context.close();
  });
});
