-- The community bank: savings accounts, loan products, loans and their
-- schedules and repayments, and the double-entry journal under every
-- register that moves money.

-- The chart of accounts. kind decides the side an account's balance
-- normally sits on (assets and expenses debit, the rest credit) and
-- whether the fiscal-year close zeroes it (income and expense).
CREATE TABLE accounts (
    code       TEXT PRIMARY KEY,
    name_th    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    kind       TEXT NOT NULL
               CHECK (kind IN ('asset', 'liability', 'equity', 'income', 'expense')),
    sort_order INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO accounts (code, name_th, name_en, kind, sort_order) VALUES
    ('1101', 'เงินสด', 'Cash', 'asset', 1),
    ('1102', 'เงินฝากธนาคาร', 'Bank deposits', 'asset', 2),
    ('1201', 'ลูกหนี้เงินกู้', 'Loans receivable', 'asset', 3),
    ('2101', 'เงินฝากออมทรัพย์ของสมาชิก', 'Members'' savings', 'liability', 10),
    ('2201', 'เครดิตพลาสติกค้างจ่าย', 'Plastic credit payable', 'liability', 11),
    ('2301', 'เงินปันผลและเงินเฉลี่ยคืนค้างจ่าย', 'Dividends and patronage refunds payable',
     'liability', 12),
    ('2401', 'เงินมัดจำยืมอุปกรณ์รับไว้', 'Deposits held for equipment loans', 'liability', 13),
    ('3101', 'ทุนเรือนหุ้น', 'Share capital', 'equity', 20),
    ('3201', 'ทุนสะสม', 'Accumulated surplus', 'equity', 21),
    ('3301', 'ยอดยกมาเมื่อเริ่มใช้ระบบ', 'Opening balances', 'equity', 22),
    ('4101', 'รายได้ดอกเบี้ยเงินกู้', 'Loan interest income', 'income', 30),
    ('4102', 'รายได้ค่าปรับชำระล่าช้า', 'Late-payment penalty income', 'income', 31),
    ('4201', 'รายได้จากการขายวัสดุรีไซเคิล', 'Recyclables sales', 'income', 32),
    ('4301', 'รายได้ค่าธรรมเนียมยืมอุปกรณ์', 'Equipment loan fees and deposits kept', 'income',
     33),
    ('4302', 'รายได้จากการขายอุปกรณ์', 'Equipment sales', 'income', 34),
    ('4901', 'รายได้อื่น', 'Other income', 'income', 39),
    ('5101', 'ดอกเบี้ยเงินฝากออมทรัพย์จ่าย', 'Interest paid on savings', 'expense', 40),
    ('5201', 'ค่ารับซื้อวัสดุรีไซเคิล', 'Recyclables bought from depositors', 'expense', 41),
    ('5202', 'ค่าตอบแทนผู้เก็บขยะ', 'Collector pay', 'expense', 42),
    ('5301', 'หนี้สูญ', 'Bad debts written off', 'expense', 43),
    ('5901', 'ค่าใช้จ่ายอื่น', 'Other expenses', 'expense', 49);

-- Journal entries are append-only: a correction is a new entry whose
-- reverses_id names the entry it cancels. An entry that a register record
-- caused names it by source_kind and source_id, at most once, so that
-- posting from the registers can run again without posting twice.
-- total_satang is the sum of either side, which the line trigger holds
-- the lines to.
CREATE TABLE journal_entries (
    id           INTEGER PRIMARY KEY,
    date         TEXT NOT NULL,
    -- The fiscal year of date, Buddhist Era, named by the year it ends in.
    year_be      INTEGER NOT NULL,
    description  TEXT NOT NULL,
    source_kind  TEXT NOT NULL,
    source_id    INTEGER,
    reverses_id  INTEGER UNIQUE REFERENCES journal_entries (id),
    total_satang INTEGER NOT NULL CHECK (total_satang > 0),
    operator     TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX journal_entries_source ON journal_entries (source_kind, source_id)
    WHERE source_id IS NOT NULL;
CREATE INDEX journal_entries_date ON journal_entries (date);

CREATE TABLE journal_lines (
    id            INTEGER PRIMARY KEY,
    entry_id      INTEGER NOT NULL REFERENCES journal_entries (id),
    account_code  TEXT NOT NULL REFERENCES accounts (code),
    debit_satang  INTEGER NOT NULL CHECK (debit_satang >= 0),
    credit_satang INTEGER NOT NULL CHECK (credit_satang >= 0),
    -- The member a line concerns, for savings, loans and member accounts.
    member_id     INTEGER REFERENCES members (id),
    CHECK ((debit_satang = 0) <> (credit_satang = 0))
);
CREATE INDEX journal_lines_entry ON journal_lines (entry_id);
CREATE INDEX journal_lines_account ON journal_lines (account_code, entry_id);

-- Register records that were looked at by the journal's sync and moved no
-- money (a zero amount, a transfer between members), so that the next
-- sync does not look at them again.
CREATE TABLE journal_skipped_sources (
    source_kind TEXT NOT NULL,
    source_id   INTEGER NOT NULL,
    PRIMARY KEY (source_kind, source_id)
) WITHOUT ROWID;

-- A closed fiscal year takes no more entries.
CREATE TABLE fiscal_years (
    year_be          INTEGER PRIMARY KEY,
    period_from      TEXT NOT NULL,
    period_to        TEXT NOT NULL,
    closing_entry_id INTEGER REFERENCES journal_entries (id),
    closed_at        TEXT NOT NULL,
    closed_by        TEXT NOT NULL
);

CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries
BEGIN
    SELECT RAISE(ABORT, 'journal entries are append-only; post a reversal instead');
END;

CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries
BEGIN
    SELECT RAISE(ABORT, 'journal entries are append-only; post a reversal instead');
END;

CREATE TRIGGER journal_entries_closed_year BEFORE INSERT ON journal_entries
WHEN EXISTS (SELECT 1 FROM fiscal_years f WHERE f.year_be = NEW.year_be)
BEGIN
    SELECT RAISE(ABORT, 'the fiscal year of this entry is closed');
END;

CREATE TRIGGER journal_lines_no_update BEFORE UPDATE ON journal_lines
BEGIN
    SELECT RAISE(ABORT, 'journal entries are append-only; post a reversal instead');
END;

CREATE TRIGGER journal_lines_no_delete BEFORE DELETE ON journal_lines
BEGIN
    SELECT RAISE(ABORT, 'journal entries are append-only; post a reversal instead');
END;

-- A line may not take either side of its entry past the entry's total, nor
-- join an entry of a closed year. Together with the check in code that
-- each side reaches the total, every entry balances.
CREATE TRIGGER journal_lines_balance BEFORE INSERT ON journal_lines
WHEN (SELECT coalesce(sum(l.debit_satang), 0) FROM journal_lines l
      WHERE l.entry_id = NEW.entry_id) + NEW.debit_satang
         > (SELECT e.total_satang FROM journal_entries e WHERE e.id = NEW.entry_id)
  OR (SELECT coalesce(sum(l.credit_satang), 0) FROM journal_lines l
      WHERE l.entry_id = NEW.entry_id) + NEW.credit_satang
         > (SELECT e.total_satang FROM journal_entries e WHERE e.id = NEW.entry_id)
  OR EXISTS (SELECT 1 FROM journal_entries e JOIN fiscal_years f ON f.year_be = e.year_be
             WHERE e.id = NEW.entry_id)
BEGIN
    SELECT RAISE(ABORT, 'a journal line would unbalance its entry or change a closed year');
END;

CREATE TRIGGER fiscal_years_no_update BEFORE UPDATE ON fiscal_years
BEGIN
    SELECT RAISE(ABORT, 'a closed fiscal year stays closed');
END;

CREATE TRIGGER fiscal_years_no_delete BEFORE DELETE ON fiscal_years
BEGIN
    SELECT RAISE(ABORT, 'a closed fiscal year stays closed');
END;

-- Savings accounts. A withdrawal may not take the balance below
-- min_balance_satang on any date from its own onward.
CREATE TABLE savings_accounts (
    id                 INTEGER PRIMARY KEY,
    account_no         TEXT NOT NULL UNIQUE,
    member_id          INTEGER NOT NULL REFERENCES members (id),
    opened_on          TEXT NOT NULL,
    min_balance_satang INTEGER NOT NULL DEFAULT 0 CHECK (min_balance_satang >= 0),
    operator           TEXT NOT NULL,
    created_at         TEXT NOT NULL
);
CREATE INDEX savings_accounts_member ON savings_accounts (member_id);

-- Savings transactions are append-only like share transactions. A yearly
-- interest posting names its fiscal year.
CREATE TABLE savings_transactions (
    id               INTEGER PRIMARY KEY,
    account_id       INTEGER NOT NULL REFERENCES savings_accounts (id),
    date             TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('deposit', 'withdrawal', 'interest')),
    amount_satang    INTEGER NOT NULL CHECK (amount_satang > 0),
    via              TEXT NOT NULL CHECK (via IN ('cash', 'bank', 'none')),
    interest_year_be INTEGER,
    receipt_no       TEXT,
    reverses_id      INTEGER UNIQUE REFERENCES savings_transactions (id),
    note             TEXT,
    operator         TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    CHECK ((kind = 'interest') = (interest_year_be IS NOT NULL))
);
CREATE INDEX savings_transactions_account ON savings_transactions (account_id, date);

CREATE TRIGGER savings_transactions_no_update BEFORE UPDATE ON savings_transactions
BEGIN
    SELECT RAISE(ABORT, 'savings transactions are append-only; post a reversal instead');
END;

CREATE TRIGGER savings_transactions_no_delete BEFORE DELETE ON savings_transactions
BEGIN
    SELECT RAISE(ABORT, 'savings transactions are append-only; post a reversal instead');
END;

-- What members borrow for.
CREATE TABLE loan_purposes (
    code       TEXT PRIMARY KEY,
    name_th    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    sort_order INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO loan_purposes (code, name_th, name_en, sort_order) VALUES
    ('trade', 'ค้าขาย', 'Trade', 1),
    ('occupation', 'ประกอบอาชีพ', 'Occupation', 2),
    ('home', 'ซ่อมแซมบ้าน', 'Home repairs', 3),
    ('education', 'การศึกษา', 'School fees', 4),
    ('vehicle', 'ซื้อยานพาหนะ', 'Vehicle', 5),
    ('emergency', 'เหตุฉุกเฉิน', 'Emergency', 6),
    ('other', 'อื่น ๆ', 'Other', 9);

-- A loan product: how interest is computed, the rate in millionths a year
-- (12 % a year is 120000), the largest principal and term, the purposes
-- it lends for (all when it names none), the number of guarantors and the
-- late-penalty rule its loans copy.
CREATE TABLE loan_products (
    id                   INTEGER PRIMARY KEY,
    code                 TEXT NOT NULL UNIQUE,
    name                 TEXT NOT NULL,
    method               TEXT NOT NULL
                         CHECK (method IN ('flat', 'declining', 'declining_equal_principal')),
    rate_ppm             INTEGER NOT NULL CHECK (rate_ppm BETWEEN 0 AND 1000000),
    max_principal_satang INTEGER NOT NULL CHECK (max_principal_satang > 0),
    max_months           INTEGER NOT NULL CHECK (max_months BETWEEN 1 AND 360),
    guarantors_required  INTEGER NOT NULL DEFAULT 1 CHECK (guarantors_required >= 0),
    penalty_grace_days   INTEGER NOT NULL DEFAULT 0 CHECK (penalty_grace_days >= 0),
    penalty_fee_satang   INTEGER NOT NULL DEFAULT 0 CHECK (penalty_fee_satang >= 0),
    penalty_rate_ppm     INTEGER NOT NULL DEFAULT 0
                         CHECK (penalty_rate_ppm BETWEEN 0 AND 1000000),
    operator             TEXT NOT NULL,
    created_at           TEXT NOT NULL
);

CREATE TABLE loan_product_purposes (
    product_id   INTEGER NOT NULL REFERENCES loan_products (id),
    purpose_code TEXT NOT NULL REFERENCES loan_purposes (code),
    PRIMARY KEY (product_id, purpose_code)
) WITHOUT ROWID;

-- A loan from application to its end. Its terms are copied from the
-- product when it is applied for (a legacy loan has no product). The
-- status and approval fields change as the loan moves on, each change in
-- the audit log; money moves only in loan_transactions.
CREATE TABLE loans (
    id                    INTEGER PRIMARY KEY,
    loan_no               TEXT NOT NULL UNIQUE,
    member_id             INTEGER NOT NULL REFERENCES members (id),
    product_id            INTEGER REFERENCES loan_products (id),
    purpose_code          TEXT NOT NULL REFERENCES loan_purposes (code),
    purpose_text          TEXT,
    principal_satang      INTEGER NOT NULL CHECK (principal_satang > 0),
    rate_ppm              INTEGER NOT NULL CHECK (rate_ppm BETWEEN 0 AND 1000000),
    months                INTEGER NOT NULL CHECK (months BETWEEN 1 AND 360),
    method                TEXT NOT NULL
                          CHECK (method IN ('flat', 'declining', 'declining_equal_principal')),
    penalty_grace_days    INTEGER NOT NULL DEFAULT 0,
    penalty_fee_satang    INTEGER NOT NULL DEFAULT 0,
    penalty_rate_ppm      INTEGER NOT NULL DEFAULT 0,
    status                TEXT NOT NULL
                          CHECK (status IN ('applied', 'approved', 'rejected', 'active', 'closed',
                                            'written_off')),
    applied_on            TEXT NOT NULL,
    -- Approval or rejection by the committee: who, when, and the number of
    -- the committee's minute.
    decided_on            TEXT,
    decided_by            TEXT,
    minute_no             TEXT,
    rejection_reason      TEXT,
    disbursed_on          TEXT,
    closed_on             TEXT,
    written_off_on        TEXT,
    write_off_approved_by TEXT,
    write_off_minute_no   TEXT,
    note                  TEXT,
    import_id             INTEGER REFERENCES imports (id),
    import_row            INTEGER,
    operator              TEXT NOT NULL,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);
CREATE INDEX loans_member ON loans (member_id);

CREATE TABLE loan_guarantors (
    loan_id   INTEGER NOT NULL REFERENCES loans (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    PRIMARY KEY (loan_id, member_id)
) WITHOUT ROWID;
CREATE INDEX loan_guarantors_member ON loan_guarantors (member_id);

-- A loan's instalment schedules. Version 1 starts at disbursement; a
-- rescheduling adds the next version for the principal then owed, with
-- the interest then due and unpaid (arrears_interest_satang) as an
-- instalment due on its first day and the penalty then due carried over.
-- Repayments belong to the version current when they were posted.
CREATE TABLE loan_schedules (
    loan_id                 INTEGER NOT NULL REFERENCES loans (id),
    version                 INTEGER NOT NULL CHECK (version >= 1),
    starts_on               TEXT NOT NULL,
    principal_satang        INTEGER NOT NULL CHECK (principal_satang >= 0),
    arrears_interest_satang INTEGER NOT NULL DEFAULT 0 CHECK (arrears_interest_satang >= 0),
    carried_penalty_satang  INTEGER NOT NULL DEFAULT 0 CHECK (carried_penalty_satang >= 0),
    rate_ppm                INTEGER NOT NULL,
    months                  INTEGER NOT NULL,
    method                  TEXT NOT NULL,
    reason                  TEXT,
    approved_by             TEXT,
    minute_no               TEXT,
    operator                TEXT NOT NULL,
    created_at              TEXT NOT NULL,
    PRIMARY KEY (loan_id, version)
) WITHOUT ROWID;

CREATE TABLE loan_instalments (
    loan_id          INTEGER NOT NULL,
    version          INTEGER NOT NULL,
    n                INTEGER NOT NULL CHECK (n >= 1),
    due_on           TEXT NOT NULL,
    principal_satang INTEGER NOT NULL CHECK (principal_satang >= 0),
    interest_satang  INTEGER NOT NULL CHECK (interest_satang >= 0),
    PRIMARY KEY (loan_id, version, n),
    FOREIGN KEY (loan_id, version) REFERENCES loan_schedules (loan_id, version)
) WITHOUT ROWID;

CREATE TRIGGER loan_schedules_no_update BEFORE UPDATE ON loan_schedules
BEGIN
    SELECT RAISE(ABORT, 'a schedule never changes; reschedule the loan instead');
END;

CREATE TRIGGER loan_schedules_no_delete BEFORE DELETE ON loan_schedules
BEGIN
    SELECT RAISE(ABORT, 'a schedule never changes; reschedule the loan instead');
END;

CREATE TRIGGER loan_instalments_no_update BEFORE UPDATE ON loan_instalments
BEGIN
    SELECT RAISE(ABORT, 'a schedule never changes; reschedule the loan instead');
END;

CREATE TRIGGER loan_instalments_no_delete BEFORE DELETE ON loan_instalments
BEGIN
    SELECT RAISE(ABORT, 'a schedule never changes; reschedule the loan instead');
END;

-- Money moving on a loan: the disbursement, repayments split into
-- penalty, interest and principal, and a write-off of the principal left.
-- Append-only; a correction is a reversal with the same amounts.
CREATE TABLE loan_transactions (
    id               INTEGER PRIMARY KEY,
    loan_id          INTEGER NOT NULL REFERENCES loans (id),
    version          INTEGER NOT NULL,
    date             TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('disbursement', 'repayment', 'write_off')),
    amount_satang    INTEGER NOT NULL CHECK (amount_satang > 0),
    principal_satang INTEGER NOT NULL CHECK (principal_satang >= 0),
    interest_satang  INTEGER NOT NULL CHECK (interest_satang >= 0),
    penalty_satang   INTEGER NOT NULL CHECK (penalty_satang >= 0),
    via              TEXT NOT NULL CHECK (via IN ('cash', 'bank', 'none')),
    receipt_no       TEXT,
    reverses_id      INTEGER UNIQUE REFERENCES loan_transactions (id),
    note             TEXT,
    import_id        INTEGER REFERENCES imports (id),
    import_row       INTEGER,
    operator         TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    CHECK (amount_satang = principal_satang + interest_satang + penalty_satang)
);
CREATE INDEX loan_transactions_loan ON loan_transactions (loan_id, date);

CREATE TRIGGER loan_transactions_no_update BEFORE UPDATE ON loan_transactions
BEGIN
    SELECT RAISE(ABORT, 'loan transactions are append-only; post a reversal instead');
END;

CREATE TRIGGER loan_transactions_no_delete BEFORE DELETE ON loan_transactions
BEGIN
    SELECT RAISE(ABORT, 'loan transactions are append-only; post a reversal instead');
END;

INSERT INTO settings (key, value) VALUES
    -- The most principal that one member may guarantee over the loans not
    -- yet repaid, in satang; 0 means no limit.
    ('fund_guarantee_limit_satang', '0'),
    -- The balance a new savings account must keep, in satang.
    ('savings_min_balance_satang', '0');
