-- Per-year counters of the service index, the same sums as tthc_monthly per
-- calendar year, maintained in the same transaction as the daily and monthly
-- rows. A year (the whole province with its 1,500 procedures, broken down by
-- unit, procedure and field) reads one row per unit and procedure instead of
-- twelve: the sum over 18,000 monthly rows was most of the query's time.
CREATE TABLE tthc_yearly (
	year              TEXT NOT NULL,
	unit_id           BIGINT NOT NULL,
	procedure_id      BIGINT NOT NULL,
	received          BIGINT NOT NULL DEFAULT 0,
	received_online   BIGINT NOT NULL DEFAULT 0,
	synced            BIGINT NOT NULL DEFAULT 0,
	fee_bearing       BIGINT NOT NULL DEFAULT 0,
	paid_online       BIGINT NOT NULL DEFAULT 0,
	digitised         BIGINT NOT NULL DEFAULT 0,
	personal_storage  BIGINT NOT NULL DEFAULT 0,
	reused_data       BIGINT NOT NULL DEFAULT 0,
	certified_copy    BIGINT NOT NULL DEFAULT 0,
	population_data   BIGINT NOT NULL DEFAULT 0,
	handled           BIGINT NOT NULL DEFAULT 0,
	handled_early     BIGINT NOT NULL DEFAULT 0,
	handled_on_time   BIGINT NOT NULL DEFAULT 0,
	handled_late      BIGINT NOT NULL DEFAULT 0,
	resolved          BIGINT NOT NULL DEFAULT 0,
	electronic_result BIGINT NOT NULL DEFAULT 0,
	disapproved       BIGINT NOT NULL DEFAULT 0,
	overdue_delta     BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (year, unit_id, procedure_id)
);
CREATE INDEX tthc_yearly_unit ON tthc_yearly (unit_id, year);

INSERT INTO tthc_yearly (year, unit_id, procedure_id, received, received_online, synced, fee_bearing, paid_online,
	digitised, personal_storage, reused_data, certified_copy, population_data, handled, handled_early, handled_on_time,
	handled_late, resolved, electronic_result, disapproved, overdue_delta)
SELECT substr(month, 1, 4), unit_id, procedure_id, SUM(received), SUM(received_online), SUM(synced), SUM(fee_bearing),
	SUM(paid_online), SUM(digitised), SUM(personal_storage), SUM(reused_data), SUM(certified_copy), SUM(population_data),
	SUM(handled), SUM(handled_early), SUM(handled_on_time), SUM(handled_late), SUM(resolved), SUM(electronic_result),
	SUM(disapproved), SUM(overdue_delta)
FROM tthc_monthly GROUP BY substr(month, 1, 4), unit_id, procedure_id;
