-- Balances and the daily settlement; see migrations/sqlite/20261209000000_balances.sql.

-- A merchant's country sets its VAT rate and its public holidays.
ALTER TABLE organisations ADD COLUMN country TEXT;

-- What the provider charges each merchant.
CREATE TABLE pricing (
    org_id                 TEXT PRIMARY KEY REFERENCES organisations (id),
    card_percent_bp        BIGINT NOT NULL CHECK (card_percent_bp BETWEEN 0 AND 10000),
    card_fixed_minor       BIGINT NOT NULL CHECK (card_fixed_minor >= 0),
    mobile_percent_bp      BIGINT NOT NULL CHECK (mobile_percent_bp BETWEEN 0 AND 10000),
    mobile_fixed_minor     BIGINT NOT NULL CHECK (mobile_fixed_minor >= 0),
    vat_bp                 BIGINT NOT NULL CHECK (vat_bp BETWEEN 0 AND 10000),
    reserve_bp             BIGINT NOT NULL CHECK (reserve_bp BETWEEN 0 AND 10000),
    reserve_days           BIGINT NOT NULL CHECK (reserve_days >= 0)
);

-- A purchase's fee and the VAT on it, fixed when it completes (Pricing::charge).
ALTER TABLE purchases ADD COLUMN fee_minor BIGINT NOT NULL DEFAULT 0;
ALTER TABLE purchases ADD COLUMN vat_minor BIGINT NOT NULL DEFAULT 0;
-- The settlement that took it (completed purchases) or its refund.
ALTER TABLE purchases ADD COLUMN settlement_id TEXT;
ALTER TABLE refunds ADD COLUMN settlement_id TEXT;
CREATE INDEX purchases_to_settle ON purchases (org_id, settlement_id, settled_at);
CREATE INDEX refunds_by_settlement ON refunds (org_id, settlement_id);

-- Public holidays, by country (ISO 3166-1 alpha-2): no settlement on them, and a payout's
-- business hours skip them. The provider keeps this table; these are 2026 and 2027's.
CREATE TABLE holidays (
    country TEXT NOT NULL,
    day     TEXT NOT NULL,
    name    TEXT NOT NULL,
    PRIMARY KEY (country, day)
);

INSERT INTO holidays (country, day, name) VALUES
    ('CI', '2026-01-01', 'Jour de l''An'), ('CI', '2026-03-20', 'Aïd el-Fitr'),
    ('CI', '2026-04-06', 'Lundi de Pâques'), ('CI', '2026-05-01', 'Fête du Travail'),
    ('CI', '2026-05-14', 'Ascension'), ('CI', '2026-05-25', 'Lundi de Pentecôte'),
    ('CI', '2026-05-27', 'Tabaski'), ('CI', '2026-08-07', 'Fête de l''Indépendance'),
    ('CI', '2026-08-15', 'Assomption'), ('CI', '2026-08-26', 'Maouloud'),
    ('CI', '2026-11-01', 'Toussaint'), ('CI', '2026-11-15', 'Journée nationale de la Paix'),
    ('CI', '2026-12-25', 'Noël'),
    ('CI', '2027-01-01', 'Jour de l''An'), ('CI', '2027-03-10', 'Aïd el-Fitr'),
    ('CI', '2027-03-29', 'Lundi de Pâques'), ('CI', '2027-05-01', 'Fête du Travail'),
    ('CI', '2027-05-06', 'Ascension'), ('CI', '2027-05-17', 'Lundi de Pentecôte'),
    ('CI', '2027-05-16', 'Tabaski'), ('CI', '2027-08-07', 'Fête de l''Indépendance'),
    ('CI', '2027-08-15', 'Assomption'),
    ('CI', '2027-11-01', 'Toussaint'), ('CI', '2027-11-15', 'Journée nationale de la Paix'),
    ('CI', '2027-12-25', 'Noël'),
    ('SN', '2026-01-01', 'Jour de l''An'), ('SN', '2026-03-20', 'Korité'),
    ('SN', '2026-04-04', 'Fête de l''Indépendance'), ('SN', '2026-04-06', 'Lundi de Pâques'),
    ('SN', '2026-05-01', 'Fête du Travail'), ('SN', '2026-05-14', 'Ascension'),
    ('SN', '2026-05-25', 'Lundi de Pentecôte'), ('SN', '2026-05-27', 'Tabaski'),
    ('SN', '2026-06-16', 'Tamkharit'), ('SN', '2026-08-15', 'Assomption'),
    ('SN', '2026-08-26', 'Maouloud'), ('SN', '2026-11-01', 'Toussaint'),
    ('SN', '2026-12-25', 'Noël'),
    ('SN', '2027-01-01', 'Jour de l''An'), ('SN', '2027-03-10', 'Korité'),
    ('SN', '2027-03-29', 'Lundi de Pâques'), ('SN', '2027-04-04', 'Fête de l''Indépendance'),
    ('SN', '2027-05-01', 'Fête du Travail'), ('SN', '2027-05-06', 'Ascension'),
    ('SN', '2027-05-16', 'Tabaski'), ('SN', '2027-05-17', 'Lundi de Pentecôte'),
    ('SN', '2027-06-05', 'Tamkharit'), ('SN', '2027-08-15', 'Assomption'),
    ('SN', '2027-11-01', 'Toussaint'), ('SN', '2027-12-25', 'Noël'),
    ('FR', '2026-01-01', 'Jour de l''An'), ('FR', '2026-04-06', 'Lundi de Pâques'),
    ('FR', '2026-05-01', 'Fête du Travail'), ('FR', '2026-05-08', 'Victoire 1945'),
    ('FR', '2026-05-14', 'Ascension'), ('FR', '2026-05-25', 'Lundi de Pentecôte'),
    ('FR', '2026-07-14', 'Fête nationale'), ('FR', '2026-08-15', 'Assomption'),
    ('FR', '2026-11-01', 'Toussaint'), ('FR', '2026-11-11', 'Armistice 1918'),
    ('FR', '2026-12-25', 'Noël'),
    ('FR', '2027-01-01', 'Jour de l''An'), ('FR', '2027-03-29', 'Lundi de Pâques'),
    ('FR', '2027-05-01', 'Fête du Travail'), ('FR', '2027-05-06', 'Ascension'),
    ('FR', '2027-05-08', 'Victoire 1945'), ('FR', '2027-05-17', 'Lundi de Pentecôte'),
    ('FR', '2027-07-14', 'Fête nationale'), ('FR', '2027-08-15', 'Assomption'),
    ('FR', '2027-11-01', 'Toussaint'), ('FR', '2027-11-11', 'Armistice 1918'),
    ('FR', '2027-12-25', 'Noël');

-- A business day's settlement of a merchant, line by line (SettlementLines): it takes every
-- completed purchase and refund not yet settled from before the day's start. One a day
-- (`UNIQUE`): running a day twice settles it once.
CREATE TABLE settlements (
    id                TEXT PRIMARY KEY,
    org_id            TEXT NOT NULL REFERENCES organisations (id),
    -- The business day, in the merchant's zone, and the first day it takes.
    day               TEXT NOT NULL,
    from_day          TEXT NOT NULL,
    currency          TEXT NOT NULL,
    gross             BIGINT NOT NULL,
    fees              BIGINT NOT NULL,
    vat               BIGINT NOT NULL,
    refunds           BIGINT NOT NULL,
    carried_in        BIGINT NOT NULL,
    reserve_held      BIGINT NOT NULL,
    reserve_released  BIGINT NOT NULL,
    net               BIGINT NOT NULL,
    carried_out       BIGINT NOT NULL,
    purchases         BIGINT NOT NULL,
    -- The day after which its reserve is released, and the settlement that released it.
    reserve_until     TEXT NOT NULL,
    released_by       TEXT,
    created_at        TEXT NOT NULL,
    UNIQUE (org_id, day)
);

-- The merchant's one account becomes the shop account (sales) and the owed account (refunds),
-- which settlements move to the main account (guichet_domain::balances::Account).
UPDATE ledger_entries SET account = 'shop' WHERE account = 'merchant' AND movement LIKE 'purchase:%';
UPDATE ledger_entries SET account = 'owed' WHERE account = 'merchant' AND movement LIKE 'refund:%';
