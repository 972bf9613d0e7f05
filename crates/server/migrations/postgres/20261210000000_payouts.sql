-- Payouts; see migrations/sqlite/20261210000000_payouts.sql.

CREATE TABLE payout_accounts (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL REFERENCES organisations (id),
    kind             TEXT NOT NULL CHECK (kind IN ('bank', 'mobile_money')),
    label            TEXT NOT NULL,
    -- The IBAN or the wallet's number, compact: what the operator is sent; people see `masked`.
    number           TEXT NOT NULL,
    masked           TEXT NOT NULL,
    status           TEXT NOT NULL,
    -- The active account this one replaces once approved (a change).
    replaces         TEXT REFERENCES payout_accounts (id),
    requested_by     TEXT NOT NULL REFERENCES users (id),
    requested_at     TEXT NOT NULL,
    decided_by       TEXT REFERENCES users (id),
    decided_at       TEXT,
    rejection_reason TEXT
);

CREATE INDEX payout_accounts_by_org ON payout_accounts (org_id, status);

CREATE TABLE payouts (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL REFERENCES organisations (id),
    account_id       TEXT NOT NULL REFERENCES payout_accounts (id),
    amount_minor     BIGINT NOT NULL CHECK (amount_minor > 0),
    currency         TEXT NOT NULL,
    -- The day it should leave, in the merchant's zone, and when it is expected.
    on_day           TEXT NOT NULL,
    expected_by      TEXT NOT NULL,
    status           TEXT NOT NULL,
    requested_by     TEXT NOT NULL REFERENCES users (id),
    requested_at     TEXT NOT NULL,
    decided_by       TEXT REFERENCES users (id),
    decided_at       TEXT,
    rejection_reason TEXT,
    -- Attempts with the operator; the current one's key is `<id>-<attempts>`.
    attempts         BIGINT NOT NULL DEFAULT 0,
    operator_ref     TEXT,
    failure_reason   TEXT,
    updated_at       TEXT NOT NULL
);

CREATE INDEX payouts_by_org ON payouts (org_id, requested_at);
CREATE INDEX payouts_by_status ON payouts (org_id, status);
