import { describe, expect, it } from "vitest";
import { isPartialDate, resolvePeriod } from "../periods.js";

describe("partial dates and periods", () => {
  it.each(["2021", "2021-12", "2021-12-31", "2024-02-29"])("accepts %s", (date) =>
    expect(isPartialDate(date)).toBe(true),
  );
  it.each([
    "21",
    "2021-13",
    "2021-00",
    "2023-02-29",
    "2021-12-32",
    "2021/12",
    "December 2021",
    "0000",
    "0000-01",
    "0000-01-01",
    "1900-02-29",
  ])("rejects %s", (date) => expect(isPartialDate(date)).toBe(false));

  it("expands a month to its first and last day", () => {
    expect(resolvePeriod({ start: "2021-12", end: "2021-12", inferred: false })).toEqual({
      start: "2021-12-01",
      end: "2021-12-31",
      precision: "MONTH",
      inferred: false,
      basis: null,
    });
  });

  it("takes the coarser precision of start and end", () => {
    expect(resolvePeriod({ start: "2021-09-29", end: "2022", inferred: true, basis: "b" })).toMatchObject({
      start: "2021-09-29",
      end: "2022-12-31",
      precision: "YEAR",
      inferred: true,
      basis: "b",
    });
  });

  it("knows leap years", () => {
    expect(resolvePeriod({ start: "2024-02", end: "2024-02", inferred: false }).end).toBe("2024-02-29");
    // Years below 100 too, which JavaScript's Date.UTC would read as 1900 and later.
    expect(resolvePeriod({ start: "0096-02", end: "0096-02", inferred: false }).end).toBe("0096-02-29");
  });

  it("leaves an absent period unknown", () => {
    expect(resolvePeriod(undefined)).toEqual({
      start: null,
      end: null,
      precision: "UNKNOWN",
      inferred: false,
      basis: null,
    });
  });
});
