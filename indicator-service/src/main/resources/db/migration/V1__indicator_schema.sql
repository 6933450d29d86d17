-- Indicator definitions: one row per published version. Never rewritten (a change is a new version).
CREATE TABLE indicator_definition (
    indicator_id  TEXT        NOT NULL,
    version       INTEGER     NOT NULL,
    content       JSONB       NOT NULL,
    published_at  TIMESTAMPTZ NOT NULL,
    published_by  TEXT        NOT NULL,
    PRIMARY KEY (indicator_id, version)
);

-- The newest accepted answers of each municipality and year, as the submission events carried them.
CREATE TABLE answer_set (
    survey_year         INTEGER     NOT NULL,
    municipality_code   TEXT        NOT NULL,
    submission_version  INTEGER     NOT NULL,
    survey_version      INTEGER     NOT NULL,
    answers             JSONB       NOT NULL,
    submitted_at        TIMESTAMPTZ NOT NULL,
    event_id            TEXT        NOT NULL,
    received_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (survey_year, municipality_code)
);

-- The current value of every indicator, level, area, border system and year. Raw: suppression is a flag
-- here and is applied when a value is shown to someone who is not an analyst.
CREATE TABLE indicator_value (
    indicator_id        TEXT             NOT NULL,
    level               TEXT             NOT NULL,
    area_code           TEXT             NOT NULL,
    borders             TEXT             NOT NULL,
    year                INTEGER          NOT NULL,
    definition_version  INTEGER          NOT NULL,
    goal                TEXT             NOT NULL,
    unit                TEXT             NOT NULL,
    area_name           TEXT             NOT NULL,
    status              TEXT             NOT NULL,
    missing_reason      TEXT,
    value               DOUBLE PRECISION,
    numerator           DOUBLE PRECISION,
    denominator         DOUBLE PRECISION,
    factor              DOUBLE PRECISION NOT NULL,
    person_count        DOUBLE PRECISION,
    suppressed          TEXT             NOT NULL,
    reporting_count     INTEGER,
    expected_count      INTEGER,
    spread              JSONB,
    public_spread       JSONB,
    size_classes        JSONB,
    submission_version  INTEGER,
    revision            INTEGER          NOT NULL,
    computed_at         TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (indicator_id, level, area_code, borders, year),
    CONSTRAINT indicator_value_level CHECK (level IN ('municipality', 'county', 'country')),
    CONSTRAINT indicator_value_borders CHECK (borders IN ('as_reported', '2024')),
    CONSTRAINT indicator_value_status CHECK (status IN ('ok', 'missing')),
    CONSTRAINT indicator_value_suppressed CHECK (suppressed IN ('none', 'primary', 'secondary'))
);
CREATE INDEX indicator_value_by_year ON indicator_value (year);
CREATE INDEX indicator_value_by_area ON indicator_value (level, area_code, borders, year);

-- Every published change, in commit order (writers hold the compute_state row lock while they take a
-- sequence number), so that a stream subscriber can resume after the last id it saw.
CREATE TABLE value_change (
    seq           BIGSERIAL   PRIMARY KEY,
    indicator_id  TEXT        NOT NULL,
    goal          TEXT        NOT NULL,
    level         TEXT        NOT NULL,
    area_code     TEXT        NOT NULL,
    borders       TEXT        NOT NULL,
    year          INTEGER     NOT NULL,
    revision      INTEGER     NOT NULL,
    payload       JSONB       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX value_change_created ON value_change (created_at);

-- One row: every write of values takes its lock first (serialising writers across instances) and moves
-- its counter, which tells an instance whether someone else wrote since it last did.
CREATE TABLE compute_state (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT  NOT NULL
);
INSERT INTO compute_state (id, seq) VALUES (1, 0);

-- Full rebuilds requested by operators, with their progress.
CREATE TABLE rebuild (
    id              UUID        PRIMARY KEY,
    requested_by    TEXT        NOT NULL,
    state           TEXT        NOT NULL,
    years_total     INTEGER     NOT NULL,
    years_done      INTEGER     NOT NULL,
    values_computed BIGINT      NOT NULL,
    values_changed  BIGINT      NOT NULL,
    requested_at    TIMESTAMPTZ NOT NULL,
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    error           TEXT
);
CREATE UNIQUE INDEX rebuild_one_active ON rebuild ((true)) WHERE state IN ('queued', 'running');

-- Transactional outbox (same columns as every service's): changed values wait here until relayed.
CREATE TABLE outbox_event (
    id            BIGSERIAL PRIMARY KEY,
    event_id      UUID        NOT NULL UNIQUE,
    topic         TEXT        NOT NULL,
    event_key     TEXT        NOT NULL,
    payload       TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    published_at  TIMESTAMPTZ
);
CREATE INDEX outbox_event_pending ON outbox_event (id) WHERE published_at IS NULL;
