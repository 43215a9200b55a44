// Formatting of the import preview's typed cells and translated names.

import { formatCount, formatDate, formatMoney } from "../../lib/format";
import type { Cell, Language } from "../../lib/ipc-types";
import { hasKey, t } from "../../lib/i18n/index.svelte";

/** A preview cell as text. */
export function cellText(cell: Cell, language: Language): string {
  switch (cell.type) {
    case "empty":
      return "";
    case "text":
      return cell.value;
    case "date":
      return formatDate(cell.value, language);
    case "count":
      return formatCount(cell.value);
    case "money":
      return formatMoney(cell.value);
    case "code":
      return translated(`import.entry.${cell.value}`, cell.value);
  }
}

/** Maximum rows that `numberColumns` reads to decide a column's alignment. */
const NUMBER_SAMPLE_ROWS = 200;

/**
 * For each of the first `width` columns, whether its filled cells among the
 * first rows are all counts or money, so that the column lines up on the
 * right like the app's other tables.
 */
export function numberColumns(
  rows: readonly { cells: readonly Cell[] }[],
  width: number,
): boolean[] {
  const numbers = new Array<number>(width).fill(0);
  const others = new Array<number>(width).fill(0);
  for (const row of rows.slice(0, NUMBER_SAMPLE_ROWS)) {
    row.cells.slice(0, width).forEach((cell, column) => {
      if (cell.type === "count" || cell.type === "money") {
        numbers[column] = (numbers[column] ?? 0) + 1;
      } else if (cell.type !== "empty") {
        others[column] = (others[column] ?? 0) + 1;
      }
    });
  }
  return numbers.map((count, column) => count > 0 && others[column] === 0);
}

/** The name of a field key, such as `national_id`. */
export function fieldName(field: string): string {
  return translated(`import.field.${field}`, field);
}

function translated(key: string, fallback: string): string {
  return hasKey(key) ? t(key) : fallback;
}
