// English messages of the waste bank: materials, prices, deposits, plastic credit, collectors, sales and reports.

import type { waste as thai } from "./th.waste";

export const waste: Record<keyof typeof thai, string> = {};
