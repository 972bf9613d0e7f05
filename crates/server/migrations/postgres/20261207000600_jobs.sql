-- The job queue (store/jobs.rs); see migrations/sqlite/20261207000600_jobs.sql.
CREATE TABLE jobs (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
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

INSERT INTO jobs (id, kind, payload, run_at, created_at)
    SELECT id, 'mail', '{"mail_id":"' || id || '"}', created_at, created_at
    FROM outbox WHERE sent_at IS NULL;
