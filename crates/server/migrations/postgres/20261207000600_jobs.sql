-- The job queue (store/jobs.rs); see migrations/sqlite/20261207000600_jobs.sql.
CREATE TABLE jobs (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    org_id      TEXT REFERENCES organisations (id),
    payload     TEXT NOT NULL,
    run_at      TEXT NOT NULL,
    attempts    BIGINT NOT NULL DEFAULT 0,
    lease_until TEXT,
    last_error  TEXT,
    done_at     TEXT,
    failed_at   TEXT,
    created_at  TEXT NOT NULL
);

CREATE INDEX jobs_due ON jobs (kind, done_at, failed_at, run_at);
CREATE INDEX jobs_org ON jobs (org_id, done_at);

INSERT INTO jobs (id, kind, org_id, payload, run_at, created_at)
    SELECT o.id, 'mail', t.provider_id, '{"mail_id":"' || o.id || '"}', o.created_at, o.created_at
    FROM outbox o LEFT JOIN tickets t ON t.id = o.ticket_id WHERE o.sent_at IS NULL;
