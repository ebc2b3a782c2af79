/**
 * Every overlap between figures of one metric is classified (issue 12): each pair whose periods
 * and places overlap (overlaps.ts) is grouped by a claim or related in relations.yaml, the loader
 * rejects relations that cannot be right, and countsTowardTotals follows from the classification.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { openDatabase } from "../database.js";
import { analyseSeed, loadSeed, type SeedRows } from "../load.js";
import { overlappingPairs, pairKey, parentsOf, placeChain, scopesOverlap } from "../overlaps.js";
import { formatProblem } from "../problems.js";
import {
  byId,
  copyFixtureSeed,
  curatedDatabase,
  curatedSeedDir,
  editYaml,
  problemLines,
  removeTemporaryDirs,
  type SeedFileContents,
} from "./support.js";

afterAll(removeTemporaryDirs);

/** Every overlapping same-metric pair that neither a claim nor a relation classifies, as a message. */
function unclassifiedPairs(rows: SeedRows): string[] {
  const classified = new Set(rows.figureRelations.map((relation) => pairKey(relation.figureId, relation.otherId)));
  return overlappingPairs(rows.figures, rows.places)
    .filter(([a, b]) => !(a.claimId !== null && a.claimId === b.claimId))
    .filter(([a, b]) => !classified.has(pairKey(a.id, b.id)))
    .map(
      ([a, b]) =>
        `${a.id} × ${b.id} (metric ${a.metricKey}): unclassified — add a relation to seed/data/relations.yaml`,
    );
}

/**
 * Why each figure must not be added into a total, worked out from the rows alone (the loader
 * writes the words; this only checks that it stopped exactly the figures it had to).
 */
function figuresThatMustNotCount(rows: SeedRows, primaries: Map<string, string>): Map<string, string[]> {
  const additive = new Map(rows.metrics.map((metric) => [metric.key, metric.additive]));
  const why = new Map<string, string[]>();
  const add = (id: string, reason: string) => why.set(id, [...(why.get(id) ?? []), reason]);
  for (const figure of rows.figures) {
    if (figure.qualifier === "VAGUE") add(figure.id, "VAGUE");
    if (additive.get(figure.metricKey) === false) add(figure.id, "non-additive metric");
    const primary = figure.claimId === null ? undefined : primaries.get(figure.claimId);
    if (primary !== undefined && primary !== figure.id) add(figure.id, `not the primary figure of ${figure.claimId}`);
  }
  for (const relation of rows.figureRelations) {
    if (relation.kind === "NON_EXCLUSIVE") {
      add(relation.figureId, "NON_EXCLUSIVE");
      add(relation.otherId, "NON_EXCLUSIVE");
    } else if (relation.kind !== "SCOPE_DIFFERS" && relation.kind !== "DISTINCT") {
      add(relation.figureId, `${relation.kind} ${relation.otherId}`);
    }
  }
  return why;
}

/** The `primary` of every claim of a seed directory, read from its claims.yaml. */
function primariesOf(seedDir: string): Map<string, string> {
  const claims = (parse(readFileSync(join(seedDir, "claims.yaml"), "utf8")) ?? []) as {
    id: string;
    primary?: string;
  }[];
  return new Map(claims.flatMap((claim) => (claim.primary === undefined ? [] : [[claim.id, claim.primary] as const])));
}

describe("the curated seed data", () => {
  const analysis = analyseSeed(curatedSeedDir);
  const requireValid = () => {
    if (analysis.problems.length > 0) {
      throw new Error(
        `the curated seed has ${analysis.problems.length} problems; fix those first:\n${analysis.problems.map(formatProblem).join("\n")}`,
      );
    }
  };

  it("classifies every pair of figures of one metric whose periods and places overlap", () => {
    requireValid();
    const pairs = overlappingPairs(analysis.rows.figures, analysis.rows.places);
    const byKind = new Map<string, number>();
    for (const { kind } of analysis.rows.figureRelations) byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    const kinds = [...byKind].map(([kind, count]) => `${kind} ${count}`).join(", ");
    console.log(`${pairs.length} overlapping same-metric pairs; relations: ${kinds}`);
    expect(unclassifiedPairs(analysis.rows)).toEqual([]);
  });

  it("groups in each claim only figures of one metric whose scopes overlap", () => {
    requireValid();
    const parentsOfPlaces = analysis.rows.places;
    const misgrouped: string[] = [];
    for (const claim of analysis.rows.claims) {
      const figures = analysis.rows.figures.filter((figure) => figure.claimId === claim.id);
      const overlapping = new Set(overlappingPairs(figures, parentsOfPlaces).map(([a, b]) => pairKey(a.id, b.id)));
      figures.forEach((a, i) => {
        for (const b of figures.slice(i + 1)) {
          if (!overlapping.has(pairKey(a.id, b.id))) {
            misgrouped.push(
              `${claim.id}: ${a.id} (${a.metricKey}) and ${b.id} (${b.metricKey}) do not overlap in metric, period and place, so they cannot state the same measure`,
            );
          }
        }
      });
    }
    expect(misgrouped).toEqual([]);
  });

  it("counts toward totals exactly the figures that no claim or relation stops, and says why for the others", () => {
    requireValid();
    const why = figuresThatMustNotCount(analysis.rows, primariesOf(curatedSeedDir));
    const wrong = analysis.rows.figures.flatMap((figure) => {
      const reasons = why.get(figure.id);
      if (
        figure.countsTowardTotals === (reasons === undefined) &&
        (figure.totalsNote === null) === (reasons === undefined)
      )
        return [];
      return [
        `${figure.id}: countsTowardTotals ${figure.countsTowardTotals}, note ${JSON.stringify(figure.totalsNote)}, expected reasons ${JSON.stringify(reasons ?? [])}`,
      ];
    });
    expect(wrong).toEqual([]);
    const stopped = analysis.rows.figures.filter((figure) => !figure.countsTowardTotals);
    console.log(`${stopped.length} of ${analysis.rows.figures.length} figures do not count toward totals`);
  });

  it("never lets two counting figures of an additive metric count the same thing twice", () => {
    requireValid();
    const counting = new Map(analysis.rows.figures.filter((f) => f.countsTowardTotals).map((f) => [f.id, f]));
    const twice: string[] = [];
    for (const relation of analysis.rows.figureRelations) {
      if (relation.kind === "SCOPE_DIFFERS" || relation.kind === "DISTINCT") continue;
      if (counting.has(relation.figureId) && counting.has(relation.otherId)) {
        twice.push(`${relation.figureId} ${relation.kind} ${relation.otherId}: both count`);
      }
    }
    for (const claim of analysis.rows.claims) {
      const members = [...counting.values()].filter((figure) => figure.claimId === claim.id);
      if (members.length > 1) twice.push(`${claim.id}: ${members.map((figure) => figure.id).join(", ")} all count`);
    }
    expect(twice).toEqual([]);
  });

  it("relates by PART_OF only a figure whose period and place lie inside the other's (where both are known)", () => {
    requireValid();
    const figures = new Map(analysis.rows.figures.map((figure) => [figure.id, figure]));
    const parents = parentsOf(analysis.rows.places);
    const outside: string[] = [];
    for (const relation of analysis.rows.figureRelations) {
      const [part, whole] = [figures.get(relation.figureId), figures.get(relation.otherId)];
      if (!part || !whole) continue;
      const reading = `${part.id} PART_OF ${whole.id}`;
      if (relation.kind !== "SCOPE_DIFFERS" && relation.kind !== "DISTINCT" && !scopesOverlap(part, whole, parents)) {
        outside.push(`${part.id} ${relation.kind} ${whole.id}: their scopes do not overlap`);
      }
      if (relation.kind !== "PART_OF") continue;
      const [ps, pe, ws, we] = [part.periodStart, part.periodEnd, whole.periodStart, whole.periodEnd];
      if (ps !== null && pe !== null && ws !== null && we !== null && (ps < ws || pe > we)) {
        outside.push(`${reading}: ${ps}–${pe} is not inside ${ws}–${we}`);
      }
      if (
        part.placeId !== null &&
        whole.placeId !== null &&
        !placeChain(part.placeId, parents).includes(whole.placeId)
      ) {
        outside.push(`${reading}: ${part.placeId} is not inside ${whole.placeId}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it("stores the relations and the totals settlement in the built database", async (context) => {
    const database = curatedDatabase();
    if ("reason" in database) {
      const reason = `the curated database was not built: ${database.reason.split("\n")[0]}`;
      console.log(`skipped: ${reason}`);
      return context.skip(reason);
    }
    const client = openDatabase(database.path, { readonly: true });
    try {
      const relations = await client.figureRelation.findMany({ orderBy: { id: "asc" } });
      expect(relations).toEqual([...analysis.rows.figureRelations].sort((a, b) => a.id.localeCompare(b.id)));
      const figures = await client.figure.findMany({
        select: { id: true, countsTowardTotals: true, totalsNote: true },
      });
      const expected = analysis.rows.figures.map(({ id, countsTowardTotals, totalsNote }) => ({
        id,
        countsTowardTotals,
        totalsNote,
      }));
      expect(figures.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
        expected.sort((a, b) => a.id.localeCompare(b.id)),
      );
    } finally {
      await client.$disconnect();
    }
  });
});

type Relation = NonNullable<SeedFileContents<"relations.yaml">[number]>;

/**
 * A copy of the fixture seed in which the two powder figures (12,000 pounds, no place, and more
 * than 15,000 pounds in Coastland, both of 2031) are no longer grouped by their claim, with
 * `relations` written to relations.yaml.
 */
function fixtureWithRelations(relations: Relation[], options: { keepClaim?: boolean } = {}): string {
  const seedDir = copyFixtureSeed();
  if (!options.keepClaim) {
    editYaml(seedDir, "claims.yaml", (claims) => void claims.splice(0));
    editYaml(seedDir, "figures/bay-wire.yaml", (figures) => void delete byId(figures, "fig-bw-powder").claim);
    editYaml(seedDir, "figures/harbor-daily.yaml", (figures) => void delete byId(figures, "fig-hd-powder").claim);
  }
  // The fixture seed has no relations.yaml (the file is optional).
  writeFileSync(join(seedDir, "relations.yaml"), stringify(relations));
  return seedDir;
}

const PART_OF: Relation = {
  figure: "fig-bw-powder",
  kind: "PART_OF",
  other: "fig-hd-powder",
  explanation: "Read as part of the year's total.",
};

describe("relations in the loader", () => {
  it("builds a FigureRelation row for a relation, and the figure inside another stops counting", () => {
    const dataset = loadSeed(fixtureWithRelations([PART_OF]));
    expect(dataset.rows.figureRelations).toEqual([
      {
        id: "rel-fig-bw-powder-fig-hd-powder",
        kind: "PART_OF",
        figureId: "fig-bw-powder",
        otherId: "fig-hd-powder",
        explanation: "Read as part of the year's total.",
      },
    ]);
    const figure = (id: string) => dataset.rows.figures.find((row) => row.id === id);
    expect(figure("fig-bw-powder")).toMatchObject({
      countsTowardTotals: false,
      totalsNote: "Part of fig-hd-powder: Read as part of the year's total.",
    });
    expect(figure("fig-hd-powder")).toMatchObject({ countsTowardTotals: true, totalsNote: null });
    expect(unclassifiedPairs(dataset.rows)).toEqual([]);
  });

  it("lists an overlapping pair that nothing classifies (a figure without a place overlaps every place)", () => {
    const dataset = loadSeed(fixtureWithRelations([]));
    expect(unclassifiedPairs(dataset.rows)).toEqual([
      "fig-bw-powder × fig-hd-powder (metric drug_seized_mass): unclassified — add a relation to seed/data/relations.yaml",
    ]);
  });

  it("does not ask to classify figures whose periods do not overlap", () => {
    const seedDir = fixtureWithRelations([]);
    editYaml(seedDir, "figures/bay-wire.yaml", (figures) => {
      byId(figures, "fig-bw-powder").period = { start: "2030", end: "2030" };
    });
    const analysis = analyseSeed(seedDir);
    expect(analysis.problems).toEqual([]);
    expect(unclassifiedPairs(analysis.rows)).toEqual([]);
  });

  it("rejects a relation between figures of different metrics", () => {
    const seedDir = fixtureWithRelations([{ ...PART_OF, other: "fig-hd-arrests" }]);
    expect(problemLines(seedDir)).toEqual([
      "relations.yaml › #1 › other: 'fig-hd-arrests' measures arrests but 'fig-bw-powder' measures drug_seized_mass; relations join figures of one metric",
    ]);
  });

  it("rejects a figure related to itself", () => {
    expect(problemLines(fixtureWithRelations([{ ...PART_OF, other: "fig-bw-powder" }]))).toEqual([
      "relations.yaml › #1 › other: is the figure itself (fig-bw-powder PART_OF fig-bw-powder); a relation joins two different figures",
    ]);
  });

  it("rejects a pair related twice, in the same or the reverse direction", () => {
    const reversed: Relation = { ...PART_OF, figure: "fig-hd-powder", other: "fig-bw-powder", kind: "SCOPE_DIFFERS" };
    expect(problemLines(fixtureWithRelations([PART_OF, { ...PART_OF }, reversed]))).toEqual([
      "relations.yaml › #2: fig-bw-powder PART_OF fig-hd-powder relates a pair already related by #1 (fig-bw-powder PART_OF fig-hd-powder); a pair has one relation, in one direction",
      "relations.yaml › #3: fig-hd-powder SCOPE_DIFFERS fig-bw-powder relates a pair already related by #1 (fig-bw-powder PART_OF fig-hd-powder); a pair has one relation, in one direction",
    ]);
  });

  it("rejects a relation for a pair that a claim already classifies", () => {
    expect(problemLines(fixtureWithRelations([PART_OF], { keepClaim: true }))).toEqual([
      "relations.yaml › #1: fig-bw-powder PART_OF fig-hd-powder: both figures are in claim claim-cda-powder-2031, which already classifies the pair; drop the relation or take one figure out of the claim",
    ]);
  });

  it("rejects unknown figures and kinds", () => {
    const seedDir = fixtureWithRelations([
      { ...PART_OF, other: "fig-hd-powdr" },
      { ...PART_OF, figure: "fig-hd-lethal-share", kind: "OVERLAPS" },
    ]);
    expect(problemLines(seedDir)).toEqual([
      'relations.yaml › #2 › kind: expected one of AGREES, SCOPE_DIFFERS, PART_OF, NON_EXCLUSIVE, CONTRADICTS, DISTINCT; got "OVERLAPS"',
      "relations.yaml › #1 › other: unknown figure 'fig-hd-powdr' (did you mean 'fig-hd-powder'?)",
    ]);
  });

  it("requires a claim that agrees or contradicts to name its primary figure, one of its own", () => {
    const problemsAfter = (edit: (claims: SeedFileContents<"claims.yaml">) => void) => {
      const seedDir = copyFixtureSeed();
      editYaml(seedDir, "claims.yaml", edit);
      return problemLines(seedDir);
    };
    expect(problemsAfter((claims) => void delete claims[0]!.primary)).toEqual([
      "claims.yaml › claim-cda-powder-2031 › primary: required when status is CONTRADICTS: name the one figure of the group that may count toward totals",
    ]);
    expect(
      problemsAfter((claims) => {
        claims[0]!.primary = "fig-hd-arrests";
      }),
    ).toEqual([
      "claims.yaml › claim-cda-powder-2031 › primary: 'fig-hd-arrests' is not one of the claim's figures (fig-bw-powder, fig-hd-powder); name the one that may count toward totals",
    ]);
    expect(
      problemsAfter((claims) => {
        claims[0]!.status = "SCOPE_DIFFERS";
      }),
    ).toEqual([
      "claims.yaml › claim-cda-powder-2031 › primary: only for AGREES and CONTRADICTS claims: figures of different scopes each count on their own",
    ]);
  });
});

describe("countsTowardTotals", () => {
  const figureOf = (rows: SeedRows, id: string) => rows.figures.find((figure) => figure.id === id);

  it("stops VAGUE figures, non-additive metrics and the non-primary figure of a claim, and keeps the rest", () => {
    const { rows } = loadSeed(copyFixtureSeed());
    expect(figureOf(rows, "fig-bw-pills-sold")).toMatchObject({
      countsTowardTotals: false,
      totalsNote: "VAGUE: the words state no number (see the note), so there is nothing to add.",
    });
    expect(figureOf(rows, "fig-hd-lethal-share")).toMatchObject({
      countsTowardTotals: false,
      totalsNote:
        "Its metric (Share of pills with a lethal dose) is not additive: its figures are shares, rates, single measurements or counts that overlap, and are never summed.",
    });
    expect(figureOf(rows, "fig-bw-powder")).toMatchObject({
      countsTowardTotals: false,
      totalsNote:
        "Contradicts fig-hd-powder (claim claim-cda-powder-2031: the same measure with an incompatible value); only fig-hd-powder counts, so the measure is not added twice.",
    });
    expect(figureOf(rows, "fig-hd-powder")).toMatchObject({ countsTowardTotals: true, totalsNote: null });
    expect(figureOf(rows, "fig-hd-arrests")).toMatchObject({ countsTowardTotals: true, totalsNote: null });
  });

  it("says a restatement restates the primary figure when the claim agrees", () => {
    const seedDir = copyFixtureSeed();
    editYaml(seedDir, "claims.yaml", (claims) => {
      claims[0]!.status = "AGREES";
      claims[0]!.primary = "fig-bw-powder";
    });
    const { rows } = loadSeed(seedDir);
    expect(figureOf(rows, "fig-hd-powder")?.totalsNote).toBe(
      "Restates fig-bw-powder (claim claim-cda-powder-2031: the same measure stated again); only fig-bw-powder counts.",
    );
    expect(figureOf(rows, "fig-bw-powder")?.countsTowardTotals).toBe(true);
  });

  it("says when the figure standing for a claim does not count either", () => {
    const seedDir = copyFixtureSeed();
    // Sums of the powder metric made meaningless: the claim's primary no longer counts.
    editYaml(seedDir, "metrics.yaml", (metrics) => {
      const metric = metrics.find((entry) => entry.key === "drug_seized_mass");
      if (!metric) throw new Error("no metric drug_seized_mass");
      metric.additive = false;
    });
    const { rows } = loadSeed(seedDir);
    expect(figureOf(rows, "fig-hd-powder")?.countsTowardTotals).toBe(false);
    expect(figureOf(rows, "fig-bw-powder")?.totalsNote).toBe(
      "Its metric (Drug seized (mass)) is not additive: its figures are shares, rates, single measurements or counts that overlap, and are never summed. Contradicts fig-hd-powder (claim claim-cda-powder-2031: the same measure with an incompatible value); fig-hd-powder stands for the claim, and does not count either (see its note).",
    );
  });

  it("lets the other figure of an AGREES relation count in the figure's place", () => {
    const { rows } = loadSeed(fixtureWithRelations([{ ...PART_OF, kind: "AGREES" }]));
    expect(figureOf(rows, "fig-bw-powder")).toMatchObject({
      countsTowardTotals: false,
      totalsNote: "Agrees with fig-hd-powder: Read as part of the year's total. fig-hd-powder counts in its place.",
    });
    expect(figureOf(rows, "fig-hd-powder")?.countsTowardTotals).toBe(true);
  });

  it("stops every non-exclusive tally, and keeps both figures of a pair whose scope differs", () => {
    const seedDir = fixtureWithRelations([]);
    // A second tally of arrests in the same operation, from the same span.
    editYaml(seedDir, "figures/harbor-daily.yaml", (figures) => {
      figures.push({ ...structuredClone(byId(figures, "fig-hd-arrests")), id: "fig-hd-arrests-again" });
    });
    editYaml(seedDir, "relations.yaml", (list) => {
      list.push(
        {
          figure: "fig-hd-arrests",
          kind: "NON_EXCLUSIVE",
          other: "fig-hd-arrests-again",
          explanation: "Two tallies that can count the same people.",
        },
        { ...PART_OF, kind: "SCOPE_DIFFERS" },
      );
    });
    const { rows } = loadSeed(seedDir);
    expect(figureOf(rows, "fig-hd-arrests")).toMatchObject({
      countsTowardTotals: false,
      totalsNote:
        "A non-exclusive tally: it and fig-hd-arrests-again can count the same items, so none of them is added into a total.",
    });
    expect(figureOf(rows, "fig-hd-arrests-again")?.countsTowardTotals).toBe(false);
    expect(figureOf(rows, "fig-bw-powder")?.countsTowardTotals).toBe(true);
    expect(figureOf(rows, "fig-hd-powder")?.countsTowardTotals).toBe(true);
  });
});
