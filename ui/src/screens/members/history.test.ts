import { describe, expect, it } from "vitest";
import type { ShareLine } from "../../lib/ipc-types";
import { entryText, visibleLines } from "./history";

const purchase: ShareLine = {
  id: 1,
  date: "2024-03-01",
  kind: "purchase",
  delta: 5,
  amount: 50_000,
  receipt_no: null,
  counterparty: null,
  reversal: false,
  reversed: false,
  superseded_register: false,
  note: null,
  balance: 5,
};

describe("share history entries", () => {
  it("name a purchase", () => {
    expect(entryText(purchase), "purchase").toBe("ซื้อหุ้น");
  });

  it("name the member a transfer went to", () => {
    const line = { ...purchase, kind: "transfer", delta: -2, counterparty: "BY012" };
    expect(entryText(line), "transfer out").toBe("โอนออกให้ BY012");
  });

  it("name the member a transfer came from", () => {
    const line = { ...purchase, kind: "transfer", delta: 2, counterparty: "BY003" };
    expect(entryText(line), "transfer in").toBe("รับโอนจาก BY003");
  });

  it("name what a reversal reverses", () => {
    const line = { ...purchase, delta: -5, reversal: true };
    expect(entryText(line), "reversal of a purchase").toBe("กลับรายการซื้อหุ้น");
  });

  it("keep a reversed transfer's direction", () => {
    const line = { ...purchase, kind: "transfer", delta: 2, counterparty: "BY012", reversal: true };
    expect(entryText(line), "reversal of a transfer out").toBe("กลับรายการโอนออกให้ BY012");
  });

  it("mark a replaced register figure", () => {
    const line = { ...purchase, kind: "opening", superseded_register: true };
    expect(entryText(line), "superseded").toBe("ปรับปรุงยอดจากทะเบียน");
  });
});

describe("visible share history", () => {
  const lines = [
    { ...purchase, id: 1, kind: "opening", superseded_register: true },
    { ...purchase, id: 2, kind: "opening", delta: -5, reversal: true, superseded_register: true },
    { ...purchase, id: 3, kind: "opening" },
  ];

  it("hides replaced register figures by default", () => {
    expect(
      visibleLines(lines, false).map((l) => l.id),
      "only the ledger's opening",
    ).toEqual([3]);
  });

  it("shows them on request", () => {
    expect(visibleLines(lines, true).length, "every line").toBe(3);
  });
});
