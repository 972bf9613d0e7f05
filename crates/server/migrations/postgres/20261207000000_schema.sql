-- The schema of migrations/sqlite/ as it stands at 20261207000500, in PostgreSQL's dialect: the
-- same tables, columns and meanings. TEXT ids and RFC 3339 UTC times (fixed width, so that they
-- sort as text), BOOLEAN flags, BIGINT counts, BYTEA contents; `rowid BIGSERIAL` where the SQL
-- orders by insertion (SQLite's implicit rowid). A new migration is written for both backends.

CREATE TABLE organisations (
    id            TEXT PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('provider', 'merchant')),
    currency      TEXT,
    time_zone     TEXT NOT NULL,
    -- Prefix of ticket numbers, e.g. EFB in EFB-SUPPORT-20260113-001 (provider only).
    ticket_prefix TEXT,
    created_at    TEXT NOT NULL,
    provider_id   TEXT REFERENCES organisations (id)
);

CREATE TABLE users (
    id                   TEXT PRIMARY KEY,
    org_id               TEXT NOT NULL REFERENCES organisations (id),
    -- Stored normalised (trimmed, lower case); log-in is by e-mail, so it is unique everywhere.
    email                TEXT NOT NULL UNIQUE,
    name                 TEXT NOT NULL,
    password_hash        TEXT NOT NULL,
    active               BOOLEAN NOT NULL DEFAULT TRUE,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    created_at           TEXT NOT NULL,
    last_login_at        TEXT,
    -- The language a user's mail is written in.
    language             TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr'))
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

CREATE TABLE idempotency_keys (
    user_id       TEXT NOT NULL,
    idem_key      TEXT NOT NULL,
    method        TEXT NOT NULL,
    path          TEXT NOT NULL,
    body_sha256   TEXT NOT NULL,
    -- NULL while the first request is in flight.
    status        BIGINT,
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

-- Log-in defence (auth/login_guard.rs): failures per normalised e-mail, existing or not.
CREATE TABLE login_failures (
    email        TEXT PRIMARY KEY,
    failures     BIGINT NOT NULL,
    window_start TEXT NOT NULL
);

CREATE TABLE login_codes (
    email         TEXT PRIMARY KEY,
    code_sha256   TEXT NOT NULL,
    attempts_left BIGINT NOT NULL,
    expires_at    TEXT NOT NULL
);

-- GCRA's theoretical arrival time per key, in Unix milliseconds (auth/rate_limit.rs).
CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    tat BIGINT NOT NULL
);

-- The daily sequence of ticket numbers, per provider and per day in the provider's zone.
CREATE TABLE ticket_counters (
    provider_id TEXT NOT NULL REFERENCES organisations (id),
    day         TEXT NOT NULL,
    last        BIGINT NOT NULL,
    PRIMARY KEY (provider_id, day)
);

CREATE TABLE tickets (
    id                    TEXT PRIMARY KEY,
    number                TEXT NOT NULL UNIQUE,
    provider_id           TEXT NOT NULL REFERENCES organisations (id),
    merchant_id           TEXT NOT NULL REFERENCES organisations (id),
    requester_id          TEXT NOT NULL REFERENCES users (id),
    assignee_id           TEXT REFERENCES users (id),
    category              TEXT NOT NULL,
    urgency               TEXT NOT NULL,
    status                TEXT NOT NULL,
    subject               TEXT NOT NULL,
    -- The other fields, as a JSON object keyed by wire name; free text already redacted.
    fields                TEXT NOT NULL,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    first_response_at     TEXT,
    resolved_at           TEXT,
    closed_at             TEXT,
    -- The ticket's place in the desk's queue (see migrations/sqlite/20261207000000_desk_queue.sql).
    queue_rank            BIGINT,
    queue_due_at          TEXT,
    queue_left_ms         BIGINT,
    -- Who spoke last in public, and when.
    last_public_at        TEXT,
    last_public_from_desk BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE INDEX tickets_merchant ON tickets (merchant_id, created_at);
CREATE INDEX tickets_provider ON tickets (provider_id, status);
CREATE INDEX tickets_queue ON tickets (provider_id, queue_rank, queue_due_at, queue_left_ms, id);

CREATE TABLE ticket_pauses (
    ticket_id  TEXT NOT NULL REFERENCES tickets (id),
    started_at TEXT NOT NULL,
    ended_at   TEXT,
    PRIMARY KEY (ticket_id, started_at)
);

CREATE TABLE ticket_messages (
    id        TEXT PRIMARY KEY,
    ticket_id TEXT NOT NULL REFERENCES tickets (id),
    author_id TEXT NOT NULL REFERENCES users (id),
    from_desk BOOLEAN NOT NULL,
    internal  BOOLEAN NOT NULL,
    body      TEXT NOT NULL,
    at        TEXT NOT NULL
);

CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id, at);

CREATE TABLE attachments (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL REFERENCES organisations (id),
    uploader_id     TEXT NOT NULL REFERENCES users (id),
    ticket_id       TEXT REFERENCES tickets (id),
    message_id      TEXT REFERENCES ticket_messages (id),
    name            TEXT NOT NULL,
    media_type      TEXT NOT NULL,
    size            BIGINT NOT NULL,
    server_findings BIGINT NOT NULL,
    content         BYTEA NOT NULL,
    created_at      TEXT NOT NULL
);

CREATE INDEX attachments_ticket ON attachments (ticket_id);

CREATE TABLE ticket_events (
    id        TEXT PRIMARY KEY,
    rowid     BIGSERIAL,
    ticket_id TEXT NOT NULL REFERENCES tickets (id),
    actor_id  TEXT REFERENCES users (id),
    -- The change as JSON, tagged by kind.
    change    TEXT NOT NULL,
    at        TEXT NOT NULL
);

CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, at);

CREATE TABLE ticket_feedback (
    ticket_id TEXT PRIMARY KEY REFERENCES tickets (id),
    rating    BIGINT NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment   TEXT NOT NULL,
    at        TEXT NOT NULL
);

CREATE TABLE ticket_reads (
    ticket_id TEXT NOT NULL REFERENCES tickets (id),
    user_id   TEXT NOT NULL REFERENCES users (id),
    read_at   TEXT NOT NULL,
    PRIMARY KEY (ticket_id, user_id)
);

-- Notifications: about a ticket (to its requester) or an account (a log-in code, a reset link).
CREATE TABLE outbox (
    id         TEXT PRIMARY KEY,
    rowid      BIGSERIAL,
    ticket_id  TEXT REFERENCES tickets (id),
    kind       TEXT,
    to_email   TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at    TEXT
);

CREATE INDEX outbox_created ON outbox (created_at);

CREATE TABLE password_resets (
    token_sha256 TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    expires_at   TEXT NOT NULL
);

CREATE INDEX password_resets_user ON password_resets (user_id);
