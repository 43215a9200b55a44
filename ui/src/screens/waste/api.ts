// Typed wrappers of the waste bank's shell commands (`waste_…`), built on
// `call` from lib/api.ts. Dates go in as the Buddhist-era text typed, such
// as "15/01/2568", and come back as ISO dates.

import { call } from "../../lib/api";
import type {
  AliasRow,
  BuyerPriceInput,
  BuyerPricesView,
  CollectorInput,
  CollectorRow,
  CollectorsView,
  ConversionView,
  CreditView,
  DepositImportInput,
  DepositImportView,
  DepositInput,
  DepositView,
  ReceiptChoice,
  RoundInput,
  RoundRecordInput,
  RoundRecordRow,
  SaleInput,
  SaleOutcomeView,
  SaleRow,
  SalesView,
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
/** Collectors, zones, rounds, the schedule and the rounds recorded from `from` to `to`. */
export const collectors = (from: string, to: string) =>
  call<CollectorsView>("waste_collectors", { from, to });
export const addCollector = (collector: CollectorInput) =>
  call<CollectorRow>("waste_add_collector", { collector });
export const updateCollector = (id: number, collector: CollectorInput) =>
  call<CollectorRow>("waste_update_collector", { id, collector });
/** Deactivates the collector (`active` false) or reactivates them. */
export const setCollectorActive = (id: number, active: boolean) =>
  call<CollectorRow>("waste_set_collector_active", { id, active });
export const addRound = (round: RoundInput) => call<number>("waste_add_round", { round });
export const recordRound = (record: RoundRecordInput) =>
  call<RoundRecordRow>("waste_record_round", { record });
export const sales = (yearBe: number) => call<SalesView>("waste_sales", { yearBe });
/** Records the sale, or returns its lines over the stock unless `sale.force` is set. */
export const recordSale = (sale: SaleInput) => call<SaleOutcomeView>("waste_record_sale", { sale });
/** Reverses the sale for `reason`; returns the reversal, whose lines are negated. */
export const reverseSale = (saleId: number, reason: string) =>
  call<SaleRow>("waste_reverse_sale", { saleId, reason });
/** The buyer's prices, those in force on `date` (BE text) marked. */
export const buyerPrices = (buyer: string, date: string) =>
  call<BuyerPricesView>("waste_buyer_prices", { buyer, date });
export const setBuyerPrice = (price: BuyerPriceInput, date: string) =>
  call<BuyerPricesView>("waste_set_buyer_price", { price, date });
/** Previews the deposit log, or imports it when `request.commit` is set. */
export const importDeposits = (request: DepositImportInput) =>
  call<DepositImportView>("waste_import_deposits", { request });
