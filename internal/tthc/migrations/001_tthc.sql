-- Procedures (thủ tục hành chính): the catalogue of each agency unit. A
-- national export lacks most of these fields; they are completed on the
-- procedure's page or by a second file. content_parts is a bit set of the
-- seven required parts of the public content (bit 0 = sequence of steps …
-- bit 6 = result; see tthc.ContentParts).
CREATE TABLE tthc_procedures (
	id                 {{ID}},
	unit_id            BIGINT NOT NULL REFERENCES units (id),
	code               TEXT {{BINARY}} NOT NULL,
	name               TEXT NOT NULL,
	name_fold          TEXT NOT NULL,
	sort_key           TEXT {{BINARY}} NOT NULL,
	issuing_body       TEXT NOT NULL DEFAULT '',
	competent_unit     TEXT NOT NULL DEFAULT '',
	field              TEXT NOT NULL DEFAULT '',
	statutory_amount   INTEGER NOT NULL DEFAULT 0,
	statutory_unit     TEXT NOT NULL DEFAULT 'working_days' CHECK (statutory_unit IN ('working_days', 'days', 'hours', 'months')),
	fee                BIGINT NOT NULL DEFAULT 0,
	online_level       TEXT NOT NULL DEFAULT 'none' CHECK (online_level IN ('none', 'partial', 'full')),
	payment_integrated INTEGER NOT NULL DEFAULT 0 CHECK (payment_integrated IN (0, 1)),
	content_parts      INTEGER NOT NULL DEFAULT 0 CHECK (content_parts BETWEEN 0 AND 127),
	decision_date      TEXT,
	published_date     TEXT,
	status             TEXT NOT NULL DEFAULT 'in_force' CHECK (status IN ('in_force', 'amended', 'abolished')),
	created_at         TEXT NOT NULL,
	updated_at         TEXT NOT NULL
);
CREATE UNIQUE INDEX tthc_procedures_unit_code ON tthc_procedures (unit_id, code);
CREATE INDEX tthc_procedures_code ON tthc_procedures (code);
CREATE INDEX tthc_procedures_sort ON tthc_procedures (unit_id, sort_key);

-- Dossiers (hồ sơ). Personal data (applicant name, ID number, phone) is
-- sealed (AES-GCM, platform/secret); the masked forms shown in lists are
-- stored beside them so a list never opens a sealed value. end_day, verdict,
-- due_day and overdue_from are the on-time judgement as known now
-- (tthc.Classify at the end of time), kept for the drill-down lists.
CREATE TABLE tthc_dossiers (
	id                {{ID}},
	code              TEXT {{BINARY}} NOT NULL,
	procedure_id      BIGINT NOT NULL REFERENCES tthc_procedures (id),
	unit_id           BIGINT NOT NULL REFERENCES units (id),
	applicant_type    INTEGER NOT NULL DEFAULT 0 CHECK (applicant_type IN (0, 1, 2)),
	applicant_sealed  TEXT NOT NULL DEFAULT '',
	applicant_masked  TEXT NOT NULL DEFAULT '',
	id_number_sealed  TEXT NOT NULL DEFAULT '',
	id_number_masked  TEXT NOT NULL DEFAULT '',
	phone_sealed      TEXT NOT NULL DEFAULT '',
	phone_masked      TEXT NOT NULL DEFAULT '',
	channel           INTEGER NOT NULL CHECK (channel IN (1, 2, 3)),
	submitted_at      TEXT,
	received_at       TEXT,
	received_day      TEXT,
	appointment_at    TEXT,
	returned_at       TEXT,
	status            INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),
	fee               BIGINT NOT NULL DEFAULT 0,
	paid_online       INTEGER NOT NULL DEFAULT 0 CHECK (paid_online IN (0, 1, 2)),
	digitised         INTEGER NOT NULL DEFAULT 0 CHECK (digitised IN (0, 1)),
	reused_data       INTEGER NOT NULL DEFAULT 0 CHECK (reused_data IN (0, 1)),
	electronic_result INTEGER NOT NULL DEFAULT 0 CHECK (electronic_result IN (0, 1)),
	certified_copy    INTEGER NOT NULL DEFAULT 0 CHECK (certified_copy IN (0, 1)),
	personal_storage  INTEGER NOT NULL DEFAULT 0 CHECK (personal_storage IN (0, 1)),
	population_data   INTEGER NOT NULL DEFAULT 0 CHECK (population_data IN (0, 1)),
	synced            INTEGER NOT NULL DEFAULT 0 CHECK (synced IN (0, 1)),
	rating            INTEGER NOT NULL DEFAULT 0 CHECK (rating IN (0, 1, 2)),
	complaint         INTEGER NOT NULL DEFAULT 0 CHECK (complaint IN (0, 1)),
	end_at            TEXT,
	end_day           TEXT,
	verdict           INTEGER NOT NULL DEFAULT 0 CHECK (verdict BETWEEN 0 AND 3),
	due_day           TEXT,
	overdue_from      TEXT,
	created_at        TEXT NOT NULL,
	updated_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX tthc_dossiers_code ON tthc_dossiers (code);
-- dossier list of a unit by reception, newest first
CREATE INDEX tthc_dossiers_unit_received ON tthc_dossiers (unit_id, received_day);
-- drill-down: dossiers that ended late in a period
CREATE INDEX tthc_dossiers_unit_end ON tthc_dossiers (unit_id, end_day, verdict);
-- drill-down: dossiers open and overdue at a period's end
CREATE INDEX tthc_dossiers_unit_overdue ON tthc_dossiers (unit_id, overdue_from);
CREATE INDEX tthc_dossiers_procedure ON tthc_dossiers (procedure_id, received_day);

-- Status history, idempotent on (dossier, status, at): the same event pushed
-- twice is one row.
CREATE TABLE tthc_events (
	dossier_id BIGINT NOT NULL REFERENCES tthc_dossiers (id),
	status     INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),
	at         TEXT NOT NULL,
	PRIMARY KEY (dossier_id, status, at)
);

-- Supplement requests (DanhSachHoSoBoSung), one per request time.
CREATE TABLE tthc_supplements (
	dossier_id   BIGINT NOT NULL REFERENCES tthc_dossiers (id),
	requested_at TEXT NOT NULL,
	completed_at TEXT,
	old_due      TEXT,
	new_due      TEXT,
	PRIMARY KEY (dossier_id, requested_at)
);

-- Per-day counters of the service index (tthc.DailyAggregate), maintained in
-- the transaction of every dossier write: the dossier's old contributions
-- are subtracted and its new ones added. tthc_monthly holds the same sums
-- per calendar month, so a month, quarter or year reads a few rows per
-- procedure; custom ranges read tthc_daily.
CREATE TABLE tthc_daily (
	day               TEXT NOT NULL,
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
	PRIMARY KEY (day, unit_id, procedure_id)
);
CREATE INDEX tthc_daily_unit ON tthc_daily (unit_id, day);

CREATE TABLE tthc_monthly (
	month             TEXT NOT NULL,
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
	PRIMARY KEY (month, unit_id, procedure_id)
);
CREATE INDEX tthc_monthly_unit ON tthc_monthly (unit_id, month);

-- The working-day calendar: weekdays off and weekend days worked, edited by
-- an admin each year; seeded from calendar_seed.csv (002).
CREATE TABLE tthc_calendar (
	day  TEXT PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
	name TEXT NOT NULL
);

-- Indicator counts entered for a period, for the inputs that do not come
-- from our dossiers or catalogue (PETITION_PROCESSING_ON_TIME, …). A query
-- for a period sums the entries lying inside it.
CREATE TABLE tthc_manual_counts (
	id          {{ID}},
	unit_id     BIGINT NOT NULL REFERENCES units (id),
	metric      TEXT NOT NULL,
	period_from TEXT NOT NULL,
	period_to   TEXT NOT NULL,
	numerator   BIGINT NOT NULL CHECK (numerator >= 0),
	denominator BIGINT NOT NULL CHECK (denominator >= numerator),
	updated_at  TEXT NOT NULL,
	updated_by  TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX tthc_manual_counts_key ON tthc_manual_counts (unit_id, metric, period_from, period_to);
CREATE INDEX tthc_manual_counts_period ON tthc_manual_counts (period_from, period_to);

-- Per-client budget of the public look-up lives in the process (see
-- tthc.Limiter); nothing here.
