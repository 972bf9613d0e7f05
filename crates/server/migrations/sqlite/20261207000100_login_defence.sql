-- Log-in defence without lock-outs (auth/login_guard.rs). Failures are still counted per
-- normalised e-mail, existing or not, so answers never tell which addresses are real; past the
-- threshold a log-in needs a code e-mailed to the owner instead of locking the owner out.
DROP TABLE login_attempts;

CREATE TABLE login_failures (
    email        TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    -- The first failure of the current window; older windows are forgotten.
    window_start TEXT NOT NULL
);

-- One code per account at a time, stored as a digest; it dies after a few wrong tries.
CREATE TABLE login_codes (
    email         TEXT PRIMARY KEY,
    code_sha256   TEXT NOT NULL,
    attempts_left INTEGER NOT NULL,
    expires_at    TEXT NOT NULL
);

-- Rate limits shared by every server process (auth/rate_limit.rs): GCRA's theoretical arrival
-- time per key, in Unix milliseconds.
CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    tat INTEGER NOT NULL
);

-- Mail about an account (a log-in code) belongs to no ticket: ticket_id becomes optional.
CREATE TABLE outbox_new (
    id         TEXT PRIMARY KEY,
    ticket_id  TEXT REFERENCES tickets (id),
    to_email   TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at    TEXT
);
INSERT INTO outbox_new (id, ticket_id, to_email, subject, body, created_at, sent_at)
    SELECT id, ticket_id, to_email, subject, body, created_at, sent_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_created ON outbox (created_at);
