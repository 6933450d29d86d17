-- The change log is the outbox (events/ChangeLogOutbox): the relay sends value_change entries in order and
-- keeps here how far Kafka has acknowledged them. Each changed value was written to outbox_event as well.
ALTER TABLE value_change ADD COLUMN event_id UUID NOT NULL DEFAULT gen_random_uuid();

CREATE TABLE relay_position (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT  NOT NULL
);

-- Start after the last change whose event has left. Events still waiting in outbox_event were written in the
-- same transactions as their change-log entries, with the same time: start before the first entry of the
-- oldest one's time, which sends again at most a few events Kafka had (consumers ignore repeats).
INSERT INTO relay_position (id, seq)
SELECT 1, coalesce(
    (SELECT min(c.seq) - 1 FROM value_change c
      WHERE c.created_at >= (SELECT min(o.created_at) FROM outbox_event o WHERE o.published_at IS NULL)),
    (SELECT max(seq) FROM value_change),
    0);

DROP TABLE outbox_event;
