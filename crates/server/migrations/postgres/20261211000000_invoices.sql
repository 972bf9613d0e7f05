-- Monthly fee invoices; see migrations/sqlite/20261211000000_invoices.sql.

CREATE TABLE invoices (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organisations (id),
    -- The month's first day, YYYY-MM-DD.
    month       TEXT NOT NULL,
    sequence    BIGINT NOT NULL UNIQUE,
    number      TEXT NOT NULL UNIQUE,
    issued_on   TEXT NOT NULL,
    currency    TEXT NOT NULL,
    vat_rate_bp INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (org_id, month)
);

CREATE TABLE invoice_lines (
    invoice_id   TEXT NOT NULL REFERENCES invoices (id),
    method_kind  TEXT NOT NULL,
    purchases    BIGINT NOT NULL,
    volume_minor BIGINT NOT NULL,
    fees_minor   BIGINT NOT NULL,
    vat_minor    BIGINT NOT NULL,
    PRIMARY KEY (invoice_id, method_kind)
);
