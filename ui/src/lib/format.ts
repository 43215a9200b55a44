// Formatters for long tables. They follow the core's rules in
// src/thai/date.rs and src/money.rs, and format.test.ts checks them on the
// core's own cases: dates are ISO CE dates shown in the Buddhist Era
// (CE + 543), money is integer satang shown as 1,234.50.

import type { Language } from "./ipc-types";

const THAI_MONTHS = [
  "มกราคม",
  "กุมภาพันธ์",
  "มีนาคม",
  "เมษายน",
  "พฤษภาคม",
  "มิถุนายน",
  "กรกฎาคม",
  "สิงหาคม",
  "กันยายน",
  "ตุลาคม",
  "พฤศจิกายน",
  "ธันวาคม",
];

const THAI_MONTHS_SHORT = [
  "ม.ค.",
  "ก.พ.",
  "มี.ค.",
  "เม.ย.",
  "พ.ค.",
  "มิ.ย.",
  "ก.ค.",
  "ส.ค.",
  "ก.ย.",
  "ต.ค.",
  "พ.ย.",
  "ธ.ค.",
];

const ENGLISH_MONTHS_SHORT = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

/** Years between the Common Era and the Buddhist Era. */
export const BE_OFFSET = 543;

interface DateParts {
  day: number;
  month: number;
  yearBe: number;
}

/** Splits an ISO date ("2024-12-31") into day, month and BE year. */
function parseIso(iso: string): DateParts | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return null;
  const [, year, month, day] = match;
  const parts = { day: Number(day), month: Number(month), yearBe: Number(year) + BE_OFFSET };
  if (parts.month < 1 || parts.month > 12 || parts.day < 1 || parts.day > 31) return null;
  return parts;
}

/** "31 ธันวาคม 2567", as the core's long format. */
export function formatDateLong(iso: string): string {
  const d = parseIso(iso);
  return d ? `${d.day} ${THAI_MONTHS[d.month - 1]} ${d.yearBe}` : iso;
}

/** "31 ธ.ค. 67", as the core's short format (two-digit BE year). */
export function formatDateShort(iso: string): string {
  const d = parseIso(iso);
  if (!d) return iso;
  const year = String(d.yearBe % 100).padStart(2, "0");
  return `${d.day} ${THAI_MONTHS_SHORT[d.month - 1]} ${year}`;
}

/** "31/12/2567", as the core's numeric format. */
export function formatDateNumeric(iso: string): string {
  const d = parseIso(iso);
  if (!d) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(d.day)}/${pad(d.month)}/${d.yearBe}`;
}

/** The UI's date: "31 ธ.ค. 2567" in Thai, "31 Dec 2567" in English; the
 * year is Buddhist Era in both. An empty or missing date gives "". */
export function formatDate(iso: string | null | undefined, language: Language = "th"): string {
  if (!iso) return "";
  const d = parseIso(iso);
  if (!d) return iso;
  const months = language === "en" ? ENGLISH_MONTHS_SHORT : THAI_MONTHS_SHORT;
  return `${d.day} ${months[d.month - 1]} ${d.yearBe}`;
}

/** Groups the digits of a non-negative whole number in threes. */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Money from satang: 123450 gives "1,234.50", -5 gives "-0.05". */
export function formatMoney(satang: number): string {
  const sign = satang < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(satang));
  const baht = Math.trunc(abs / 100);
  const cents = String(abs % 100).padStart(2, "0");
  return `${sign}${groupThousands(String(baht))}.${cents}`;
}

/** A count of shares or rows: 12345 gives "12,345". */
export function formatCount(count: number): string {
  const sign = count < 0 ? "-" : "";
  return sign + groupThousands(String(Math.abs(Math.trunc(count))));
}

/** Replaces Thai digits (๐–๙) by Arabic digits. */
function toArabicDigits(text: string): string {
  return text.replace(/[๐-๙]/g, (c) => String(c.charCodeAt(0) - 0x0e50));
}

/**
 * Parses baht as the core does ("1,234.50", "฿1,000", "1,000 บาท", Thai
 * digits) into satang; returns null for text that is not money, including
 * more than two decimals.
 */
export function parseBaht(text: string): number | null {
  const cleaned = toArabicDigits(
    text
      .trim()
      .replace(/^฿/, "")
      .replace(/บาท$/, "")
      .replace(/[,\s\u200b]/g, ""),
  );
  const match = /^(-?)(\d*)(?:\.(\d{0,2}))?$/.exec(cleaned);
  if (!match) return null;
  const [, sign, whole = "", fraction] = match;
  if (whole === "" && !fraction) return null;
  const satang = Number(whole || "0") * 100 + Number((fraction ?? "").padEnd(2, "0"));
  if (!Number.isSafeInteger(satang)) return null;
  return sign ? -satang : satang;
}

/**
 * Parses a yearly rate in percent ("5", "3.25", "4.5%") into millionths of
 * a year, as the core's `dividends::parse_rate_ppm` does: 5 % is 50000. Up
 * to four decimals and at most 100 %; null otherwise.
 */
export function parsePercentToPpm(text: string): number | null {
  const cleaned = toArabicDigits(text.trim().replace(/%$/, "").trim());
  const match = /^(\d+)(?:\.(\d{0,4}))?$/.exec(cleaned);
  if (!match) return null;
  const [, whole = "0", fraction = ""] = match;
  const ppm = Number(whole) * 10_000 + Number(fraction.padEnd(4, "0"));
  return ppm <= 1_000_000 ? ppm : null;
}

/** Millionths of a year as percent text: 50000 gives "5", 27500 "2.75". */
export function formatPpmAsPercent(ppm: number): string {
  const whole = Math.trunc(ppm / 10_000);
  const fraction = String(ppm % 10_000)
    .padStart(4, "0")
    .replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/**
 * A national ID grouped the way the card prints it: "1234567890121" gives
 * "1-2345-67890-12-1". Anything that is not 13 digits is returned as it is.
 */
export function formatNationalId(id: string): string {
  const match = /^(\d)(\d{4})(\d{5})(\d{2})(\d)$/.exec(id);
  return match ? match.slice(1).join("-") : id;
}

/** Outcome of reading a fiscal year as typed. */
export type YearInput =
  { year: number } | { error: "year_invalid" | "year_not_buddhist_era" | "invalid_year" };

/** Smallest Buddhist-era year the core accepts (`thai::date::MIN_BE_YEAR`). */
export const MIN_BE_YEAR = 2400;

/** Largest Buddhist-era year the core reads as a year (CE 2156). */
export const MAX_BE_YEAR = 2699;

/**
 * Reads a Buddhist-era year as typed, with Arabic or Thai digits
 * ("2567", "๒๕๖๗"). A year before 2400 is taken for a Christian-era year,
 * as the core's dividend run does; a four-digit year after 2699 is no
 * usable year.
 */
export function parseYearBe(text: string): YearInput {
  const digits = toArabicDigits(text.trim());
  if (!/^\d{4}$/.test(digits)) return { error: "year_invalid" };
  const year = Number(digits);
  if (year < MIN_BE_YEAR) return { error: "year_not_buddhist_era" };
  if (year > MAX_BE_YEAR) return { error: "invalid_year" };
  return { year };
}
