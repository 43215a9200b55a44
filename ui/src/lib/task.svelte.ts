// The state of a screen's commands: whether one is running, and the
// translated error of the last one that failed.

import { toAppError } from "./api";
import { errorText } from "./i18n/index.svelte";

export class Task {
  busy = $state(false);
  error = $state<string | null>(null);

  /** Runs `work`, clearing the last error first and keeping the new one. */
  async run(work: () => Promise<void>): Promise<void> {
    this.error = null;
    this.busy = true;
    try {
      await work();
    } catch (raw) {
      this.error = errorText(toAppError(raw));
    } finally {
      this.busy = false;
    }
  }
}
