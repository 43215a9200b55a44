import { describe, expect, it } from "vitest";
import { en } from "./en";
import { th } from "./th";
import { interpolate } from "./index.svelte";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("dictionaries", () => {
  const thai: Record<string, string> = th;
  const english: Record<string, string> = en;

  it("every Thai key has an English text", () => {
    const missing = Object.keys(thai).filter((key) => !(key in english));
    expect(missing, "keys missing from en.ts").toEqual([]);
  });

  it("every English key has a Thai text", () => {
    const missing = Object.keys(english).filter((key) => !(key in thai));
    expect(missing, "keys missing from th.ts").toEqual([]);
  });

  it("no text is empty", () => {
    const empty = Object.entries({ ...thai, ...english })
      .filter(([, text]) => text.trim() === "")
      .map(([key]) => key);
    expect(empty, "keys with empty text").toEqual([]);
  });

  it("both languages use the same placeholders", () => {
    const differing = Object.keys(thai).filter(
      (key) => placeholders(thai[key] ?? "").join() !== placeholders(english[key] ?? "").join(),
    );
    expect(differing, "keys whose {placeholders} differ").toEqual([]);
  });
});

describe("interpolate", () => {
  it("fills known placeholders", () => {
    expect(interpolate("แฟ้ม {path} มีอยู่แล้ว", { path: "a.pdf" }), "filled").toBe("แฟ้ม a.pdf มีอยู่แล้ว");
  });

  it("keeps unknown placeholders visible", () => {
    expect(interpolate("{missing} row", {}), "unfilled").toBe("{missing} row");
  });
});
