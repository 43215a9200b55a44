import type { ScreenDefinition } from "../../lib/screens";
import DividendsScreen from "./DividendsScreen.svelte";

export default {
  id: "dividends",
  label: "nav.dividends",
  order: 30,
  component: DividendsScreen,
} satisfies ScreenDefinition;
