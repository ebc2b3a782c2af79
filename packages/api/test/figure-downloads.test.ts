/**
 * Filtered figure downloads over real HTTP (the request handler on 127.0.0.1): `figures.csv?…` and
 * `figures.json?…` hold exactly the figures `figures(filter:, orderBy:)` returns, in its order,
 * as the very rows of the whole file; bad parameters are 400s with the GraphQL API's own message
 * (unknown ids with the same suggestions); the work is bounded; the defendants and exclusions
 * tables are the API's records.
 */
import { parse } from "csv-parse/sync";
import { createYoga } from "graphql-yoga";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_PARAMETERS } from "../src/downloads/figure-query.js";
import { ERROR_CODE_HEADER, useDownloads } from "../src/plugins/downloads.js";
import { schema } from "../src/schema/index.js";
import { data, firstError } from "./helpers.js";
import { type Listening, listen } from "./support/http.js";

let server: Listening;
beforeAll(async () => {
  server = await listen();
});
afterAll(() => server.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });

const FIGURES_QUERY = `query ($filter: FigureFilter, $orderBy: [FigureOrder!]) {
  figures(filter: $filter, orderBy: $orderBy, first: 100) { totalCount edges { node { slug } } }
}`;

/** The slugs `figures(filter:, orderBy:)` returns (every one: the tests' filters select fewer than 100). */
async function graphqlSlugs(filter: unknown, orderBy?: unknown): Promise<string[]> {
  const result = (await data(FIGURES_QUERY, { filter, orderBy })) as {
    figures: { totalCount: number; edges: { node: { slug: string } }[] };
  };
  expect(result.figures.totalCount).toBeLessThanOrEqual(100);
  return result.figures.edges.map((edge) => edge.node.slug);
}

/** CSV lines (CRLF-separated records; the test data have no line break inside a cell of these rows) by figure id. */
function csvRecords(text: string): { header: string; ids: string[]; records: Record<string, string>[] } {
  const records = parse(text, { columns: true }) as Record<string, string>[];
  return { header: text.slice(0, text.indexOf("\r\n")), ids: records.map((record) => record.id ?? ""), records };
}

let whole: { header: string; records: Map<string, Record<string, string>> };
let wholeJson: Map<string, unknown>;
beforeAll(async () => {
  const csv = csvRecords(await (await get("/downloads/figures.csv")).text());
  whole = { header: csv.header, records: new Map(csv.records.map((record) => [record.id ?? "", record])) };
  const json = (await (await get("/downloads/figures.json")).json()) as { id: string }[];
  wholeJson = new Map(json.map((row) => [row.id, row]));
});

/** URL parameters and the FigureFilter / orderBy they mean in GraphQL. */
const cases: { params: string; filter: unknown; orderBy?: unknown }[] = [
  {
    params: "metric=pills_seized&orderBy=PERIOD_START",
    filter: { metric: { in: ["pills_seized"] } },
    orderBy: [{ field: "PERIOD_START" }],
  },
  {
    params: "metric=pills_seized&metric=drug_seized_mass&period=2021&orderBy=NORMALIZED_VALUE:DESC",
    filter: {
      metric: { in: ["pills_seized", "drug_seized_mass"] },
      period: { overlaps: { start: "2021", end: "2021" } },
    },
    orderBy: [{ field: "NORMALIZED_VALUE", direction: "DESC" }],
  },
  {
    params: "document=latin-post&qualifier=EXACT&qualifier=APPROXIMATE",
    filter: { document: ["latin-post"], qualifier: ["EXACT", "APPROXIMATE"] },
  },
  { params: "place=place-us-tx", filter: { place: { ids: ["place-us-tx"] } } },
  {
    params: "place=place-us-tx&place.includeDescendants=false&orderBy=PERIOD_START&orderBy=SLUG:DESC",
    filter: { place: { ids: ["place-us-tx"], includeDescendants: false } },
    orderBy: [{ field: "PERIOD_START" }, { field: "SLUG", direction: "DESC" }],
  },
  {
    params: "value.gte=1000&period.overlaps=2021-10..2022&normalizedUnit=pill",
    filter: {
      value: { gte: 1000 },
      period: { overlaps: { start: "2021-10", end: "2022" } },
      normalizedUnit: { in: ["pill"] },
    },
  },
  {
    params: "period.within=..2021-06&hasClaim=false",
    filter: { period: { within: { end: "2021-06" } }, hasClaim: false },
  },
  { params: "platform=org-snapchat&platform=org-tiktok", filter: { platform: ["org-snapchat", "org-tiktok"] } },
  { params: "claimStatus=CONTRADICTS", filter: { claimStatus: ["CONTRADICTS"] } },
  { params: "label.contains=surge&statedBy=org-dea", filter: { label: { contains: "surge" }, statedBy: ["org-dea"] } },
  {
    params: `filter=${encodeURIComponent(JSON.stringify({ operation: ["op-dea-surge-2021"], metric: { in: ["cases_by_platform"] } }))}&orderBy=NORMALIZED_VALUE:DESC`,
    filter: { operation: ["op-dea-surge-2021"], metric: { in: ["cases_by_platform"] } },
    orderBy: [{ field: "NORMALIZED_VALUE", direction: "DESC" }],
  },
  {
    params: `filter=${encodeURIComponent(JSON.stringify({ substance: { ids: ["sub-fentanyl"] } }))}&document=north-texas-cartels`,
    filter: { substance: { ids: ["sub-fentanyl"] }, document: ["north-texas-cartels"] },
  },
];

describe("figures.csv?… and figures.json?…", () => {
  it.each(cases)(
    "$params: the figures of figures(filter:), as the rows of the whole file",
    async ({ params, filter, orderBy }) => {
      const expected = await graphqlSlugs(filter, orderBy);
      const response = await get(`/downloads/figures.csv?${params}`);
      expect(response.status, await response.clone().text()).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      const csv = csvRecords(await response.text());
      expect(csv.header).toBe(whole.header);
      expect(csv.ids).toEqual(expected);
      for (const record of csv.records) expect(record).toEqual(whole.records.get(record.id ?? ""));

      const json = (await (await get(`/downloads/figures.json?${params}`)).json()) as { id: string }[];
      expect(json.map((row) => row.id)).toEqual(expected);
      for (const row of json) expect(row).toEqual(wholeJson.get(row.id));
    },
  );

  it("the filters select different, non-empty sets (the comparisons above are not vacuous)", async () => {
    const sizes = await Promise.all(
      cases.map(async ({ filter, orderBy }) => (await graphqlSlugs(filter, orderBy)).length),
    );
    expect(sizes.filter((size) => size > 0).length).toBeGreaterThanOrEqual(cases.length - 1);
    expect(new Set(sizes).size).toBeGreaterThan(3);
    expect(Math.max(...sizes)).toBeLessThan(whole.records.size);
  });

  it("is cached like the files: an ETag of the bytes, 304 on If-None-Match, the dataset version", async () => {
    const first = await get("/downloads/figures.csv?metric=pills_seized");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^(W\/)?"[0-9a-f]{12}-figures\.csv-[0-9a-f]{16}(-br|-gzip)?"$/);
    expect(first.headers.get("cache-control")).toMatch(/^public, max-age=\d+$/);
    expect(first.headers.get("x-fentrace-dataset-version")).toBeTruthy();
    expect(first.headers.get("access-control-allow-origin")).toBe("*");
    const again = await get("/downloads/figures.csv?metric=pills_seized", { "If-None-Match": etag ?? "" });
    expect(again.status).toBe(304);
    const other = await get("/downloads/figures.csv?metric=drug_seized_mass");
    expect(other.headers.get("etag")).not.toBe(etag);
  });
});

/** A 400 of figures.json with one GraphQL-shaped error. */
async function refused(params: string): Promise<{ message: string; extensions: Record<string, unknown> }> {
  const response = await get(`/downloads/figures.json?${params}`);
  const body = await response.text();
  expect(response.status, body).toBe(400);
  expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(response.headers.get(ERROR_CODE_HEADER)).toBe(JSON.parse(body).errors[0].extensions.code);
  const { errors } = JSON.parse(body) as { errors: { message: string; extensions: Record<string, unknown> }[] };
  expect(errors).toHaveLength(1);
  return errors[0]!;
}

describe("bad parameters are 400s that say what and where", () => {
  it.each([
    { params: "document=latin-postt", filter: { document: ["latin-postt"] } },
    { params: "metric=pills_seizd", filter: { metric: { in: ["pills_seizd"] } } },
    { params: "place=place-us-txx", filter: { place: { ids: ["place-us-txx"] } } },
    { params: "platform=org-snapchatt&platform=org-dea", filter: { platform: ["org-snapchatt", "org-dea"] } },
    { params: "statedBy=latin-post", filter: { statedBy: ["latin-post"] } },
    { params: "value.eq=3&value.gt=1", filter: { value: { eq: 3, gt: 1 } } },
    { params: "period.overlaps=2022..2021", filter: { period: { overlaps: { start: "2022", end: "2021" } } } },
    { params: "hasClaim=false&claimStatus=AGREES", filter: { hasClaim: false, claimStatus: ["AGREES"] } },
    { params: `label.contains=${"x".repeat(201)}`, filter: { label: { contains: "x".repeat(201) } } },
    {
      params: Array.from({ length: 101 }, (_, index) => `document=d${index}`).join("&"),
      filter: { document: Array.from({ length: 101 }, (_, index) => `d${index}`) },
    },
  ])("$params: the message and suggestions of figures(filter:)", async ({ params, filter }) => {
    const expected = await firstError(FIGURES_QUERY, { filter });
    expect(expected.code).toBe("BAD_USER_INPUT");
    const error = await refused(params);
    expect(error.message).toBe(expected.message);
    expect(error.extensions.code).toBe("BAD_USER_INPUT");
    expect(error.extensions.argument).toBe(expected.argument);
  });

  it("an unknown id's suggestions are the API's", async () => {
    const { message } = await refused("document=latin-postt");
    expect(message).toContain('"latin-postt" is no Document (did you mean "latin-post"?)');
  });

  it.each([
    ["bogus=1", /^Unknown parameter "bogus": "bogus" is no field of FigureFilter\. Its fields: claim, claimStatus, /],
    ["period.bogus=2021", /^Unknown parameter "period\.bogus": "bogus" is no field of PeriodFilter \(in period/],
    ["value.gte=lots", /^Parameter "value\.gte" must be a number \(got "lots"\)\.$/],
    ["hasClaim=yes", /^Parameter "hasClaim" must be true or false \(got "yes"\)\.$/],
    ["hasClaim=true&hasClaim=false", /^Parameter "hasClaim" is given twice/],
    [
      "qualifier=NOPE",
      /^Argument "filter\.qualifier\[0\]" got invalid value "NOPE": Value "NOPE" does not exist in "Qualifier" enum\.$/,
    ],
    [
      "period=20211",
      /^Argument "filter\.period\.overlaps\.(start|end)" got invalid value "20211": PartialDate must be a year/,
    ],
    [
      "orderBy=SIZE",
      /^Argument "orderBy\[0\]\.field" got invalid value "SIZE": Value "SIZE" does not exist in "FigureOrderField" enum\.$/,
    ],
    ["orderBy=SLUG:UP", /^Argument "orderBy\[0\]\.direction" got invalid value "UP"/],
    ["filter=%7Bmetric", /^Parameter "filter" is not JSON: /],
    ["filter=%5B1%5D", /^Parameter "filter" must be a JSON object \(a FigureFilter\)\.$/],
    [
      `filter=${encodeURIComponent('{"size":1}')}`,
      /^Argument "filter" got invalid value \{"size":1\}: Field "size" is not defined by type "FigureFilter"\.$/,
    ],
    [
      `filter=${encodeURIComponent('{"metric":{"eq":"pills_seized"}}')}&metric=x`,
      /^"metric" is given both in "filter" and as a parameter of its own: give it once\.$/,
    ],
    [
      `filter=${encodeURIComponent('{"__proto__":{"metric":{"in":["pills_seized"]}}}')}`,
      /^Argument "filter" got invalid value \{"__proto__":.*Field "__proto__" is not defined by type "FigureFilter"\.$/,
    ],
    ["value.gte=0x10", /^Parameter "value\.gte" must be a number \(got "0x10"\)\.$/],
    [`filter=${"a".repeat(10_001)}`, /^Parameter "filter" must be at most 10000 characters \(got 10001\)\.$/],
    [
      Array.from({ length: MAX_PARAMETERS + 1 }, () => "qualifier=EXACT").join("&"),
      /^At most 256 query parameters are allowed \(got 257\)\.$/,
    ],
  ])("%s", async (params, message) => {
    const error = await refused(params);
    expect(error.message).toMatch(message);
    expect(error.extensions.code).toBe("BAD_USER_INPUT");
  });
});

/** A 400 of figures.csv: plain text, as a CSV user reads it. */
async function refusedCsv(params: string): Promise<{ text: string; code: string | null }> {
  const response = await get(`/downloads/figures.csv?${params}`);
  const text = await response.text();
  expect(response.status, text).toBe(400);
  expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  expect(response.headers.get("cache-control")).toBe("no-store");
  return { text, code: response.headers.get(ERROR_CODE_HEADER) };
}

describe("a bad filter on a .csv URL is plain text naming the parameter, the value and what would do", () => {
  it("an unknown id: the GraphQL message with its suggestion, the parameter and the value", async () => {
    const { message } = await refused("document=latin-postt");
    const { text, code } = await refusedCsv("document=latin-postt");
    expect(code).toBe("BAD_USER_INPUT");
    expect(text.split("\n").slice(0, 4)).toEqual([
      `Bad request: ${message}`,
      "Parameter: document",
      'Value: "latin-postt"',
      "Code: BAD_USER_INPUT",
    ]);
    expect(text).toContain('did you mean "latin-post"?');
  });

  it("a bad enum value lists the allowed values", async () => {
    const { text } = await refusedCsv("qualifier=EXACT&qualifier=NOPE");
    expect(text).toMatch(/^Bad request: Argument "filter\.qualifier\[1\]" got invalid value "NOPE"/);
    expect(text).toContain("\nParameter: qualifier\n");
    expect(text).toContain('\nValues: "EXACT", "NOPE"\n');
    expect(text).toMatch(/\nAllowed values: (\w+, )*EXACT, (\w+, )*APPROXIMATE|\nAllowed values: .*APPROXIMATE.*EXACT/);
    const json = await refused("qualifier=NOPE");
    expect(json.extensions.allowed).toEqual(expect.arrayContaining(["EXACT", "APPROXIMATE", "VAGUE"]));
  });

  it("an unknown parameter suggests the closest one", async () => {
    const { text } = await refusedCsv("metirc=pills_seized");
    expect(text).toMatch(
      /^Bad request: Unknown parameter "metirc": "metirc" is no field of FigureFilter \(did you mean "metric"\?\)\./,
    );
    expect(text).toContain('\nParameter: metirc\nValue: "pills_seized"\n');
  });

  it("a nested parameter is named as written (place=, value.gte=)", async () => {
    expect((await refusedCsv("place=place-us-txx")).text).toContain('\nParameter: place\nValue: "place-us-txx"\n');
    expect((await refusedCsv("value.gte=lots")).text).toContain('\nParameter: value.gte\nValue: "lots"\n');
  });

  it("a huge value is shown shortened; the message says its length", async () => {
    const { text } = await refusedCsv(`filter=${"a".repeat(10_001)}`);
    expect(text).toContain("(got 10001)");
    expect(text).toContain(`Value: "${"a".repeat(200)}…"`);
    expect(text.length).toBeLessThan(1000);
  });
});

describe("the work budget of a filtered download", () => {
  it("refuses a filter that selects more figures, or more bytes, than an operation may resolve", async () => {
    const counted = await graphqlSlugs({ metric: { in: ["pills_seized"] } });
    const records = counted.length - 1;
    const small = await listen(
      createYoga({ schema, plugins: [useDownloads({ limits: { records, responseBytes: 2 ** 21 } })], graphiql: false }),
    );
    const tight = await listen(
      createYoga({
        schema,
        plugins: [useDownloads({ limits: { records: 10_000, responseBytes: 2048 } })],
        graphiql: false,
      }),
    );
    try {
      const refusedByCount = await fetch(`${small.url}/downloads/figures.json?metric=pills_seized`);
      const refusedCsvByCount = await fetch(`${small.url}/downloads/figures.csv?metric=pills_seized`);
      expect(refusedCsvByCount.status).toBe(400);
      expect(refusedCsvByCount.headers.get(ERROR_CODE_HEADER)).toBe("RESPONSE_TOO_LARGE");
      expect(await refusedCsvByCount.text()).toMatch(/^Bad request: Record limit of \d+ exceeded: /);
      const byCount = (await refusedByCount.json()) as {
        errors: { message: string; extensions: Record<string, unknown> }[];
      };
      expect(refusedByCount.status).toBe(400);
      expect(byCount.errors[0]?.extensions).toMatchObject({
        code: "RESPONSE_TOO_LARGE",
        limit: "records",
        max: records,
      });
      expect(byCount.errors[0]?.message).toMatch(
        new RegExp(`^Record limit of ${records} exceeded: this filter selects more than ${records} figures\\.`),
      );
      const fewer = await fetch(`${small.url}/downloads/figures.csv?metric=pills_seized&qualifier=EXACT`);
      expect(fewer.status).toBe(200);

      const refusedBySize = await fetch(`${tight.url}/downloads/figures.json?metric=pills_seized`);
      const bySize = (await refusedBySize.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(refusedBySize.status).toBe(400);
      expect(bySize.errors[0]?.extensions).toMatchObject({
        code: "RESPONSE_TOO_LARGE",
        limit: "responseBytes",
        max: 2048,
      });
      // The whole file is still served as it is.
      expect((await fetch(`${tight.url}/downloads/figures.json`)).status).toBe(200);
    } finally {
      await Promise.all([small.close(), tight.close()]);
    }
  });
});

describe("defendants.csv and exclusions.csv", () => {
  it("hold every defendant and exclusion of the API, with their words and citations", async () => {
    const result = (await data(`{
      legalCases(first: 100) { edges { node { defendants(first: 100) { edges { node { slug label age evidence { text start document { slug } } } } } } } }
      exclusions(first: 100) { totalCount edges { node { slug reason evidence { text start end document { slug } } } } }
    }`)) as {
      legalCases: {
        edges: {
          node: {
            defendants: {
              edges: {
                node: {
                  slug: string;
                  label: string;
                  age: number | null;
                  evidence: { text: string; start: number; document: { slug: string } } | null;
                };
              }[];
            };
          };
        }[];
      };
      exclusions: {
        totalCount: number;
        edges: {
          node: {
            slug: string;
            reason: string;
            evidence: { text: string; start: number; end: number; document: { slug: string } };
          };
        }[];
      };
    };
    const defendants = result.legalCases.edges.flatMap((edge) => edge.node.defendants.edges.map((inner) => inner.node));
    const defendantRows = parse(await (await get("/downloads/defendants.csv")).text(), { columns: true }) as Record<
      string,
      string
    >[];
    expect(defendantRows.map((row) => row.id).sort()).toEqual(defendants.map((d) => d.slug).sort());
    for (const defendant of defendants) {
      const row = defendantRows.find((candidate) => candidate.id === defendant.slug)!;
      expect(row.label).toBe(defendant.label);
      expect(row.age).toBe(defendant.age === null ? "" : String(defendant.age));
      expect(row.evidence_text).toBe(defendant.evidence?.text ?? "");
      if (defendant.evidence) expect(row.document_id).toBe(defendant.evidence.document.slug);
      // Every defendant's case is named in one document: every row can be cited.
      expect(row.citation).toMatch(
        new RegExp(`Defendant ${defendant.slug} processed by Fentrace \\(dataset version [0-9a-f]{12}\\)`),
      );
    }

    const exclusionRows = parse(await (await get("/downloads/exclusions.csv")).text(), { columns: true }) as Record<
      string,
      string
    >[];
    expect(exclusionRows.length).toBe(result.exclusions.totalCount);
    for (const { node } of result.exclusions.edges) {
      const row = exclusionRows.find((candidate) => candidate.id === node.slug)!;
      expect(row).toMatchObject({
        document_id: node.evidence.document.slug,
        reason: node.reason,
        evidence_text: node.evidence.text,
        evidence_start: String(node.evidence.start),
        evidence_end: String(node.evidence.end),
      });
      expect(row.citation).toContain(`Exclusion ${node.slug} processed by Fentrace`);
    }
  });

  it("are resources of datapackage.json", async () => {
    const descriptor = (await (await get("/downloads/datapackage.json")).json()) as {
      resources: { name: string; path: string }[];
    };
    expect(descriptor.resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "defendants", path: "defendants.csv" }),
        expect.objectContaining({ name: "exclusions", path: "exclusions.csv" }),
      ]),
    );
  });
});
