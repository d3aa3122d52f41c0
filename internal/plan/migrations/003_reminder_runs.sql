-- One row per calendar day (Asia/Ho_Chi_Minh) on which the daily reminders
-- ran. With several serve processes on one database, each tries to insert
-- the day's row (ON CONFLICT DO NOTHING) before sending: the one whose insert
-- lands sends, the others see the row and skip, so nobody gets two digests.
CREATE TABLE plan_reminder_runs (
	day          TEXT PRIMARY KEY,
	claimed_at   TEXT NOT NULL,
	claimed_by   TEXT NOT NULL DEFAULT '',
	finished_at  TEXT,
	notified     INTEGER,
	mailed       INTEGER,
	error        TEXT NOT NULL DEFAULT ''
);
