-- The partitions of the indicator topic a rebuild still has to read again, and up to where (the end
-- offset when it was asked for). A row goes when its replay has passed that offset, so a replica that
-- restarts or takes over the partition during a rebuild reads it from the beginning again instead of
-- going on from the offset its group had committed before the rebuild emptied the table.
CREATE TABLE read_model_replay (
    topic_partition INTEGER PRIMARY KEY,
    until_offset    BIGINT  NOT NULL
);
