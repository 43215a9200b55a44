// Typed wrappers of the waste bank's shell commands (`waste_…`), built on
// `call` from lib/api.ts. Dates go in as the Buddhist-era text typed, such
// as "15/01/2568", and come back as ISO dates.

import { call } from "../../lib/api";
import type {
  AliasRow,
  ConversionView,
  CreditView,
  DepositInput,
  DepositView,
  ReceiptChoice,
  WasteCatalog,
  WasteChart,
} from "../../lib/ipc-waste";

export const catalog = (date: string) => call<WasteCatalog>("waste_catalog", { date });
export const recordDeposit = (deposit: DepositInput) =>
  call<DepositView>("waste_record_deposit", { deposit });
export const writeReceipt = (id: number, layout: ReceiptChoice, path: string) =>
  call<void>("waste_write_receipt", { id, layout, path });
export const credit = (memberNo: string, date: string) =>
  call<CreditView>("waste_credit", { memberNo, date });
export const convertCredit = (memberNo: string, date: string) =>
  call<ConversionView>("waste_convert_credit", { memberNo, date });
export const chart = (yearBe: number) => call<WasteChart>("waste_chart", { yearBe });
export const listAliases = () => call<AliasRow[]>("waste_list_aliases");
export const setAlias = (alias: string, code: string) =>
  call<AliasRow[]>("waste_set_alias", { alias, code });
export const deleteAlias = (alias: string) => call<AliasRow[]>("waste_delete_alias", { alias });
/** Writes the programme report as PDF when `path` ends in .pdf, else as Excel. */
export const exportReport = (yearBe: number, path: string) =>
  call<void>("waste_export_report", { yearBe, path });
