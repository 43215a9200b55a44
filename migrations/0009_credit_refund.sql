-- A share purchase paid by plastic credit can be reversed, and the
-- reversal gives the credit back. That needs an entry kind that adds
-- credit and names a share transaction, which the CHECKs of 0002 forbid,
-- so both credit tables are rebuilt with their rows, ids, indexes and
-- triggers. The uses table goes first, because dropping the entries it
-- references would break its foreign keys.
--
-- A 'refund' entry adds the credit a reversed purchase had used and
-- names the reversal. Its rows in plastic_credit_uses give each amount
-- back to the deposit credit the purchase had taken it from.

CREATE TEMP TABLE credit_uses_copy AS SELECT * FROM plastic_credit_uses;
DROP TABLE plastic_credit_uses;

CREATE TABLE plastic_credit_entries_new (
    id                   INTEGER PRIMARY KEY,
    member_id            INTEGER NOT NULL REFERENCES members (id),
    date                 TEXT NOT NULL,
    kind                 TEXT NOT NULL
                         CHECK (kind IN ('deposit', 'conversion', 'payout', 'reversal',
                                         'refund')),
    amount_satang        INTEGER NOT NULL CHECK (amount_satang <> 0),
    deposit_id           INTEGER REFERENCES waste_deposits (id),
    share_transaction_id INTEGER REFERENCES share_transactions (id),
    note                 TEXT,
    operator             TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    CHECK ((kind IN ('deposit', 'refund')) = (amount_satang > 0)),
    CHECK ((kind IN ('conversion', 'refund')) = (share_transaction_id IS NOT NULL))
);
INSERT INTO plastic_credit_entries_new SELECT * FROM plastic_credit_entries;
DROP TABLE plastic_credit_entries;
ALTER TABLE plastic_credit_entries_new RENAME TO plastic_credit_entries;
CREATE INDEX plastic_credit_entries_member ON plastic_credit_entries (member_id, date);
CREATE INDEX plastic_credit_entries_deposit ON plastic_credit_entries (deposit_id)
    WHERE deposit_id IS NOT NULL;
CREATE INDEX plastic_credit_entries_share_transaction
    ON plastic_credit_entries (share_transaction_id)
    WHERE share_transaction_id IS NOT NULL;

CREATE TABLE plastic_credit_uses (
    entry_id        INTEGER NOT NULL REFERENCES plastic_credit_entries (id),
    source_entry_id INTEGER NOT NULL REFERENCES plastic_credit_entries (id),
    amount_satang   INTEGER NOT NULL CHECK (amount_satang > 0),
    PRIMARY KEY (entry_id, source_entry_id)
) WITHOUT ROWID;
INSERT INTO plastic_credit_uses SELECT * FROM temp.credit_uses_copy;
DROP TABLE temp.credit_uses_copy;
CREATE INDEX plastic_credit_uses_source ON plastic_credit_uses (source_entry_id);

CREATE TRIGGER plastic_credit_entries_no_update BEFORE UPDATE ON plastic_credit_entries
BEGIN
    SELECT RAISE(ABORT, 'plastic credit is append-only; post a reversal instead');
END;

CREATE TRIGGER plastic_credit_entries_no_delete BEFORE DELETE ON plastic_credit_entries
BEGIN
    SELECT RAISE(ABORT, 'plastic credit is append-only; post a reversal instead');
END;

CREATE TRIGGER plastic_credit_uses_no_update BEFORE UPDATE ON plastic_credit_uses
BEGIN
    SELECT RAISE(ABORT, 'plastic credit is append-only; post a reversal instead');
END;

CREATE TRIGGER plastic_credit_uses_no_delete BEFORE DELETE ON plastic_credit_uses
BEGIN
    SELECT RAISE(ABORT, 'plastic credit is append-only; post a reversal instead');
END;
