// English messages of the waste bank: materials, prices, deposits, plastic credit, collectors, sales and reports.

import type { waste as thai } from "./th.waste";

export const waste: Record<keyof typeof thai, string> = {
  "error.no_depositors":
    "No member deposited recyclables in this fiscal year, so there is nobody to give a patronage refund. Check the year (Buddhist era) and that the deposits are recorded or imported.",
  "error.patronage_pool_not_positive":
    "The patronage refund pool must be above zero. Enter the amount to refund, or leave it empty for no refund.",
  "error.invalid_patronage_pool":
    "The patronage refund amount cannot be read. Enter it in baht, such as 5000 or 5,000.50.",
  "error.invalid_mapping": "A material mapping is written NAME=CODE, such as ขวดใส=PET_CLEAR.",
  "error.invalid_deposit_line":
    "A deposit line is written MATERIAL=KG or MATERIAL=KG@BAHT, such as PET_CLEAR=4.5@8.",
  "error.community_missing":
    "A deposit by a household that is not a member needs the community of its collection point. Choose the community.",
  "problem.deposit_repeated":
    "This row repeats an earlier row in every figure. It was imported; check that the deposit was not entered twice.",
};
