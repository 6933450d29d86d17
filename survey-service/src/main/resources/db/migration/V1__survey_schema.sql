-- Survey definitions: one row per published version of a year's questionnaire. Never rewritten once a
-- submission uses it (a change is a new version).
CREATE TABLE survey_definition (
    id            BIGSERIAL PRIMARY KEY,
    survey_year   INTEGER     NOT NULL,
    version       INTEGER     NOT NULL,
    content       JSONB       NOT NULL,
    published_at  TIMESTAMPTZ NOT NULL,
    published_by  TEXT        NOT NULL,
    CONSTRAINT survey_definition_year_version UNIQUE (survey_year, version)
);

-- When a year's survey is open, and its deadline. Operational data, changed without a new definition.
CREATE TABLE survey_schedule (
    survey_year  INTEGER PRIMARY KEY,
    opens_at     TIMESTAMPTZ NOT NULL,
    deadline     TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    updated_by   TEXT        NOT NULL,
    CONSTRAINT survey_schedule_order CHECK (opens_at < deadline)
);

-- An operator's permission for one municipality to write after the deadline.
CREATE TABLE reopening (
    id                 BIGSERIAL PRIMARY KEY,
    survey_year        INTEGER     NOT NULL,
    municipality_code  CHAR(4)     NOT NULL,
    reason             TEXT,
    reopened_at        TIMESTAMPTZ NOT NULL,
    reopened_by        TEXT        NOT NULL,
    until              TIMESTAMPTZ,
    closed_at          TIMESTAMPTZ,
    closed_by          TEXT
);
CREATE UNIQUE INDEX reopening_one_open ON reopening (survey_year, municipality_code) WHERE closed_at IS NULL;

-- A municipality's submission for one survey year: its working draft and a pointer to its newest
-- submitted version. row_version is the optimistic-concurrency token behind the ETag.
CREATE TABLE submission (
    id                   BIGSERIAL PRIMARY KEY,
    survey_year          INTEGER     NOT NULL,
    municipality_code    CHAR(4)     NOT NULL,
    draft                JSONB,
    draft_saved_at       TIMESTAMPTZ,
    draft_saved_by       TEXT,
    current_version      INTEGER     NOT NULL DEFAULT 0,
    first_submitted_at   TIMESTAMPTZ,
    first_submitted_late BOOLEAN,
    last_submitted_at    TIMESTAMPTZ,
    row_version          BIGINT      NOT NULL DEFAULT 0,
    CONSTRAINT submission_one_per_year UNIQUE (survey_year, municipality_code)
);

-- Every submitted version, kept forever: what was answered, against which definition, by whom, when,
-- and which answers changed from the version before.
CREATE TABLE submission_version (
    id                     BIGSERIAL PRIMARY KEY,
    submission_id          BIGINT      NOT NULL REFERENCES submission (id),
    survey_year            INTEGER     NOT NULL,
    municipality_code      CHAR(4)     NOT NULL,
    version                INTEGER     NOT NULL,
    survey_version         INTEGER     NOT NULL,
    answers                JSONB       NOT NULL,
    changes                JSONB       NOT NULL,
    acknowledged_warnings  JSONB       NOT NULL,
    submitted_at           TIMESTAMPTZ NOT NULL,
    submitted_by           TEXT        NOT NULL,
    source                 TEXT        NOT NULL,
    late                   BOOLEAN     NOT NULL,
    CONSTRAINT submission_version_unique UNIQUE (submission_id, version)
);
CREATE INDEX submission_version_by_municipality ON submission_version (municipality_code, survey_year, version DESC);

-- Transactional outbox: written in the same transaction as the submission version, relayed to Kafka by
-- outbox.OutboxRelay in id order.
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

-- Answers already given to an Idempotency-Key, per caller, so a retried request gets the same answer.
CREATE TABLE idempotency_record (
    principal     TEXT        NOT NULL,
    idem_key      TEXT        NOT NULL,
    request_hash  TEXT        NOT NULL,
    status        INTEGER     NOT NULL,
    body          TEXT        NOT NULL,
    etag          TEXT,
    location      TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (principal, idem_key)
);
