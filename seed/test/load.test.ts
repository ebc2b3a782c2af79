import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSeed } from "../load.js";
import { SeedValidationError } from "../problems.js";
import {
  byId,
  copyFixtureSeed,
  editYaml,
  fixtureSeedDir,
  problemLines,
  removeTemporaryDirs,
  type SeedFileContents,
} from "./support.js";

const HARBOR = "figures/harbor-daily.yaml";

/** Breaks one thing in a copy of the fixture seed and returns the problems reported. */
/** The SeedValidationError that loading `seedDir` throws (the test fails if it throws none). */
function seedErrorOf(seedDir: string): SeedValidationError {
  try {
    loadSeed(seedDir);
  } catch (error) {
    expect(error).toBeInstanceOf(SeedValidationError);
    return error as SeedValidationError;
  }
  throw new Error(`loading ${seedDir} threw no SeedValidationError`);
}

function problemsAfter<Path extends string>(file: Path, edit: (data: SeedFileContents<Path>) => void): string[] {
  const seedDir = copyFixtureSeed();
  editYaml(seedDir, file, edit);
  return problemLines(seedDir);
}

afterAll(removeTemporaryDirs);

describe("loading a valid seed", () => {
  const dataset = loadSeed(fixtureSeedDir);

  it("resolves every record into rows", () => {
    expect(Object.fromEntries(Object.entries(dataset.rows).map(([table, rows]) => [table, rows.length]))).toEqual({
      places: 2,
      organisations: 5,
      people: 3,
      substances: 3,
      metrics: 4,
      units: 4,
      claims: 1,
      documents: 2,
      documentAuthors: 1,
      operations: 1,
      legalCases: 1,
      events: 1,
      evidence: 13,
      evidenceMarks: 11,
      defendants: 2,
      figures: 5,
      figureSubjects: 8,
      figureRelations: 0,
      quotes: 2,
      exclusions: 3,
      // resolveMentions fills these from the documents' texts (entity-mentions.test.ts).
      mentions: 0,
    });
  });

  it("normalises values and resolves periods", () => {
    const powder = dataset.rows.figures.find((figure) => figure.id === "fig-hd-powder");
    expect(powder).toMatchObject({
      documentId: "harbor-daily",
      normalizedValue: 6803.88555,
      normalizedUnit: "kilogram",
      periodStart: "2031-01-01",
      periodEnd: "2031-12-31",
      periodPrecision: "YEAR",
      periodInferred: true,
      statedByOrganisationId: "org-cda",
      evidenceId: "fig-hd-powder#evidence",
      claimId: "claim-cda-powder-2031",
    });
    const share = dataset.rows.figures.find((figure) => figure.id === "fig-hd-lethal-share");
    expect(share).toMatchObject({
      normalizedValue: 40,
      normalizedUnit: "percent",
      statedByPersonId: "person-ada-quill",
      periodPrecision: "UNKNOWN",
    });
    const pills = dataset.rows.figures.find((figure) => figure.id === "fig-bw-pills-sold");
    expect(pills).toMatchObject({ value: null, scale: "million", qualifier: "VAGUE", normalizedValue: null });
  });

  it("turns marks into document offsets", () => {
    const evidence = dataset.rows.evidence.find((row) => row.id === "fig-hd-powder#evidence");
    const marks = dataset.rows.evidenceMarks.filter((mark) => mark.evidenceId === "fig-hd-powder#evidence");
    expect(evidence).toMatchObject({ start: 102, end: 102 + evidence!.text.length });
    expect(marks).toEqual([
      {
        id: expect.any(Number),
        evidenceId: "fig-hd-powder#evidence",
        role: "VALUE",
        start: 116,
        end: 139,
        text: "more than 15,000 pounds",
      },
      {
        id: expect.any(Number),
        evidenceId: "fig-hd-powder#evidence",
        role: "PERIOD",
        start: 159,
        end: 168,
        text: "this year",
      },
    ]);
  });

  it("numbers an event's or operation's spans and links them to it", () => {
    expect(dataset.rows.evidence.filter((row) => row.operationId === "op-tidewater").map((row) => row.id)).toEqual([
      "op-tidewater#evidence-1",
    ]);
    const dates = dataset.rows.evidenceMarks.filter((mark) => mark.evidenceId === "op-tidewater#evidence-1");
    expect(dates.map((mark) => [mark.role, mark.text])).toEqual([
      ["DATE", "March 3, 2031"],
      ["DATE", "May 9, 2031"],
    ]);
  });

  it("links subjects to the right table by looking their ids up", () => {
    const subjects = dataset.rows.figureSubjects.filter((subject) => subject.figureId === "fig-hd-arrests");
    expect(
      subjects.map(({ role, organisationId, operationId, legalCaseId, personId }) => ({
        role,
        organisationId,
        operationId,
        legalCaseId,
        personId,
      })),
    ).toEqual([
      { role: "ACTOR", organisationId: "org-cda-harbor", operationId: null, legalCaseId: null, personId: null },
      { role: "OPERATION", organisationId: null, operationId: "op-tidewater", legalCaseId: null, personId: null },
      { role: "CASE", organisationId: null, operationId: null, legalCaseId: "case-reyes", personId: null },
      { role: "PERSON", organisationId: null, operationId: null, legalCaseId: null, personId: "person-bo-reyes" },
    ]);
  });

  it("orders parents before children", () => {
    const ids = dataset.rows.organisations.map((row) => row.id);
    expect(ids.indexOf("org-cda")).toBeLessThan(ids.indexOf("org-cda-harbor"));
  });

  it("derives a 12-digit version that changes with the data", () => {
    expect(dataset.version).toMatch(/^[0-9a-f]{12}$/);
    const seedDir = copyFixtureSeed();
    expect(loadSeed(seedDir).version).toBe(dataset.version);
    editYaml(seedDir, "claims.yaml", (claims) => {
      claims[0]!.title += "!";
    });
    expect(loadSeed(seedDir).version).not.toBe(dataset.version);
  });
});

describe("rejecting bad records", () => {
  it("an unknown (misspelt) field", () => {
    expect(
      problemsAfter(HARBOR, (figures) => {
        const figure = byId(figures, "fig-hd-arrests");
        figure.lable = figure.label;
        delete figure.label;
      }),
    ).toEqual([
      `${HARBOR} › fig-hd-arrests › label: required`,
      `${HARBOR} › fig-hd-arrests › lable: unknown field (did you mean 'label'?)`,
    ]);
  });

  it("text cut at an unquoted comma in a flow mapping", () => {
    const seedDir = copyFixtureSeed();
    writeFileSync(
      join(seedDir, "substances.yaml"),
      "- { id: sub-fentanyl, name: fentanyl, description: A synthetic opioid, far more potent. }\n",
    );
    expect(problemLines(seedDir)).toContain(
      "substances.yaml › sub-fentanyl › far more potent.: unknown field (looks like text cut at an unquoted comma inside { … }: quote the value before it)",
    );
  });

  it("a missing field", () => {
    expect(problemsAfter(HARBOR, (figures) => void delete byId(figures, "fig-hd-arrests").unitText)).toEqual([
      `${HARBOR} › fig-hd-arrests › unitText: required`,
    ]);
  });

  it("a bad enum value", () => {
    expect(
      problemsAfter(HARBOR, (figures) => {
        byId(figures, "fig-hd-arrests").qualifier = "EXACTLY";
      }),
    ).toEqual([
      `${HARBOR} › fig-hd-arrests › qualifier: expected one of EXACT, APPROXIMATE, AT_LEAST, MORE_THAN, UP_TO, RANGE, VAGUE; got "EXACTLY" (did you mean 'EXACT'?)`,
    ]);
  });

  it("a dangling reference", () => {
    expect(
      problemsAfter(HARBOR, (figures) => {
        byId(figures, "fig-hd-arrests").place = "place-harbour-city";
      }),
    ).toEqual([
      `${HARBOR} › fig-hd-arrests › place: unknown place 'place-harbour-city' (did you mean 'place-harbor-city'?)`,
    ]);
  });

  it("a reference to the wrong kind of record", () => {
    expect(
      problemsAfter(HARBOR, (figures) => {
        byId(figures, "fig-hd-arrests").subjects.operation = ["case-reyes"];
      }),
    ).toEqual([`${HARBOR} › fig-hd-arrests › subjects.operation[0]: 'case-reyes' is a case, expected an operation`]);
  });

  it("a duplicate id, across files", () => {
    expect(
      problemsAfter("people.yaml", (people) => void people.push({ id: "org-cda", name: "X", aliases: [], role: "Y" })),
    ).toEqual(["people.yaml › org-cda › id: duplicate id; already used by an organisation in organisations.yaml"]);
  });

  it("a mark not found in its span", () => {
    expect(
      problemsAfter(HARBOR, (figures) => {
        byId(figures, "fig-hd-powder").period.stated = "this month";
      }),
    ).toEqual([`${HARBOR} › fig-hd-powder › period.stated: mark 'this month' not found in the span`]);
  });

  it("an ambiguous mark", () => {
    expect(
      problemsAfter("events.yaml", (events) => {
        events[0]!.evidence[0]!.dates = ["a"];
      }),
    ).toEqual([
      "events.yaml › event-cda-briefing › evidence[0].dates: mark 'a' occurs 4 times in the span; lengthen it",
    ]);
  });

  it("evidence text longer than 240 characters", () => {
    expect(
      problemsAfter(HARBOR, (figures) => {
        byId(figures, "fig-hd-powder").evidence.text += " x".repeat(100);
      }),
    ).toEqual([`${HARBOR} › fig-hd-powder › evidence.text: at most 240 characters (this one has 272)`]);
  });

  it("evidence running past the end of its document", () => {
    expect(
      problemsAfter(HARBOR, (figures) => {
        byId(figures, "fig-hd-arrests").evidence.start = 490;
      }),
    ).toEqual([
      `${HARBOR} › fig-hd-arrests › evidence.start: the span ends at offset 517, past the end of document 'harbor-daily' (length 502)`,
    ]);
  });

  it("evidence without a start", () => {
    expect(problemsAfter(HARBOR, (figures) => void delete byId(figures, "fig-hd-arrests").evidence.start)).toEqual([
      `${HARBOR} › fig-hd-arrests › evidence.start: required: run \`pnpm seed:locate\` to fill it in`,
    ]);
  });

  it("RANGE without valueHigh", () => {
    expect(
      problemsAfter(HARBOR, (figures) => {
        byId(figures, "fig-hd-arrests").qualifier = "RANGE";
      }),
    ).toEqual([`${HARBOR} › fig-hd-arrests › valueHigh: required when qualifier is RANGE`]);
  });

  it("valueHigh without RANGE", () => {
    expect(
      problemsAfter(HARBOR, (figures) => {
        byId(figures, "fig-hd-arrests").valueHigh = 130;
      }),
    ).toEqual([`${HARBOR} › fig-hd-arrests › valueHigh: only allowed when qualifier is RANGE (it is EXACT)`]);
  });

  it("a unit whose canonical unit differs from the metric's", () => {
    expect(
      problemsAfter(HARBOR, (figures) => {
        byId(figures, "fig-hd-arrests").unit = "pound";
      }),
    ).toEqual([
      `${HARBOR} › fig-hd-arrests › unit: unit 'pound' converts to kilogram, but metric 'arrests' is measured in person`,
    ]);
  });

  it("a value that disagrees with the stated words", () => {
    expect(
      problemsAfter(HARBOR, (figures) => {
        byId(figures, "fig-hd-powder").value = 1500;
      }),
    ).toEqual([
      `${HARBOR} › fig-hd-powder › value: 1500 does not match the stated words 'more than 15,000 pounds', which say 15000`,
    ]);
  });

  it("a missing scale word", () => {
    expect(
      problemsAfter("figures/bay-wire.yaml", (figures) => void delete byId(figures, "fig-bw-pills-sold").scale),
    ).toEqual([
      "figures/bay-wire.yaml › fig-bw-pills-sold › scale: should be million: the stated words 'millions of fake pills' carry that scale word",
    ]);
  });

  it("stated words without a number: only VAGUE, with no value and a note", () => {
    const edited = (edit: (figure: Record<string, unknown>) => void) =>
      problemsAfter("figures/bay-wire.yaml", (figures) => edit(byId(figures, "fig-bw-pills-sold")));
    const FIGURE = "figures/bay-wire.yaml › fig-bw-pills-sold";
    expect(edited((figure) => Object.assign(figure, { value: 2, qualifier: "AT_LEAST" }))).toEqual([
      `${FIGURE} › qualifier: should be VAGUE: the stated words 'millions of fake pills' give no number, so none may be recorded (drop value, say the reading in note), or make the words an exclusion`,
    ]);
    expect(edited((figure) => Object.assign(figure, { value: 2 }))).toEqual([
      `${FIGURE} › value: must be absent when qualifier is VAGUE: the words state no number, so none is recorded`,
    ]);
    expect(edited((figure) => void delete figure.note)).toEqual([
      `${FIGURE} › note: required when qualifier is VAGUE: say how the words are read (e.g. 'millions: an order of magnitude')`,
    ]);
    expect(
      edited((figure) =>
        Object.assign(figure, {
          stated: "fake pills were sold",
          evidence: { document: "bay-wire", start: 103, text: "millions of fake pills were sold online" },
        }),
      ),
    ).toEqual([]);
  });

  it("VAGUE for words that do state a number", () => {
    expect(
      problemsAfter(HARBOR, (figures) => {
        const figure = byId(figures, "fig-hd-powder");
        Object.assign(figure, { qualifier: "VAGUE", note: "read as vague" });
        delete figure.value;
      }),
    ).toEqual([
      `${HARBOR} › fig-hd-powder › qualifier: VAGUE is for words without a number, but the stated words 'more than 15,000 pounds' say 15000`,
    ]);
  });

  it("an age that disagrees with ageStated", () => {
    expect(
      problemsAfter("cases.yaml", (cases) => {
        cases[0]!.defendants[0]!.age = 18;
      }),
    ).toEqual(["cases.yaml › case-reyes › defendants[0].age: 18 does not match ageStated '19', which says 19"]);
  });

  it("a claim with only one figure", () => {
    expect(
      problemsAfter("figures/bay-wire.yaml", (figures) => void delete byId(figures, "fig-bw-powder").claim),
    ).toEqual([
      "claims.yaml › claim-cda-powder-2031: groups only 1 figure (fig-hd-powder); a claim needs at least two (set claim: claim-cda-powder-2031 on the figures it groups)",
    ]);
  });

  it("an inferred period without a basis", () => {
    expect(problemsAfter(HARBOR, (figures) => void delete byId(figures, "fig-hd-powder").period.basis)).toEqual([
      `${HARBOR} › fig-hd-powder › period.basis: required when inferred is true: say how the period was worked out`,
    ]);
  });

  it("a bad partial date", () => {
    expect(
      problemsAfter(HARBOR, (figures) => {
        byId(figures, "fig-hd-powder").period.start = "2031-13";
      }),
    ).toEqual([
      `${HARBOR} › fig-hd-powder › period.start: expected "YYYY", "YYYY-MM" or "YYYY-MM-DD" naming a real date; got "2031-13"`,
    ]);
  });

  it("a period that ends before it starts", () => {
    expect(
      problemsAfter(HARBOR, (figures) => {
        byId(figures, "fig-hd-arrests").period.end = "2030";
      }),
    ).toEqual([`${HARBOR} › fig-hd-arrests › period.end: ends (2030) before it starts (2031-03-03)`]);
  });

  it("a loop in a parent chain", () => {
    expect(
      problemsAfter("places.yaml", (places) => {
        byId(places, "place-coastland").parent = "place-harbor-city";
      }),
    ).toEqual([
      "places.yaml › place-coastland › parent: parent chain loops: place-coastland → place-harbor-city → place-coastland",
    ]);
  });

  it("a YAML syntax error, with its line", () => {
    const seedDir = copyFixtureSeed();
    writeFileSync(join(seedDir, "claims.yaml"), "- id: claim-x\n  title: [unclosed\n");
    expect(problemLines(seedDir).filter((line) => line.startsWith("claims.yaml"))).toEqual([
      expect.stringMatching(/^claims\.yaml › line \d+: /),
    ]);
  });

  it("an unexpected file", () => {
    const seedDir = copyFixtureSeed();
    mkdirSync(join(seedDir, "figure"));
    writeFileSync(join(seedDir, "figure", "extra.yaml"), "[]\n");
    expect(problemLines(seedDir)).toEqual([
      "figure/extra.yaml › (file): unexpected file; seed/data holds only the files listed in seed/README.md",
    ]);
  });

  it("reports every problem at once, in a SeedValidationError", () => {
    const seedDir = copyFixtureSeed();
    editYaml(seedDir, HARBOR, (figures) => {
      byId(figures, "fig-hd-arrests").unit = "pound";
    });
    editYaml(seedDir, "people.yaml", (people) => {
      byId(people, "person-ada-quill").organisation = "org-nowhere";
    });
    editYaml(seedDir, "claims.yaml", (claims) => {
      claims[0]!.status = "DISAGREES";
    });
    const error = seedErrorOf(seedDir);
    const { message, problems } = error;
    expect(problems).toHaveLength(3);
    const lines = message.replaceAll(`${seedDir}/`, "").split("\n");
    expect(lines[0]).toBe("the seed data has 3 problems:");
    expect(lines.slice(1)).toEqual(
      expect.arrayContaining([
        `${HARBOR} › fig-hd-arrests › unit: unit 'pound' converts to kilogram, but metric 'arrests' is measured in person`,
        "people.yaml › person-ada-quill › organisation: unknown organisation 'org-nowhere'",
        `claims.yaml › claim-cda-powder-2031 › status: expected one of AGREES, SCOPE_DIFFERS, CONTRADICTS; got "DISAGREES"`,
      ]),
    );
  });
});

describe("rejecting hostile or broken input", () => {
  /** The problems of a seed copy whose `file` has been replaced by these raw bytes, for that file only. */
  function problemsOfRawFile(file: string, contents: string | Buffer): string[] {
    const seedDir = copyFixtureSeed();
    writeFileSync(join(seedDir, file), contents);
    return problemLines(seedDir).filter((line) => line.startsWith(`${file} `));
  }

  it("bytes that are not UTF-8, instead of replacing them with U+FFFD", () => {
    const seedDir = copyFixtureSeed();
    const original = readFileSync(join(seedDir, "claims.yaml"));
    const at = original.indexOf("title: ") + "title: ".length;
    const line = original.subarray(0, at).toString("utf8").split("\n").length;
    const broken = Buffer.concat([original.subarray(0, at), Buffer.from([0xff, 0xfe]), original.subarray(at)]);
    expect(problemsOfRawFile("claims.yaml", broken)).toEqual([
      `claims.yaml › line ${line}: not valid UTF-8 (byte 0xFF at column ${"  title: ".length + 1}): save the file as UTF-8`,
    ]);
  });

  it("an overlong or truncated UTF-8 sequence, with its line and column", () => {
    expect(problemsOfRawFile("claims.yaml", Buffer.from("- id: claim-x\n  title: caf\xc3\n", "latin1"))).toEqual([
      "claims.yaml › line 2: not valid UTF-8 (byte 0xC3 at column 13): save the file as UTF-8",
    ]);
    expect(problemsOfRawFile("claims.yaml", Buffer.from("- id: \xc0\xaf\n", "latin1"))).toEqual([
      "claims.yaml › line 1: not valid UTF-8 (byte 0xC0 at column 7): save the file as UTF-8",
    ]);
  });

  it.each([
    ["\u0000", "U+0000 (NUL)"],
    ["\u0007", "U+0007 (BEL)"],
    ["\u001b", "U+001B (ESC)"],
    ["\r", "U+000D (CR)"],
    ["\u007f", "U+007F (DEL)"],
    ["\u0085", "U+0085 (a C1 control)"],
  ])("a control character %j in any string", (character, named) => {
    expect(
      problemsAfter(HARBOR, (figures) => {
        byId(figures, "fig-hd-powder").label = `Powder${character} seized`;
      }),
    ).toEqual([
      `${HARBOR} › fig-hd-powder › label: contains ${named} at character 7: control characters are not allowed in the seed data; remove it`,
    ]);
  });

  it("keeps tabs and line breaks, which are ordinary text", () => {
    expect(
      problemsAfter(HARBOR, (figures) => {
        byId(figures, "fig-hd-powder").note = "A note\twith a tab\nand a second line.";
      }),
    ).toEqual([]);
  });

  it.each([
    ["\u202a", "LEFT-TO-RIGHT EMBEDDING"],
    ["\u202b", "RIGHT-TO-LEFT EMBEDDING"],
    ["\u202c", "POP DIRECTIONAL FORMATTING"],
    ["\u202d", "LEFT-TO-RIGHT OVERRIDE"],
    ["\u202e", "RIGHT-TO-LEFT OVERRIDE"],
    ["\u2066", "LEFT-TO-RIGHT ISOLATE"],
    ["\u2067", "RIGHT-TO-LEFT ISOLATE"],
    ["\u2068", "FIRST STRONG ISOLATE"],
    ["\u2069", "POP DIRECTIONAL ISOLATE"],
    ["\u200e", "LEFT-TO-RIGHT MARK"],
    ["\u200f", "RIGHT-TO-LEFT MARK"],
    ["\u061c", "ARABIC LETTER MARK"],
  ])("a bidirectional control %j, in a nested field", (character, name) => {
    const code = `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
    expect(
      problemsAfter(HARBOR, (figures) => {
        byId(figures, "fig-hd-powder").period.basis = `From ${character}the headline`;
      }),
    ).toEqual([
      `${HARBOR} › fig-hd-powder › period.basis: contains ${code} (${name}) at character 6: bidirectional controls make text display in another order than it is stored; remove it`,
    ]);
  });

  it("counts every unsafe character of a string, and checks lists, field names and the dataset file", () => {
    expect(
      problemsAfter("claims.yaml", (claims) => {
        claims[0]!.title = "\u202egnirts\u202c \u202edesrever\u202c";
      }),
    ).toEqual([
      "claims.yaml › claim-cda-powder-2031 › title: contains U+202E (RIGHT-TO-LEFT OVERRIDE) at character 1 (and 3 more such characters): bidirectional controls make text display in another order than it is stored; remove it",
    ]);
    expect(
      problemsAfter("organisations.yaml", (organisations) => {
        organisations[0]!.aliases = ["Fine", "Not\u0000fine"];
      }),
    ).toEqual([
      expect.stringMatching(/^organisations\.yaml › [\w-]+ › aliases\[1\]: contains U\+0000 \(NUL\) at character 4: /),
    ]);
    expect(
      problemsAfter("claims.yaml", (claims) => {
        claims[0]!["ti\u0007tle"] = "x";
      }),
    ).toEqual(
      expect.arrayContaining([
        "claims.yaml › claim-cda-powder-2031 › ti\u0007tle: the field name contains U+0007 (BEL) at character 3: control characters are not allowed in the seed data; remove it",
      ]),
    );
    expect(
      problemsAfter("dataset.yaml", (dataset) => {
        dataset.description += "\u2066";
      }),
    ).toEqual([
      expect.stringMatching(
        /^dataset\.yaml › dataset › description: contains U\+2066 \(LEFT-TO-RIGHT ISOLATE\) at character \d+: /,
      ),
    ]);
  });

  it("an unpaired surrogate, which UTF-8 cannot store", () => {
    expect(
      problemsAfter(HARBOR, (figures) => {
        byId(figures, "fig-hd-powder").label = "Powder \ud800";
      }),
    ).toEqual([
      `${HARBOR} › fig-hd-powder › label: contains U+D800 (an unpaired surrogate) at character 8: UTF-8 cannot store an unpaired surrogate; remove it`,
    ]);
  });

  it("the year 0000 in a date, quoted or not", () => {
    expect(
      problemsAfter(HARBOR, (figures) => {
        byId(figures, "fig-hd-powder").period.start = "0000-02-29";
      }),
    ).toEqual([
      `${HARBOR} › fig-hd-powder › period.start: year 0000 is not a calendar year (1 BC is followed by AD 1); got "0000-02-29"`,
    ]);
    expect(
      problemsAfter("documents.yaml", (documents) => {
        documents[0]!.published.start = "0000";
      }),
    ).toEqual([
      expect.stringMatching(
        /^documents\.yaml › [\w-]+ › published\.start: year 0000 is not a calendar year \(1 BC is followed by AD 1\); got "0000"$/,
      ),
    ]);
    const seedDir = copyFixtureSeed();
    const file = join(seedDir, HARBOR);
    writeFileSync(file, readFileSync(file, "utf8").replace(/start: "?2031"?/, "start: 0000"));
    expect(problemLines(seedDir)).toEqual([
      expect.stringMatching(
        /^figures\/harbor-daily\.yaml › [\w-]+ › period\.start: year 0000 is not a calendar year \(1 BC is followed by AD 1\); got "0"$/,
      ),
    ]);
  });

  it("a YAML alias bomb (billion laughs), named by its file instead of a stack trace", () => {
    const levels = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    const bomb = [
      "- id: claim-bomb",
      `  title: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]`,
      ...levels
        .slice(1)
        .map((level, index) => `  ${level}: &${level} [${Array(9).fill(`*${levels[index]}`).join(", ")}]`),
    ].join("\n");
    const seedDir = copyFixtureSeed();
    writeFileSync(join(seedDir, "claims.yaml"), `${bomb}\n`);
    seedErrorOf(seedDir);
    expect(problemLines(seedDir).filter((line) => line.startsWith("claims.yaml"))).toEqual([
      `claims.yaml › (file): its YAML aliases expand too far (past the yaml library's maxAliasCount of 100, its guard against "billion laughs" expansion): write the values out instead of aliasing them`,
    ]);
  });
});
