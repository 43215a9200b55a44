// The module that talks to the shell. Every Tauri command of the core
// screens has a typed wrapper here, and each other part (waste bank, fund,
// places, exchange) keeps its wrappers in its own `api-<part>.ts` built on
// `call`; screens import these and never call invoke.
// A failed command rejects with an AppError ({code, message, details}).

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  AppError,
  AppInfo,
  Community,
  DividendParams,
  DividendRun,
  DividendRunSummary,
  FiscalYear,
  ImportKind,
  ImportPreview,
  ImportRequest,
  ImportSheets,
  Language,
  MemberDetail,
  MemberEdit,
  MemberPage,
  MemberQuery,
  OpenKind,
  Progress,
  SaveKind,
  Settings,
  ShareLine,
  SlipsWritten,
  SlipLayout,
  SlipSort,
} from "./ipc-types";

/** Whether `value` has the shape of the shell's error. */
export function isAppError(value: unknown): value is AppError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as AppError).code === "string" &&
    typeof (value as AppError).message === "string"
  );
}

/** Turns anything a command rejected with into an AppError. */
export function toAppError(raw: unknown): AppError {
  if (isAppError(raw)) return { ...raw, details: raw.details ?? {} };
  return { code: "shell", message: String(raw), details: {} };
}

/**
 * Invokes a shell command and rejects with an AppError. The other parts'
 * wrapper modules (`api-<part>.ts`) call their commands through this.
 */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toAppError(raw);
  }
}

// App-wide

export const appInfo = () => call<AppInfo>("app_info");

/** Shows the native open dialog; null when cancelled. */
export const pickOpenFile = (kind: OpenKind, filterName: string) =>
  call<string | null>("pick_open_file", { kind, filterName });

/** Shows the native save dialog proposing `fileName`; null when cancelled. */
export const pickSaveFile = (kind: SaveKind, filterName: string, fileName: string) =>
  call<string | null>("pick_save_file", { kind, filterName, fileName });

/** Opens a saved file in the system's viewer; fails with `open_failed`
 * when no program opens it. */
export const openFile = (path: string) => call<void>("open_file", { path });

/** Reads a date as typed ("31/12/2567", "31 ธ.ค. 67") into an ISO CE date;
 * fails with `invalid_date` or `nonexistent_date`. */
export const parseBeDate = (text: string) => call<string>("parse_be_date", { text });

/** Calls `handler` with each progress event until the returned function runs. */
export function onProgress(handler: (progress: Progress) => void): Promise<UnlistenFn> {
  return listen<Progress>("progress", (event) => handler(event.payload));
}

// Settings

export const getSettings = () => call<Settings>("get_settings");
export const openDatabase = (path: string) => call<Settings>("open_database", { path });

/** Creates a database at `path`; fails with `file_exists` when a file is there. */
export const createDatabase = (path: string) => call<Settings>("create_database", { path });
export const setLanguage = (language: Language) => call<void>("set_language", { language });
export const setSlipOptions = (layout: SlipLayout, sort: SlipSort) =>
  call<void>("set_slip_options", { layout, sort });

// Members

export const listCommunities = () => call<Community[]>("list_communities");
export const searchMembers = (query: MemberQuery) => call<MemberPage>("search_members", { query });
export const getMember = (memberNo: string) => call<MemberDetail>("get_member", { memberNo });
export const memberHistory = (memberId: number) =>
  call<ShareLine[]>("member_history", { memberId });

/** Saves an edit of a member's details and returns the stored record. */
export const updateMember = (memberId: number, edit: MemberEdit) =>
  call<MemberDetail>("update_member", { memberId, edit });

/** Writes a member's share statement as a PDF at `path`. */
export const writeStatement = (memberNo: string, path: string) =>
  call<void>("write_statement", { memberNo, path });

/** Writes the member register to an Excel file at `path`. */
export const exportMembers = (path: string) => call<void>("export_members", { path });

// Dividends

export const getDividend = (yearBe: number) => call<DividendRun | null>("get_dividend", { yearBe });

/** Every year with a draft or approved run, latest first. */
export const listDividendRuns = () => call<DividendRunSummary[]>("list_dividend_runs");

/** The dates of a fiscal year and whether it has ended. */
export const fiscalYear = (yearBe: number) => call<FiscalYear>("fiscal_year", { yearBe });

/** Reverses the year's approved run and the payments made from it. */
export const reverseDividend = (yearBe: number) => call<void>("reverse_dividend", { yearBe });
export const runDividend = (params: DividendParams) =>
  call<DividendRun>("run_dividend", { params });
export const approveDividend = (yearBe: number) =>
  call<DividendRun>("approve_dividend", { yearBe });

/** Writes the year's slips into a PDF at `path`; progress comes as `slips` events. */
export const writeSlips = (yearBe: number, path: string) =>
  call<SlipsWritten>("write_slips", { yearBe, path });

/** Writes the year's run to an Excel file at `path`. */
export const exportDividend = (yearBe: number, path: string) =>
  call<void>("export_dividend", { yearBe, path });

// Import

/** The sheets of a file, with the one the importer would pick marked, and
 * the other kind when the file looks like it. */
export const listImportSheets = (path: string, kind: ImportKind) =>
  call<ImportSheets>("list_import_sheets", { path, kind });

/** Reads the file and reports what an import would do, writing nothing. */
export const previewImport = (request: ImportRequest) =>
  call<ImportPreview>("preview_import", { request });

/** Backs up the database, then imports the file. */
export const commitImport = (request: ImportRequest) =>
  call<ImportPreview>("commit_import", { request });
