-- Monthly fee invoices (store/invoices.rs): what the settlements of a month charged in fees and
-- VAT, by payment method, issued once the month is over. Numbers follow each other without
-- gaps across the provider, as invoicing law asks; an invoice, once issued, never changes.

CREATE TABLE invoices (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organisations (id),
    -- The month's first day, YYYY-MM-DD.
    month       TEXT NOT NULL,
    sequence    INTEGER NOT NULL UNIQUE,
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
    purchases    INTEGER NOT NULL,
    volume_minor INTEGER NOT NULL,
    fees_minor   INTEGER NOT NULL,
    vat_minor    INTEGER NOT NULL,
    PRIMARY KEY (invoice_id, method_kind)
);
