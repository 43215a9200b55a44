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

/** The name of a field key, such as `national_id`. */
export function fieldName(field: string): string {
  return translated(`import.field.${field}`, field);
}

function translated(key: string, fallback: string): string {
  return hasKey(key) ? t(key) : fallback;
}
