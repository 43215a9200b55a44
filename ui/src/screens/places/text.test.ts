import { describe, expect, it } from "vitest";
import { blankToNull, formatKg } from "./text";

describe("form values", () => {
  it("turn blank text into null", () => {
    expect(blankToNull("  "), "spaces only").toBeNull();
    expect(blankToNull(" ซอย 3 "), "text kept as typed").toBe(" ซอย 3 ");
  });
});

describe("kilograms", () => {
  it("keep one decimal at least", () => {
    expect(formatKg(12000), "whole kilograms").toBe("12.0");
  });

  it("keep grams that count", () => {
    expect(formatKg(12500), "half").toBe("12.5");
    expect(formatKg(12345), "to the gram").toBe("12.345");
    expect(formatKg(12340), "trailing zero dropped").toBe("12.34");
  });

  it("group thousands", () => {
    expect(formatKg(1234567890), "grouped").toBe("1,234,567.89");
  });

  it("show nothing as zero", () => {
    expect(formatKg(0), "zero").toBe("0.0");
  });
});
