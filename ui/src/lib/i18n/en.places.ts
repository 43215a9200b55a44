// English messages of the map: zones, households and collection points.

import type { places as thai } from "./th.places";

export const places: Record<keyof typeof thai, string> = {};
