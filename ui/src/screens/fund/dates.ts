// Today's date as the Buddhist-era text the forms start with.

import { BE_OFFSET } from "../../lib/format";

/** `date` as "DD/MM/YYYY" in the Buddhist Era: 2025-01-15 gives "15/01/2568". */
export function beText(date: Date): string {
  const day = String(date.getDate()).padStart(2, "0");
  const month = String(date.getMonth() + 1).padStart(2, "0");
  return `${day}/${month}/${date.getFullYear() + BE_OFFSET}`;
}

/** The rate in hundredths of a percent as "5.66". */
export function basisPoints(bp: number): string {
  return (bp / 100).toFixed(2);
}
