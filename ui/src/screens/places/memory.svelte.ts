// The map screen's choices, kept for the rest of the session so that
// leaving the screen and coming back finds the same community, mode and
// sketch map. Nothing here is saved to disk.

/** The choices of the map screen. */
export const placesMemory = $state({
  /** The community shown. */
  communityId: null as number | null,
  /** Geographic map or sketch map. */
  view: "geo" as "geo" | "sketch",
  /** The sketch map shown in sketch mode. */
  sketchId: null as number | null,
});
