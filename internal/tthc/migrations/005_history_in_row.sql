-- A dossier's status history and supplement requests move into its own row
-- (store_history.go has the format and the reason): they are only read
-- whole, one dossier at a time, and writing 4–5 event rows per dossier, each
-- with its index entry and foreign-key check, was most of an import's time.
ALTER TABLE tthc_dossiers ADD COLUMN history TEXT NOT NULL DEFAULT '';
ALTER TABLE tthc_dossiers ADD COLUMN supplements TEXT NOT NULL DEFAULT '';

UPDATE tthc_dossiers SET history = COALESCE((
	SELECT string_agg(CAST(e.status AS TEXT) || '@' || e.at, ';' ORDER BY e.at, e.status)
	FROM tthc_events e WHERE e.dossier_id = tthc_dossiers.id), '');

UPDATE tthc_dossiers SET supplements = COALESCE((
	SELECT string_agg(s.requested_at || '|' || COALESCE(s.completed_at, '') || '|' || COALESCE(s.old_due, '') || '|' || COALESCE(s.new_due, ''), ';' ORDER BY s.requested_at)
	FROM tthc_supplements s WHERE s.dossier_id = tthc_dossiers.id), '');

DROP TABLE tthc_events;
DROP TABLE tthc_supplements;
