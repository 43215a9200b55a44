import type { ScreenDefinition } from "../../lib/screens";
import ImportScreen from "./ImportScreen.svelte";

export default {
  id: "import",
  label: "nav.import",
  order: 20,
  component: ImportScreen,
} satisfies ScreenDefinition;
