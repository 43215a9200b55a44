// Thai messages of the community bank: savings, loans, repayments, arrears and the journal.
// th.ts spreads them into the one dictionary.

export const fund = {} as const;
