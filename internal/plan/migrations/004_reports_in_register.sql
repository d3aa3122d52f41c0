-- The plan's periodic reports move to the shared register of issued reports
-- (internal/report), in their order so that they keep their ids.
INSERT INTO issued_reports (kind, source_id, unit_id, title, number, period, issued_on, format, file_name, sha256, size, created_by, created_at)
SELECT 'plan', r.plan_id, r.unit_id, p.title, r.number, r.period, r.issued_on, r.format, r.file_name, r.sha256, r.size, r.created_by, r.created_at
FROM plan_reports r JOIN plans p ON p.id = r.plan_id ORDER BY r.id;
DROP TABLE plan_reports;
