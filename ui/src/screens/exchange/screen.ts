import type { ScreenDefinition } from "../../lib/screens";
import ExchangeScreen from "./ExchangeScreen.svelte";

export default {
  id: "exchange",
  label: "nav.exchange",
  order: 70,
  component: ExchangeScreen,
} satisfies ScreenDefinition;
