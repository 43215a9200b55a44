// Choices the user made on one screen that the app keeps for the rest of
// the session, so that leaving a screen and coming back finds them again.
// Nothing here is saved to disk.

/** The session's remembered choices. */
export const remembered = $state({
  /** The fiscal year last chosen on the dividends screen, Buddhist Era. */
  dividendYear: null as number | null,
});
