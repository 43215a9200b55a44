import type { ScreenDefinition } from "../../lib/screens";
import SettingsScreen from "./SettingsScreen.svelte";

export default {
  id: "settings",
  label: "nav.settings",
  order: 90,
  component: SettingsScreen,
} satisfies ScreenDefinition;
