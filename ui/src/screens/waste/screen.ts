import type { ScreenDefinition } from "../../lib/screens";
import WasteScreen from "./WasteScreen.svelte";

export default {
  id: "waste",
  label: "nav.waste",
  order: 40,
  component: WasteScreen,
} satisfies ScreenDefinition;
