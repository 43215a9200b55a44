import type { ScreenDefinition } from "../../lib/screens";
import PlacesScreen from "./PlacesScreen.svelte";

export default {
  id: "places",
  label: "nav.places",
  order: 60,
  component: PlacesScreen,
} satisfies ScreenDefinition;
