-- The desk's queue is sorted and paged in the database, so that its first page is the most at
-- risk of all (it was the newest 500, sorted afterwards). The key is guichet_domain's
-- tickets::QueueKey, which does not move as time passes; the server writes it whenever a
-- ticket's SLA clock changes. `queue_rank`: 0 while the clock runs, 1 while it is paused, 2 once
-- the ticket is resolved or closed; then `queue_due_at`, the next deadline of a running or done
-- ticket, or `queue_left_ms`, what a paused clock will have left when it runs again. A NULL rank
-- is a ticket filed before this migration: the server keys those at start-up.
ALTER TABLE tickets ADD COLUMN queue_rank INTEGER;
ALTER TABLE tickets ADD COLUMN queue_due_at TEXT;
ALTER TABLE tickets ADD COLUMN queue_left_ms INTEGER;

CREATE INDEX tickets_queue ON tickets (provider_id, queue_rank, queue_due_at, queue_left_ms, id);
