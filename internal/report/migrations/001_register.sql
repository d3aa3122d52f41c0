-- The register of issued reports (sổ theo dõi báo cáo đã ban hành): every
-- document a capability issues — a plan's periodic report, the reception and
-- inspection reports, the yearly list of expired legal documents, the
-- province's consolidated report — with its file kept by content hash.
CREATE TABLE issued_reports (
	id          {{ID}},
	kind        TEXT NOT NULL,
	source_id   BIGINT NOT NULL DEFAULT 0,
	unit_id     BIGINT NOT NULL REFERENCES units (id),
	title       TEXT NOT NULL DEFAULT '',
	number      TEXT NOT NULL DEFAULT '',
	period      TEXT NOT NULL DEFAULT '',
	issued_on   TEXT NOT NULL,
	format      TEXT NOT NULL CHECK (format IN ('docx', 'xlsx', 'pdf')),
	file_name   TEXT NOT NULL,
	sha256      TEXT NOT NULL,
	size        BIGINT NOT NULL,
	created_by  TEXT NOT NULL,
	created_at  TEXT NOT NULL
);
CREATE INDEX issued_reports_source ON issued_reports (kind, source_id, created_at);
CREATE INDEX issued_reports_unit ON issued_reports (unit_id, created_at);
CREATE INDEX issued_reports_created ON issued_reports (created_at);
