// Thai messages of the map: zones, households and collection points.
// th.ts spreads them into the one dictionary.

export const places = {} as const;
