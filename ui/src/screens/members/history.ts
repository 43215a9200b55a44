// The wording of a member's share history: the lines shown, and the entry
// text of each, such as "โอนออกให้ BY012" or "กลับรายการซื้อหุ้น".

import type { ShareLine } from "../../lib/ipc-types";
import { hasKey, t } from "../../lib/i18n/index.svelte";

/**
 * Returns the lines to show. A register's opening balance that a later
 * import replaced, and the reversal that replaced it, show only when asked
 * for. Together they change nothing, so hiding both keeps the running
 * balance of the lines shown right.
 */
export function visibleLines(lines: ShareLine[], showSuperseded: boolean): ShareLine[] {
  return showSuperseded ? lines : lines.filter((line) => !line.superseded_register);
}

/** Returns the entry column's text for `line`. */
export function entryText(line: ShareLine): string {
  if (line.superseded_register) return t("members.history_superseded");
  // A reversal moves shares the other way, so its direction is the
  // original line's.
  const delta = line.reversal ? -line.delta : line.delta;
  const entry = baseText(line.kind, delta, line.counterparty);
  return line.reversal ? t("members.history_reversal_of", { kind: entry }) : entry;
}

function baseText(kind: string, delta: number, counterparty: string | null): string {
  if (kind === "transfer" && counterparty) {
    const key = delta < 0 ? "members.history_transfer_out" : "members.history_transfer_in";
    return t(key, { member_no: counterparty });
  }
  const key = `share_kind.${kind}`;
  return hasKey(key) ? t(key) : kind;
}
