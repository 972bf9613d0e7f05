-- The desk's queue key (guichet_domain::tickets::QueueKey) follows the running SLA target: the
-- response until the desk's first public answer, then the resolution. It went by the status, so
-- an assigned ticket nobody had answered was ranked by its resolution target. Clearing the keys
-- has the server write them again at start-up, by the new rule.
UPDATE tickets SET queue_rank = NULL, queue_due_at = NULL, queue_left_ms = NULL;
