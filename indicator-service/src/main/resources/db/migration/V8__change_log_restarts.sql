-- After indicator-db is restored from a backup, the changes made after its recovery point are gone, and the
-- numbers they had were given to dashboards, which resume from them. restart_change_log_after_restore(), which
-- an operator runs once the restore is done (deploy/README.md), numbers the log's changes from past every number
-- given out before, and records where the new history begins: the live stream tells a dashboard that resumes
-- from a number before it to load everything again (a 'reset', history_restored), rather than merge the new
-- history into figures of the lost one.
CREATE TABLE change_log_history (
    id           INTEGER     PRIMARY KEY CHECK (id = 1),
    begins_at    BIGINT      NOT NULL,
    restarted_at TIMESTAMPTZ NOT NULL
);

CREATE FUNCTION restart_change_log_after_restore() RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    log_sequence REGCLASS := pg_get_serial_sequence('value_change', 'seq')::regclass;
    first_number BIGINT;
BEGIN
    -- 100 million past the log, its sequence and any restart before (run twice, it never goes back): more
    -- changes than were ever lost after a recovery point. A sequence not used since it was set has no last value.
    first_number := greatest((SELECT coalesce(max(seq), 0) FROM value_change), coalesce(pg_sequence_last_value(log_sequence), 0),
                             (SELECT coalesce(max(begins_at), 0) FROM change_log_history))
        + 100000000;
    PERFORM setval(log_sequence, first_number, false);
    INSERT INTO change_log_history (id, begins_at, restarted_at) VALUES (1, first_number, now())
        ON CONFLICT (id) DO UPDATE SET begins_at = excluded.begins_at, restarted_at = excluded.restarted_at;
    RETURN first_number;
END
$$;
