-- Every schedule a year's survey has had, in order: completeness judges lateness against the deadline as it is
-- now, so a deadline moved after the fact must leave a trace of what it was and who moved it. Kept by triggers,
-- so that every writer (the API, the default schedule of a new year, the seeder) is recorded alike; a write that
-- changes neither time adds nothing. No foreign key: an audit trail outlives what it records, even a schedule
-- row deleted by hand.
CREATE TABLE survey_schedule_change (
    id           BIGSERIAL   PRIMARY KEY,
    survey_year  INTEGER     NOT NULL,
    opens_at     TIMESTAMPTZ NOT NULL,
    deadline     TIMESTAMPTZ NOT NULL,
    changed_at   TIMESTAMPTZ NOT NULL,
    changed_by   TEXT        NOT NULL
);
CREATE INDEX survey_schedule_change_year ON survey_schedule_change (survey_year, id);

-- A writer that moves the times without saying when and who (updated_at left as it was: SQL by hand) is recorded
-- at the database's time, as the database user it connected as.
CREATE FUNCTION record_schedule_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        INSERT INTO survey_schedule_change (survey_year, opens_at, deadline, changed_at, changed_by)
        VALUES (NEW.survey_year, NEW.opens_at, NEW.deadline, now(), 'database user ' || session_user);
    ELSE
        INSERT INTO survey_schedule_change (survey_year, opens_at, deadline, changed_at, changed_by)
        VALUES (NEW.survey_year, NEW.opens_at, NEW.deadline, NEW.updated_at, NEW.updated_by);
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER survey_schedule_set AFTER INSERT ON survey_schedule
    FOR EACH ROW EXECUTE FUNCTION record_schedule_change();
CREATE TRIGGER survey_schedule_moved AFTER UPDATE ON survey_schedule
    FOR EACH ROW WHEN (OLD.opens_at IS DISTINCT FROM NEW.opens_at OR OLD.deadline IS DISTINCT FROM NEW.deadline)
    EXECUTE FUNCTION record_schedule_change();

-- The schedules as they stand, as each year's first entry: what they were before is not known.
INSERT INTO survey_schedule_change (survey_year, opens_at, deadline, changed_at, changed_by)
SELECT survey_year, opens_at, deadline, updated_at, updated_by FROM survey_schedule ORDER BY survey_year;
