-- The job queue (store/jobs.rs): background work any server process may do, each job once.
-- A process claims a due job with a lease; a job whose lease ran out (its process died) is due
-- again; a failure is retried later and later, then given up (`failed_at`).
CREATE TABLE jobs (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    -- The organisation whose work it is (a desk's mail to requesters), shown in its figures.
    org_id      TEXT REFERENCES organisations (id),
    -- What the job is about, as JSON (a mail: its outbox id).
    payload     TEXT NOT NULL,
    -- Not before this instant.
    run_at      TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    -- Claimed by a process until then; NULL when free.
    lease_until TEXT,
    last_error  TEXT,
    done_at     TEXT,
    failed_at   TEXT,
    created_at  TEXT NOT NULL
);

CREATE INDEX jobs_due ON jobs (kind, done_at, failed_at, run_at);
CREATE INDEX jobs_org ON jobs (org_id, done_at);

-- Mail queued before the queue existed goes through it like any other.
INSERT INTO jobs (id, kind, org_id, payload, run_at, created_at)
    SELECT o.id, 'mail', t.provider_id, '{"mail_id":"' || o.id || '"}', o.created_at, o.created_at
    FROM outbox o LEFT JOIN tickets t ON t.id = o.ticket_id WHERE o.sent_at IS NULL;
