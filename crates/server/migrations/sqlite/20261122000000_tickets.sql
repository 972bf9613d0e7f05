-- Support tickets (seeds 000 and 001). Merchants file them with their provider, whose support
-- desk works them.

ALTER TABLE organisations ADD COLUMN provider_id TEXT REFERENCES organisations (id);

-- The daily sequence of ticket numbers, per provider and per day in the provider's zone. Taken
-- inside the write transaction that inserts the ticket, so concurrent submissions never share one.
CREATE TABLE ticket_counters (
    provider_id TEXT NOT NULL REFERENCES organisations (id),
    day         TEXT NOT NULL,
    last        INTEGER NOT NULL,
    PRIMARY KEY (provider_id, day)
);

CREATE TABLE tickets (
    id                TEXT PRIMARY KEY,
    number            TEXT NOT NULL UNIQUE,
    provider_id       TEXT NOT NULL REFERENCES organisations (id),
    merchant_id       TEXT NOT NULL REFERENCES organisations (id),
    requester_id      TEXT NOT NULL REFERENCES users (id),
    assignee_id       TEXT REFERENCES users (id),
    category          TEXT NOT NULL,
    urgency           TEXT NOT NULL,
    status            TEXT NOT NULL,
    subject           TEXT NOT NULL,
    -- The other fields, as a JSON object keyed by wire name; free text already redacted.
    fields            TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    first_response_at TEXT,
    resolved_at       TEXT,
    closed_at         TEXT
);

CREATE INDEX tickets_merchant ON tickets (merchant_id, created_at);
CREATE INDEX tickets_provider ON tickets (provider_id, status);

-- Periods spent waiting on the merchant: the SLA clock stops during them.
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
    from_desk INTEGER NOT NULL,
    internal  INTEGER NOT NULL,
    body      TEXT NOT NULL,
    at        TEXT NOT NULL
);

CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id, at);

-- Uploaded first, then attached to a ticket or a message by the request that creates it.
CREATE TABLE attachments (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL REFERENCES organisations (id),
    uploader_id     TEXT NOT NULL REFERENCES users (id),
    ticket_id       TEXT REFERENCES tickets (id),
    message_id      TEXT REFERENCES ticket_messages (id),
    name            TEXT NOT NULL,
    media_type      TEXT NOT NULL,
    size            INTEGER NOT NULL,
    server_findings INTEGER NOT NULL,
    content         BLOB NOT NULL,
    created_at      TEXT NOT NULL
);

CREATE INDEX attachments_ticket ON attachments (ticket_id);

CREATE TABLE ticket_events (
    id        TEXT PRIMARY KEY,
    ticket_id TEXT NOT NULL REFERENCES tickets (id),
    actor_id  TEXT REFERENCES users (id),
    -- The change as JSON, tagged by kind.
    change    TEXT NOT NULL,
    at        TEXT NOT NULL
);

CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, at);

CREATE TABLE ticket_feedback (
    ticket_id TEXT PRIMARY KEY REFERENCES tickets (id),
    rating    INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment   TEXT NOT NULL,
    at        TEXT NOT NULL
);

-- Notifications to requesters; sent by SMTP when a relay is configured, readable by the desk.
CREATE TABLE outbox (
    id         TEXT PRIMARY KEY,
    ticket_id  TEXT NOT NULL REFERENCES tickets (id),
    to_email   TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at    TEXT
);

CREATE INDEX outbox_created ON outbox (created_at);
