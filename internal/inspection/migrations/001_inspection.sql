-- The register of inspections and checks a unit follows up (domain §6).
-- Dates are YYYY-MM-DD; '' is "none". Amounts are whole đồng.

-- The checks (kiểm tra) the agency runs: its yearly plan and the
-- unannounced ones. done_on is '' while the check is planned.
CREATE TABLE inspection_checks (
	id              {{ID}},
	unit_id         BIGINT NOT NULL REFERENCES units (id),
	year            INTEGER NOT NULL,
	subject         TEXT NOT NULL,
	topic           TEXT NOT NULL,
	kind            TEXT NOT NULL CHECK (kind IN ('periodic', 'unannounced')),
	planned_from    TEXT NOT NULL DEFAULT '',
	planned_to      TEXT NOT NULL DEFAULT '',
	decision_number TEXT NOT NULL DEFAULT '',
	decision_on     TEXT NOT NULL DEFAULT '',
	team            TEXT NOT NULL DEFAULT '',
	findings        TEXT NOT NULL DEFAULT '',
	done_on         TEXT NOT NULL DEFAULT '',
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL
);
CREATE INDEX inspection_checks_unit_year ON inspection_checks (unit_id, year);

-- A conclusion the unit follows up, received from the inspectorate, the
-- State Audit, another body, or issued after one of its own checks.
CREATE TABLE inspection_conclusions (
	id               {{ID}},
	unit_id          BIGINT NOT NULL REFERENCES units (id),
	number           TEXT NOT NULL,
	number_key       TEXT {{BINARY}} NOT NULL,
	issued_on        TEXT NOT NULL,
	received_on      TEXT NOT NULL DEFAULT '',
	issuer           TEXT NOT NULL,
	source           TEXT NOT NULL CHECK (source IN ('inspectorate', 'state_audit', 'own_check', 'other')),
	subjects         TEXT NOT NULL DEFAULT '',
	summary          TEXT NOT NULL,
	directive_number TEXT NOT NULL DEFAULT '',
	directive_on     TEXT NOT NULL DEFAULT '',
	check_id         BIGINT REFERENCES inspection_checks (id),
	search_fold      TEXT NOT NULL,
	created_by       TEXT NOT NULL,
	created_at       TEXT NOT NULL,
	updated_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX inspection_conclusions_unit_number ON inspection_conclusions (unit_id, number_key);
CREATE INDEX inspection_conclusions_unit_issued ON inspection_conclusions (unit_id, issued_on);
-- The directives still to issue (Agenda, the overview).
CREATE INDEX inspection_conclusions_unit_directive ON inspection_conclusions (unit_id, directive_on, received_on);

-- A recommendation of a conclusion. unit_id and issued_on repeat the
-- conclusion's, so that the overdue list and the period's figures scan one
-- table; repeat_of is derived (inspection.Repeats) whenever a conclusion of
-- the same responsible unit is written.
CREATE TABLE inspection_recommendations (
	id               {{ID}},
	conclusion_id    BIGINT NOT NULL REFERENCES inspection_conclusions (id),
	unit_id          BIGINT NOT NULL REFERENCES units (id),
	issued_on        TEXT NOT NULL,
	seq              INTEGER NOT NULL,
	kind             TEXT NOT NULL CHECK (kind IN ('recover', 'discipline', 'transfer', 'corrective', 'policy')),
	content          TEXT NOT NULL,
	responsible_id   BIGINT NOT NULL REFERENCES units (id),
	deadline         TEXT NOT NULL,
	progress         TEXT NOT NULL CHECK (progress IN ('not_started', 'in_progress', 'partly_done', 'done')),
	amount_due       BIGINT NOT NULL DEFAULT 0 CHECK (amount_due >= 0),
	amount_recovered BIGINT NOT NULL DEFAULT 0 CHECK (amount_recovered >= 0 AND amount_recovered <= amount_due),
	people           INTEGER NOT NULL DEFAULT 0,
	discipline_form  TEXT NOT NULL DEFAULT '',
	result           TEXT NOT NULL DEFAULT '',
	done_on          TEXT NOT NULL DEFAULT '',
	repeat_of        BIGINT,
	updated_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX inspection_recommendations_seq ON inspection_recommendations (conclusion_id, seq);
-- The overdue list of a scope: open recommendations by deadline.
CREATE INDEX inspection_recommendations_open ON inspection_recommendations (unit_id, progress, deadline, id);
-- What falls on a responsible unit (its agenda), and the repeat rule.
CREATE INDEX inspection_recommendations_responsible ON inspection_recommendations (responsible_id, kind, issued_on);
CREATE INDEX inspection_recommendations_unit_issued ON inspection_recommendations (unit_id, issued_on);

-- The history of a recommendation: each report of progress, with the
-- evidence file (kept below the data directory by its SHA-256).
CREATE TABLE inspection_updates (
	id                {{ID}},
	recommendation_id BIGINT NOT NULL REFERENCES inspection_recommendations (id),
	on_day            TEXT NOT NULL,
	progress          TEXT NOT NULL CHECK (progress IN ('not_started', 'in_progress', 'partly_done', 'done')),
	amount_recovered  BIGINT NOT NULL DEFAULT 0,
	note              TEXT NOT NULL DEFAULT '',
	evidence_name     TEXT NOT NULL DEFAULT '',
	evidence_type     TEXT NOT NULL DEFAULT '',
	evidence_sha256   TEXT NOT NULL DEFAULT '',
	evidence_size     BIGINT NOT NULL DEFAULT 0,
	created_by        TEXT NOT NULL,
	created_at        TEXT NOT NULL
);
CREATE INDEX inspection_updates_recommendation ON inspection_updates (recommendation_id, id);
