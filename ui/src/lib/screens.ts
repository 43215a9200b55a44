// The window's screens. Each screen folder declares itself in a
// `screen.ts` next to its components, and App.svelte collects every
// `src/screens/*/screen.ts` with `import.meta.glob`, so that a new screen
// needs no edit outside its own folder (and its i18n file for the label).
//
// A `screen.ts` has one default export:
//
//     import type { ScreenDefinition } from "../../lib/screens";
//     import WasteScreen from "./WasteScreen.svelte";
//
//     export default {
//       id: "waste",
//       label: "nav.waste",
//       order: 40,
//       component: WasteScreen,
//     } satisfies ScreenDefinition;
//
// `id` names the menu button `nav-<id>` and the `<main>` `screen-<id>` for
// the end-to-end tests, and is what `navigate` takes. Menu order: members
// 10, import 20, dividends 30, settings 90; the other parts take a free
// number in between (waste 40, fund 50, places 60, exchange 70).

import type { Component } from "svelte";
import type { MessageKey } from "./i18n/index.svelte";

/** A screen of the window, as its folder's `screen.ts` declares it. */
export interface ScreenDefinition {
  /** Stable id, lowercase letters and dashes: `members`, `waste`. */
  id: string;
  /** Message key of the screen's menu button. */
  label: MessageKey;
  /** Place in the menu, smallest first. */
  order: number;
  /** The screen's root component, mounted without props. */
  component: Component;
}

/** A module found by `import.meta.glob`, keyed by its path. */
export type ScreenModules = Record<string, { default?: ScreenDefinition }>;

/**
 * Returns the screens of `modules` in menu order. Throws, naming the
 * modules, when a module has no default export or when two screens share
 * an id or an order. A screen that silently vanished from the menu would
 * be harder to notice than an app that stops at start.
 */
export function collectScreens(modules: ScreenModules): ScreenDefinition[] {
  const byId = new Map<string, string>();
  const byOrder = new Map<number, string>();
  const screens: ScreenDefinition[] = [];
  for (const [path, module] of Object.entries(modules)) {
    const screen = module.default;
    if (!screen) throw new Error(`${path} has no default export`);
    if (!/^[a-z][a-z-]*$/.test(screen.id)) {
      throw new Error(`${path}: screen id "${screen.id}" is not lowercase letters and dashes`);
    }
    const sameId = byId.get(screen.id);
    if (sameId) throw new Error(`${path} and ${sameId} both declare screen "${screen.id}"`);
    const sameOrder = byOrder.get(screen.order);
    if (sameOrder) throw new Error(`${path} and ${sameOrder} both take menu order ${screen.order}`);
    byId.set(screen.id, path);
    byOrder.set(screen.order, path);
    screens.push(screen);
  }
  return screens.sort((a, b) => a.order - b.order);
}
