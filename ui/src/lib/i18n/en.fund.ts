// English messages of the community bank: savings, loans, repayments, arrears and the journal.

import type { fund as thai } from "./th.fund";

export const fund: Record<keyof typeof thai, string> = {
  "fund.loan.status.applied": "Waiting for approval",
  "fund.loan.status.approved": "Approved, not paid out yet",
  "fund.loan.status.rejected": "Rejected",
  "fund.loan.status.active": "Being repaid",
  "fund.loan.status.closed": "Repaid in full",
  "fund.loan.status.written_off": "Written off",
  "fund.method.flat": "Flat rate (on the original principal)",
  "fund.method.declining": "Declining balance (equal instalments)",
  "fund.method.declining_equal_principal": "Declining balance (equal principal)",
  "fund.purpose.trade": "Trade",
  "fund.purpose.occupation": "Occupation",
  "fund.purpose.home": "Home repairs",
  "fund.purpose.education": "School fees",
  "fund.purpose.vehicle": "Vehicle",
  "fund.purpose.emergency": "Emergency",
  "fund.purpose.other": "Other",
  "fund.savings.kind.deposit": "Deposit",
  "fund.savings.kind.withdrawal": "Withdrawal",
  "fund.savings.kind.interest": "Interest",
  "fund.report.trial_balance": "Trial balance",
  "fund.report.cash_book": "Cash book",
  "fund.report.balance_sheet": "Balance sheet",
  "fund.report.income_statement": "Income statement",
  "fund.col.account": "Account",
  "fund.col.account_name": "Account name",
  "fund.col.debit": "Debit (baht)",
  "fund.col.credit": "Credit (baht)",
  "fund.col.amount": "Amount (baht)",
  "fund.col.date": "Date",
  "fund.col.entry": "Entry",
  "fund.col.receipt": "Receipt (baht)",
  "fund.col.payment": "Payment (baht)",
  "fund.row.total": "Total",
  "fund.row.assets": "Assets",
  "fund.row.total_assets": "Total assets",
  "fund.row.liabilities": "Liabilities",
  "fund.row.total_liabilities": "Total liabilities",
  "fund.row.equity": "Equity",
  "fund.row.total_equity": "Total equity",
  "fund.row.income": "Income",
  "fund.row.total_income": "Total income",
  "fund.row.expenses": "Expenses",
  "fund.row.total_expenses": "Total expenses",
  "fund.row.surplus": "Surplus of income over expenses",
  "fund.row.opening": "Brought forward",
  "fund.row.closing": "Closing balance",
  "fund.arrears.par30": "Portfolio at risk over 30 days (PAR30): {pct}%",

  "nav.fund": "Community bank",
  "fund.title": "Community bank: savings and loans",
  "fund.tab.savings": "Savings",
  "fund.tab.loans": "Loans",
  "fund.tab.new_loan": "New loan",
  "fund.tab.arrears": "Arrears",
  "fund.tab.reports": "Accounts",
  "fund.member_no": "Member no.",
  "fund.show": "Show",
  "fund.statement_pdf": "Print member statement (PDF)",
  "fund.saved": "Saved: {path}",
  "fund.open": "Open",
  "fund.account": "Savings account {no}, balance",
  "fund.account_no": "Account no.",
  "fund.date": "Date (DD/MM/YYYY, BE)",
  "fund.kind": "Entry",
  "fund.paid_in": "In",
  "fund.paid_out": "Out",
  "fund.balance": "Balance",
  "fund.amount": "Amount (baht)",
  "fund.deposit": "Deposit",
  "fund.withdraw": "Withdraw",
  "fund.no_savings": "This member has no savings account",
  "fund.as_of": "As of (BE)",
  "fund.loan_no": "Contract no.",
  "fund.borrower": "Borrower",
  "fund.status": "Status",
  "fund.principal": "Principal",
  "fund.outstanding": "Outstanding principal",
  "fund.days_overdue": "Days overdue",
  "fund.no_loans": "No loans paid out by this date",
  "fund.product": "Loan product",
  "fund.no_products":
    "There is no loan product yet, so no loan can be entered. Add one with the form Add a loan product below.",
  "fund.product_form.title": "Add a loan product",
  "fund.product_form.code": "Product code",
  "fund.product_form.name": "Product name",
  "fund.product_form.method": "Interest method",
  "fund.product_form.rate": "Interest rate (% a year)",
  "fund.product_form.max_principal": "Maximum amount (baht)",
  "fund.product_form.max_months": "Maximum term (months)",
  "fund.product_form.guarantors": "Guarantors required",
  "fund.product_form.purposes": "Purposes it lends for (none ticked means any purpose)",
  "fund.product_form.grace_days": "Penalty grace (days after the due date)",
  "fund.product_form.penalty_fee": "Late fee per unpaid instalment (baht)",
  "fund.product_form.penalty_rate": "Daily penalty on the unpaid amount (% a year)",
  "fund.product_form.submit": "Save loan product",
  "fund.product_form.added": "Loan product {code} {name} added. Choose it in the loan form above",
  "fund.product_form.none": "No loan product yet",
  "fund.product_form.code_missing": "The product code is missing. Enter a code, such as GEN",
  "fund.product_form.name_missing":
    "The product name is missing. Enter a name, such as General loan",
  "fund.product_form.rate_invalid":
    "The rate is invalid. Enter a percentage a year from 0 to 100, such as 3 or 2.5",
  "fund.product_form.guarantors_invalid":
    "The number of guarantors is invalid. Enter a whole number from 0 up",
  "fund.product_form.grace_invalid": "The grace days are invalid. Enter a whole number from 0 up",
  "fund.product_form.fee_invalid":
    "The late fee is invalid. Enter an amount from 0 baht up, such as 50",
  "fund.months": "Term (months)",
  "fund.purpose": "Purpose",
  "fund.guarantors": "Guarantors' member numbers (comma-separated)",
  "fund.applied_on": "Applied on",
  "fund.approved_on": "Approved on",
  "fund.approved_by": "Approved by",
  "fund.minute_no": "Committee minute no.",
  "fund.disbursed_on": "Paid out on",
  "fund.disbursed": "Loan {loan} paid out",
  "fund.loans": "Loans",
  "fund.overdue": "Overdue",
  "fund.report": "Report",
  "fund.year_be": "Fiscal year (BE)",
  "fund.export_pdf": "Save as PDF",
  "fund.export_xlsx": "Save as Excel",
  "fund.months_count": "{months} months",
  "fund.effective_rate": "Equivalent declining-balance rate {pct}% a year",
  "fund.penalty_due": "Penalty due",
  "fund.record_repayment": "Record repayment",
  "fund.split": "Paid penalty {penalty}, interest {interest}, principal {principal} baht",
  "fund.repayments": "Money records",
  "fund.penalty": "Penalty",
  "fund.interest": "Interest",
  "fund.schedule": "Instalment schedule",
  "fund.instalment": "No.",
  "fund.due": "Due",
  "fund.total": "Total",
  "fund.transaction.disbursement": "Paid out",
  "fund.transaction.repayment": "Repayment",
  "fund.transaction.write_off": "Written off",
  "fund.agreement_pdf": "Print loan agreement (PDF)",
  "fund.receipt_pdf": "Print receipt",
  "fund.tab.pending": "Waiting applications",
  "fund.stage": "Record up to",
  "fund.stage.apply": "Application, for the committee to decide",
  "fund.stage.approve": "Approved, pay out later",
  "fund.stage.disburse": "Approved and paid out",
  "fund.submit.apply": "Record application",
  "fund.submit.approve": "Record approval",
  "fund.submit.disburse": "Record approval and pay out",
  "fund.applied":
    "Application {loan} recorded. The committee decides it under Waiting applications",
  "fund.approved_waiting": "Loan {loan} approved. Pay it out under Waiting applications",
  "fund.no_pending": "No application waits for a decision or a payout",
  "fund.approve": "Approve",
  "fund.reject": "Reject",
  "fund.pay_out": "Pay out",
  "fund.step.approve": "Record the approval of {loan}",
  "fund.step.reject": "Record the rejection of {loan}",
  "fund.step.disburse": "Pay out loan {loan}",
  "fund.decided_on": "Committee meeting date",
  "fund.decided_by": "Decided by (such as the committee chair)",
  "fund.reason": "Reason",
  "fund.approval_info": "Approved by {by} on {date}, minute {minute}",
  "fund.write_off_info": "Written off on {date}, approved by {by}, minute {minute}",
  "fund.done.approve": "Approval of {loan} recorded",
  "fund.done.reject": "Rejection of {loan} recorded",
  "fund.done.reverse": "Repayment reversed; the outstanding principal is updated",
  "fund.done.reschedule": "Schedule version {version} saved",
  "fund.done.write_off": "Loan {loan} written off",
  "fund.confirm.approve_title": "Approve this loan?",
  "fund.confirm.approve_message":
    "Approve loan {loan} of {member} for {amount} baht under minute {minute}. An approval cannot be undone.",
  "fund.confirm.reject_title": "Reject this application?",
  "fund.confirm.reject_message":
    "Record that the committee rejected application {loan} of {member} under minute {minute}. Reason: {reason}. This cannot be undone; the member must apply again.",
  "fund.confirm.disburse_title": "Pay out this loan?",
  "fund.confirm.disburse_message":
    "Pay {amount} baht in cash to {member} under loan {loan} on {date} and start its schedule. A posted payout cannot be edited.",
  "fund.confirm.reverse_title": "Reverse this repayment?",
  "fund.confirm.reverse_message":
    "Reverse the repayment of {amount} baht on {date} of loan {loan}. A reversal entry is posted and the repayment stays on record. The reversal cannot be undone.",
  "fund.confirm.reschedule_title": "Save the new schedule?",
  "fund.confirm.reschedule_message":
    "Reschedule loan {loan} over {months} instalments from {date} under minute {minute}, approved by {by}. The old schedule is kept, but the rescheduling cannot be undone.",
  "fund.confirm.write_off_title": "Write off this loan?",
  "fund.confirm.write_off_message":
    "Write off the {amount} baht of principal that loan {loan} still owes, on {date}, under minute {minute}, approved by {by}. A written-off loan takes no more repayments and cannot be restored.",
  "fund.action.reverse": "Reverse latest repayment",
  "fund.action.reschedule": "Reschedule",
  "fund.action.write_off": "Write off",
  "fund.latest_repayment": "Latest repayment: {amount} baht on {date}",
  "fund.reverse_note": "Why it is reversed",
  "fund.reschedule_date": "New schedule starts on",
  "fund.write_off_date": "Write-off date",
  "fund.new_months": "New term (months)",
  "fund.new_rate": "New rate (% a year; blank keeps the loan's)",
  "fund.new_method": "Interest method",
  "fund.method.keep": "Keep the loan's method",
  "fund.preview": "Show new schedule",
  "fund.confirm_reschedule": "Save new schedule",
  "fund.plan_summary":
    "Schedule version {version}: principal owed {principal} baht, unpaid interest {arrears} baht (due on its first day), penalty carried over {penalty} baht, rate {rate}% a year, {method}",
  "fund.reversal_mark": "reversal",
  "fund.reversed_mark": "reversed",
  "fund.reschedulings": "Reschedulings",
  "fund.rescheduling_info":
    "Version {version} from {date}: {months} instalments on {principal} baht, approved by {by}, minute {minute}. Reason: {reason}",
  "fund.schedule_version": "Instalment schedule (version {version})",
  "fund.rate_invalid":
    "The rate is invalid. Enter a percentage such as 3 or 2.5, or leave it blank to keep the loan's",
  "fund.amount_invalid": "The amount is invalid. Enter a number above zero, such as 1,234.50",
  "fund.months_invalid": "The term is invalid. Enter a whole number of months",
  "fund.year_invalid": "The fiscal year is invalid. Enter a four-digit BE year, such as 2568",

  "error.amount_not_positive": "The amount must be above zero. Enter the amount again.",
  "error.decision_before_application":
    "The decision is dated before the loan application. Check the date of the committee meeting.",
  "error.decision_incomplete":
    "Who decided or the number of the committee's minute is missing. Fill in both before saving.",
  "error.disbursement_before_approval":
    "The payout is dated before the approval. Check the payout date.",
  "error.fiscal_year_closed":
    "This fiscal year is closed, so nothing can be posted in it. Date the entry in a year that is still open.",
  "error.fiscal_year_earlier_open": "An earlier fiscal year is still open. Close that year first.",
  "error.guarantee_limit_exceeded":
    "This guarantor would guarantee more than the limit per guarantor. Choose another guarantor or lend less.",
  "error.guarantor_is_borrower":
    "A borrower cannot guarantee their own loan. Choose another member as guarantor.",
  "problem.guarantor_is_borrower":
    "Borrower {member_no} is also named as a guarantor of their own loan. That guarantee was left out; check the guarantors in the sheet.",
  "error.guarantors_missing": "This loan product needs more guarantors. Add a guarantor.",
  "error.invalid_journal_line":
    "The journal line cannot be read. Write it as ACCOUNT=BAHT, such as 1101=500.",
  "error.journal_entry_reversed":
    "This journal entry is already reversed or is a reversal, so it cannot be reversed again.",
  "error.journal_source_posted": "This record is already posted to the journal.",
  "error.journal_unbalanced":
    "Debits and credits differ, so this cannot be saved or reported. Check each line's amount; if an older entry is at fault, tell the administrator.",
  "error.loan_above_product_maximum":
    "The amount is above the maximum of this loan product. Lend less or choose another product.",
  "error.loan_before_joined":
    "The loan is dated before the borrower or a guarantor became a member. Check the date.",
  "error.loan_exists": "A loan with this contract number already exists. Use another number.",
  "error.loan_not_active": "This loan is not being repaid, so this cannot be done.",
  "error.loan_not_applied": "This loan was already decided.",
  "error.loan_not_approved": "This loan is not approved yet, so it cannot be paid out.",
  "error.loan_principal_invalid": "The loan amount must be above zero.",
  "error.loan_product_exists": "A loan product with this code already exists. Use another code.",
  "error.loan_purpose_not_allowed":
    "This loan product does not lend for this purpose. Choose another purpose or product.",
  "error.loan_rate_invalid": "The interest rate is above 100% a year. Check the rate.",
  "error.loan_term_above_product_maximum":
    "The term is longer than this loan product allows. Choose fewer months.",
  "error.loan_term_invalid": "The term must be 1 to 360 months.",
  "error.loan_terms_too_small":
    "The amount is too small for this many instalments. Lend more or choose fewer months.",
  "error.loan_rejected": "This loan was rejected, so it has no agreement to print.",
  "error.not_a_repayment":
    "This is not a loan repayment, so it has no receipt. Choose a repayment.",
  "error.member_not_active": "This member has resigned or died, so this cannot be done.",
  "error.reason_missing": "The reason is missing. Write why in a few words before saving.",
  "error.repayment_before_last":
    "The payment is dated before the loan's latest payment or rescheduling. Date it on or after that day.",
  "error.repayment_exceeds_balance":
    "The payment is more than what pays the loan off. Check the amount.",
  "error.repayment_not_latest":
    "Only the latest repayment can be reversed. Reverse the later ones first.",
  "error.savings_account_exists":
    "A savings account with this number already exists. Use another number.",
  "error.savings_balance_negative":
    "Reversing this would take the balance below zero. Reverse the later withdrawals first.",
  "error.savings_before_opening": "The date is before the account was opened. Check the date.",
  "error.savings_below_minimum":
    "The withdrawal would leave less than the account's minimum balance. Withdraw less.",
  "error.savings_interest_too_early":
    "This fiscal year has not ended yet. Post its interest after the year's last day.",
  "error.savings_minimum_negative": "The minimum balance cannot be below zero.",

  "problem.amount_not_positive":
    "The amount in this row must be above zero. Correct it in the file.",
  "problem.duplicate_loan_no":
    "This contract number repeats an earlier row of the loan register. Correct it in the file.",
  "problem.loan_before_joined":
    "The loan is dated before its borrower or a guarantor became a member. Imported as written; check the date.",
  "problem.loan_exists":
    "This contract is already in the loan book (entered outside this import), so this row was not imported.",
  "problem.loan_not_found":
    "This contract is neither in the file nor in the loan book. Check the contract number.",
  "problem.loan_rounding_leftover":
    "This contract still owes less than one baht of principal because the file's instalments were rounded down. Collect it or write it off.",
  "problem.loan_terms_changed":
    "This contract was imported before with other terms and was left as it is. Reschedule it on the loan's screen.",
  "problem.loan_principal_invalid":
    "The loan amount in this row is invalid. Correct it in the file.",
  "problem.loan_rate_invalid":
    "The interest rate in this row is above 100% a year. Correct it in the file.",
  "problem.loan_term_invalid":
    "The term in this row must be 1 to 360 months. Correct it in the file.",
  "problem.loan_terms_too_small":
    "The amount in this row is too small for its number of instalments. Correct it in the file.",
  "problem.repayment_before_loan":
    "This repayment is dated before its loan. Correct it in the file.",
  "problem.repayment_exceeds_balance":
    "This row repays more principal than the contract still owes, so it was not imported.",
  "problem.repayment_parts_mismatch":
    "The amount is not principal plus interest plus penalty. Correct it in the file.",
  "problem.unknown_method": "Unknown interest method. Write คงที่ (flat) or ลดต้นลดดอก (declining).",
  "problem.repayment_repeated":
    "This repayment row repeats an earlier row in every value. It was imported; check that the repayment was not entered twice.",
};
