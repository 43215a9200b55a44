// English messages of the community bank: savings, loans, repayments, arrears and the journal.

import type { fund as thai } from "./th.fund";

export const fund: Record<keyof typeof thai, string> = {};
