import { describe, expect, it } from "vitest";
import { basisPoints, beText } from "./dates";

describe("beText", () => {
  it("writes the day, month and Buddhist-era year", () => {
    expect(beText(new Date(2025, 0, 15))).toBe("15/01/2568");
  });
});

describe("basisPoints", () => {
  it("shows hundredths of a percent with two decimals", () => {
    expect(basisPoints(566)).toBe("5.66");
  });
});
