-- The running total of the overdue deltas per unit and procedure: the sum
-- over every day stored, archived or not, kept by the writer of the
-- aggregates (batchWriter.flush) in the same transaction. The open-overdue
-- count at a recent period's end is this total less the few deltas dated
-- after it (overdue_total.go), instead of the deltas of every earlier year.
-- An existing database's total is its yearly deltas plus the archived ones.
CREATE TABLE tthc_overdue_total (
	unit_id       BIGINT NOT NULL,
	procedure_id  BIGINT NOT NULL,
	overdue_delta BIGINT NOT NULL,
	PRIMARY KEY (unit_id, procedure_id)
);

INSERT INTO tthc_overdue_total (unit_id, procedure_id, overdue_delta)
SELECT unit_id, procedure_id, SUM(overdue_delta) FROM (
	SELECT unit_id, procedure_id, overdue_delta FROM tthc_yearly
	UNION ALL
	SELECT unit_id, procedure_id, overdue_delta FROM tthc_carry
) deltas GROUP BY unit_id, procedure_id HAVING SUM(overdue_delta) <> 0;
