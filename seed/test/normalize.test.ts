import { describe, expect, it } from "vitest";
import { normalize, parseStatedNumber } from "../normalize.js";

describe("parseStatedNumber", () => {
  it.each([
    ["more than 15,000 pounds", { value: 15000 }],
    ["20.4 million", { value: 20.4, scale: "million" }],
    ["$3 Million Worth", { value: 3, scale: "million" }],
    ["Over Eight Million Fake Prescription Pills", { value: 8, scale: "million" }],
    ["four out of ten", { value: 4, unit: "out_of_ten" }],
    ["4 out of 10", { value: 4, unit: "out_of_ten" }],
    ["50 to 100 times", { value: 50, valueHigh: 100 }],
    ["between 50 and 100", { value: 50, valueHigh: 100 }],
    ["5-10 pills", { value: 5, valueHigh: 10 }],
    ["two to three million", { value: 2, valueHigh: 3, scale: "million" }],
    ["three decades", { value: 3 }],
    ["millions", { scale: "million", qualifier: "VAGUE" }],
    ["dozens of people", { scale: "dozen", qualifier: "VAGUE" }],
    ["billions of dollars", { scale: "billion", qualifier: "VAGUE" }],
    ["a dozen dealers", { value: 1, scale: "dozen" }],
    ["a million-dollar operation", { value: 1, scale: "million" }],
    ["million-dollar", { value: 1, scale: "million" }],
    ["two each on YouTube", { value: 2 }],
    ["40 30s", { value: 40 }],
    ["Crosses 100,000-Mark", { value: 100000 }],
    ["7-Eleven", { value: 7 }],
    ["twenty-five", { value: 25 }],
    ["twenty five", { value: 25 }],
    ["Ninety", { value: 90 }],
    ["seventeen", { value: 17 }],
    ["around 64 percent", { value: 64 }],
    ["more than 80%", { value: 80 }],
    ["$130", { value: 130 }],
    ["about 1,650.5 people", { value: 1650.5 }],
    ["a 16-year-old", { value: 16 }],
    ["Two of three", { value: 2 }],
  ])("%s", (text, expected) => {
    expect(parseStatedNumber(text)).toEqual(expected);
  });

  it.each(["enough to kill every American", "someone", "a lethal dose", ""])("finds no number in %j", (text) => {
    expect(parseStatedNumber(text)).toBeUndefined();
  });
});

describe("normalize", () => {
  it("converts pounds to kilograms without floating-point noise", () => {
    expect(normalize(15000, undefined, 0.45359237)).toBe(6803.88555);
  });

  it("applies the scale word", () => {
    expect(normalize(20.4, "million", 1)).toBe(20400000);
    expect(normalize(2, "dozen", 1)).toBe(24);
    expect(normalize(1.5, "billion", 1)).toBe(1_500_000_000);
  });

  it("turns 'four out of ten' into 40 percent", () => {
    const stated = parseStatedNumber("four out of ten");
    expect(stated?.unit).toBe("out_of_ten");
    expect(normalize(stated?.value ?? NaN, stated?.scale, 10)).toBe(40);
  });

  it("normalises both ends of '50 to 100 times'", () => {
    const stated = parseStatedNumber("50 to 100 times");
    expect([stated?.value, stated?.valueHigh].map((value) => normalize(value ?? NaN, undefined, 1))).toEqual([50, 100]);
  });

  it("turns 'three decades' into 30 years", () => {
    expect(normalize(parseStatedNumber("three decades")?.value ?? NaN, undefined, 10)).toBe(30);
  });

  it("reads 'millions' and 'dozens of people' as VAGUE, with their scale and no number", () => {
    expect(parseStatedNumber("millions")).toEqual({ scale: "million", qualifier: "VAGUE" });
    expect(parseStatedNumber("dozens of people")).toEqual({ scale: "dozen", qualifier: "VAGUE" });
  });

  it("keeps milligrams exact", () => {
    expect(normalize(2, undefined, 0.000001)).toBe(0.000002);
  });
});
