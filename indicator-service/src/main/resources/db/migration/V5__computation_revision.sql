-- Which revision of the computation (compute/ComputationRevision) the stored values come from. Values stored
-- before this table existed come from revision 1. A database without values gets no row here: the first
-- instance to start records its own revision, since every value will be computed by it or a later one.
--   revision        the oldest revision any stored value may come from
--   newest          the newest revision an instance has run with
--   older_write_at  when an instance of a revision older than the newest last wrote values
CREATE TABLE computation (
    id              INTEGER     PRIMARY KEY CHECK (id = 1),
    revision        INTEGER     NOT NULL,
    since           TIMESTAMPTZ NOT NULL,
    newest          INTEGER     NOT NULL,
    older_write_at  TIMESTAMPTZ
);
INSERT INTO computation (id, revision, since, newest) SELECT 1, 1, now(), 1 WHERE EXISTS (SELECT 1 FROM indicator_value);

-- The revision a rebuild computed with; unknown for rebuilds before this column.
ALTER TABLE rebuild ADD COLUMN computation_revision INTEGER;

-- Each write transaction of an instance names its revision (IndicatorEngine, with the compute_state lock);
-- one of an earlier release names none and counts as revision 1. When an older instance writes values, as
-- during a rolling update, the stored values are again partly that revision's, which makes the newer
-- instances rebuild once more (rebuild/ComputationUpgrade), and a rebuild under way does not count.
CREATE FUNCTION note_older_writer() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    writer INTEGER := coalesce(nullif(current_setting('rusmonitor.computation_revision', true), '')::integer, 1);
BEGIN
    UPDATE computation SET revision = least(revision, writer), older_write_at = now() WHERE writer < newest;
    RETURN NULL;
END $$;
CREATE TRIGGER indicator_value_writer AFTER INSERT OR UPDATE ON indicator_value
    FOR EACH STATEMENT EXECUTE FUNCTION note_older_writer();
