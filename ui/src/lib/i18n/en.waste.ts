// English messages of the waste bank: materials, prices, deposits, plastic credit, collectors, sales and reports.

import type { waste as thai } from "./th.waste";

export const waste: Record<keyof typeof thai, string> = {
  "error.no_depositors":
    "No member deposited recyclables in this fiscal year, so there is nobody to give a patronage refund. Check the year (Buddhist era) and that the deposits are recorded or imported.",
  "error.patronage_pool_not_positive":
    "The patronage refund pool must be above zero. Enter the amount to refund, or leave it empty for no refund.",
};
