/**
 * The walkthrough of docs/curating.md, end to end, on a document nobody curated before
 * (fixtures/sources/juniper-sheriff.txt, an invented sheriff's release): `curate add` registers
 * it, `curate propose` drafts its records, the curator resolves every TODO (here in code, by
 * choosing alternatives and writing what the proposer could not know), `curate check` says
 * nothing is left, the build makes a database, and the API started on it serves the document's
 * figures with evidence spans that are exactly the document's text at their offsets.
 */
import { copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, parseDocument, stringify } from "yaml";
import { startServer } from "../../packages/api/test/support/server-process.js";
import { buildDatabase } from "../build-database.js";
import { runCurate } from "./curate-cli.js";
import { fixtureSeedDir, fixtureSourcesDir, removeTemporaryDirs, temporaryDir } from "./support.js";

afterAll(removeTemporaryDirs);

const DOCUMENT = "juniper-sheriff";
const text = readFileSync(join(fixtureSourcesDir, `${DOCUMENT}.txt`), "utf8");

/** The one offset of `words` in the document (a curator would run `pnpm seed:locate`). */
function offsetOf(words: string): number {
  const first = text.indexOf(words);
  if (first < 0 || text.indexOf(words, first + 1) >= 0) throw new Error(`"${words}" must occur exactly once`);
  return first;
}
const span = (words: string) => ({ document: DOCUMENT, start: offsetOf(words), text: words });

const SINCE_JANUARY = {
  start: "2032-01",
  end: "2032-04",
  stated: "January",
  inferred: true,
  basis: "'Since January' resolved from the document's date, 14 April 2032: January to April 2032.",
};

/**
 * The known figures of the fixture, by the value the proposer reads: what the curator writes over
 * the proposed record (the metric chosen among the alternatives, a label, corrected words), or
 * the reason it is an exclusion instead.
 */
const KNOWN: Record<number, { figure: Record<string, unknown> } | { exclude: string; words: string }> = {
  9: {
    figure: {
      metric: "arrests",
      label: "People arrested in the Juniper County fake-pill ring",
      unit: "person",
      unitText: "people",
      stated: "9 people",
      period: {
        start: "2032-04-13",
        end: "2032-04-13",
        stated: "Tuesday",
        inferred: true,
        basis: "'on Tuesday' resolved from the document's date, Wednesday 14 April 2032.",
      },
      statedBy: "person-dana-okafor",
    },
  },
  4: { exclude: "The investigation's duration, not a figure of the release.", words: "four-month investigation" },
  12000: {
    figure: {
      metric: "pills_seized",
      label: "Fake pills seized from the ring",
      unit: "pill",
      stated: "more than 12,000 pills",
    },
  },
  86500: {
    figure: {
      metric: "cash_seized",
      label: "Cash seized from the ring",
      unit: "usd",
      unitText: "in cash",
      stated: "$86,500",
    },
  },
  3: {
    figure: {
      metric: "presses_seized",
      label: "Pill presses seized from the ring",
      unit: "press",
      unitText: "pill presses",
      stated: "three pill presses",
    },
  },
  74: {
    figure: {
      metric: "tested_positive_share",
      label: "Share of sampled tablets containing fentanyl",
      unit: "percent",
      unitText: "%",
      stated: "74%",
    },
  },
  40: {
    figure: {
      metric: "group_chat_size",
      label: "Members of each group chat the ring advertised in",
      unit: "person",
      unitText: "members",
      stated: "between 40 and 60 members",
    },
  },
  25: {
    figure: {
      metric: "pill_price",
      label: "Price buyers paid per pill",
      unit: "usd",
      unitText: "per pill",
      stated: "about $25",
    },
  },
  1.2: {
    figure: {
      metric: "press_capacity",
      label: "Pills the seized presses could make in a year",
      unit: "pill",
      unitText: "pills a year",
      stated: "1.2 million pills",
      statedBy: "person-dana-okafor",
      note: "A capacity ('could turn out … a year'), not a count of pills made.",
    },
  },
  1: { exclude: "A warning, not a count.", words: '"One pill can be enough to kill."' },
  19: {
    figure: {
      metric: "arrestee_age",
      label: "Age of the youngest person arrested",
      unit: "year",
      unitText: "years old",
      stated: "19 years old",
    },
  },
  2: {
    figure: {
      metric: "people_charged",
      label: "People arrested who are charged with distribution resulting in death",
      unit: "person",
      unitText: "of those arrested",
      stated: "two",
    },
  },
  17: {
    figure: {
      metric: "overdose_deaths",
      label: "Overdose deaths in Juniper County since January",
      unit: "person",
      unitText: "overdose deaths",
      stated: "17 overdose deaths",
      period: SINCE_JANUARY,
    },
  },
  11: {
    figure: {
      metric: "counterfeit_pill_deaths",
      label: "Overdose deaths linked to counterfeit pills since January",
      unit: "person",
      unitText: "of them linked to counterfeit pills",
      stated: "eleven",
      period: SINCE_JANUARY,
    },
  },
};

/** Words the name scanner reads as names that are none: capitalised sentence starts and the headline. */
const NAME_EXCLUSIONS = [
  ["Juniper County Sheriff Dismantles Fake Pill Ring Run Through Messaging App", "The headline, in title case."],
  [
    "JUNIPER COUNTY SHERIFF'S OFFICE, NEWS RELEASE, April 14, 2032",
    "The dateline: the issuer (the outlet) in capitals and the document's date.",
  ],
  ["Deputies", "A common noun starting a sentence."],
  ["Investigators", "A common noun starting a sentence."],
  ["Laboratory", "A common noun starting a sentence."],
  ["Buyers", "A common noun starting a sentence."],
] as const;

const appendYaml = (path: string, records: unknown[]) =>
  writeFileSync(path, `${readFileSync(path, "utf8").trimEnd()}\n${stringify(records)}`);

/** What the curator writes outside the draft: the entities and the metrics and units the figures need. */
function addEntitiesMetricsUnits(seedDir: string): void {
  appendYaml(join(seedDir, "organisations.yaml"), [
    {
      id: "org-juniper-sheriff",
      name: "Juniper County Sheriff's Office",
      kind: "AGENCY",
      description: "An invented sheriff's office.",
    },
    { id: "org-whisperline", name: "Whisperline", kind: "PLATFORM", description: "An invented messaging app." },
  ]);
  appendYaml(join(seedDir, "people.yaml"), [
    {
      id: "person-dana-okafor",
      name: "Dana Okafor",
      aliases: ["Okafor"],
      role: "Sheriff of Juniper County",
      organisation: "org-juniper-sheriff",
    },
  ]);
  const metric = (key: string, name: string, canonicalUnit: string, additive: boolean) => ({
    key,
    name,
    description: `${name}.`,
    canonicalUnit,
    additive,
  });
  appendYaml(join(seedDir, "metrics.yaml"), [
    metric("pills_seized", "Fake pills seized", "pill", true),
    metric("cash_seized", "Cash seized", "usd", true),
    metric("presses_seized", "Pill presses seized", "press", true),
    metric("tested_positive_share", "Share of tested pills containing fentanyl", "percent", false),
    metric("group_chat_size", "Members of a group chat", "person", false),
    metric("pill_price", "Price of a pill", "usd", false),
    metric("press_capacity", "Pills a press can make", "pill", false),
    metric("arrestee_age", "Age of a person arrested", "year", false),
    metric("people_charged", "People charged", "person", true),
    metric("overdose_deaths", "Overdose deaths", "person", true),
    metric("counterfeit_pill_deaths", "Overdose deaths linked to counterfeit pills", "person", true),
  ]);
  appendYaml(join(seedDir, "units.yaml"), [
    { key: "usd", name: "US dollar", canonicalUnit: "usd", factor: 1 },
    { key: "press", name: "pill press", canonicalUnit: "press", factor: 1 },
    { key: "percent", name: "percent", canonicalUnit: "percent", factor: 1 },
    { key: "year", name: "year", canonicalUnit: "year", factor: 1 },
  ]);
}

/** The document's own TODOs: outlet, date and summary, as the release states them. */
function resolveDocument(seedDir: string): void {
  const path = join(seedDir, "documents.yaml");
  const document = parseDocument(readFileSync(path, "utf8"));
  const index = (document.toJS() as { id: string }[]).findIndex((entry) => entry.id === DOCUMENT);
  document.setIn([index, "outlet"], {
    name: "Juniper County Sheriff's Office",
    organisation: "org-juniper-sheriff",
    basis: "Stated in the dateline: a news release of the sheriff's office.",
  });
  document.setIn([index, "published"], {
    start: "2032-04-14",
    end: "2032-04-14",
    inferred: false,
    basis: "Printed in the dateline: April 14, 2032.",
  });
  document.setIn(
    [index, "summary"],
    "An invented sheriff's release on a fake-pill ring that sold through a messaging app.",
  );
  writeFileSync(path, document.toString());
}

interface DraftRecord {
  id: string;
  value?: number;
  evidence: { document: string; start: number; text: string };
  [field: string]: unknown;
}

/** Resolves the draft: each proposed record becomes the known figure or exclusion; the names are excluded. */
function resolveDraft(draftPath: string): { proposed: number[] } {
  const draft = parse(readFileSync(draftPath, "utf8")) as {
    document: string;
    figures: DraftRecord[];
    exclusions: DraftRecord[];
  };
  const figures: Record<string, unknown>[] = [];
  const exclusions: Record<string, unknown>[] = [];
  const proposed: number[] = [];
  for (const record of draft.figures) {
    const known = record.value === undefined ? undefined : KNOWN[record.value];
    if (!known) throw new Error(`the proposer found a figure the fixture does not state: ${JSON.stringify(record)}`);
    proposed.push(record.value as number);
    if ("exclude" in known) {
      exclusions.push({ id: `excl-js-${exclusions.length + 1}`, reason: known.exclude, evidence: span(known.words) });
      continue;
    }
    const { unitText: _proposedWords, ...rest } = record;
    figures.push({
      ...rest,
      unitText: known.figure.unitText ?? record.unitText,
      ...known.figure,
      evidence: { document: DOCUMENT, start: record.evidence.start, text: record.evidence.text },
    });
  }
  // The proposer excludes the dateline's date; the curator widens that exclusion to the whole dateline.
  const proposedExclusions = draft.exclusions.map((exclusion) => exclusion.evidence.text);
  expect(proposedExclusions).toEqual(["April 14, 2032"]);
  for (const [words, reason] of NAME_EXCLUSIONS) {
    exclusions.push({ id: `excl-js-${exclusions.length + 1}`, reason, evidence: span(words) });
  }
  writeFileSync(draftPath, stringify({ document: draft.document, figures, exclusions }));
  return { proposed };
}

describe("the curating walkthrough (docs/curating.md) on a new document", () => {
  it("add → propose → resolve → check → build → the API serves its figures with exact spans", async () => {
    const seedDir = join(temporaryDir(), "data");
    cpSync(fixtureSeedDir, seedDir, { recursive: true });
    // The fixture seed's own documents in one directory, the new one in another (as a curator keeps it).
    const sources = join(temporaryDir(), "sources");
    const incoming = join(temporaryDir(), "incoming");
    mkdirSync(sources);
    mkdirSync(incoming);
    for (const name of ["harbor-daily.txt", "bay-wire.txt"])
      copyFileSync(join(fixtureSourcesDir, name), join(sources, name));
    const file = join(incoming, `${DOCUMENT}.txt`);
    copyFileSync(join(fixtureSourcesDir, `${DOCUMENT}.txt`), file);

    // 1. add: registers it, and says the build would not find the text where it is.
    const added = runCurate(["add", file, "--id", DOCUMENT, "--seed-dir", seedDir], { FENTRACE_SOURCES_DIR: sources });
    expect(added.stderr).toBe("");
    expect(added.status).toBe(0);
    const sourcesList = `${sources}${delimiter}${incoming}`;
    expect(added.stdout).toContain(`export FENTRACE_SOURCES_DIR=${sourcesList}`);
    const env = { FENTRACE_SOURCES_DIR: sourcesList };

    // 2. propose: the draft.
    const proposed = runCurate(["propose", file, "--id", DOCUMENT, "--seed-dir", seedDir], env);
    expect(proposed.status, proposed.stderr).toBe(0);
    const draftPath = join(seedDir, "drafts", `${DOCUMENT}.yaml`);

    // 3. check: TODOs with their file and line, and the names not yet entities.
    const before = runCurate(["check", DOCUMENT, "--seed-dir", seedDir], env);
    expect(before.status).toBe(1);
    expect(before.stdout).toMatch(
      /drafts\/juniper-sheriff\.yaml:\d+: fig-[\w-]+ › metric: unresolved TODO — alternatives: /,
    );
    expect(before.stdout).toMatch(/documents\.yaml:\d+: juniper-sheriff › summary: unresolved TODO/);
    expect(before.stdout).toContain('a name that is no entity: "Whisperline"');

    // 4. resolve.
    addEntitiesMetricsUnits(seedDir);
    resolveDocument(seedDir);
    const { proposed: values } = resolveDraft(draftPath);
    expect(values.sort((a, b) => a - b)).toEqual(
      Object.keys(KNOWN)
        .map(Number)
        .sort((a, b) => a - b),
    );

    // 5. check: nothing left.
    const after = runCurate(["check", DOCUMENT, "--seed-dir", seedDir], env);
    expect(after.stdout + after.stderr).toBe("nothing left for juniper-sheriff\n");
    expect(after.status).toBe(0);
    const all = runCurate(["check", "--seed-dir", seedDir], env);
    expect(all.stdout).toBe("nothing left\n");

    // 6. build.
    const target = join(temporaryDir(), "fentrace.db");
    const built = await buildDatabase({ target, seedDir, sourcesDir: sourcesList, log: () => {} });
    expect(built.evidenceNotVerified).toBeUndefined();

    // 7. serve, and read the document's figures over HTTP.
    const server = await startServer({ DATABASE_URL: `file:${target}`, FENTRACE_WEB_DIST: "" });
    try {
      const response = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({
          query: `{ document(id: "${DOCUMENT}") { length sha256 figures(first: 50) { edges { node {
            slug value valueHigh qualifier statedText
            evidence { start end text marks(first: 10) { edges { node { role start end text } } } }
          } } } } }`,
        }),
      });
      const body = (await response.json()) as {
        errors?: unknown;
        data: {
          document: {
            length: number;
            figures: {
              edges: {
                node: {
                  value: number | null;
                  statedText: string;
                  evidence: {
                    start: number;
                    end: number;
                    text: string;
                    marks: { edges: { node: { role: string; start: number; end: number; text: string } }[] };
                  };
                };
              }[];
            };
          };
        };
      };
      expect(body.errors).toBeUndefined();
      const { document } = body.data;
      expect(document.length).toBe(text.length);
      const served = document.figures.edges.map((edge) => edge.node);
      const knownFigures = Object.entries(KNOWN).filter(([, known]) => "figure" in known);
      expect(served.map((figure) => figure.value).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
        knownFigures.map(([value]) => Number(value)).sort((a, b) => a - b),
      );
      for (const figure of served) {
        expect(figure.evidence.text).toBe(text.slice(figure.evidence.start, figure.evidence.end));
        const value = figure.evidence.marks.edges.map((edge) => edge.node).find((mark) => mark.role === "VALUE");
        expect(value?.text).toBe(figure.statedText);
        expect(text.slice(value?.start, value?.end)).toBe(figure.statedText);
      }
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  }, 240_000);
});
