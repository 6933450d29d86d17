-- Change-log entries Kafka refused for good, as they were sent, so that the relay can move past them
-- (events/ChangeLogOutbox.park). The change log's purge may remove the entry itself; the value's next change
-- supersedes the event. Kept for an operator to look at (deploy/README, "An event Kafka refused").
CREATE TABLE relay_parked (
    seq         BIGINT      PRIMARY KEY,
    event_key   TEXT        NOT NULL,
    payload     TEXT        NOT NULL,
    parked_at   TIMESTAMPTZ NOT NULL,
    reason      TEXT        NOT NULL
);
