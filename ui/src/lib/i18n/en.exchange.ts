// English messages of the equipment lending and second-hand exchange between communities.

import type { exchange as thai } from "./th.exchange";

export const exchange: Record<keyof typeof thai, string> = {};
