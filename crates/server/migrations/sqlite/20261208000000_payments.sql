-- Purchases, refunds and the ledger (store/payments.rs, store/refunds.rs, store/ledger.rs).
-- Amounts are integers in the currency's minor units (XOF has none, EUR two), never floats.

-- A customer's payment to a merchant, as its operator reported it.
CREATE TABLE purchases (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES organisations (id),
    -- The merchant's reference: unique within the merchant, shown and searched.
    reference     TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    authorised_at TEXT,
    -- When it completed or was cancelled; NULL while pending.
    settled_at    TEXT,
    amount_minor  INTEGER NOT NULL CHECK (amount_minor > 0),
    currency      TEXT NOT NULL,
    status        TEXT NOT NULL,
    -- `card` or `mobile_money`; the brand or operator; the instrument, masked.
    method_kind   TEXT NOT NULL,
    method_brand  TEXT NOT NULL,
    method_masked TEXT NOT NULL,
    -- The customer as the merchant may see them (`Awa K.`).
    customer      TEXT NOT NULL,
    -- What the search box matches, lower-cased: the reference and the customer.
    search_key    TEXT NOT NULL,
    shop          TEXT NOT NULL,
    UNIQUE (org_id, reference)
);

-- The list's orders (store/purchases.rs), each ending on the id for keyset cursors, and the
-- status filter with the date order. The date order's index also holds every filtered column,
-- so that counting the matches and finding a page's rows read the index alone: 100,000
-- purchases are counted in milliseconds, searched in tens of them.
CREATE INDEX purchases_by_date
    ON purchases (org_id, created_at, id, status, method_kind, amount_minor, search_key);
CREATE INDEX purchases_by_amount ON purchases (org_id, amount_minor, id);
CREATE INDEX purchases_by_status_date ON purchases (org_id, status, created_at, id);

-- A refund of (part of) a purchase: asked by one employee, decided by another, executed by the
-- operator in attempts.
CREATE TABLE refunds (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL REFERENCES organisations (id),
    purchase_id      TEXT NOT NULL REFERENCES purchases (id),
    amount_minor     INTEGER NOT NULL CHECK (amount_minor > 0),
    currency         TEXT NOT NULL,
    status           TEXT NOT NULL,
    reason           TEXT NOT NULL,
    note             TEXT NOT NULL,
    requested_by     TEXT NOT NULL REFERENCES users (id),
    requested_at     TEXT NOT NULL,
    decided_by       TEXT REFERENCES users (id),
    decided_at       TEXT,
    rejection_reason TEXT,
    -- Attempts begun with the operator; the current one's key is `<id>-<attempts>`, sent as its
    -- Idempotency-Key, so that asking again after a time-out never refunds twice.
    attempts         INTEGER NOT NULL DEFAULT 0,
    -- The operator's reference for the current attempt, once it answered.
    operator_ref     TEXT,
    -- When the server next asks the operator or tries again.
    next_attempt_at  TEXT,
    updated_at       TEXT NOT NULL
);

CREATE INDEX refunds_by_purchase ON refunds (purchase_id);
CREATE INDEX refunds_by_status ON refunds (org_id, status, requested_at);

-- The steps of a purchase and of its refunds, for their timelines. A demo purchase's own steps
-- (created, authorised, completed or cancelled) are read from its columns.
CREATE TABLE payment_events (
    purchase_id TEXT NOT NULL REFERENCES purchases (id),
    refund_id   TEXT REFERENCES refunds (id),
    kind        TEXT NOT NULL,
    at          TEXT NOT NULL,
    user_id     TEXT REFERENCES users (id),
    request_id  TEXT,
    attempt     INTEGER,
    detail      TEXT
);

CREATE INDEX payment_events_by_purchase ON payment_events (purchase_id, at);
CREATE INDEX payment_events_by_refund ON payment_events (refund_id, at);

-- Every money movement as balanced entries: the entries of one movement (`purchase:<id>`,
-- `refund:<id>`) sum to zero. Accounts: `merchant` (what the provider owes the merchant) and
-- `operator` (what the operators owe the provider).
CREATE TABLE ledger_entries (
    org_id       TEXT NOT NULL REFERENCES organisations (id),
    movement     TEXT NOT NULL,
    account      TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    currency     TEXT NOT NULL,
    at           TEXT NOT NULL
);

CREATE INDEX ledger_by_account ON ledger_entries (org_id, account, currency);
-- A movement is written once: a refund completed twice would break this, not the books.
CREATE UNIQUE INDEX ledger_once ON ledger_entries (movement, account);
