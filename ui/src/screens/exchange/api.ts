// Typed wrappers of the equipment exchange's shell commands (`exchange_…`),
// built on `call` from lib/api.ts. The screen's components call these and
// never invoke.

import { call } from "../../lib/api";
import type {
  CheckIn,
  CheckOut,
  EquipmentImportPreview,
  EquipmentImportRequest,
  EquipmentItem,
  ItemFields,
  ItemQuery,
  ItemRecord,
  ItemStatus,
  Loan,
  LoanQuery,
  LoanTerms,
  Match,
  MatchQuery,
  MoneyList,
  MoneyMovement,
  MoneyQuery,
  NewEquipmentItem,
  Photo,
  Post,
  PostInput,
  PostQuery,
  ReportRequest,
  Reservation,
  ReservationInput,
  Transfer,
  TransferInput,
  TransferTerms,
} from "../../lib/ipc-exchange";

// Register

export const listItems = (query: ItemQuery) =>
  call<EquipmentItem[]>("exchange_list_items", { query });

/** One item with its photos, history, loans, reservations and need. */
export const itemRecord = (itemId: number) => call<ItemRecord>("exchange_item_record", { itemId });

export const addItem = (item: NewEquipmentItem) =>
  call<EquipmentItem>("exchange_add_item", { item });

export const updateItem = (itemId: number, fields: ItemFields) =>
  call<EquipmentItem>("exchange_update_item", { itemId, fields });

/** Sets the status; `part_missing` needs `missing` and raises a need for it. */
export const setStatus = (itemId: number, status: ItemStatus, missing: string | null) =>
  call<EquipmentItem>("exchange_set_status", { itemId, status, missing });

/** Shows the open dialog and adds the chosen photo; null when cancelled. */
export const addPhoto = (itemId: number, filterName: string) =>
  call<Photo | null>("exchange_add_photo", { itemId, filterName });

/** A photo's bytes. */
export const photoBytes = (photoId: number) =>
  call<ArrayBuffer>("exchange_photo_bytes", { photoId });

export const removePhoto = (photoId: number) => call<void>("exchange_remove_photo", { photoId });

// Lending

export const listLoans = (query: LoanQuery) => call<Loan[]>("exchange_list_loans", { query });

/** Loans past due on `asOf` (ISO CE), today when null. */
export const overdue = (asOf: string | null) => call<Loan[]>("exchange_overdue", { asOf });

export const checkOut = (loan: CheckOut) => call<Loan>("exchange_check_out", { loan });

export const checkIn = (loanId: number, back: CheckIn) =>
  call<Loan>("exchange_check_in", { loanId, back });

export const listReservations = (itemId: number | null, all: boolean) =>
  call<Reservation[]>("exchange_list_reservations", { itemId, all });

export const reserve = (reservation: ReservationInput) =>
  call<Reservation>("exchange_reserve", { reservation });

export const cancelReservation = (reservationId: number) =>
  call<Reservation>("exchange_cancel_reservation", { reservationId });

// Needs, offers and matches

export const listPosts = (query: PostQuery) => call<Post[]>("exchange_list_posts", { query });

export const post = (input: PostInput) => call<Post>("exchange_post", { post: input });

export const closePost = (postId: number) => call<Post>("exchange_close_post", { postId });

export const listMatches = (query: MatchQuery) => call<Match[]>("exchange_list_matches", { query });

export const acceptMatch = (needId: number, offerId: number) =>
  call<Match>("exchange_accept_match", { needId, offerId });

export const declineMatch = (needId: number, offerId: number) =>
  call<Match>("exchange_decline_match", { needId, offerId });

export const undoMatch = (needId: number, offerId: number) =>
  call<Match>("exchange_undo_match", { needId, offerId });

export const fulfilByLoan = (needId: number, offerId: number, terms: LoanTerms) =>
  call<Loan>("exchange_fulfil_by_loan", { needId, offerId, terms });

export const fulfilByTransfer = (needId: number, offerId: number, terms: TransferTerms) =>
  call<Transfer>("exchange_fulfil_by_transfer", { needId, offerId, terms });

// Transfers

export const transfer = (input: TransferInput) =>
  call<Transfer>("exchange_transfer", { transfer: input });

export const listTransfers = (communityId: number | null) =>
  call<Transfer[]>("exchange_list_transfers", { communityId });

/** Reverses a transfer today, with the reason given. */
export const reverseTransfer = (transferId: number, note: string) =>
  call<Transfer>("exchange_reverse_transfer", { transferId, note });

// Money

/** Money moved by loans and sales, by date, with totals by kind. */
export const listMoney = (query: MoneyQuery) => call<MoneyList>("exchange_list_money", { query });

/** Reverses a movement today, with the reason given; returns the reversal. */
export const reverseMoney = (movementId: number, note: string) =>
  call<MoneyMovement>("exchange_reverse_money", { movementId, note });

// Report and import

/** Writes the report as Excel or PDF, by the extension of `request.path`. */
export const writeReport = (request: ReportRequest) =>
  call<void>("exchange_write_report", { request });

export const previewImport = (request: EquipmentImportRequest) =>
  call<EquipmentImportPreview>("exchange_preview_import", { request });

/** Backs up the database, then imports the equipment list. */
export const commitImport = (request: EquipmentImportRequest) =>
  call<EquipmentImportPreview>("exchange_commit_import", { request });
