-- Events Kafka refused for good (too large for the topic, say), moved here by the outbox relay so that the
-- same key's later events can leave (platform OutboxTable.park). Kept for an operator: once Kafka would take
-- one, moving it back into outbox_event sends it again (deploy/README, "An event Kafka refused").
CREATE TABLE outbox_parked (
    id          BIGINT      PRIMARY KEY,
    event_id    UUID        NOT NULL,
    topic       TEXT        NOT NULL,
    event_key   TEXT        NOT NULL,
    payload     TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    parked_at   TIMESTAMPTZ NOT NULL,
    reason      TEXT        NOT NULL
);
