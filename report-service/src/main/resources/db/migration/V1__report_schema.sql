-- The read model: the newest revision of every indicator value report-service has read from
-- rusmonitor.indicators.v1. One row per (indicator, level, area, borders, year); a replayed or older event
-- never replaces a newer one. Filled only by the indicator consumer; emptied by a rebuild.
CREATE TABLE indicator_value (
    indicator_id        TEXT             NOT NULL,
    level               TEXT             NOT NULL,
    area_code           TEXT             NOT NULL,
    borders             TEXT             NOT NULL,
    year                INTEGER          NOT NULL,
    revision            INTEGER          NOT NULL,
    definition_version  INTEGER          NOT NULL,
    goal                TEXT,
    unit                TEXT,
    area_name           TEXT             NOT NULL,
    status              TEXT             NOT NULL,
    missing_reason      TEXT,
    value               DOUBLE PRECISION,
    numerator           DOUBLE PRECISION,
    denominator         DOUBLE PRECISION,
    factor              DOUBLE PRECISION,
    person_count        DOUBLE PRECISION,
    suppressed          TEXT             NOT NULL,
    reporting_count     INTEGER,
    expected_count      INTEGER,
    spread              JSONB,
    size_classes        JSONB,
    submission_version  INTEGER,
    computed_at         TIMESTAMPTZ      NOT NULL,
    event_id            TEXT             NOT NULL,
    received_at         TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (year, level, borders, indicator_id, area_code)
);
CREATE INDEX indicator_value_series ON indicator_value (level, borders, area_code, indicator_id, year);

-- A counter of changes to the read model, and the rebuild generation every replica follows.
CREATE TABLE read_model_state (
    id                 INTEGER     PRIMARY KEY CHECK (id = 1),
    generation         BIGINT      NOT NULL,
    rebuild_requested_at TIMESTAMPTZ,
    rebuild_requested_by TEXT,
    last_change_at     TIMESTAMPTZ
);
INSERT INTO read_model_state (id, generation) VALUES (1, 0);

-- A published report version: frozen, never updated. report_key is 'national/<year>' or
-- 'municipality/<code>/<year>'.
CREATE TABLE published_report (
    report_key        TEXT        NOT NULL,
    version           INTEGER     NOT NULL,
    kind              TEXT        NOT NULL,
    year              INTEGER     NOT NULL,
    area_code         TEXT,
    published_at      TIMESTAMPTZ NOT NULL,
    published_by      TEXT        NOT NULL,
    -- The figures the report shows (public, suppression applied): what a diff compares.
    figures           JSONB       NOT NULL,
    -- The indicator values it was built from (raw, with revisions) and the submission versions behind them.
    sources           JSONB       NOT NULL,
    source_count      INTEGER     NOT NULL,
    PRIMARY KEY (report_key, version)
);

-- The frozen bytes of each published version, in every format and language.
CREATE TABLE published_content (
    report_key   TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    format       TEXT    NOT NULL,
    lang         TEXT    NOT NULL,
    media_type   TEXT    NOT NULL,
    body         BYTEA   NOT NULL,
    sha256       TEXT    NOT NULL,
    PRIMARY KEY (report_key, version, format, lang),
    FOREIGN KEY (report_key, version) REFERENCES published_report (report_key, version)
);

-- Transactional outbox (same columns as every service's): 'report published' events, relayed to Kafka by
-- platform OutboxRelay in id order.
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
