-- Unread markers. Who spoke last in public on a ticket, and when (the ticket itself is the
-- merchant's first word): the desk's queue marks a merchant's word that awaits an answer, and a
-- merchant's list the desk's answers they have not read since they last opened the ticket
-- (`ticket_reads`, written when a merchant's user opens it).
ALTER TABLE tickets ADD COLUMN last_public_at TEXT;
ALTER TABLE tickets ADD COLUMN last_public_from_desk INTEGER NOT NULL DEFAULT 0;

UPDATE tickets SET
    last_public_at = COALESCE(
        (SELECT MAX(m.at) FROM ticket_messages m WHERE m.ticket_id = tickets.id AND m.internal = 0),
        created_at),
    last_public_from_desk = COALESCE(
        (SELECT m.from_desk FROM ticket_messages m WHERE m.ticket_id = tickets.id AND m.internal = 0
         ORDER BY m.at DESC, m.id DESC LIMIT 1),
        0);

CREATE TABLE ticket_reads (
    ticket_id TEXT NOT NULL REFERENCES tickets (id),
    user_id   TEXT NOT NULL REFERENCES users (id),
    read_at   TEXT NOT NULL,
    PRIMARY KEY (ticket_id, user_id)
);
