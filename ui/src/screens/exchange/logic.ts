// Pure helpers of the exchange screen: dates for the forms' defaults, the
// reading of quantities and money typed in the forms, what each match
// state allows, how each history event reads, photos as data URLs, and
// the unknown communities an import preview reports.

import { formatDateNumeric, parseBaht } from "../../lib/format";
import type { MessageKey, Params } from "../../lib/i18n/index.svelte";
import type {
  BorrowerInput,
  Category,
  EquipmentItem,
  EventKind,
  HistoryEvent,
  ItemStatus,
  MatchStatus,
  UnknownCommunity,
} from "../../lib/ipc-exchange";

/** Returns the local calendar date of `date` as an ISO CE date ("2025-01-31"). */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Returns the ISO date `days` days after `iso` (before it when negative). */
export function addDays(iso: string, days: number): string {
  const [year, month, day] = iso.split("-").map(Number);
  return isoDate(new Date(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + days));
}

/** Today plus `days`, as a form shows it: "31/01/2568". */
export function dateText(today: Date, days = 0): string {
  return formatDateNumeric(addDays(isoDate(today), days));
}

/** Replaces Thai digits (๐–๙) by Arabic digits. */
function arabicDigits(text: string): string {
  return text.replace(/[๐-๙]/g, (c) => String(c.charCodeAt(0) - 0x0e50));
}

/** Reads a count of pieces: a whole number of at least 1, else null. */
export function readQuantity(text: string): number | null {
  const digits = arabicDigits(text.trim()).replace(/,/g, "");
  if (!/^\d+$/.test(digits)) return null;
  const value = Number(digits);
  return Number.isSafeInteger(value) && value >= 1 ? value : null;
}

/**
 * Reads an amount of money in baht into satang. Empty text is zero, since
 * deposits, fees and prices are often none; negative or unreadable amounts
 * give null.
 */
export function readMoney(text: string): number | null {
  if (text.trim() === "") return 0;
  const satang = parseBaht(text);
  return satang !== null && satang >= 0 ? satang : null;
}

/** Text typed in an optional field, trimmed; null when empty. */
export function optionalText(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === "" ? null : trimmed;
}

/** The message key of a status's name. */
export const statusKey = (status: ItemStatus) => `exchange.status.${status}` as MessageKey;

/** Every category, in the order the forms list them. */
export const CATEGORIES: Category[] = [
  "kitchen",
  "furniture",
  "electrical",
  "weighing",
  "waste",
  "vehicle",
  "tools",
  "other",
];

/** The statuses staff may set; `lent` comes only from lending. */
export const SETTABLE_STATUSES: ItemStatus[] = [
  "available",
  "under_repair",
  "part_missing",
  "retired",
];

/** A translation function, as `t` from the i18n module. */
export type Translate = (key: MessageKey, params?: Params) => string;

/** Returns an item's status as shown, with the missing part: "ขาดชิ้นส่วน: ฝา". */
export function statusText(t: Translate, item: Pick<EquipmentItem, "status" | "missing">): string {
  const name = t(statusKey(item.status));
  if (item.status === "part_missing" && item.missing) {
    return t("exchange.status_with_missing", { status: name, missing: item.missing });
  }
  return name;
}

/** The actions staff can take on a match. */
export interface MatchActions {
  accept: boolean;
  decline: boolean;
  undo: boolean;
  fulfil: boolean;
}

/**
 * Returns the actions a match allows: a proposal can be accepted or
 * declined, an accepted match carried out or undone, and a declined one
 * undone. A carried-out match allows none, because the loan's return or
 * the transfer's reversal undoes it.
 */
export function matchActions(status: MatchStatus): MatchActions {
  return {
    accept: status === "proposed",
    decline: status === "proposed",
    undo: status === "accepted" || status === "declined",
    fulfil: status === "accepted",
  };
}

/** Grades a match's score for its badge: strong from 70, else fair. */
export function scoreLevel(score: number): "strong" | "fair" {
  return score >= 70 ? "strong" : "fair";
}

/** The message key of each kind of history event. */
const EVENT_KEYS: Record<EventKind, MessageKey> = {
  registered: "exchange.event.registered",
  updated: "exchange.event.updated",
  status: "exchange.event.status",
  checked_out: "exchange.event.checked_out",
  checked_in: "exchange.event.checked_in",
  reserved: "exchange.event.reserved",
  reservation_cancelled: "exchange.event.reservation_cancelled",
  transferred_out: "exchange.event.transferred_out",
  transferred_in: "exchange.event.transferred_in",
  transfer_reversed: "exchange.event.transfer_reversed",
  photo_added: "exchange.event.photo_added",
  photo_removed: "exchange.event.photo_removed",
};

/**
 * Renders one history event as a line: its message with the status (and missing
 * part), the other community or member, and the quantity filled in. A
 * value the event lacks reads as "–".
 */
export function eventText(t: Translate, event: HistoryEvent): string {
  const status = event.status
    ? statusText(t, { status: event.status, missing: event.missing })
    : "–";
  const party = [event.member_no, event.community].filter(Boolean).join(" ") || "–";
  return t(EVENT_KEYS[event.kind], {
    status,
    party,
    quantity: event.quantity ?? "–",
  });
}

/** Returns whether an item's name, code, location or community contains `text`, ignoring case. */
export function itemMatches(item: EquipmentItem, text: string): boolean {
  const query = text.trim().toLowerCase();
  if (query === "") return true;
  return [item.name, item.code, item.location, item.community].some(
    (value) => value?.toLowerCase().includes(query) ?? false,
  );
}

/** Encodes bytes as base64, in slices so that large photos fit the call stack. */
export function base64(bytes: Uint8Array): string {
  const SLICE = 0x8000;
  let binary = "";
  for (let start = 0; start < bytes.length; start += SLICE) {
    binary += String.fromCharCode(...bytes.subarray(start, start + SLICE));
  }
  return btoa(binary);
}

/** Returns a photo's bytes as a data URL, which the app's CSP lets an <img> load. */
export function dataUrl(buffer: ArrayBuffer, mediaType: string): string {
  return `data:${mediaType};base64,${base64(new Uint8Array(buffer))}`;
}

/** The borrower as a form keeps it until it is sent. */
export interface BorrowerDraft {
  kind: BorrowerInput["kind"];
  communityId: number | null;
  memberNo: string;
}

/** Returns the borrower a form names, or null when it names none yet. */
export function borrowerInput(draft: BorrowerDraft): BorrowerInput | null {
  if (draft.kind === "community") {
    return draft.communityId === null
      ? null
      : { kind: "community", community_id: draft.communityId };
  }
  const memberNo = draft.memberNo.trim();
  return memberNo === "" ? null : { kind: "member", member_no: memberNo };
}

/**
 * Lists the unknown communities to show under an import preview: those
 * the preview reports, then each name the user chose to create that the
 * preview no longer reports (because it is now allowed), so that the
 * choice stays on screen and can be undone.
 */
export function unknownCommunities(
  reported: UnknownCommunity[],
  created: string[],
): UnknownCommunity[] {
  const chosen = created
    .filter((name) => !reported.some((unknown) => unknown.name === name))
    .map((name) => ({ name, closest: [], rows: 0 }));
  return [...reported, ...chosen];
}
