-- The submission version a municipality's value names is the version of the answers held for it
-- (answer_set), read with the value. Stored on every value, it made each correction rewrite all of the
-- municipality's values, also those whose figures it did not change.
ALTER TABLE indicator_value DROP COLUMN submission_version;
