-- Communities, members, the share register, imports, dividends and the
-- audit log. Dates are ISO 8601 CE dates (YYYY-MM-DD); times are local ISO
-- date-times; money is integer satang.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    operator    TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    table_name  TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    old_values  TEXT,
    new_values  TEXT
);
CREATE INDEX audit_log_record ON audit_log (table_name, record_id);

CREATE TABLE communities (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL UNIQUE,
    municipality TEXT,
    created_at   TEXT NOT NULL
);

CREATE TABLE community_aliases (
    alias        TEXT PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id)
);

CREATE TABLE zones (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    name         TEXT NOT NULL,
    UNIQUE (community_id, name)
);

CREATE TABLE imports (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    file_sha256   TEXT NOT NULL,
    sheet         TEXT NOT NULL,
    community_id  INTEGER REFERENCES communities (id),
    -- The date a register's balances are stated on.
    as_of         TEXT,
    -- The dates a share ledger covers.
    period_from   TEXT,
    period_to     TEXT,
    rows_imported INTEGER NOT NULL DEFAULT 0,
    rows_updated  INTEGER NOT NULL DEFAULT 0,
    operator      TEXT NOT NULL,
    imported_at   TEXT NOT NULL
);
CREATE INDEX imports_file ON imports (kind, file_sha256, sheet);

CREATE TABLE members (
    id                INTEGER PRIMARY KEY,
    member_no         TEXT NOT NULL UNIQUE,
    title             TEXT NOT NULL DEFAULT '',
    first_name        TEXT NOT NULL,
    last_name         TEXT NOT NULL DEFAULT '',
    national_id       TEXT,
    national_id_valid INTEGER NOT NULL DEFAULT 1,
    needs_review      INTEGER NOT NULL DEFAULT 0,
    phone             TEXT,
    house_no          TEXT,
    moo               TEXT,
    soi               TEXT,
    road              TEXT,
    subdistrict       TEXT,
    district          TEXT,
    province          TEXT,
    postcode          TEXT,
    -- A legacy one-line address that could not be split, kept as written.
    address_text      TEXT,
    community_id      INTEGER NOT NULL REFERENCES communities (id),
    zone_id           INTEGER REFERENCES zones (id),
    joined            TEXT,
    status            TEXT NOT NULL DEFAULT 'active'
                      CHECK (status IN ('active', 'resigned', 'deceased')),
    notes             TEXT,
    -- Thai collation key of "first_name last_name", for sorting by name
    -- through an index instead of a collation callback per comparison.
    name_sort_key     BLOB NOT NULL DEFAULT x'',
    import_id         INTEGER REFERENCES imports (id),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX members_national_id ON members (national_id) WHERE national_id IS NOT NULL;
CREATE INDEX members_community ON members (community_id);
CREATE INDEX members_name_sort ON members (name_sort_key, member_no);

-- Substring search over names, member numbers, IDs and phones. Thai is
-- written without spaces between words, so a trigram index is used rather
-- than a word tokenizer.
CREATE VIRTUAL TABLE member_search USING fts5 (
    text,
    content = '',
    contentless_delete = 1,
    tokenize = 'trigram'
);

-- One row per member with the same text, for queries shorter than a trigram.
CREATE TABLE member_search_text (
    member_id INTEGER PRIMARY KEY REFERENCES members (id),
    text      TEXT NOT NULL
);

-- Share transactions are append-only: a correction is a new row whose
-- reverses_id names the row it cancels.
CREATE TABLE share_transactions (
    id            INTEGER PRIMARY KEY,
    member_id     INTEGER NOT NULL REFERENCES members (id),
    date          TEXT NOT NULL,
    kind          TEXT NOT NULL
                  CHECK (kind IN ('opening', 'purchase', 'withdrawal', 'transfer')),
    shares        INTEGER NOT NULL CHECK (shares > 0),
    -- For a transfer, the member who receives the shares; member_id gives them.
    to_member_id  INTEGER REFERENCES members (id),
    payment       TEXT CHECK (payment IN ('cash', 'plastic_credit', 'dividend')),
    amount_satang INTEGER NOT NULL,
    receipt_no    TEXT,
    reverses_id   INTEGER REFERENCES share_transactions (id),
    note          TEXT,
    source        TEXT NOT NULL
                  CHECK (source IN ('manual', 'register', 'ledger', 'dividend', 'demo')),
    import_id     INTEGER REFERENCES imports (id),
    import_row    INTEGER,
    operator      TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    CHECK ((kind = 'transfer') = (to_member_id IS NOT NULL)),
    CHECK (to_member_id IS NULL OR to_member_id <> member_id),
    CHECK ((kind = 'purchase') = (payment IS NOT NULL))
);
CREATE INDEX share_transactions_member ON share_transactions (member_id, date);
CREATE INDEX share_transactions_to_member ON share_transactions (to_member_id, date)
    WHERE to_member_id IS NOT NULL;
-- A transaction is reversed at most once. Partial, because most rows
-- reverse nothing and an import should not pay for indexing them.
CREATE UNIQUE INDEX share_transactions_reversal ON share_transactions (reverses_id)
    WHERE reverses_id IS NOT NULL;

CREATE TRIGGER share_transactions_no_update BEFORE UPDATE ON share_transactions
BEGIN
    SELECT RAISE(ABORT, 'share transactions are append-only; post a reversal instead');
END;

CREATE TRIGGER share_transactions_no_delete BEFORE DELETE ON share_transactions
BEGIN
    SELECT RAISE(ABORT, 'share transactions are append-only; post a reversal instead');
END;

-- Each member's current share balance, kept by the triggers below so that
-- lists of 50,000 members need no aggregation.
CREATE TABLE share_balances (
    member_id INTEGER PRIMARY KEY REFERENCES members (id),
    shares    INTEGER NOT NULL
);

CREATE TRIGGER share_transactions_balance AFTER INSERT ON share_transactions
BEGIN
    INSERT INTO share_balances (member_id, shares)
    VALUES (NEW.member_id,
            (CASE NEW.kind WHEN 'withdrawal' THEN -1 WHEN 'transfer' THEN -1 ELSE 1 END)
                * (CASE WHEN NEW.reverses_id IS NULL THEN 1 ELSE -1 END) * NEW.shares)
    ON CONFLICT (member_id) DO UPDATE SET shares = shares + excluded.shares;
    INSERT INTO share_balances (member_id, shares)
    SELECT NEW.to_member_id,
           (CASE WHEN NEW.reverses_id IS NULL THEN 1 ELSE -1 END) * NEW.shares
    WHERE NEW.to_member_id IS NOT NULL
    ON CONFLICT (member_id) DO UPDATE SET shares = shares + excluded.shares;
END;

-- Every change to a member's share balance, one row per member affected:
-- a transfer gives two rows, and a reversal has the opposite sign.
CREATE VIEW share_movements AS
SELECT t.id AS transaction_id,
       t.member_id,
       t.date,
       (CASE t.kind WHEN 'withdrawal' THEN -1 WHEN 'transfer' THEN -1 ELSE 1 END)
           * (CASE WHEN t.reverses_id IS NULL THEN 1 ELSE -1 END) * t.shares AS delta
FROM share_transactions t
UNION ALL
SELECT t.id, t.to_member_id, t.date,
       (CASE WHEN t.reverses_id IS NULL THEN 1 ELSE -1 END) * t.shares
FROM share_transactions t
WHERE t.kind = 'transfer';

-- A register's share figure for a member on the register's date. It is the
-- record until a share ledger covering that date is imported, and from then
-- on a reconciliation check.
CREATE TABLE register_balances (
    id             INTEGER PRIMARY KEY,
    import_id      INTEGER REFERENCES imports (id),
    member_id      INTEGER NOT NULL REFERENCES members (id),
    as_of          TEXT NOT NULL,
    shares         INTEGER NOT NULL CHECK (shares >= 0),
    -- The opening transaction posted for this figure, while it is the record.
    transaction_id INTEGER REFERENCES share_transactions (id)
);
CREATE INDEX register_balances_member ON register_balances (member_id, as_of);

-- Fingerprints of imported rows, so that a changed file can be matched row
-- by row on its key.
CREATE TABLE import_rows (
    kind       TEXT NOT NULL,
    row_key    TEXT NOT NULL,
    row_hash   TEXT NOT NULL,
    import_id  INTEGER NOT NULL REFERENCES imports (id),
    PRIMARY KEY (kind, row_key)
) WITHOUT ROWID;

CREATE TABLE dividend_runs (
    id           INTEGER PRIMARY KEY,
    year_be      INTEGER NOT NULL,
    first_month  INTEGER NOT NULL CHECK (first_month BETWEEN 1 AND 12),
    period_from  TEXT NOT NULL,
    period_to    TEXT NOT NULL,
    method       TEXT NOT NULL CHECK (method IN ('share-months', 'year-end')),
    basis        TEXT NOT NULL CHECK (basis IN ('pool', 'rate')),
    -- The declared rate in millionths of a year (5 % a year is 50000).
    rate_ppm     INTEGER,
    pool_satang  INTEGER NOT NULL,
    total_satang INTEGER NOT NULL,
    par_satang   INTEGER NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'reversed')),
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    approved_at  TEXT,
    approved_by  TEXT,
    reversed_at  TEXT,
    reversed_by  TEXT,
    CHECK ((basis = 'rate') = (rate_ppm IS NOT NULL))
);
CREATE UNIQUE INDEX dividend_runs_current ON dividend_runs (year_be)
    WHERE status IN ('draft', 'approved');

CREATE TABLE dividend_lines (
    run_id          INTEGER NOT NULL REFERENCES dividend_runs (id),
    member_id       INTEGER NOT NULL REFERENCES members (id),
    share_months    INTEGER NOT NULL,
    year_end_shares INTEGER NOT NULL,
    amount_satang   INTEGER NOT NULL,
    PRIMARY KEY (run_id, member_id)
);

-- Payments are append-only like share transactions.
CREATE TABLE dividend_payments (
    id                   INTEGER PRIMARY KEY,
    run_id               INTEGER NOT NULL REFERENCES dividend_runs (id),
    member_id            INTEGER NOT NULL REFERENCES members (id),
    date                 TEXT NOT NULL,
    method               TEXT NOT NULL CHECK (method IN ('cash', 'reinvest')),
    amount_satang        INTEGER NOT NULL,
    share_transaction_id INTEGER REFERENCES share_transactions (id),
    reverses_id          INTEGER UNIQUE REFERENCES dividend_payments (id),
    operator             TEXT NOT NULL,
    created_at           TEXT NOT NULL
);
CREATE INDEX dividend_payments_run ON dividend_payments (run_id, member_id);

CREATE TRIGGER dividend_payments_no_update BEFORE UPDATE ON dividend_payments
BEGIN
    SELECT RAISE(ABORT, 'dividend payments are append-only; post a reversal instead');
END;

CREATE TRIGGER dividend_payments_no_delete BEFORE DELETE ON dividend_payments
BEGIN
    SELECT RAISE(ABORT, 'dividend payments are append-only; post a reversal instead');
END;

INSERT INTO settings (key, value) VALUES
    ('foundation_name', 'มูลนิธิชุมชนสงขลา'),
    ('share_par_satang', '10000'),
    ('share_min', '1'),
    ('share_max', '0'),
    ('fiscal_first_month', '1'),
    ('slip_layout', 'a5'),
    ('slip_sort', 'member_no');
