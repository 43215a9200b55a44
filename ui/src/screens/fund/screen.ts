import type { ScreenDefinition } from "../../lib/screens";
import FundScreen from "./FundScreen.svelte";

export default {
  id: "fund",
  label: "nav.fund",
  order: 50,
  component: FundScreen,
} satisfies ScreenDefinition;
