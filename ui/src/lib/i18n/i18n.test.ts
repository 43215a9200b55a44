import { describe, expect, it } from "vitest";
import { en } from "./en";
import { th } from "./th";
import { interpolate, problemText } from "./index.svelte";

const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "").sort();

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

describe("problemText", () => {
  it("names the members of a problem", () => {
    const text = problemText({
      code: "national_id_taken",
      message: "national ID 3577525537372 already belongs to BY013",
      params: { member_no: "BY061", holder: "BY013" },
    });
    expect(text, "holder named").toContain("BY013");
    expect(text, "row's member named").toContain("BY061");
  });

  it("names a missing column in Thai", () => {
    const text = problemText({ code: "missing_column", message: "", params: { field: "kind" } });
    expect(text, "the field's Thai name").toContain("“รายการ”");
  });

  it("marks a value the problem lacks", () => {
    const text = problemText({ code: "member_not_found", message: "", params: {} });
    expect(text, "no placeholder left").not.toMatch(/\{\w+\}/);
  });

  it("takes a rule error's text", () => {
    const text = problemText({ code: "credit_used", message: "core text", params: {} });
    expect(text, "the error's translation").not.toBe("core text");
  });

  it("falls back to the core's message for an unknown code", () => {
    const text = problemText({ code: "no_such_code", message: "core text", params: {} });
    expect(text, "English fallback").toBe("core text");
  });
});

describe("problem messages", () => {
  // The values the core gives each problem code, from its import modules.
  const paramsOf: Record<string, string[]> = {
    national_id_taken: ["member_no", "holder"],
    member_no_repeated: ["member_no", "first_row"],
    register_balance_mismatch: ["member_no", "stated", "recorded", "date"],
    opening_balance_mismatch: ["member_no", "stated", "recorded", "date"],
    dividend_year_approved: ["year"],
    date_in_future: ["date"],
    community_created_close: ["name", "closest"],
    plastic_credit_short: ["member_no", "short", "date"],
    member_no_other_community: ["member_no", "community"],
    member_no_other_person: ["member_no", "holder"],
    share_balance_negative: ["member_no", "held", "date"],
    national_id_check_digit: ["member_no"],
    first_name_missing: ["member_no"],
    joined_in_future: ["member_no", "date"],
    joined_long_ago: ["member_no", "date"],
    date_long_ago: ["date"],
    receipt_repeated: ["first_row", "receipt"],
    joined_after_as_of: ["member_no", "date"],
    guarantor_is_borrower: ["member_no"],
    as_of_in_future: ["date"],
    as_of_long_ago: ["date"],
    member_not_found: ["member_no"],
    transfer_to_self: ["member_no", "shares", "date", "side"],
    status_from_notes: ["member_no", "status"],
    missing_column: ["field_name"],
    community_unknown: ["name", "closest"],
  };

  it("use only the values the core gives", () => {
    const thai: Record<string, string> = th;
    const wrong = Object.keys(thai)
      .filter((key) => key.startsWith("problem."))
      .filter((key) => {
        const allowed = paramsOf[key.slice("problem.".length)] ?? [];
        return placeholders(thai[key] ?? "").some((name) => !allowed.includes(name));
      });
    expect(wrong, "problem keys with placeholders the core does not fill").toEqual([]);
  });
});
