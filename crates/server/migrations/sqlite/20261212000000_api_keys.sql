-- Merchants' API keys (« Développeurs »): the server keeps the SHA-256 of each secret, never
-- the secret; `fingerprint` (prefix and last four) is what people are shown of it.
-- `valid_until` is when it stops working (its expiry, or the end of its overlap once rolled).

CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES organisations (id),
    name         TEXT NOT NULL,
    environment  TEXT NOT NULL,
    -- Space-separated wire names, sorted: `Api.delegated_payment_create Api.purchases_read`.
    scopes       TEXT NOT NULL,
    secret_hash  TEXT NOT NULL UNIQUE,
    fingerprint  TEXT NOT NULL,
    created_by   TEXT NOT NULL REFERENCES users (id),
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    expires_on   TEXT,
    valid_until  TEXT,
    revoked_at   TEXT,
    revoked_by   TEXT REFERENCES users (id),
    replaced_by  TEXT REFERENCES api_keys (id)
);

CREATE INDEX api_keys_by_org ON api_keys (org_id, created_at);
