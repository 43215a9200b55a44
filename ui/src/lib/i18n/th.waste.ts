// Thai messages of the waste bank: materials, prices, deposits, plastic credit, collectors, sales and reports.
// th.ts spreads them into the one dictionary.

export const waste = {} as const;
