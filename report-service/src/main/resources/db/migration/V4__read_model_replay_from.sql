-- Where each partition's replay begins (the topic's first offset when the rebuild was asked for). A
-- replica counts a partition's replay as under way only once it has stored a batch that begins there:
-- a batch it had fetched before its seek to the beginning could pass the recorded end and mark the
-- partition read again while most of its values were still missing.
ALTER TABLE read_model_replay ADD COLUMN from_offset BIGINT NOT NULL DEFAULT 0;
