-- Equipment sharing and second-hand exchange: each community's equipment,
-- loans of it to other communities and members, reservations, needs and
-- offers, their matches, and transfers and sales.
-- Dates are ISO CE dates; money is integer satang.

-- One entry of a community's equipment register. A 'unit' entry is one
-- piece tracked on its own; a 'stock' entry counts identical pieces (forty
-- tiffin carriers) that are lent by number.
CREATE TABLE exchange_items (
    id                INTEGER PRIMARY KEY,
    community_id      INTEGER NOT NULL REFERENCES communities (id),
    -- The office's own number for the item, if it keeps one.
    code              TEXT,
    name              TEXT NOT NULL,
    category          TEXT NOT NULL DEFAULT 'other'
                      CHECK (category IN ('kitchen', 'furniture', 'electrical', 'weighing',
                                          'waste', 'vehicle', 'tools', 'other')),
    tracking          TEXT NOT NULL CHECK (tracking IN ('unit', 'stock')),
    quantity          INTEGER NOT NULL CHECK (quantity >= 1),
    -- Condition as staff describe it, such as "ดี" or "ฝาชำรุด".
    condition         TEXT,
    location          TEXT,
    -- Value of one piece.
    unit_value_satang INTEGER NOT NULL DEFAULT 0 CHECK (unit_value_satang >= 0),
    -- 'lent' is set while loans hold every piece; the others by staff.
    status            TEXT NOT NULL DEFAULT 'available'
                      CHECK (status IN ('available', 'lent', 'under_repair', 'part_missing',
                                        'retired')),
    -- What the item lacks, such as "ฝา"; set exactly when it is part_missing.
    missing           TEXT,
    acquired          TEXT,
    note              TEXT,
    import_id         INTEGER REFERENCES imports (id),
    -- Key of the legacy row the item came from, so a re-import finds it.
    import_key        TEXT UNIQUE,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK (tracking = 'stock' OR quantity = 1),
    CHECK ((status = 'part_missing') = (missing IS NOT NULL))
);
CREATE INDEX exchange_items_community ON exchange_items (community_id, status);
CREATE UNIQUE INDEX exchange_items_code ON exchange_items (community_id, code)
    WHERE code IS NOT NULL;

CREATE TABLE exchange_item_photos (
    id         INTEGER PRIMARY KEY,
    item_id    INTEGER NOT NULL REFERENCES exchange_items (id),
    file_name  TEXT NOT NULL,
    media_type TEXT NOT NULL,
    bytes      BLOB NOT NULL,
    operator   TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX exchange_item_photos_item ON exchange_item_photos (item_id);

-- A loan of some or all pieces of an item. The borrower is a community, or
-- a member of one (borrower_community_id is then the member's community).
CREATE TABLE exchange_loans (
    id                    INTEGER PRIMARY KEY,
    item_id               INTEGER NOT NULL REFERENCES exchange_items (id),
    quantity              INTEGER NOT NULL CHECK (quantity >= 1),
    -- The owner when the item went out; ownership may change later.
    owner_community_id    INTEGER NOT NULL REFERENCES communities (id),
    borrower_community_id INTEGER NOT NULL REFERENCES communities (id),
    borrower_member_id    INTEGER REFERENCES members (id),
    out_date              TEXT NOT NULL,
    due_date              TEXT NOT NULL,
    deposit_satang        INTEGER NOT NULL DEFAULT 0 CHECK (deposit_satang >= 0),
    fee_satang            INTEGER NOT NULL DEFAULT 0 CHECK (fee_satang >= 0),
    condition_out         TEXT,
    returned_date         TEXT,
    condition_in          TEXT,
    reservation_id        INTEGER REFERENCES exchange_reservations (id),
    match_id              INTEGER REFERENCES exchange_matches (id),
    note                  TEXT,
    operator              TEXT NOT NULL,
    created_at            TEXT NOT NULL,
    returned_by           TEXT,
    returned_at           TEXT,
    CHECK (due_date >= out_date),
    CHECK (returned_date IS NULL OR returned_date >= out_date),
    CHECK (borrower_member_id IS NOT NULL OR borrower_community_id <> owner_community_id)
);
CREATE INDEX exchange_loans_item ON exchange_loans (item_id, out_date);
CREATE INDEX exchange_loans_open ON exchange_loans (due_date) WHERE returned_date IS NULL;

CREATE TABLE exchange_reservations (
    id                    INTEGER PRIMARY KEY,
    item_id               INTEGER NOT NULL REFERENCES exchange_items (id),
    quantity              INTEGER NOT NULL CHECK (quantity >= 1),
    borrower_community_id INTEGER NOT NULL REFERENCES communities (id),
    borrower_member_id    INTEGER REFERENCES members (id),
    from_date             TEXT NOT NULL,
    to_date               TEXT NOT NULL,
    status                TEXT NOT NULL DEFAULT 'active'
                          CHECK (status IN ('active', 'cancelled', 'fulfilled')),
    loan_id               INTEGER REFERENCES exchange_loans (id),
    note                  TEXT,
    operator              TEXT NOT NULL,
    created_at            TEXT NOT NULL,
    CHECK (to_date >= from_date)
);
CREATE INDEX exchange_reservations_item ON exchange_reservations (item_id, from_date)
    WHERE status = 'active';

-- Needs and offers posted by communities. A need with item_id and
-- automatic = 1 was raised by that item's missing part.
CREATE TABLE exchange_posts (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('need', 'offer')),
    community_id INTEGER NOT NULL REFERENCES communities (id),
    text         TEXT NOT NULL,
    category     TEXT CHECK (category IN ('kitchen', 'furniture', 'electrical', 'weighing',
                                          'waste', 'vehicle', 'tools', 'other')),
    offer_kind   TEXT CHECK (offer_kind IN ('second_hand', 'spare_part', 'lend')),
    quantity     INTEGER NOT NULL DEFAULT 1 CHECK (quantity >= 1),
    item_id      INTEGER REFERENCES exchange_items (id),
    -- The missing part that raised an automatic need, such as "ฝา".
    part         TEXT,
    automatic    INTEGER NOT NULL DEFAULT 0 CHECK (automatic IN (0, 1)),
    status       TEXT NOT NULL DEFAULT 'open'
                 CHECK (status IN ('open', 'matched', 'fulfilled', 'closed')),
    operator     TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    closed_at    TEXT,
    CHECK ((kind = 'offer') = (offer_kind IS NOT NULL)),
    CHECK (automatic = 0 OR (kind = 'need' AND item_id IS NOT NULL AND part IS NOT NULL))
);
CREATE INDEX exchange_posts_status ON exchange_posts (kind, status);
-- An item raises at most one automatic need at a time.
CREATE UNIQUE INDEX exchange_posts_automatic ON exchange_posts (item_id)
    WHERE automatic = 1 AND status IN ('open', 'matched');

-- Staff decisions on proposed matches. Proposals themselves are computed
-- when asked for; a row exists once staff accepted or declined one.
CREATE TABLE exchange_matches (
    id          INTEGER PRIMARY KEY,
    need_id     INTEGER NOT NULL REFERENCES exchange_posts (id),
    offer_id    INTEGER NOT NULL REFERENCES exchange_posts (id),
    score       INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    status      TEXT NOT NULL
                CHECK (status IN ('proposed', 'accepted', 'declined', 'fulfilled')),
    decided_at  TEXT NOT NULL,
    decided_by  TEXT NOT NULL,
    loan_id     INTEGER REFERENCES exchange_loans (id),
    transfer_id INTEGER REFERENCES exchange_transfers (id),
    UNIQUE (need_id, offer_id)
);

-- Equipment passing from one community to another, given or sold. When
-- the whole entry moves, to_item_id = item_id; when part of a stock moves,
-- to_item_id is the new entry in the receiving register. Append-only: a
-- reversal is a new row naming the transfer it cancels.
CREATE TABLE exchange_transfers (
    id                INTEGER PRIMARY KEY,
    item_id           INTEGER NOT NULL REFERENCES exchange_items (id),
    to_item_id        INTEGER NOT NULL REFERENCES exchange_items (id),
    from_community_id INTEGER NOT NULL REFERENCES communities (id),
    to_community_id   INTEGER NOT NULL REFERENCES communities (id),
    quantity          INTEGER NOT NULL CHECK (quantity >= 1),
    date              TEXT NOT NULL,
    price_satang      INTEGER NOT NULL DEFAULT 0 CHECK (price_satang >= 0),
    match_id          INTEGER REFERENCES exchange_matches (id),
    reverses_id       INTEGER UNIQUE REFERENCES exchange_transfers (id),
    note              TEXT,
    operator          TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    CHECK (from_community_id <> to_community_id)
);
CREATE INDEX exchange_transfers_item ON exchange_transfers (item_id);

CREATE TRIGGER exchange_transfers_no_update BEFORE UPDATE ON exchange_transfers
BEGIN
    SELECT RAISE(ABORT, 'transfers are append-only; post a reversal instead');
END;

CREATE TRIGGER exchange_transfers_no_delete BEFORE DELETE ON exchange_transfers
BEGIN
    SELECT RAISE(ABORT, 'transfers are append-only; post a reversal instead');
END;

-- Money that moves because of the exchange: loan deposits and fees,
-- refunded or kept deposits, and sale prices. source_key names the event
-- ("exchange:loan:12:deposit"), so that the community bank's journal can
-- post each row once. A reversal has the opposite amount and names the
-- row it cancels.
CREATE TABLE exchange_money (
    id                INTEGER PRIMARY KEY,
    source_key        TEXT NOT NULL UNIQUE,
    kind              TEXT NOT NULL
                      CHECK (kind IN ('loan_deposit', 'loan_fee', 'deposit_refund',
                                      'deposit_kept', 'sale')),
    date              TEXT NOT NULL,
    amount_satang     INTEGER NOT NULL,
    from_community_id INTEGER NOT NULL REFERENCES communities (id),
    from_member_id    INTEGER REFERENCES members (id),
    to_community_id   INTEGER NOT NULL REFERENCES communities (id),
    to_member_id      INTEGER REFERENCES members (id),
    loan_id           INTEGER REFERENCES exchange_loans (id),
    transfer_id       INTEGER REFERENCES exchange_transfers (id),
    reverses_id       INTEGER UNIQUE REFERENCES exchange_money (id),
    note              TEXT,
    operator          TEXT NOT NULL,
    created_at        TEXT NOT NULL
);
CREATE INDEX exchange_money_date ON exchange_money (date);

CREATE TRIGGER exchange_money_no_update BEFORE UPDATE ON exchange_money
BEGIN
    SELECT RAISE(ABORT, 'exchange money is append-only; post a reversal instead');
END;

CREATE TRIGGER exchange_money_no_delete BEFORE DELETE ON exchange_money
BEGIN
    SELECT RAISE(ABORT, 'exchange money is append-only; post a reversal instead');
END;

-- What happened to each item, for its history: registered, status changes,
-- loans out and back, reservations, transfers. Append-only.
CREATE TABLE exchange_item_events (
    id             INTEGER PRIMARY KEY,
    item_id        INTEGER NOT NULL REFERENCES exchange_items (id),
    date           TEXT NOT NULL,
    kind           TEXT NOT NULL
                   CHECK (kind IN ('registered', 'updated', 'status', 'checked_out',
                                   'checked_in', 'reserved', 'reservation_cancelled',
                                   'transferred_out', 'transferred_in', 'transfer_reversed',
                                   'photo_added', 'photo_removed')),
    status         TEXT,
    missing        TEXT,
    community_id   INTEGER REFERENCES communities (id),
    member_id      INTEGER REFERENCES members (id),
    quantity       INTEGER,
    loan_id        INTEGER REFERENCES exchange_loans (id),
    reservation_id INTEGER REFERENCES exchange_reservations (id),
    transfer_id    INTEGER REFERENCES exchange_transfers (id),
    note           TEXT,
    operator       TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE INDEX exchange_item_events_item ON exchange_item_events (item_id, id);

CREATE TRIGGER exchange_item_events_no_update BEFORE UPDATE ON exchange_item_events
BEGIN
    SELECT RAISE(ABORT, 'item history is append-only');
END;

CREATE TRIGGER exchange_item_events_no_delete BEFORE DELETE ON exchange_item_events
BEGIN
    SELECT RAISE(ABORT, 'item history is append-only');
END;
