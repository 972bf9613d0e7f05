-- Portable SQL: TEXT ids and RFC 3339 UTC times (fixed width, so they sort as text), INTEGER
-- booleans. The same schema runs on PostgreSQL with only type names to adjust.

CREATE TABLE organisations (
    id            TEXT PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('provider', 'merchant')),
    currency      TEXT,
    time_zone     TEXT NOT NULL,
    -- Prefix of ticket numbers, e.g. EFB in EFB-SUPPORT-20260113-001 (provider only).
    ticket_prefix TEXT,
    created_at    TEXT NOT NULL
);

CREATE TABLE users (
    id                   TEXT PRIMARY KEY,
    org_id               TEXT NOT NULL REFERENCES organisations (id),
    -- Stored normalised (trimmed, lower case); log-in is by e-mail, so it is unique everywhere.
    email                TEXT NOT NULL UNIQUE,
    name                 TEXT NOT NULL,
    password_hash        TEXT NOT NULL,
    active               INTEGER NOT NULL DEFAULT 1,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    created_at           TEXT NOT NULL,
    last_login_at        TEXT
);

CREATE INDEX users_org ON users (org_id);

CREATE TABLE user_roles (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE sessions (
    -- SHA-256 of the cookie value: a leaked database does not yield usable sessions.
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE INDEX sessions_user ON sessions (user_id);

-- Keyed by the normalised e-mail as typed, whether or not such an account exists, so that the
-- lock-out never tells an attacker which addresses are real.
CREATE TABLE login_attempts (
    email        TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    locked_until TEXT,
    updated_at   TEXT NOT NULL
);

CREATE TABLE idempotency_keys (
    user_id       TEXT NOT NULL,
    idem_key      TEXT NOT NULL,
    method        TEXT NOT NULL,
    path          TEXT NOT NULL,
    body_sha256   TEXT NOT NULL,
    -- NULL while the first request is in flight.
    status        INTEGER,
    response_body TEXT,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

CREATE TABLE audit_log (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organisations (id),
    actor_id    TEXT,
    actor_email TEXT,
    action      TEXT NOT NULL,
    target      TEXT,
    details     TEXT NOT NULL,
    request_id  TEXT NOT NULL,
    at          TEXT NOT NULL
);

CREATE INDEX audit_log_org_at ON audit_log (org_id, at, id);
