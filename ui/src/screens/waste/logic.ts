// What the waste screen computes without the shell: today's date as typed,
// kilograms from grams, and the bars of the chart of kilograms by material
// per month.

import { BE_OFFSET } from "../../lib/format";
import type { WasteChart } from "../../lib/ipc-waste";

/** `date` as "DD/MM/YYYY" in the Buddhist Era: 2025-01-15 gives "15/01/2568". */
export function todayBe(date: Date): string {
  const day = String(date.getDate()).padStart(2, "0");
  const month = String(date.getMonth() + 1).padStart(2, "0");
  return `${day}/${month}/${date.getFullYear() + BE_OFFSET}`;
}

/** The first day of `date`'s month as "01/MM/YYYY" in the Buddhist Era. */
export function firstOfMonthBe(date: Date): string {
  return todayBe(new Date(date.getFullYear(), date.getMonth(), 1));
}

/** One material line of a round record or a sale as typed. */
export interface KgLine {
  materialId: number | null;
  kg: string;
  /** Baht a kilogram as typed; blank takes the price list's. */
  price?: string;
}

/** Grams as kilograms with one decimal: 4550 gives "4.6", 12000 gives "12.0". */
export function kgText(grams: number): string {
  return (Math.round(grams / 100) / 10).toFixed(1);
}

/** One material's part of a month's bar, in chart units from the bottom. */
export interface Segment {
  material: string;
  grams: number;
  /** Distance of the segment's bottom from the axis, 0 to 1. */
  bottom: number;
  /** Height, 0 to 1 of the tallest month. */
  height: number;
}

/** One month's bar. */
export interface MonthBar {
  /** Month 1 to 12. */
  month: number;
  grams: number;
  segments: Segment[];
}

/**
 * Stacks the chart's cells into twelve month bars, each material in
 * `materials` order, scaled so that the heaviest month reaches 1.
 */
export function monthBars(chart: WasteChart, materials: string[]): MonthBar[] {
  const bars: MonthBar[] = [];
  for (let month = 1; month <= 12; month++) {
    const cells = chart.cells.filter((c) => c.month === month && c.grams > 0);
    cells.sort((a, b) => order(materials, a.material) - order(materials, b.material));
    const grams = cells.reduce((sum, c) => sum + c.grams, 0);
    const bar: MonthBar = { month, grams, segments: [] };
    bars.push(bar);
    let below = 0;
    for (const cell of cells) {
      bar.segments.push({
        material: cell.material,
        grams: cell.grams,
        bottom: below,
        height: 0,
      });
      below += cell.grams;
    }
  }
  const max = Math.max(1, ...bars.map((b) => b.grams));
  for (const bar of bars) {
    for (const segment of bar.segments) {
      segment.bottom /= max;
      segment.height = segment.grams / max;
    }
  }
  return bars;
}

function order(materials: string[], code: string): number {
  const at = materials.indexOf(code);
  return at < 0 ? materials.length : at;
}

/** Returns the colour of the material at `index` of the catalogue. */
export function materialColour(index: number): string {
  const palette = ["#2a9d8f", "#e76f51", "#264653", "#e9c46a", "#8ab17d", "#6d597a"];
  return palette[((index % palette.length) + palette.length) % palette.length] ?? "#888888";
}
