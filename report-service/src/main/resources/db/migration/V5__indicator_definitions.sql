-- Every indicator definition version indicator-service has published (rusmonitor.indicator-definitions.v1),
-- as reports show it: names, unit, decimals and goal. A version never changes, so a repeated event changes
-- nothing (insert ... on conflict do nothing). Not part of the read model's rebuild: the values keep the
-- version they were computed with, and every version stays valid for them.
CREATE TABLE indicator_definition (
    indicator_id  TEXT        NOT NULL,
    version       INTEGER     NOT NULL,
    name_nb       TEXT        NOT NULL,
    name_en       TEXT        NOT NULL,
    unit          TEXT        NOT NULL,
    decimals      INTEGER     NOT NULL,
    goal          TEXT,
    published_at  TIMESTAMPTZ,
    event_id      TEXT        NOT NULL,
    received_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (indicator_id, version)
);
