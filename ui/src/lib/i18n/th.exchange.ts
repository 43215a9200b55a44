// Thai messages of the equipment lending and second-hand exchange between communities.
// th.ts spreads them into the one dictionary.

export const exchange = {} as const;
