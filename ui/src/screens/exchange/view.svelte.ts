// The exchange screen's choices that outlive its tabs and a visit to
// another screen in the same session: the open tab, the community the
// lists show and the item whose panel is open. Nothing is saved to disk.

/** The tabs of the exchange screen, in order. */
export const TABS = ["register", "lending", "posts", "money", "report", "import"] as const;

/** One tab of the exchange screen. */
export type Tab = (typeof TABS)[number];

/** The session's choices on the exchange screen. */
export const view = $state({
  tab: "register" as Tab,
  /** The community the register, the loans and the money list show;
   * null for all. */
  communityId: null as number | null,
  /** The item whose panel is open in the register. */
  itemId: null as number | null,
});

/** Opens an item's panel in the register. */
export function showItem(itemId: number, communityId: number | null = view.communityId) {
  view.communityId = communityId;
  view.itemId = itemId;
  view.tab = "register";
}
