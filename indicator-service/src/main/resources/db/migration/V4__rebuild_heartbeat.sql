-- The instance running a rebuild marks it alive every few seconds, so that another instance's start no
-- longer takes it for one interrupted: only a rebuild whose heartbeat stopped is.
ALTER TABLE rebuild ADD COLUMN heartbeat_at TIMESTAMPTZ;
UPDATE rebuild SET heartbeat_at = coalesce(finished_at, started_at, requested_at);
ALTER TABLE rebuild ALTER COLUMN heartbeat_at SET NOT NULL;
