// English messages of the equipment lending and second-hand exchange between communities.

import type { exchange as thai } from "./th.exchange";

export const exchange: Record<keyof typeof thai, string> = {
  "exchange.status.available": "Available",
  "exchange.status.lent": "Lent",
  "exchange.status.under_repair": "Under repair",
  "exchange.status.part_missing": "Part missing",
  "exchange.status.retired": "Retired",
  "exchange.category.kitchen": "Kitchen",
  "exchange.category.furniture": "Tents, tables, chairs",
  "exchange.category.electrical": "Electrical",
  "exchange.category.weighing": "Scales",
  "exchange.category.waste": "Waste handling",
  "exchange.category.vehicle": "Carts and vehicles",
  "exchange.category.tools": "Tools",
  "exchange.category.other": "Other",
  "exchange.tracking.unit": "Single piece",
  "exchange.tracking.stock": "Counted stock",
  "exchange.post.need": "Needed",
  "exchange.post.offer": "Offered",
  "exchange.offer_kind.second_hand": "Second-hand",
  "exchange.offer_kind.spare_part": "Spare part",
  "exchange.offer_kind.lend": "To lend",
  "exchange.post_status.open": "Open",
  "exchange.post_status.matched": "Matched",
  "exchange.post_status.fulfilled": "Handed over",
  "exchange.post_status.closed": "Closed",
  "exchange.match_status.proposed": "Proposed",
  "exchange.match_status.accepted": "Accepted",
  "exchange.match_status.declined": "Declined",
  "exchange.match_status.fulfilled": "Handed over",
  "exchange.reservation_status.active": "Reserved",
  "exchange.reservation_status.cancelled": "Cancelled",
  "exchange.reservation_status.fulfilled": "Collected",
  "exchange.money.loan_deposit": "Loan deposit",
  "exchange.money.loan_fee": "Loan fee",
  "exchange.money.deposit_refund": "Deposit refunded",
  "exchange.money.deposit_kept": "Deposit kept",
  "exchange.money.sale": "Sale to another community",

  "error.amount_negative": "An amount cannot be negative. Enter zero or more.",
  "error.dates_reversed": "The last day is before the first day. Check the dates.",
  "error.item_code_taken":
    "This item code is already used in the same community. Use another code.",
  "error.item_name_missing": "The item has no name. Enter one, such as Rice cooker 10 litres.",
  "error.item_not_available":
    "This item cannot be lent because it is under repair, missing a part or retired. Set it available first.",
  "error.item_on_loan":
    "Some pieces of this item are out on loan. Check them in with their condition, then change the status.",
  "error.item_reserved":
    "This item is reserved. Cancel the reservations before giving or selling it.",
  "error.item_retired": "This item is retired, so it cannot be lent, reserved or transferred.",
  "error.loan_already_returned": "This loan was already checked in.",
  "error.loan_to_owner":
    "This community already owns the item. Choose another community or a member as the borrower.",
  "error.match_already_decided":
    "This match was already decided. Undo the decision first to change it.",
  "error.match_fulfilled":
    "This match was already carried out. Check the loan in or reverse the transfer instead.",
  "error.match_not_accepted":
    "This match is not accepted yet. Accept it before lending or transferring.",
  "error.match_not_decided": "This match has no decision to undo.",
  "error.match_same_community":
    "The need and the offer come from the same community; matches are between communities.",
  "error.missing_part_required": "Say which part is missing, such as the lid or the cable.",
  "error.need_with_item":
    "A need does not name a register item. If an item lacks a part, set its status to part missing instead.",
  "error.not_a_need_and_offer": "Choose one need and one offer.",
  "error.not_enough_pieces":
    "Not enough pieces are free. Ask for fewer, or wait until pieces on loan come back.",
  "error.offer_item_not_owned":
    "This item belongs to another community, so this community cannot offer it.",
  "error.photo_format":
    "This file is not a JPEG, PNG or WebP photo. Save it as JPEG and add it again.",
  "error.photo_too_large": "The photo is larger than 5 MB. Make it smaller and add it again.",
  "error.post_not_open": "This need or offer is already matched, handed over or closed.",
  "error.post_text_missing":
    "Describe what is needed or offered, such as a 10-litre rice cooker lid.",
  "error.quantity_below_on_loan":
    "The quantity is below the pieces out on loan. Check them in before lowering the quantity.",
  "error.quantity_not_positive": "The quantity must be 1 or more.",
  "error.quantity_out_of_range": "More pieces were asked for than the item has. Ask for fewer.",
  "error.refund_exceeds_deposit": "The refund must be between zero and the deposit.",
  "error.reservation_conflict":
    "The item is already lent or reserved on these days. Choose other dates or fewer pieces.",
  "error.reservation_in_past": "A reservation is for today or later. Choose new dates.",
  "error.reservation_mismatch":
    "This reservation is not this borrower's reservation of this item, or it was already used.",
  "error.reservation_not_active": "This reservation was already cancelled or collected.",
  "error.return_before_checkout": "The return date is before the loan went out. Check the date.",
  "error.status_lent_by_loan": "An item becomes lent by recording a loan. Use Lend instead.",
  "error.transfer_superseded":
    "The receiver has since lent, passed on or changed the item. Deal with that first, then reverse the transfer.",
  "error.transfer_to_owner": "This community already owns the item. Choose another receiver.",
  "error.unit_quantity":
    "A single-piece item always has quantity 1. Record several pieces as counted stock.",
  "error.value_negative": "A value cannot be negative.",
  "error.invalid_category":
    "Unknown category. Use kitchen, furniture, electrical, weighing, waste, vehicle, tools or other.",
  "error.invalid_amount": "The amount cannot be read. Enter baht, such as 1,250 or 100.50.",
  "error.borrower_missing": "Name the borrower: a community or a member number.",
  "error.report_format": "The report's format is unknown. Name the file .xlsx or .pdf.",

  "problem.condition_unrecognised":
    "The condition as written does not say whether the item is usable, so it was imported as available. Check the item and set its status.",
  "problem.value_not_divisible":
    "The total value does not divide evenly by the quantity; each piece was rounded to the nearest satang.",
  "problem.duplicate_item_code":
    "This item code repeats an earlier row. Give each item its own code.",
  "problem.quantity_not_positive": "The quantity must be 1 or more. Correct it in the file.",
  "problem.value_negative": "A value cannot be negative. Correct it in the file.",
} as const;
