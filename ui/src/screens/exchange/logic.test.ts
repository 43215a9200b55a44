import { describe, expect, it } from "vitest";
import type { EquipmentItem, HistoryEvent } from "../../lib/ipc-exchange";
import type { MessageKey, Params } from "../../lib/i18n/index.svelte";
import { interpolate } from "../../lib/i18n/index.svelte";
import { th } from "../../lib/i18n/th";
import {
  addDays,
  base64,
  borrowerInput,
  dataUrl,
  dateText,
  eventText,
  isoDate,
  itemMatches,
  matchActions,
  readMoney,
  readQuantity,
  scoreLevel,
  statusText,
  unknownCommunities,
} from "./logic";

/** The Thai dictionary as `t` uses it, without the component runtime. */
const t = (key: MessageKey, params?: Params) => interpolate(th[key], params);

const item = (fields: Partial<EquipmentItem>): EquipmentItem => ({
  id: 1,
  community_id: 1,
  community: "เก้าเส้ง",
  code: null,
  name: "หม้อหุงข้าวไฟฟ้า 10 ลิตร",
  category: "kitchen",
  tracking: "unit",
  quantity: 1,
  on_loan: 0,
  lendable: 1,
  condition: null,
  location: null,
  unit_value: 0,
  total_value: 0,
  status: "available",
  missing: null,
  acquired: null,
  note: null,
  photos: 0,
  ...fields,
});

const event = (fields: Partial<HistoryEvent>): HistoryEvent => ({
  id: 1,
  date: "2025-01-31",
  kind: "registered",
  status: null,
  missing: null,
  community: null,
  member_no: null,
  quantity: null,
  loan_id: null,
  transfer_id: null,
  note: null,
  operator: "office",
  recorded_at: "2025-01-31 09:00:00",
  ...fields,
});

describe("dates", () => {
  it("gives the local calendar date", () => {
    expect(isoDate(new Date(2025, 0, 31, 23, 59)), "late evening stays on the day").toBe(
      "2025-01-31",
    );
  });

  it("adds days across a month and a leap day", () => {
    expect(addDays("2024-02-28", 1), "leap day").toBe("2024-02-29");
    expect(addDays("2024-02-28", 2), "into March").toBe("2024-03-01");
    expect(addDays("2025-01-01", -1), "back a year").toBe("2024-12-31");
  });

  it("shows a default date in the Buddhist Era", () => {
    expect(dateText(new Date(2025, 0, 31), 7), "a week after 31 January 2568").toBe("07/02/2568");
  });
});

describe("readQuantity", () => {
  it("reads whole numbers with Arabic or Thai digits", () => {
    expect(readQuantity(" 12 "), "Arabic").toBe(12);
    expect(readQuantity("๔๐"), "Thai").toBe(40);
    expect(readQuantity("1,000"), "grouped").toBe(1000);
  });

  it("rejects zero, fractions and text", () => {
    expect(readQuantity("0"), "zero").toBeNull();
    expect(readQuantity("1.5"), "fraction").toBeNull();
    expect(readQuantity("สอง"), "words").toBeNull();
    expect(readQuantity(""), "empty").toBeNull();
  });
});

describe("readMoney", () => {
  it("reads baht into satang", () => {
    expect(readMoney("1,250.50"), "grouped with decimals").toBe(125050);
    expect(readMoney("๑๐๐ บาท"), "Thai digits and unit").toBe(10000);
  });

  it("takes empty text as zero", () => {
    expect(readMoney("  "), "no deposit").toBe(0);
  });

  it("rejects negative and unreadable amounts", () => {
    expect(readMoney("-5"), "negative").toBeNull();
    expect(readMoney("ห้าสิบ"), "words").toBeNull();
    expect(readMoney("1.005"), "three decimals").toBeNull();
  });
});

describe("statusText", () => {
  it("names the missing part", () => {
    const text = statusText(t, item({ status: "part_missing", missing: "ฝา" }));
    expect(text, "status and part").toBe("ขาดชิ้นส่วน: ฝา");
  });

  it("shows other statuses alone", () => {
    expect(statusText(t, item({ status: "lent" })), "lent").toBe("ให้ยืมอยู่");
  });
});

describe("matchActions", () => {
  it("lets a proposal be accepted or declined only", () => {
    expect(matchActions("proposed"), "proposed").toEqual({
      accept: true,
      decline: true,
      undo: false,
      fulfil: false,
    });
  });

  it("lets an accepted match be carried out or undone", () => {
    expect(matchActions("accepted"), "accepted").toEqual({
      accept: false,
      decline: false,
      undo: true,
      fulfil: true,
    });
  });

  it("lets a declined match be undone", () => {
    expect(matchActions("declined").undo, "declined").toBe(true);
  });

  it("allows nothing on a carried-out match", () => {
    expect(Object.values(matchActions("fulfilled")), "fulfilled").toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe("scoreLevel", () => {
  it("splits at 70", () => {
    expect(scoreLevel(70), "70").toBe("strong");
    expect(scoreLevel(69), "69").toBe("fair");
  });
});

describe("eventText", () => {
  it("names the borrowing member and community", () => {
    const text = eventText(
      t,
      event({ kind: "checked_out", member_no: "KS001", community: "เก้าเส้ง", quantity: 2 }),
    );
    expect(text, "loan to a member").toBe("ให้ KS001 เก้าเส้ง ยืม 2 ชิ้น");
  });

  it("shows the status set with its missing part", () => {
    const text = eventText(t, event({ kind: "status", status: "part_missing", missing: "ฝา" }));
    expect(text, "status change").toBe("เปลี่ยนสถานะเป็น ขาดชิ้นส่วน: ฝา");
  });

  it("marks values the event lacks", () => {
    const text = eventText(t, event({ kind: "transferred_in" }));
    expect(text, "no community").toBe("รับโอนจาก – จำนวน –");
  });
});

describe("itemMatches", () => {
  const cooker = item({ code: "KC-01", location: "ครัวกลาง" });

  it("finds by part of the name, code or place", () => {
    expect(itemMatches(cooker, "หม้อ"), "name").toBe(true);
    expect(itemMatches(cooker, "kc-01"), "code, any case").toBe(true);
    expect(itemMatches(cooker, "ครัว"), "location").toBe(true);
  });

  it("keeps out other items", () => {
    expect(itemMatches(cooker, "เต็นท์"), "tent").toBe(false);
  });

  it("keeps everything for empty text", () => {
    expect(itemMatches(cooker, "  "), "blank").toBe(true);
  });
});

describe("borrowerInput", () => {
  it("needs a community or a member number", () => {
    expect(
      borrowerInput({ kind: "community", communityId: null, memberNo: "" }),
      "none",
    ).toBeNull();
    expect(borrowerInput({ kind: "member", communityId: 3, memberNo: "  " }), "blank").toBeNull();
  });

  it("sends the chosen kind only", () => {
    expect(
      borrowerInput({ kind: "member", communityId: 3, memberNo: " KS001 " }),
      "member",
    ).toEqual({ kind: "member", member_no: "KS001" });
    expect(
      borrowerInput({ kind: "community", communityId: 3, memberNo: "KS001" }),
      "community",
    ).toEqual({ kind: "community", community_id: 3 });
  });
});

describe("photos", () => {
  it("encodes bytes as base64", () => {
    expect(base64(new TextEncoder().encode("Man")), "three bytes").toBe("TWFu");
    expect(base64(new Uint8Array([0xff, 0xd8])), "padding").toBe("/9g=");
  });

  it("encodes a large photo in slices", () => {
    const bytes = new Uint8Array(100_000).fill(65);
    expect(base64(bytes).length, "four characters per three bytes").toBe(133_336);
  });

  it("makes a data URL with the media type", () => {
    const url = dataUrl(new Uint8Array([0x89, 0x50]).buffer, "image/png");
    expect(url, "png").toBe("data:image/png;base64,iVA=");
  });
});

describe("unknownCommunities", () => {
  const misspelt = { name: "บ่อยางค์", closest: ["บ่อยาง"], rows: 3 };

  it("lists what the preview reports", () => {
    expect(unknownCommunities([misspelt], [])).toEqual([misspelt]);
  });

  it("keeps a name chosen for creation after the preview allows it", () => {
    const listed = unknownCommunities([], ["ท่าสะอ้าน"]);

    expect(listed.map((u) => u.name)).toEqual(["ท่าสะอ้าน"]);
    expect(listed[0]?.rows).toBe(0);
  });

  it("does not list a reported name twice", () => {
    const listed = unknownCommunities([misspelt], ["บ่อยางค์"]);

    expect(listed).toEqual([misspelt]);
  });
});
