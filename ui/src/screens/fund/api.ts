// Typed wrappers of the community bank's shell commands (`fund_…`), built
// on `call` from lib/api.ts. Dates go in as the Buddhist-era text typed,
// such as "15/01/2568", and come back as ISO dates.

import { call } from "../../lib/api";
import type {
  ArrearsView,
  JournalReport,
  LoanApproval,
  LoanRow,
  LoanView,
  NewLoan,
  NewProduct,
  PendingLoanRow,
  ProductRow,
  RepaymentInput,
  RepaymentSplit,
  ReportView,
  ReschedulePlan,
  ReschedulingInput,
  SavingsBook,
  SavingsMovement,
} from "../../lib/ipc-fund";

export const savingsOf = (memberNo: string) => call<SavingsBook[]>("fund_savings_of", { memberNo });
export const deposit = (movement: SavingsMovement) =>
  call<SavingsBook>("fund_deposit", { movement });
export const withdraw = (movement: SavingsMovement) =>
  call<SavingsBook>("fund_withdraw", { movement });
export const listProducts = () => call<ProductRow[]>("fund_list_products");
/** Stores a new loan product; returns its code. */
export const addProduct = (product: NewProduct) => call<string>("fund_add_product", { product });
export const listLoans = (asOf: string) => call<LoanRow[]>("fund_list_loans", { asOf });
export const getLoan = (loanNo: string, asOf: string) =>
  call<LoanView>("fund_loan", { loanNo, asOf });
/** Records an application with its approval; returns the contract number. */
export const applyAndApprove = (loan: NewLoan, approval: LoanApproval) =>
  call<string>("fund_apply_and_approve", { loan, approval });
/** Records an application that waits for the committee; returns the contract number. */
export const apply = (loan: NewLoan) => call<string>("fund_apply", { loan });
export const pendingLoans = () => call<PendingLoanRow[]>("fund_pending_loans");
export const approve = (approval: LoanApproval) => call<void>("fund_approve", { approval });
export const reject = (decision: LoanApproval, reason: string) =>
  call<void>("fund_reject", { decision, reason });
/** Reverses a repayment with a reversal entry; returns the reversal's id. */
export const reverseRepayment = (transactionId: number, note: string) =>
  call<number>("fund_reverse_repayment", { transactionId, note });
/** The new schedule `change` would give, saving nothing. */
export const planReschedule = (loanNo: string, change: ReschedulingInput) =>
  call<ReschedulePlan>("fund_plan_reschedule", { loanNo, change });
export const reschedule = (loanNo: string, change: ReschedulingInput) =>
  call<ReschedulePlan>("fund_reschedule", { loanNo, change });
export const writeOff = (decision: LoanApproval) => call<void>("fund_write_off", { decision });
export const disburse = (loanNo: string, date: string) =>
  call<LoanView>("fund_disburse", { loanNo, date });
export const repay = (payment: RepaymentInput) => call<RepaymentSplit>("fund_repay", { payment });
export const arrears = (asOf: string) => call<ArrearsView>("fund_arrears", { asOf });
export const report = (report: JournalReport, yearBe: number) =>
  call<ReportView>("fund_report", { report, yearBe });
/** Writes a report as PDF when `path` ends in .pdf, else as Excel. */
export const exportReport = (report: JournalReport, yearBe: number, path: string) =>
  call<void>("fund_export_report", { report, yearBe, path });
export const writeStatement = (memberNo: string, path: string) =>
  call<number>("fund_write_statement", { memberNo, path });
export const writeAgreement = (loanNo: string, path: string) =>
  call<number>("fund_write_agreement", { loanNo, path });
export const writeReceipt = (transactionId: number, path: string) =>
  call<number>("fund_write_receipt", { transactionId, path });
