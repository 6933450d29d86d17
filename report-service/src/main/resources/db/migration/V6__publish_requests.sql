-- The publications an analyst asked for with an Idempotency-Key: a retry of the same request (a timed-out
-- answer, a client sending again) is answered with the version it made, and publishes nothing new. Written in
-- the publication's own transaction; keys older than 30 days are forgotten as later publications are written.
CREATE TABLE publish_request (
    principal        TEXT        NOT NULL,
    idempotency_key  TEXT        NOT NULL,
    report_key       TEXT        NOT NULL,
    version          INTEGER     NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (principal, idempotency_key),
    FOREIGN KEY (report_key, version) REFERENCES published_report (report_key, version)
);
CREATE INDEX publish_request_created_at ON publish_request (created_at);
