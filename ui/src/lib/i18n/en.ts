// English. The type makes a missing or extra key a compile error;
// i18n.test.ts checks the same at test time, with the placeholders.

import type { MessageKey } from "./th";
import { exchange } from "./en.exchange";
import { fund } from "./en.fund";
import { places } from "./en.places";
import { waste } from "./en.waste";

export const en: Record<MessageKey, string> = {
  ...exchange,
  ...fund,
  ...places,
  ...waste,
  "app.name": "Chumchon",
  "app.tagline": "Members and shares",
  "app.version": "Version {version}",

  "nav.label": "Main menu",
  "nav.members": "Members",
  "nav.import": "Import",
  "nav.dividends": "Dividends",
  "nav.settings": "Settings",

  "common.cancel": "Cancel",
  "common.dismiss": "Dismiss message",
  "common.loading": "Loading…",
  "common.back": "Back",
  "common.next": "Next",
  "common.close": "Close",
  "common.yes": "Yes",
  "common.no": "No",

  "members.title": "Member register",
  "members.list": "Members",
  "members.search": "Search",
  "members.search_placeholder": "Name, member number, national ID or phone",
  "members.community": "Community",
  "members.community_all": "All communities",
  "members.sort": "Sort by",
  "members.sort_member_no": "Member number",
  "members.sort_name": "Thai name",
  "members.count": "{count} members found",
  "members.none": "No member matches the search",
  "members.member_no": "Member no.",
  "members.name": "Name",
  "members.national_id": "National ID",
  "members.phone": "Phone",
  "members.address": "Address",
  "members.joined": "Joined",
  "members.status": "Status",
  "members.shares": "Shares",
  "members.notes": "Notes",
  "members.review": "Check",
  "members.review_hint": "The national ID is invalid (its check digit does not match)",
  "members.review_detail":
    "This member's national ID is invalid (its check digit does not match). Check it against the ID card, then correct it with “Edit details”.",
  "members.history": "Share history",
  "members.history_none": "No share transactions yet",
  "members.history_date": "Date",
  "members.history_kind": "Transaction",
  "members.history_shares": "Shares",
  "members.history_amount": "Amount (baht)",
  "members.history_balance": "Balance (shares)",
  "members.history_reversal": "reversal",

  "member_status.active": "Active",
  "member_status.resigned": "Resigned",
  "member_status.deceased": "Deceased",

  "share_kind.opening": "Opening balance",
  "share_kind.purchase": "Purchase",
  "share_kind.withdrawal": "Withdrawal",
  "share_kind.transfer": "Transfer",

  "dividends.title": "Dividends",
  "dividends.year": "Fiscal year (BE)",
  "dividends.method": "Method",
  "dividends.method_share_months": "By monthly holdings (share-months)",
  "dividends.method_year_end": "By year-end holdings",
  "dividends.basis": "Amount set by",
  "dividends.basis_pool": "Total dividend pool (baht)",
  "dividends.basis_rate": "Yearly rate (%)",
  "dividends.pool_label": "Dividend pool (baht)",
  "dividends.rate_label": "Rate (% a year)",
  "dividends.pool_hint": "For example 150,000.00; it is split in proportion, to the satang.",
  "dividends.rate_hint": "For example 5 or 3.25 (at most 4 decimals).",
  "dividends.pool_invalid":
    "Enter the pool in baht, above zero, with at most 2 decimals, such as 150,000.00.",
  "dividends.rate_invalid": "Enter a percentage above zero and at most 100, such as 5 or 3.25.",
  "dividends.compute": "Compute dividend",
  "dividends.result_title": "Dividend for {year}",
  "dividends.period": "Fiscal year {from} to {to}",
  "dividends.status_preview": "Preview",
  "dividends.status_draft": "Draft, not approved",
  "dividends.status_approved": "Approved",
  "dividends.status_reversed": "Reversed",
  "dividends.table": "Dividend by member",
  "dividends.share_months": "Share-months",
  "dividends.year_end_shares": "Year-end shares",
  "dividends.amount": "Dividend (baht)",
  "dividends.total": "Total",
  "dividends.members": "{count} members",
  "dividends.approve": "Approve dividend",
  "dividends.approve_title": "Approve the dividend?",
  "dividends.approve_message":
    "Approve the {year} dividend of {total} baht for {count} members? Once approved, the figures are locked and the slips can be printed. If you find a mistake later, press “Reverse dividend” and compute it again.",

  "import.title": "Import from a spreadsheet",
  "import.steps": "Import steps",
  "import.step_file": "Choose file",
  "import.step_sheet": "Choose sheet",
  "import.step_preview": "Check before import",
  "import.step_result": "Result",
  "import.progress": "Reading rows",
  "import.file": "File to import",
  "import.choose_file": "Choose file…",
  "import.no_file": "No file chosen",
  "import.file_hint": "Excel (.xlsx, .xls), LibreOffice (.ods) and CSV files",
  "import.file_filter": "Spreadsheets",
  "import.kind": "This file is",
  "import.kind_members": "A community's member register",
  "import.kind_ledger": "A share ledger (purchases, withdrawals, transfers)",
  "import.sheet_intro":
    "{file} has these sheets. The one that looks like the data you chose is selected.",
  "import.sheet": "Sheet",
  "import.sheet_stats": "{rows} data rows, {fields} known columns",
  "import.header_at": "Header in row {row}",
  "import.suggested": "Suggested",
  "import.suggested_why":
    "The suggested sheet is the one whose header matches the most known columns and that has the most rows.",
  "import.role_register": "Table",
  "import.role_summary": "Summary or notes",
  "import.role_empty": "Empty",
  "import.role_other": "Other",
  "import.community": "Community name",
  "import.community_hint": "The community this register belongs to; it is created if new.",
  "import.show_preview": "Check the data",
  "import.imported_before":
    "This file was imported on {date} at {time}. Importing it again changes nothing.",
  "import.summary": "Sheet {sheet}",
  "import.rows_read": "Rows read",
  "import.to_import": "To import",
  "import.skipped": "Skipped (blank, total, repeated header)",
  "import.errors": "Errors",
  "import.warnings": "Warnings",
  "import.columns": "Column mapping",
  "import.column": "Column",
  "import.column_header": "Header in the file",
  "import.column_field": "Read as",
  "import.column_unused": "not used",
  "import.problems": "{count} problems found",
  "import.severity": "Level",
  "import.severity_error": "Error",
  "import.severity_warning": "Warning",
  "import.where": "Where",
  "import.value": "Value in the file",
  "import.message": "Details",
  "import.row_n": "Row {row}",
  "import.column_n": "Column {column}",
  "import.changed": "{count} rows differ from the stored data",
  "import.changed_hint":
    "These rows were imported before but now read differently. Tick the rows whose new values should be used; unticked rows are skipped.",
  "import.accept_all": "Use all new values",
  "import.skip_all": "Skip all",
  "import.rows": "{count} rows read",
  "import.rows_label": "Rows read",
  "import.row": "Row",
  "import.status": "Result",
  "import.status_new": "New",
  "import.status_unchanged": "Already there",
  "import.status_changed": "Changed",
  "import.status_updated": "Updated",
  "import.status_checked": "Matches what is recorded",
  "import.status_rejected": "Not imported",
  "import.commit": "Import {count} records",
  "import.result_done": "Import finished",
  "import.result_nothing": "Nothing to import",
  "import.result_imported": "Imported",
  "import.result_updated": "Updated to new values",
  "import.result_backup": "Database backed up before the import to",
  "import.result_no_backup": "No backup (nothing changed)",
  "import.result_not_imported": "Rows not imported",
  "import.again": "Import another file",
  "import.show_members": "Show the member register",

  "import.field.seq": "Row number",
  "import.field.member_no": "Member no.",
  "import.field.title": "Title",
  "import.field.first_name": "First name",
  "import.field.last_name": "Last name",
  "import.field.name": "Name",
  "import.field.full_name": "Name",
  "import.field.national_id": "National ID",
  "import.field.phone": "Phone",
  "import.field.address": "Address",
  "import.field.house_no": "House no.",
  "import.field.moo": "Moo",
  "import.field.soi": "Soi",
  "import.field.road": "Road",
  "import.field.subdistrict": "Subdistrict",
  "import.field.district": "District",
  "import.field.province": "Province",
  "import.field.postcode": "Postcode",
  "import.field.community": "Community",
  "import.field.zone": "Zone",
  "import.field.joined": "Joined",
  "import.field.status": "Status",
  "import.field.notes": "Notes",
  "import.field.shares": "Shares",
  "import.field.share_value": "Share value",
  "import.field.date": "Date",
  "import.field.entry": "Entry",
  "import.field.kind": "Entry",
  "import.field.amount": "Amount",
  "import.field.payment": "Paid by",
  "import.field.receipt_no": "Receipt no.",
  "import.field.material": "Material",
  "import.field.weight": "Weight (kg)",
  "import.field.price": "Price per kg",
  "import.field.point": "Collection point",
  "import.field.principal": "Principal",
  "import.field.rate": "Interest rate",
  "import.field.months": "Term (months)",

  "import.entry.opening": "Opening balance",
  "import.entry.purchase_cash": "Purchase (cash)",
  "import.entry.purchase_plastic_credit": "Purchase (plastic credit)",
  "import.entry.purchase_dividend": "Purchase (from dividend)",
  "import.entry.withdrawal": "Withdrawal",
  "import.entry.transfer_out": "Transfer out",
  "import.entry.transfer_in": "Transfer in",

  "problem.cell_error":
    "The cell holds an Excel formula error (such as #REF!). Fix it in the file and import again.",
  "problem.cells_outside_table": "Some cells lie outside the table and were not read.",
  "problem.missing_column":
    "The header has no “{field_name}” column, which is required. Check the column names in the file.",
  "problem.missing_value": "This cell is empty but must have a value. Fill it in and import again.",
  "problem.community_missing":
    "No community given. Enter the community name when choosing the sheet.",
  "problem.first_name_missing":
    "Member {member_no} has no first name, so the row was not imported.",
  "problem.invalid_date": "The date cannot be read; write it as 31/12/2567 or 31 ธ.ค. 2567.",
  "problem.nonexistent_date": "This date does not exist (such as 31 April). Fix it in the file.",
  "problem.invalid_money": "The amount cannot be read; it should be a number such as 1,234.50.",
  "problem.decimals_rounded":
    "This number has more decimals than the column keeps, so it was rounded. Check whether the extra digits are a typing mistake.",
  "problem.invalid_number": "The number cannot be read; it should be a whole number such as 10.",
  "problem.status_from_notes":
    "The notes of {member_no} say the member left or died, and the sheet has no status, so the status is recorded as “{status}”. Check it.",
  "problem.invalid_status": "Unknown status; use ปกติ, ลาออก or เสียชีวิต.",
  "problem.invalid_national_id": "A national ID must be 13 digits.",
  "problem.invalid_national_id_length": "The national ID does not have 13 digits.",
  "problem.national_id_check_digit":
    "The check digit of {member_no}'s national ID is wrong, perhaps a typo. The row was imported and marked “Check”; compare it with the ID card.",
  "problem.national_id_taken":
    "This national ID already belongs to {holder}, so the row of {member_no} was not imported. Check whether they are the same person or the number is mistyped.",
  "problem.negative_shares": "The share count is negative. Fix it in the file.",
  "problem.shares_not_positive": "The share count must be above zero.",
  "problem.share_value_mismatch": "The share value does not equal shares times the par value.",
  "problem.register_balance_mismatch":
    "The member register states {stated} shares for {member_no} on {date}, but {recorded} are recorded. Please check.",
  "problem.transfer_unpaired": "The transfer has no matching other side (out and in).",
  "problem.transfer_to_self":
    "{member_no} transfers {shares} shares to themselves on {date}. A transfer needs two members: correct the member number of this {side} row or of its other side.",
  "problem.unusual_phone": "The phone number looks unusual. Please check it.",
  "problem.member_not_found": "No member has number {member_no}. Import the member register first.",
  "problem.opening_balance_mismatch":
    "The ledger brings forward {stated} shares for {member_no} on {date}, but the recorded entries give {recorded}. The recorded balance is kept; check the entries before {date}.",
  "problem.cancelled_entry":
    "The entry is marked cancelled, so it is not imported. Delete the row, or record shares given back as ถอนหุ้น.",
  "problem.dividend_year_approved":
    "The {year} dividend is approved, and an entry in that year would change the balances it was paid on. Reverse the {year} dividend run first.",
  "problem.date_in_future":
    "The entry is dated {date}, after today. Check the Buddhist-era year in the file.",
  "problem.looks_like_share_ledger":
    "This sheet has an entry column (ยกมา, ซื้อหุ้น, ถอนหุ้น) like a share ledger, not a member register. Import it as a share ledger.",
  "problem.member_no_other_community":
    "Member number {member_no} belongs to a member of {community}, but this row is for another community, so it was not imported. Check the community, or give the member another number.",
  "problem.member_no_other_person":
    "Member number {member_no} belongs to {holder}, but this row names someone else, so it was not imported. Check the member number.",
  "problem.plastic_credit_short":
    "{member_no} bought shares with plastic credit on {date}, but their recorded credit falls {short} baht short. Import the deposits credited before {date}.",
  "problem.no_rows":
    "The sheet has a header but no rows below it, so there is nothing to import. Check that this is the right file and sheet.",
  "problem.community_created_close":
    "A new community named {name} was created, but {closest} already exists with a close name. If the sheet meant that community, import it again with its name.",
  "problem.national_id_exponent":
    "Excel shortened this national ID to a number in E notation (such as 1.1001E+12), which lost its last digits. Format the column as text and type the ID again.",
  "problem.unknown_entry": "Unknown entry. Use ยกมา, ซื้อหุ้น, ถอนหุ้น, โอนออก or โอนเข้า.",

  "dividends.save_slips": "Save slips (PDF)…",
  "dividends.slips_need_approval": "Approve the dividend before printing its slips",
  "dividends.slips_name": "dividend-slips-{year}.pdf",
  "dividends.export_name": "dividend-{year}.xlsx",
  "dividends.pdf_filter": "PDF document",
  "dividends.slips_progress": "Writing slips",
  "dividends.slips_saved": "Saved {count} slips ({pages} pages) to {path}",
  "dividends.open_slips": "Open the PDF",
  "members.export": "Export to Excel…",
  "members.export_name": "members.xlsx",
  "members.excel_filter": "Excel workbook",
  "members.exported": "Saved {path}",

  "settings.title": "Settings",
  "settings.saved": "Settings saved",
  "settings.database": "Database file",
  "settings.database_path": "Open database",
  "settings.database_hint":
    "All members, shares and dividends are kept in this file. Back it up regularly.",
  "settings.database_open": "Open another database…",
  "settings.database_new": "Create a new database…",
  "settings.database_filter": "Chumchon database",
  "settings.database_opened": "Database opened. The app will open this file next time.",
  "settings.language": "Language",
  "settings.language_label": "Language of the app",
  "settings.slips": "Dividend slips",
  "settings.slip_layout": "Paper",
  "settings.slip_layout_a5": "A5, one slip a sheet",
  "settings.slip_layout_a4_two_up": "A4, two slips a sheet",
  "settings.slip_sort": "Order",
  "settings.slip_sort_member_no": "By member number",
  "settings.slip_sort_name": "By Thai name",

  "error.unknown": "An unexpected error occurred (code {code}). Please tell your administrator.",
  "error.shell":
    "The app failed. Close and reopen it; if this happens again, tell your administrator.",
  "error.unavailable": "This version cannot do this yet ({feature}).",
  "error.no_database": "No folder was found for the database. Choose a database file in Settings.",
  "error.database":
    "Reading or writing the database failed. Try again; if it still fails, check that no other program has the database open.",
  "error.io":
    "Cannot open or save {path}. Check that the file exists and that you may write to its folder.",
  "error.file_exists": "{path} already exists. Choose another file name.",
  "error.database_too_new":
    "This database was made by a newer Chumchon (schema {found}; this version supports up to {supported}). Install the newer version.",
  "error.not_found": "The record ({key}) was not found. It may have been removed or renumbered.",
  "error.open_failed":
    "No program could open {path}. Install a PDF reader, or open the file yourself from the folder where it was saved.",
  "error.pdf": "Creating the PDF failed. Try saving it in another folder.",
  "error.xlsx":
    "Creating the Excel file failed. Check that the old file is not open in Excel, then try again.",
  "error.json": "Stored data could not be read. Please tell your administrator.",
  "error.import_unreadable":
    "Cannot read {path}. Check that it is an Excel, ODS or CSV file and that no other program has it open.",
  "error.already_reversed": "This entry has already been reversed and cannot be reversed again.",
  "error.amount_overflow": "The amount is larger than the program can record. Check the figures.",
  "error.community_name_missing": "No community name was given. Type the community's name.",
  "error.database_is_folder": "That is a folder, not a database file. Choose a file ending in .db.",
  "error.database_not_empty":
    "This database already has members. Demo data goes only into an empty database.",
  "error.database_not_found":
    "The database file was not found. Check the path, or choose another file in Settings.",
  "error.database_read_only":
    "This database file is read-only. Copy it to a folder you can write to, or allow writing to it, and open it again.",
  "error.database_wal_unreadable":
    "This database cannot be read here, because its latest changes are still in the file of the same name ending in -wal, and this folder cannot be written. Copy both files together to a folder you can write to, and open the copy.",
  "error.dividend_approved":
    "This year's dividend is approved and locked. To compute it again, press “Reverse dividend” first.",
  "error.dividend_year_approved":
    "The dividend of the year this entry is dated in is approved, and a share movement in that year would make it wrong. Reverse that year's dividend run first, or date the entry in a later year.",
  "error.dividend_empty":
    "This dividend pays no member, because no member held shares in that year. Check the year, or import the year's share ledger first.",
  "error.database_not_chumchon":
    "This SQLite file belongs to another program, so Chumchon left it untouched. Open a Chumchon database, or give a new file name to start one.",
  "error.database_busy":
    "Another Chumchon window or program is writing to this database. Wait until it finishes or close it, then try again.",
  "error.export_not_xlsx": "The export is an Excel workbook. Give a file name ending in .xlsx.",
  "error.dividend_year_not_started":
    "This fiscal year has not started yet, so it has no dividend. Check the year.",
  "error.dividend_not_approved":
    "This year's dividend is not approved yet. Press “Approve dividend” first.",
  "error.dividend_not_draft": "This year's dividend is already approved.",
  "error.dividend_paid":
    "This member's dividend for the year is already paid; it cannot be paid twice.",
  "error.first_name_missing": "The member has no first name. Fill it in.",
  "error.import_damaged_file":
    "This file is damaged or is not a spreadsheet. Open it in Excel or LibreOffice, save it again, and import it.",
  "error.import_empty_file":
    "This file is empty; there is nothing to import. Check that you chose the right file.",
  "error.import_header_not_found":
    "No header row was found in this file. Check that the columns have names such as member number, first name, last name.",
  "error.import_password_protected":
    "This file is protected with a password. Open it in Excel, remove the password (File > Info > Protect Workbook), save it and import again.",
  "error.import_sheet_not_found": "The chosen sheet is not in this file. Choose another sheet.",
  "error.import_unsupported_format":
    "Only Excel (.xlsx, .xls), ODS and CSV files can be imported. Save the file in one of these formats first.",
  "error.invalid_date": "This date cannot be read. Write it as 31/12/2567 or 31 ธ.ค. 2567.",
  "error.invalid_output_path":
    "The path to save to cannot be used. Choose another folder and file name.",
  "error.invalid_pool":
    "The dividend pool cannot be read. It should be a number such as 12,345.67.",
  "error.invalid_rate":
    "The dividend rate cannot be read. It should be a percentage such as 5 or 3.5.",
  "error.invalid_year": "This year cannot be used. Give a Buddhist-era year such as 2567.",
  "error.member_no_missing": "The member number is missing. Fill it in.",
  "error.member_no_taken": "This member number is already in use. Choose another.",
  "error.missing_amount": "Give either the dividend pool or the dividend rate in percent.",
  "error.national_id_taken":
    "This national ID already belongs to another member. Check whether it is the same person.",
  "error.no_data_folder":
    "The program's data folder cannot be found. Choose a database file yourself.",
  "error.no_shareholders":
    "No member held shares in this fiscal year, so nobody gets a dividend. Check the Buddhist-era year and that the share register is imported.",
  "error.output_is_database":
    "The file to save is the database itself; writing over it would lose every record. Choose another file name.",
  "error.pool_not_positive": "The dividend pool must be above zero. Give the amount to share out.",
  "error.purchase_needs_payment":
    "A share purchase needs a payment method (cash, plastic credit or dividend).",
  "error.reversal_of_reversal": "This entry is itself a reversal and cannot be reversed.",
  "error.share_balance_above_maximum":
    "The member would hold more than the maximum number of shares. Lower the number of shares.",
  "error.share_balance_below_minimum":
    "The member would hold fewer than the minimum number of shares. Withdraw all shares or keep at least the minimum.",
  "error.share_balance_negative":
    "The member does not hold enough shares for this; a share balance cannot go below zero.",
  "error.shares_not_positive": "The number of shares must be above zero.",
  "error.transfer_needs_receiver": "A share transfer needs the receiving member.",
  "error.transfer_to_self": "A member cannot transfer shares to themself. Choose another receiver.",
  "error.alias_empty":
    "The material name is empty. Type the name the sheets use, such as ขวด PET สี.",
  "error.buyer_name_missing": "The buyer has no name. Fill in the buyer's or shop's name.",
  "error.collector_exists":
    "A collector with this name already exists. Pick them from the list or use another name.",
  "error.collector_name_missing": "The collector has no name. Fill in the name.",
  "error.credit_insufficient":
    "The member does not have enough plastic credit. Lower the amount or the number of shares.",
  "error.credit_needs_member":
    "Only members have a plastic-credit account. Pay a household that is not a member in cash.",
  "error.credit_used":
    "This deposit's credit was already turned into shares or paid out, so the deposit cannot be reversed. Reverse the conversion or payment first.",
  "error.deposit_sold":
    "Material from this deposit was already sold. Reverse the sale first, then the deposit.",
  "error.deposit_without_lines": "A deposit needs at least one material and weight.",
  "error.depositor_missing": "No depositor is chosen. Pick a member or a household.",
  "error.invalid_material_code":
    "A material code may hold only capital letters, digits and _, such as PET_CLEAR.",
  "error.invalid_price": "The price cannot be read. Give baht per kilogram, such as 8.50.",
  "error.community_name_close":
    "This community is not in the register, but another has a close name. Choose the existing community, or confirm that this is a new one.",
  "error.price_from_long_ago":
    "The price's first day is before 2493 (1950), which is surely a mistyped year. Give the date in the Buddhist era, such as 1/3/2568.",
  "error.price_out_of_range": "The price is above 100,000 baht a kilogram. Check the number.",
  "error.invalid_weekday": "The weekday must be 1 (Monday) to 7 (Sunday).",
  "error.invalid_weight": "The weight cannot be read. Give kilograms, such as 12.5.",
  "error.weight_out_of_range":
    "The weight is above 100,000 kilograms for one line. Check the number.",
  "error.material_code_taken": "A material with this code already exists. Use another code.",
  "error.material_name_missing": "The material has no Thai name. Fill in the name.",
  "error.par_not_positive": "The share par value is not set or is zero. Set it under Settings.",
  "error.pay_negative": "A collector's pay cannot be below zero. Check the amount.",
  "error.period_reversed": "The period ends before it starts. Check the dates.",
  "error.point_ambiguous":
    "Several communities have a collection point with this name. Name the community too.",
  "error.point_name_missing": "The collection point has no name. Fill in the name.",
  "error.price_missing":
    "This material has no price on the record's date. Set one in the price list or give the price.",
  "error.sale_without_lines": "A sale needs at least one material and weight.",
  "error.stock_exceeded":
    "The sale weighs more than the stock holds. Check the weight, or confirm to record it anyway.",
  "error.weight_not_positive": "The weight must be above zero. Check the weight.",
  "error.zone_name_missing": "The zone or soi has no name. Fill in the name.",
  "error.not_built": "This command is not available in this version of Chumchon.",
  "error.year_not_buddhist_era":
    "That looks like a Christian-era year. Give the Buddhist-era year, such as 2567.",
  "problem.material_unknown":
    "This material name is unknown. Match it to a material in the list, then check again.",
  "problem.value_mismatch":
    "The row's amount is not its weight times its price. The amount was imported as written; check this row in the file.",
  "problem.joined_in_future":
    "The join date of {member_no} ({date}) is in the future. Check the year in the file.",
  "problem.joined_long_ago":
    "The join date of {member_no} ({date}) is before 2493 (1950), which is unlikely. Check the year, or leave the date empty if it is not known.",
  "problem.date_long_ago":
    "The entry is dated {date}, before 2493 (1950), which is unlikely. Check the year.",
  "problem.weight_out_of_range":
    "The weight is above 100,000 kilograms for one row, so the row was not imported. Check the number.",
  "problem.price_out_of_range":
    "The price is above 100,000 baht a kilogram, so the row was not imported. Check the number.",
  "problem.receipt_repeated":
    "This row repeats row {first_row}, receipt {receipt} included. Both were imported; check whether it was entered twice.",
  "problem.joined_after_as_of":
    "{member_no} joined on {date}, after the date the register's balances are stated on, so their shares are recorded before they joined. Check the join date or the register's date.",
  "problem.as_of_in_future":
    "The share balances would be stated as of {date}, a date still to come. Correct the year in the sheet's title, save the file and import it again.",
  "problem.as_of_long_ago":
    "The share balances would be stated as of {date}, before 2493 (1950). The year is surely mistyped; correct the date in the sheet's title and import again.",
  "problem.joined_not_a_date":
    "The join date cell is not a date; the member was imported without one.",
  "problem.member_no_repeated":
    "Member number {member_no} repeats row {first_row} of the same file, so this row was not imported. Correct the number in the file.",
  "problem.share_balance_negative":
    "{member_no} holds only {held} shares on {date}, not enough for this entry, so the row was not imported.",
  "problem.shares_out_of_range":
    "The share count is implausibly large, so the row was not imported. Check the figure in the file.",
  "problem.unbalanced_quote":
    'A double quote (") in the CSV file opens but never closes. Check this row in the file.',
  "problem.negative_amount":
    "The amount is below zero. For a withdrawal, write ถอนหุ้น with a positive amount.",
  "problem.formula_values_left_empty":
    "This column holds formulas whose results were not saved in the file, so it is read as empty. To import its values, open the file in Excel so it calculates, then save it again.",
  "problem.formula_without_value":
    "This column holds formulas whose results were not saved in the file. Open the file in Excel so it calculates, then save it again.",
  "problem.merged_value_copied":
    "This cell is merged with other rows; the same value was used for every row of the merge. Check that it is not a total.",
  "problem.merged_cell_covered":
    "This cell lies under a merged cell and has no value of its own. Unmerge the cells in the file and fill in each value.",
  "problem.hidden_row":
    "This row is hidden in the sheet (by hand or by a filter) but was read like the others. Unhide it in the file to check it, and delete it if it is old data.",
  "problem.hidden_column_read":
    "This column is hidden in the sheet, but no visible column has its name, so its values were read. Check that it is not an old copy, then unhide or delete it in the file.",
  "problem.struck_through":
    "This row has cells struck through, which marks a cancelled entry, so it was not imported. Delete the row in the file if it is cancelled, or remove the strikethrough if it is valid.",
  "problem.leading_zeros_restored":
    "This code was stored as a number, which drops leading zeros, so zeros were added to match the other codes in the column. Check it, then format the column as text in the file and type the code again.",
  "problem.note_row_skipped":
    "This row is a note merged across the table, so it was skipped. If it is a record, unmerge its cells in the file and fill them in.",
  "error.not_a_database":
    "This file is not a Chumchon database, or it is damaged. Choose the .db file that Chumchon created.",
  "common.save": "Save",
  "common.edit": "Edit",
  "members.welcome_title": "This database has no members yet",
  "members.welcome_text":
    "Start by importing the community's member register from its Excel file, then the share ledger. If you already have a database, open that file instead.",
  "members.welcome_import": "Import a member register…",
  "members.welcome_open": "Open another database…",
  "members.edit": "Edit details",
  "members.edit_title": "Edit member details",
  "members.title_field": "Title",
  "members.first_name": "First name",
  "members.last_name": "Last name",
  "members.national_id_hint": "13 digits; dashes and spaces are fine. Leave empty if unknown.",
  "members.joined_hint": "Day/month/Buddhist-era year, such as 15/03/2567",
  "members.address_text": "One-line address (from the old file)",
  "members.saved": "Changes saved",
  "members.statement": "Print share statement (PDF)…",
  "members.statement_name": "share-statement-{member_no}.pdf",
  "members.statement_saved": "Share statement saved to {path}",
  "members.open_pdf": "Open the PDF",
  "members.history_show_superseded": "Show adjustments",
  "members.history_superseded": "Register figure adjusted",
  "members.history_reversal_of": "Reversal of {kind}",
  "members.history_transfer_out": "Transfer out to {member_no}",
  "members.history_transfer_in": "Transfer in from {member_no}",
  "members.history_reversed": "reversed",
  "dividends.year_hint": "Buddhist-era year in which the fiscal year ends, such as 2567",
  "dividends.year_invalid": "Enter a four-digit Buddhist-era year, such as 2567.",
  "dividends.runs": "Years with a dividend",
  "dividends.runs_none": "No dividend has been computed in this database yet",
  "dividends.run_item": "{total} baht · {count} members",
  "dividends.reverse": "Reverse dividend",
  "dividends.reverse_title": "Reverse the dividend?",
  "dividends.reverse_message":
    "Reverse the {year} dividend of {total} baht? Every payment recorded from it, including shares bought with the dividend, is reversed too, and slips already printed are void. The year can then be computed again.",
  "dividends.reversed": "The {year} dividend is reversed; it can be computed again.",
  "dividends.not_ended_title": "The fiscal year has not ended",
  "dividends.not_ended_message":
    "Fiscal year {year} ends on {to}, which is still ahead. Share transactions after today are not counted yet. Compute a draft anyway?",
  "dividends.compute_draft": "Compute a draft",
  "dividends.not_ended_notice":
    "This fiscal year has not ended (it ends on {to}). These figures are only a draft; compute again after the year ends before approving.",
  "dividends.patronage_label": "Patronage refund pool (baht), if any",
  "dividends.patronage_hint":
    "Shared by the value of recyclables each member deposited in this fiscal year. Leave empty for no refund.",
  "dividends.patronage_invalid":
    "Enter the refund pool in baht, above zero, or leave it empty for no refund.",
  "dividends.deposit_value": "Deposits (baht)",
  "dividends.patronage": "Refund (baht)",
  "dividends.slips_finishing": "Saving the PDF…",
  "import.as_of_title": "Date of the share balances",
  "import.as_of_text": "The share balances in this file will be booked as on {date}",
  "import.as_of_from_title": "This date was read from the sheet's title.",
  "import.as_of_from_user": "You gave this date.",
  "import.as_of_not_found":
    "No date was found in the file's title, so today is used. If the balances are of another day, such as the end of the fiscal year, enter that date; otherwise an earlier year's dividend will not count these shares.",
  "import.as_of_confirm": "I confirm the balances in the file are as of today ({date})",
  "import.as_of_change": "Use another date",
  "import.as_of_apply": "Use this date",
  "import.as_of_hint": "Day/month/Buddhist-era year, such as 31/12/2567",
  "import.as_of_needed": "Confirm or enter the date of the share balances before importing.",
  "import.kind_members_data": "member fields",
  "import.kind_ledger_data": "share-ledger fields",
  "import.sheet_summary":
    "Sheet “{sheet}”: header in row {row} matching {fields} {kind}, {rows} data rows",
  "import.sheet_no_header": "Sheet “{sheet}”: no header matching the {kind}",
  "import.sheet_by_program":
    "The app chose this sheet because its header matches the most fields and it has the most rows.",
  "import.sheet_by_user": "You chose this sheet.",
  "import.sheet_hidden": "The workbook hides this sheet.",
  "import.hidden": "Hidden",
  "import.looks_like_ledger":
    "This file looks like a share ledger. Try choosing the kind of file again.",
  "import.looks_like_members":
    "This file looks like a member register. Try choosing the kind of file again.",
  "import.switch_to_ledger": "Switch to share ledger",
  "import.switch_to_members": "Switch to member register",
  "import.show_problems": "Show all {count} problems",
  "import.community_needed": "Enter the community name to check the data.",
  "import.restart": "Start over",
  "import.reading": "Reading the file",
  "import.committing": "Importing. Please wait until it finishes; do not close the app.",
  "import.finishing": "Saving to the database…",
  "import.please_wait": "Please wait…",
  "import.result_restated": "Register share figures replaced by the ledger",
  "import.result_warnings": "Warnings (imported, but worth checking)",
  "settings.database_exists_title": "The file exists",
  "settings.database_exists_message":
    "{path} already exists, so no new database can be created under that name. Open that file instead? Nothing in it is deleted or changed.",
  "settings.database_open_existing": "Open this file",
  "settings.database_created": "New database created. The app will open this file next time.",
  "settings.slips_need_database": "Slip settings need an open database.",
  "error.nonexistent_date":
    "The date {text} does not exist (such as 31 April). Check the day and month.",
  "error.invalid_national_id": "A national ID must be 13 digits. Check it again.",
  "error.invalid_status": "Unknown status. Choose active, resigned or deceased.",
};
