-- Every published definition version goes to Kafka (rusmonitor.indicator-definitions.v1) through the relay,
-- as the change log's entries do (events/DefinitionLog): numbered here, and sent after definition_relay_position.
-- A version is written by an engine job, which holds the compute_state lock while it takes its number, so the
-- numbers follow commit order and the relay never passes over one that commits later.
CREATE SEQUENCE indicator_definition_seq;
ALTER TABLE indicator_definition ADD COLUMN seq BIGINT;

-- The versions already stored, each indicator's in version order (its events' order on the topic, since the
-- indicator id is the key): version 1s first, then 2s, and so on.
UPDATE indicator_definition d SET seq = numbered.seq
  FROM (SELECT indicator_id, version, row_number() OVER (ORDER BY version, indicator_id) AS seq FROM indicator_definition) numbered
 WHERE d.indicator_id = numbered.indicator_id AND d.version = numbered.version;
SELECT setval('indicator_definition_seq', max(seq)) FROM indicator_definition HAVING count(*) > 0;

ALTER TABLE indicator_definition ALTER COLUMN seq SET DEFAULT nextval('indicator_definition_seq');
ALTER TABLE indicator_definition ALTER COLUMN seq SET NOT NULL;
ALTER SEQUENCE indicator_definition_seq OWNED BY indicator_definition.seq;
CREATE UNIQUE INDEX indicator_definition_by_seq ON indicator_definition (seq);

-- Starts at 0: an upgraded database sends every version it holds, once.
CREATE TABLE definition_relay_position (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT  NOT NULL
);
INSERT INTO definition_relay_position (id, seq) VALUES (1, 0);

-- Definition events Kafka refused for good, as they were sent, kept for an operator (deploy/README, "An event
-- Kafka refused"): relay_parked's columns, in a table of their own, since their numbers are not the change log's.
CREATE TABLE definition_relay_parked (LIKE relay_parked INCLUDING ALL);
