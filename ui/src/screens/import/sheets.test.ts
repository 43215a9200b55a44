import { describe, expect, it } from "vitest";
import type { SheetInfo } from "../../lib/ipc-types";
import { sheetReason, sheetSummary } from "./sheets";

const register: SheetInfo = {
  name: "ทะเบียนสมาชิก",
  rows: 66,
  header_row: 4,
  matched_fields: 11,
  data_rows: 62,
  role: "register",
  hidden: false,
  suggested: true,
};

describe("sheet descriptions", () => {
  it("state the reader's figures in Thai", () => {
    expect(sheetSummary(register, "members"), "summary").toBe(
      "แผ่นงาน “ทะเบียนสมาชิก”: หัวตารางอยู่แถวที่ 4 ตรงกับข้อมูลสมาชิก 11 ช่อง มีข้อมูล 62 แถว",
    );
  });

  it("say when no header was found", () => {
    const summary = sheetSummary({ ...register, header_row: null }, "ledger");
    expect(summary, "no header").toContain("ไม่พบหัวตาราง");
  });

  it("credit the app only for the suggested sheet", () => {
    expect(sheetReason(register), "suggested").toContain("โปรแกรมเลือก");
    expect(sheetReason({ ...register, suggested: false }), "picked").toBe("คุณเลือกแผ่นงานนี้เอง");
  });

  it("mention a hidden sheet", () => {
    expect(sheetReason({ ...register, hidden: true }), "hidden").toContain("ซ่อน");
  });
});
