-- What a notification to a requester says (answered, assigned, resolved), for the desk's outbox
-- list. NULL for mail queued before, and for mail about an account (a log-in code).
ALTER TABLE outbox ADD COLUMN kind TEXT;
