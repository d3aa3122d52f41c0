-- The petitions and reflections folded per unit and day (feedback_fold.go):
-- on the due day of each case not withdrawn or transferred, not_ended,
-- answered and on_time; on the day of each rated answer, rated and
-- satisfied. The service index and the plan's measures read these rows
-- (Store.FeedbackByUnit), not the cases; every write of a case updates them
-- in its transaction.
CREATE TABLE reception_feedback_daily (
	unit_id   BIGINT NOT NULL REFERENCES units (id),
	day       TEXT NOT NULL,
	not_ended INTEGER NOT NULL DEFAULT 0,
	answered  INTEGER NOT NULL DEFAULT 0,
	on_time   INTEGER NOT NULL DEFAULT 0,
	rated     INTEGER NOT NULL DEFAULT 0,
	satisfied INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (unit_id, day)
);
INSERT INTO reception_feedback_daily (unit_id, day, not_ended, answered, on_time, rated, satisfied)
SELECT unit_id, day, SUM(not_ended), SUM(answered), SUM(on_time), SUM(rated), SUM(satisfied) FROM (
	SELECT unit_id, due_on AS day, 1 AS not_ended,
		CASE WHEN decided_on <> '' THEN 1 ELSE 0 END AS answered,
		CASE WHEN decided_on <> '' AND decided_on <= due_on THEN 1 ELSE 0 END AS on_time, 0 AS rated, 0 AS satisfied
	FROM reception_cases WHERE kind IN ('petition', 'reflection') AND status NOT IN ('withdrawn', 'transferred')
	UNION ALL
	SELECT unit_id, decided_on, 0, 0, 0, 1, CASE WHEN rating = 'satisfied' THEN 1 ELSE 0 END
	FROM reception_cases WHERE kind IN ('petition', 'reflection') AND decided_on <> '' AND rating <> ''
) folded GROUP BY unit_id, day;
