-- The years moved out of the live tables by `papihub archive --before YEAR`
-- (PostgreSQL: their partitions detached into the archive schema; see
-- archive.go). Years are archived oldest first, so the years listed here are
-- every year before the first live one.
CREATE TABLE tthc_archived_years (
	year        INTEGER PRIMARY KEY,
	archived_at TEXT NOT NULL,
	archived_by TEXT NOT NULL DEFAULT ''
);

-- The carried-forward figure of the archived years: per unit and procedure,
-- the sum of the overdue deltas of every archived day. The open-overdue
-- count at the end of a period sums the deltas of every earlier day; a
-- dossier that fell overdue in an archived year and ended in a live one has
-- its +1 here and its -1 in the live aggregates. Empty while nothing is
-- archived (and always on SQLite).
CREATE TABLE tthc_carry (
	unit_id       BIGINT NOT NULL,
	procedure_id  BIGINT NOT NULL,
	overdue_delta BIGINT NOT NULL,
	PRIMARY KEY (unit_id, procedure_id)
);
