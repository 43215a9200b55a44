// Plain-language descriptions of a file's sheets, composed from the
// reader's figures (header row, matched fields, data rows, hidden), so
// that the wizard explains its choice of sheet in the user's language.

import { formatCount } from "../../lib/format";
import type { ImportKind, SheetInfo } from "../../lib/ipc-types";
import { t } from "../../lib/i18n/index.svelte";

/** "Sheet “…”: header in row 4 matching 11 member fields, 62 data rows". */
export function sheetSummary(sheet: SheetInfo, kind: ImportKind): string {
  const kindText = t(kind === "members" ? "import.kind_members_data" : "import.kind_ledger_data");
  if (sheet.header_row === null) {
    return t("import.sheet_no_header", { sheet: sheet.name, kind: kindText });
  }
  return t("import.sheet_summary", {
    sheet: sheet.name,
    row: sheet.header_row,
    kind: kindText,
    fields: formatCount(sheet.matched_fields),
    rows: formatCount(sheet.data_rows),
  });
}

/**
 * Why the sheet was read: chosen by the app, or by the user when they
 * picked a sheet other than the suggested one; and whether it is hidden.
 */
export function sheetReason(sheet: SheetInfo): string {
  const reasons = [t(sheet.suggested ? "import.sheet_by_program" : "import.sheet_by_user")];
  if (sheet.hidden) reasons.push(t("import.sheet_hidden"));
  return reasons.join(" ");
}
