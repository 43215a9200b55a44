-- The waste bank: materials and their aliases, price lists, collection
-- points, deposits and their lots, plastic credit, buyers and sales,
-- collectors and rounds, and the patronage refund of a dividend run.
-- Weights are whole grams; money is integer satang; prices are satang a
-- kilogram.

CREATE TABLE waste_materials (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name_th    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    category   TEXT NOT NULL
               CHECK (category IN ('plastic', 'metal', 'paper', 'glass', 'organic', 'other')),
    is_plastic INTEGER NOT NULL CHECK (is_plastic IN (0, 1)),
    -- The polymer a partner report groups plastics by: PET, HDPE, PP, LDPE
    -- or OTHER; NULL for materials that are not plastic.
    polymer    TEXT,
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

-- Names that legacy sheets and people use for a material. The key is the
-- name without spaces, brackets or punctuation, in lower case, so that
-- "ขวดพลาสติกใส (PET)" and "ขวดพลาสติกใส(pet)" are one alias.
CREATE TABLE waste_material_aliases (
    alias_key   TEXT PRIMARY KEY,
    alias       TEXT NOT NULL,
    material_id INTEGER NOT NULL REFERENCES waste_materials (id)
) WITHOUT ROWID;

CREATE TABLE waste_points (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    name         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    UNIQUE (community_id, name)
);

CREATE TABLE waste_buyers (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    phone      TEXT,
    created_at TEXT NOT NULL
);

-- Price history. A row without a buyer is the price paid to members; a row
-- with one is the price that buyer pays. The price on a date is the row
-- with the latest effective_from on or before it (the later row wins a tie).
CREATE TABLE waste_prices (
    id             INTEGER PRIMARY KEY,
    material_id    INTEGER NOT NULL REFERENCES waste_materials (id),
    buyer_id       INTEGER REFERENCES waste_buyers (id),
    effective_from TEXT NOT NULL,
    satang_per_kg  INTEGER NOT NULL CHECK (satang_per_kg >= 0),
    operator       TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE INDEX waste_prices_lookup ON waste_prices (material_id, buyer_id, effective_from);

CREATE TRIGGER waste_prices_no_update BEFORE UPDATE ON waste_prices
BEGIN
    SELECT RAISE(ABORT, 'prices keep their history; add a price with a new date instead');
END;

CREATE TRIGGER waste_prices_no_delete BEFORE DELETE ON waste_prices
BEGIN
    SELECT RAISE(ABORT, 'prices keep their history; add a price with a new date instead');
END;

CREATE TABLE waste_collectors (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    phone      TEXT,
    vehicle    TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE waste_collector_zones (
    collector_id INTEGER NOT NULL REFERENCES waste_collectors (id),
    zone_id      INTEGER NOT NULL REFERENCES zones (id),
    PRIMARY KEY (collector_id, zone_id)
) WITHOUT ROWID;

-- A collector's regular round through a zone: every day, or once a week
-- on a weekday (1 Monday to 7 Sunday).
CREATE TABLE waste_rounds (
    id           INTEGER PRIMARY KEY,
    collector_id INTEGER NOT NULL REFERENCES waste_collectors (id),
    zone_id      INTEGER NOT NULL REFERENCES zones (id),
    frequency    TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly')),
    weekday      INTEGER CHECK (weekday BETWEEN 1 AND 7),
    created_at   TEXT NOT NULL,
    CHECK ((frequency = 'weekly') = (weekday IS NOT NULL))
);

-- What a collector did on one day: the points or households visited, the
-- kilograms brought in (round_record_lines) and the pay. When the
-- kilograms were delivered to a collection point, deposit_id names the
-- deposit that put them into that point's stock.
CREATE TABLE waste_round_records (
    id           INTEGER PRIMARY KEY,
    round_id     INTEGER REFERENCES waste_rounds (id),
    collector_id INTEGER NOT NULL REFERENCES waste_collectors (id),
    date         TEXT NOT NULL,
    visited      TEXT NOT NULL DEFAULT '[]',
    paid_satang  INTEGER NOT NULL CHECK (paid_satang >= 0),
    point_id     INTEGER REFERENCES waste_points (id),
    note         TEXT,
    operator     TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX waste_round_records_date ON waste_round_records (date);

CREATE TABLE waste_round_record_lines (
    record_id   INTEGER NOT NULL REFERENCES waste_round_records (id),
    material_id INTEGER NOT NULL REFERENCES waste_materials (id),
    grams       INTEGER NOT NULL CHECK (grams > 0),
    PRIMARY KEY (record_id, material_id)
) WITHOUT ROWID;

CREATE TRIGGER waste_round_records_no_update BEFORE UPDATE ON waste_round_records
BEGIN
    SELECT RAISE(ABORT, 'round records are append-only');
END;

-- A deposit at a collection point by a member, a household without a
-- member number, or a collector's round. Deposits are append-only: a
-- correction is a new deposit whose reverses_id names the one it cancels,
-- with the same lots negated.
CREATE TABLE waste_deposits (
    id              INTEGER PRIMARY KEY,
    member_id       INTEGER REFERENCES members (id),
    household       TEXT,
    round_record_id INTEGER REFERENCES waste_round_records (id),
    point_id        INTEGER NOT NULL REFERENCES waste_points (id),
    date            TEXT NOT NULL,
    payment         TEXT NOT NULL CHECK (payment IN ('cash', 'credit', 'none')),
    scale_id        TEXT,
    weighed_by      TEXT,
    receipt_no      TEXT,
    reverses_id     INTEGER UNIQUE REFERENCES waste_deposits (id),
    note            TEXT,
    import_id       INTEGER REFERENCES imports (id),
    import_row      INTEGER,
    -- Identity of an imported row (member, date, point, material and the
    -- occurrence), so that importing the same sheet again adds nothing. A
    -- corrected row's new deposit has the key of the one it replaces.
    import_key      TEXT,
    operator        TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    CHECK (payment <> 'credit' OR member_id IS NOT NULL)
);
CREATE INDEX waste_deposits_member ON waste_deposits (member_id, date);

-- The lots of a deposit, one per material: the unit of custody. Date,
-- point and member are copied from the deposit so that reports and stock
-- read this table alone. A reversal's lots have negative grams and value.
CREATE TABLE waste_lots (
    id              INTEGER PRIMARY KEY,
    deposit_id      INTEGER NOT NULL REFERENCES waste_deposits (id),
    date            TEXT NOT NULL,
    point_id        INTEGER NOT NULL REFERENCES waste_points (id),
    member_id       INTEGER REFERENCES members (id),
    material_id     INTEGER NOT NULL REFERENCES waste_materials (id),
    grams           INTEGER NOT NULL CHECK (grams <> 0),
    satang_per_kg   INTEGER NOT NULL CHECK (satang_per_kg >= 0),
    value_satang    INTEGER NOT NULL,
    reverses_lot_id INTEGER UNIQUE REFERENCES waste_lots (id)
);
CREATE INDEX waste_lots_deposit ON waste_lots (deposit_id);
CREATE INDEX waste_lots_stock ON waste_lots (point_id, material_id, date);
CREATE INDEX waste_lots_member ON waste_lots (member_id, date) WHERE member_id IS NOT NULL;
CREATE INDEX waste_lots_report ON waste_lots (date, point_id, material_id, grams, value_satang);

CREATE TRIGGER waste_deposits_no_update BEFORE UPDATE ON waste_deposits
BEGIN
    SELECT RAISE(ABORT, 'deposits are append-only; post a reversal instead');
END;

CREATE TRIGGER waste_deposits_no_delete BEFORE DELETE ON waste_deposits
BEGIN
    SELECT RAISE(ABORT, 'deposits are append-only; post a reversal instead');
END;

CREATE TRIGGER waste_lots_no_update BEFORE UPDATE ON waste_lots
BEGIN
    SELECT RAISE(ABORT, 'deposit lots are append-only; post a reversal instead');
END;

CREATE TRIGGER waste_lots_no_delete BEFORE DELETE ON waste_lots
BEGIN
    SELECT RAISE(ABORT, 'deposit lots are append-only; post a reversal instead');
END;

-- Each member's plastic-credit account, append-only. A deposit paid in
-- credit adds its value; a conversion into shares, a payout in cash and a
-- deposit's reversal take credit away (negative amounts).
CREATE TABLE plastic_credit_entries (
    id                   INTEGER PRIMARY KEY,
    member_id            INTEGER NOT NULL REFERENCES members (id),
    date                 TEXT NOT NULL,
    kind                 TEXT NOT NULL
                         CHECK (kind IN ('deposit', 'conversion', 'payout', 'reversal')),
    amount_satang        INTEGER NOT NULL CHECK (amount_satang <> 0),
    deposit_id           INTEGER REFERENCES waste_deposits (id),
    share_transaction_id INTEGER REFERENCES share_transactions (id),
    note                 TEXT,
    operator             TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    CHECK ((kind = 'deposit') = (amount_satang > 0)),
    CHECK ((kind = 'conversion') = (share_transaction_id IS NOT NULL))
);
CREATE INDEX plastic_credit_entries_member ON plastic_credit_entries (member_id, date);
CREATE INDEX plastic_credit_entries_deposit ON plastic_credit_entries (deposit_id)
    WHERE deposit_id IS NOT NULL;

-- Which deposit credits each negative entry used, first in first out, so
-- that a share bought with plastic credit leads back to its kilograms.
CREATE TABLE plastic_credit_uses (
    entry_id        INTEGER NOT NULL REFERENCES plastic_credit_entries (id),
    source_entry_id INTEGER NOT NULL REFERENCES plastic_credit_entries (id),
    amount_satang   INTEGER NOT NULL CHECK (amount_satang > 0),
    PRIMARY KEY (entry_id, source_entry_id)
) WITHOUT ROWID;
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

-- A sale to a buyer from one collection point. A sale of more than the
-- point's stock needs an explicit override; it is recorded with forced = 1
-- and the warning shown. A correction is a reversal, as for deposits.
CREATE TABLE waste_sales (
    id          INTEGER PRIMARY KEY,
    buyer_id    INTEGER NOT NULL REFERENCES waste_buyers (id),
    point_id    INTEGER NOT NULL REFERENCES waste_points (id),
    date        TEXT NOT NULL,
    receipt_no  TEXT,
    forced      INTEGER NOT NULL DEFAULT 0 CHECK (forced IN (0, 1)),
    warning     TEXT,
    reverses_id INTEGER UNIQUE REFERENCES waste_sales (id),
    note        TEXT,
    operator    TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX waste_sales_date ON waste_sales (date);

CREATE TABLE waste_sale_lines (
    id                INTEGER PRIMARY KEY,
    sale_id           INTEGER NOT NULL REFERENCES waste_sales (id),
    material_id       INTEGER NOT NULL REFERENCES waste_materials (id),
    grams             INTEGER NOT NULL CHECK (grams <> 0),
    satang_per_kg     INTEGER NOT NULL CHECK (satang_per_kg >= 0),
    value_satang      INTEGER NOT NULL,
    -- Grams sold beyond the point's stock, which no lot supplied.
    unallocated_grams INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX waste_sale_lines_sale ON waste_sale_lines (sale_id);

-- Where each sold kilogram came from: grams of a lot that left in a sale
-- line, allocated first in first out per material and point. A reversed
-- sale's allocations are repeated with negative grams.
CREATE TABLE waste_lot_allocations (
    id           INTEGER PRIMARY KEY,
    sale_line_id INTEGER NOT NULL REFERENCES waste_sale_lines (id),
    lot_id       INTEGER NOT NULL REFERENCES waste_lots (id),
    grams        INTEGER NOT NULL CHECK (grams <> 0)
);
CREATE INDEX waste_lot_allocations_lot ON waste_lot_allocations (lot_id);
CREATE INDEX waste_lot_allocations_line ON waste_lot_allocations (sale_line_id);

CREATE TRIGGER waste_sales_no_update BEFORE UPDATE ON waste_sales
BEGIN
    SELECT RAISE(ABORT, 'sales are append-only; post a reversal instead');
END;

CREATE TRIGGER waste_sales_no_delete BEFORE DELETE ON waste_sales
BEGIN
    SELECT RAISE(ABORT, 'sales are append-only; post a reversal instead');
END;

CREATE TRIGGER waste_sale_lines_no_update BEFORE UPDATE ON waste_sale_lines
BEGIN
    SELECT RAISE(ABORT, 'sales are append-only; post a reversal instead');
END;

CREATE TRIGGER waste_lot_allocations_no_update BEFORE UPDATE ON waste_lot_allocations
BEGIN
    SELECT RAISE(ABORT, 'sales are append-only; post a reversal instead');
END;

-- The patronage refund (เฉลี่ยคืน): a second, optional pool of a dividend
-- run, split by each member's deposit value in the year.
ALTER TABLE dividend_runs ADD COLUMN patronage_pool_satang INTEGER;
ALTER TABLE dividend_lines ADD COLUMN deposit_value_satang INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dividend_lines ADD COLUMN patronage_satang INTEGER NOT NULL DEFAULT 0;

INSERT INTO waste_materials (code, name_th, name_en, category, is_plastic, polymer, sort_order,
                             created_at) VALUES
    ('PET_CLEAR', 'ขวดพลาสติกใส (PET)', 'Clear PET bottles', 'plastic', 1, 'PET', 1, '2025-01-01T00:00:00'),
    ('PET_COLOR', 'ขวดพลาสติกสี (PET)', 'Coloured PET bottles', 'plastic', 1, 'PET', 2, '2025-01-01T00:00:00'),
    ('HDPE', 'พลาสติกขุ่น (HDPE)', 'HDPE (opaque plastic)', 'plastic', 1, 'HDPE', 3, '2025-01-01T00:00:00'),
    ('PP', 'พลาสติก PP', 'PP plastic', 'plastic', 1, 'PP', 4, '2025-01-01T00:00:00'),
    ('LDPE_FILM', 'ถุงพลาสติกและฟิล์ม (LDPE)', 'Plastic bags and film (LDPE)', 'plastic', 1, 'LDPE', 5, '2025-01-01T00:00:00'),
    ('OTHER_PLASTIC', 'พลาสติกอื่น ๆ', 'Other plastics', 'plastic', 1, 'OTHER', 6, '2025-01-01T00:00:00'),
    ('ALU_CAN', 'กระป๋องอะลูมิเนียม', 'Aluminium cans', 'metal', 0, NULL, 7, '2025-01-01T00:00:00'),
    ('OTHER_METAL', 'โลหะอื่น ๆ', 'Other metals', 'metal', 0, NULL, 8, '2025-01-01T00:00:00'),
    ('CARDBOARD', 'กระดาษลัง', 'Cardboard', 'paper', 0, NULL, 9, '2025-01-01T00:00:00'),
    ('PAPER', 'กระดาษ', 'Paper', 'paper', 0, NULL, 10, '2025-01-01T00:00:00'),
    ('GLASS', 'แก้ว', 'Glass', 'glass', 0, NULL, 11, '2025-01-01T00:00:00'),
    ('ORGANIC', 'ขยะอินทรีย์', 'Organic waste', 'organic', 0, NULL, 12, '2025-01-01T00:00:00');

-- Names that people and legacy sheets use for the materials, with their
-- keys as `waste::materials::alias_key` computes them (a unit test checks
-- each). A material's code matches it without an alias.
INSERT INTO waste_material_aliases (alias_key, alias, material_id)
SELECT v.column1, v.column2, m.id
FROM (VALUES
    ('ขวดพลาสติกใสpet', 'ขวดพลาสติกใส (PET)', 'PET_CLEAR'),
    ('ขวดพลาสติกใส', 'ขวดพลาสติกใส', 'PET_CLEAR'),
    ('ขวดใส', 'ขวดใส', 'PET_CLEAR'),
    ('ขวดน้ำใส', 'ขวดน้ำใส', 'PET_CLEAR'),
    ('ขวดpetใส', 'ขวด PET ใส', 'PET_CLEAR'),
    ('ขวดเพ็ท', 'ขวดเพ็ท', 'PET_CLEAR'),
    ('ขวดเพ็ทใส', 'ขวดเพ็ทใส', 'PET_CLEAR'),
    ('petใส', 'PET ใส', 'PET_CLEAR'),
    ('ขวดน้ำดื่ม', 'ขวดน้ำดื่ม', 'PET_CLEAR'),
    ('clearpet', 'Clear PET', 'PET_CLEAR'),
    ('ขวดpetสี', 'ขวด PET สี', 'PET_COLOR'),
    ('ขวดพลาสติกสีpet', 'ขวดพลาสติกสี (PET)', 'PET_COLOR'),
    ('ขวดพลาสติกสี', 'ขวดพลาสติกสี', 'PET_COLOR'),
    ('ขวดสี', 'ขวดสี', 'PET_COLOR'),
    ('ขวดเพ็ทสี', 'ขวดเพ็ทสี', 'PET_COLOR'),
    ('petสี', 'PET สี', 'PET_COLOR'),
    ('colouredpet', 'Coloured PET', 'PET_COLOR'),
    ('พลาสติกขุ่นhdpe', 'พลาสติกขุ่น (HDPE)', 'HDPE'),
    ('พลาสติกขุ่น', 'พลาสติกขุ่น', 'HDPE'),
    ('ขวดขุ่น', 'ขวดขุ่น', 'HDPE'),
    ('ขวดนม', 'ขวดนม', 'HDPE'),
    ('แกลลอน', 'แกลลอน', 'HDPE'),
    ('ขวดน้ำขุ่น', 'ขวดน้ำขุ่น', 'HDPE'),
    ('พลาสติกpp', 'พลาสติก PP', 'PP'),
    ('พลาสติกพีพี', 'พลาสติกพีพี', 'PP'),
    ('ถุงพลาสติกฟิล์ม', 'ถุงพลาสติก/ฟิล์ม', 'LDPE_FILM'),
    ('ถุงพลาสติกและฟิล์มldpe', 'ถุงพลาสติกและฟิล์ม (LDPE)', 'LDPE_FILM'),
    ('ถุงพลาสติก', 'ถุงพลาสติก', 'LDPE_FILM'),
    ('ถุงก๊อบแก๊บ', 'ถุงก๊อบแก๊บ', 'LDPE_FILM'),
    ('ถุงกอบแกบ', 'ถุงกอบแกบ', 'LDPE_FILM'),
    ('ถุงหิ้ว', 'ถุงหิ้ว', 'LDPE_FILM'),
    ('ฟิล์มพลาสติก', 'ฟิล์มพลาสติก', 'LDPE_FILM'),
    ('พลาสติกฟิล์ม', 'พลาสติกฟิล์ม', 'LDPE_FILM'),
    ('ldpe', 'LDPE', 'LDPE_FILM'),
    ('พลาสติกอื่นๆ', 'พลาสติกอื่น ๆ', 'OTHER_PLASTIC'),
    ('พลาสติกรวม', 'พลาสติกรวม', 'OTHER_PLASTIC'),
    ('พลาสติกอื่น', 'พลาสติกอื่น', 'OTHER_PLASTIC'),
    ('กระป๋องอลูมิเนียม', 'กระป๋องอลูมิเนียม', 'ALU_CAN'),
    ('กระป๋องอะลูมิเนียม', 'กระป๋องอะลูมิเนียม', 'ALU_CAN'),
    ('กระป๋อง', 'กระป๋อง', 'ALU_CAN'),
    ('กระป๋องเครื่องดื่ม', 'กระป๋องเครื่องดื่ม', 'ALU_CAN'),
    ('กระป๋องน้ำอัดลม', 'กระป๋องน้ำอัดลม', 'ALU_CAN'),
    ('อลูมิเนียม', 'อลูมิเนียม', 'ALU_CAN'),
    ('อะลูมิเนียม', 'อะลูมิเนียม', 'ALU_CAN'),
    ('โลหะอื่นๆ', 'โลหะอื่น ๆ', 'OTHER_METAL'),
    ('เศษเหล็ก', 'เศษเหล็ก', 'OTHER_METAL'),
    ('เหล็ก', 'เหล็ก', 'OTHER_METAL'),
    ('เศษโลหะ', 'เศษโลหะ', 'OTHER_METAL'),
    ('โลหะ', 'โลหะ', 'OTHER_METAL'),
    ('ทองแดง', 'ทองแดง', 'OTHER_METAL'),
    ('ทองเหลือง', 'ทองเหลือง', 'OTHER_METAL'),
    ('กระดาษลัง', 'กระดาษลัง', 'CARDBOARD'),
    ('ลังกระดาษ', 'ลังกระดาษ', 'CARDBOARD'),
    ('กล่องกระดาษ', 'กล่องกระดาษ', 'CARDBOARD'),
    ('กระดาษกล่อง', 'กระดาษกล่อง', 'CARDBOARD'),
    ('ลัง', 'ลัง', 'CARDBOARD'),
    ('กระดาษ', 'กระดาษ', 'PAPER'),
    ('กระดาษขาวดำ', 'กระดาษขาวดำ', 'PAPER'),
    ('กระดาษรวม', 'กระดาษรวม', 'PAPER'),
    ('กระดาษสี', 'กระดาษสี', 'PAPER'),
    ('กระดาษขาว', 'กระดาษขาว', 'PAPER'),
    ('หนังสือพิมพ์', 'หนังสือพิมพ์', 'PAPER'),
    ('กระดาษหนังสือพิมพ์', 'กระดาษหนังสือพิมพ์', 'PAPER'),
    ('สมุด', 'สมุด', 'PAPER'),
    ('แก้ว', 'แก้ว', 'GLASS'),
    ('ขวดแก้ว', 'ขวดแก้ว', 'GLASS'),
    ('เศษแก้ว', 'เศษแก้ว', 'GLASS'),
    ('ขวดแก้วใส', 'ขวดแก้วใส', 'GLASS'),
    ('ขวดแก้วสี', 'ขวดแก้วสี', 'GLASS'),
    ('ขยะอินทรีย์', 'ขยะอินทรีย์', 'ORGANIC'),
    ('เศษอาหาร', 'เศษอาหาร', 'ORGANIC'),
    ('ขยะเปียก', 'ขยะเปียก', 'ORGANIC'),
    ('เศษผักผลไม้', 'เศษผักผลไม้', 'ORGANIC')
) AS v
JOIN waste_materials m ON m.code = v.column3;
