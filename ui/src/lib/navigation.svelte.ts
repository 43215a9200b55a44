// The screen the window shows. Screens move the user on (the welcome
// text to the import wizard, a start-up error to the settings) by calling
// `navigate` with another screen's id.

/** The current screen's id, reactive in components. */
export const navigation = $state({ current: "members" });

/** Shows the screen with this id (see `src/lib/screens.ts`). */
export function navigate(id: string) {
  navigation.current = id;
}
