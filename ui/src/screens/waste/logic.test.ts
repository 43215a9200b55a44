import { describe, expect, it } from "vitest";
import { firstOfMonthBe, kgText, monthBars, todayBe } from "./logic";

describe("todayBe", () => {
  it("writes the day, month and Buddhist-era year", () => {
    expect(todayBe(new Date(2025, 0, 15))).toBe("15/01/2568");
  });
});

describe("firstOfMonthBe", () => {
  it("writes the first day of the date's month", () => {
    expect(firstOfMonthBe(new Date(2025, 2, 27))).toBe("01/03/2568");
  });

  it("keeps the year at the turn of the Buddhist-era year", () => {
    expect(firstOfMonthBe(new Date(2024, 11, 31))).toBe("01/12/2567");
  });
});

describe("kgText", () => {
  it("rounds grams to one decimal of a kilogram", () => {
    expect(kgText(4550)).toBe("4.6");
  });

  it("keeps the decimal of whole kilograms", () => {
    expect(kgText(12000)).toBe("12.0");
  });
});

describe("monthBars", () => {
  const chart = {
    year_be: 2568,
    total_grams: 6000,
    cells: [
      { year: 2025, month: 3, material: "PP", grams: 1000 },
      { year: 2025, month: 3, material: "PET_CLEAR", grams: 3000 },
      { year: 2025, month: 5, material: "PP", grams: 2000 },
    ],
  };
  const bars = monthBars(chart, ["PET_CLEAR", "PP"]);

  it("gives twelve months", () => {
    expect(bars.length).toBe(12);
  });

  it("scales the heaviest month to the full height", () => {
    const march = bars[2]?.segments.reduce((sum, s) => sum + s.height, 0);
    expect(march).toBeCloseTo(1);
  });

  it("stacks materials in catalogue order", () => {
    expect(bars[2]?.segments.map((s) => s.material)).toEqual(["PET_CLEAR", "PP"]);
  });

  it("starts the second segment on top of the first", () => {
    expect(bars[2]?.segments[1]?.bottom).toBeCloseTo(0.75);
  });

  it("leaves empty months empty", () => {
    expect(bars[0]?.grams).toBe(0);
  });
});
