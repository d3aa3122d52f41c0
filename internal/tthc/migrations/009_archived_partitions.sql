-- The partitions `papihub archive` moved into the archive schema, with
-- their row counts when they left (PostgreSQL; empty on SQLite): --restore
-- checks an archived partition against its count before attaching it, and
-- --list sums the dossiers of a year without reading them.
CREATE TABLE tthc_archived_partitions (
	name      TEXT PRIMARY KEY,
	year      INTEGER NOT NULL,
	row_count BIGINT NOT NULL
);
