// The import wizard's state and steps. One wizard lives for the whole
// session, outside the screen, so that leaving the import screen and
// coming back finds the wizard where it was, and an import still running
// when the user left finishes into it.

import {
  commitImport,
  listImportSheets,
  onProgress,
  pickOpenFile,
  previewImport,
} from "../../lib/api";
import type {
  ImportKind,
  ImportPreview,
  ImportRequest,
  Progress,
  SheetInfo,
} from "../../lib/ipc-types";
import { t } from "../../lib/i18n/index.svelte";
import { Task } from "../../lib/task.svelte";

/** A step of the wizard. */
export type Step = "file" | "sheet" | "preview" | "result";

/** What a running command is doing, for the progress dialog. */
export type Work = "choosing" | "listing" | "reading" | "committing";

export class ImportWizard {
  step = $state<Step>("file");
  path = $state<string | null>(null);
  kind = $state<ImportKind>("members");
  sheets = $state<SheetInfo[]>([]);
  /** The other kind, when the file looks like it. */
  looksLike = $state<ImportKind | null>(null);
  sheet = $state<string | null>(null);
  community = $state("");
  preview = $state<ImportPreview | null>(null);
  accepted = $state<number[]>([]);
  /** Date of a register's share balances that the user gave, ISO CE. */
  asOf = $state<string | null>(null);
  /** Whether the user confirmed booking the balances on the import date. */
  asOfConfirmed = $state(false);
  result = $state<ImportPreview | null>(null);
  progress = $state<Progress | null>(null);
  work = $state<Work | null>(null);
  readonly task = new Task();
  #listening = false;

  /** Starts following the shell's progress events; calling it again does nothing. */
  listen() {
    if (this.#listening) return;
    this.#listening = true;
    void onProgress((p) => {
      if (p.task === "import") this.progress = p;
    });
  }

  /** The sheet the importer picks by itself. */
  get suggestedSheet(): string | null {
    return this.sheets.find((s) => s.suggested)?.name ?? null;
  }

  /** The chosen sheet's figures. */
  get sheetInfo(): SheetInfo | undefined {
    return this.sheets.find((s) => s.name === (this.preview?.sheet ?? this.sheet));
  }

  get fileName(): string {
    return this.path ? (this.path.split(/[\\/]/).pop() ?? this.path) : "";
  }

  get needsCommunity(): boolean {
    return this.kind === "members" && this.community.trim() === "";
  }

  /**
   * Whether a register's share balances would be booked on the import date
   * without the user having said so: a register without a date in its
   * title, such as any CSV file.
   */
  get asOfUnconfirmed(): boolean {
    const preview = this.preview;
    if (!preview || preview.as_of_source !== "import_date") return false;
    const hasShares = preview.columns.some((c) => c.field === "shares");
    return hasShares && !this.asOfConfirmed;
  }

  #attempt(work: Work, run: () => Promise<void>): Promise<void> {
    this.progress = null;
    this.work = work;
    return this.task.run(run).finally(() => {
      this.progress = null;
      this.work = null;
    });
  }

  chooseFile = () =>
    this.#attempt("choosing", async () => {
      const chosen = await pickOpenFile("spreadsheet", t("import.file_filter"));
      if (chosen) {
        this.path = chosen;
        this.sheets = [];
        this.sheet = null;
        this.looksLike = null;
        this.asOf = null;
      }
    });

  toSheets = () =>
    this.#attempt("listing", async () => {
      if (!this.path) return;
      const listed = await listImportSheets(this.path, this.kind);
      this.sheets = listed.sheets;
      this.looksLike = listed.looks_like;
      this.sheet = this.suggestedSheet ?? listed.sheets[0]?.name ?? null;
      this.step = "sheet";
    });

  /** Changes the kind of file and lists the sheets again. */
  switchKind = (kind: ImportKind) => {
    this.kind = kind;
    return this.toSheets();
  };

  #request(acceptRows: number[], asOf: string | null): ImportRequest {
    return {
      path: this.path ?? "",
      kind: this.kind,
      // Only a sheet the user picked instead of the suggested one is named,
      // so that the importer's own choice stays its own.
      sheet: this.sheet === this.suggestedSheet ? null : this.sheet,
      community: this.kind === "members" ? this.community.trim() || null : null,
      accept_rows: acceptRows,
      as_of: this.kind === "members" ? asOf : null,
    };
  }

  toPreview = () =>
    this.#attempt("reading", async () => {
      this.preview = await previewImport(this.#request([], this.asOf));
      this.accepted = [];
      this.asOfConfirmed = false;
      this.step = "preview";
    });

  /** Reads the preview again with the balances dated `iso`. */
  useAsOf = (iso: string) => {
    this.asOf = iso;
    return this.toPreview();
  };

  commit = () =>
    this.#attempt("committing", async () => {
      const preview = this.preview;
      const confirmedToday = preview?.as_of_source === "import_date" && this.asOfConfirmed;
      const asOf = confirmedToday ? (preview?.as_of ?? null) : this.asOf;
      this.result = await commitImport(this.#request(this.accepted, asOf));
      this.step = "result";
    });

  /** Forgets the file and everything chosen for it. */
  restart = () => {
    this.step = "file";
    this.path = null;
    this.sheets = [];
    this.looksLike = null;
    this.sheet = null;
    this.community = "";
    this.preview = null;
    this.result = null;
    this.accepted = [];
    this.asOf = null;
    this.asOfConfirmed = false;
    this.task.error = null;
  };
}

/** The session's one wizard. */
export const wizard = new ImportWizard();
