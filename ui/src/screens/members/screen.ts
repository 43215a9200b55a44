import type { ScreenDefinition } from "../../lib/screens";
import MembersScreen from "./MembersScreen.svelte";

export default {
  id: "members",
  label: "nav.members",
  order: 10,
  component: MembersScreen,
} satisfies ScreenDefinition;
