import { describe, expect, it } from "vitest";
import {
  formatCount,
  formatDate,
  formatDateLong,
  formatDateNumeric,
  formatDateShort,
  formatMoney,
  formatNationalId,
  formatPpmAsPercent,
  parseBaht,
  parsePercentToPpm,
  parseYearBe,
} from "./format";

// The same cases as the core's formatters (src/thai/date.rs and
// src/money.rs), so that a table formatted here reads like a PDF or an
// export formatted there.

describe("dates in the Buddhist Era", () => {
  it.each([
    ["2024-12-31", "31 ธันวาคม 2567"],
    ["2025-01-01", "1 มกราคม 2568"],
    ["2000-02-29", "29 กุมภาพันธ์ 2543"],
  ])("long format of %s", (iso, expected) => {
    expect(formatDateLong(iso), `long date of ${iso}`).toBe(expected);
  });

  it.each([
    ["2024-12-31", "31 ธ.ค. 67"],
    ["2025-03-05", "5 มี.ค. 68"],
    ["2057-06-01", "1 มิ.ย. 00"],
  ])("short format of %s", (iso, expected) => {
    expect(formatDateShort(iso), `short date of ${iso}`).toBe(expected);
  });

  it.each([
    ["2024-12-31", "31/12/2567"],
    ["2025-03-05", "05/03/2568"],
  ])("numeric format of %s", (iso, expected) => {
    expect(formatDateNumeric(iso), `numeric date of ${iso}`).toBe(expected);
  });

  it("UI format keeps the full BE year in both languages", () => {
    expect(formatDate("2024-12-31", "th"), "Thai").toBe("31 ธ.ค. 2567");
    expect(formatDate("2024-12-31", "en"), "English").toBe("31 Dec 2567");
  });

  it("UI format shows nothing for a missing date", () => {
    expect(formatDate(null), "null date").toBe("");
    expect(formatDate(""), "empty date").toBe("");
  });

  it("leaves text that is no ISO date as it is", () => {
    expect(formatDateLong("not a date"), "garbage passes through").toBe("not a date");
  });
});

describe("money", () => {
  it.each([
    [0, "0.00"],
    [5, "0.05"],
    [100_000, "1,000.00"],
    [123_450, "1,234.50"],
    [12_345_678_901, "123,456,789.01"],
    [-123_450, "-1,234.50"],
    [-5, "-0.05"],
  ])("formats %d satang", (satang, expected) => {
    expect(formatMoney(satang), `money ${satang}`).toBe(expected);
  });

  it.each([
    ["1,234.50", 123_450],
    ["1234.5", 123_450],
    ["  12 ", 1_200],
    ["-12.05", -1_205],
    [".5", 50],
    ["฿1,000", 100_000],
    ["1,000 บาท", 100_000],
    ["๑๒.๕๐", 1_250],
  ])("parses %j as the core does", (text, expected) => {
    expect(parseBaht(text), `parsing ${text}`).toBe(expected);
  });

  it.each(["", "-", "abc", "1.234", "1.2.3", "12a", "."])("rejects %j", (text) => {
    expect(parseBaht(text), `${text} should be rejected`).toBeNull();
  });

  it("groups counts", () => {
    expect(formatCount(50_000), "fifty thousand").toBe("50,000");
    expect(formatCount(7), "seven").toBe("7");
  });
});

describe("rates", () => {
  it.each([
    ["5", 50_000],
    ["2.75", 27_500],
    ["0.0001", 1],
    ["๕", 50_000],
    ["3.25%", 32_500],
    ["4.5 %", 45_000],
    ["100", 1_000_000],
    ["5.", 50_000],
  ])("parses %j percent to ppm", (text, expected) => {
    expect(parsePercentToPpm(text), `rate ${text}`).toBe(expected);
  });

  it.each(["", "abc", "1.23456", "-1", "100.01", ".5"])("rejects rate %j", (text) => {
    expect(parsePercentToPpm(text), `rate ${text}`).toBeNull();
  });

  it("formats ppm back to percent", () => {
    expect(formatPpmAsPercent(50_000), "5 %").toBe("5");
    expect(formatPpmAsPercent(27_500), "2.75 %").toBe("2.75");
  });
});

describe("national IDs", () => {
  it("groups 13 digits as the card prints them", () => {
    expect(formatNationalId("1234567890121"), "grouped").toBe("1-2345-67890-12-1");
  });

  it("leaves anything else as it is", () => {
    expect(formatNationalId("123456789012"), "12 digits").toBe("123456789012");
  });
});

describe("fiscal years as typed", () => {
  it.each([
    ["2567", 2567],
    [" ๒๕๖๗ ", 2567],
  ])("reads %s", (text, year) => {
    expect(parseYearBe(text), `year of ${text}`).toEqual({ year });
  });

  it.each([
    ["2024", "year_not_buddhist_era"],
    ["67", "year_invalid"],
    ["25a7", "year_invalid"],
    ["", "year_invalid"],
    ["3567", "invalid_year"],
  ])("rejects %s", (text, error) => {
    expect(parseYearBe(text), `error for ${text}`).toEqual({ error });
  });
});
