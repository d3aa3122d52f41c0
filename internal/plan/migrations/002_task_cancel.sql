-- A task of an issued plan is cancelled, not deleted: the plan as signed
-- keeps it, its open instances become 'cancelled', and its accepted work
-- stays counted. cancelled_at is the instant (RFC 3339 UTC), NULL while the
-- task runs.
ALTER TABLE tasks ADD COLUMN cancelled_at TEXT;
