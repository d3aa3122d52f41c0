-- Plans, their sections and tasks, the dated instances that tasks yield,
-- progress updates with their evidence files, reminders, and the register of
-- issued reports. "Overdue" is never stored: it is derived from due_date,
-- status and submitted_on when read.

-- issue_date is YYYY-MM-DD, or partial (YYYY-MM, YYYY) while the day is left
-- blank for the signer, or '' before it is known. purposes, requirements,
-- organisation and recipients are JSON arrays of paragraphs.
CREATE TABLE plans (
	id            {{ID}},
	unit_id       BIGINT NOT NULL REFERENCES units (id),
	number        TEXT NOT NULL DEFAULT '',
	symbol        TEXT NOT NULL DEFAULT '',
	title         TEXT NOT NULL,
	title_fold    TEXT NOT NULL,
	parent_body   TEXT NOT NULL DEFAULT '',
	place         TEXT NOT NULL DEFAULT '',
	issue_date    TEXT NOT NULL DEFAULT '',
	year          INTEGER NOT NULL,
	purposes      TEXT NOT NULL DEFAULT '[]',
	requirements  TEXT NOT NULL DEFAULT '[]',
	organisation  TEXT NOT NULL DEFAULT '[]',
	recipients    TEXT NOT NULL DEFAULT '[]',
	signer_title  TEXT NOT NULL DEFAULT '',
	signer_name   TEXT NOT NULL DEFAULT '',
	status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued', 'closed')),
	derived_from  BIGINT REFERENCES plans (id),
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);
-- One number per issuer and year: "07/KH-UBND" cannot be issued twice.
CREATE UNIQUE INDEX plans_issuer_number ON plans (unit_id, year, number, symbol) WHERE number <> '';
-- The plan list: by unit subtree (through units.path), newest year first.
CREATE INDEX plans_unit_year ON plans (unit_id, year);
CREATE INDEX plans_year ON plans (year);
CREATE INDEX plans_derived ON plans (derived_from);

-- A legal ground ("Căn cứ ..."): free text, and the parent plan it names
-- when that plan is in the system.
CREATE TABLE plan_basis (
	id          {{ID}},
	plan_id     BIGINT NOT NULL REFERENCES plans (id),
	position    INTEGER NOT NULL,
	text        TEXT NOT NULL,
	refs        TEXT NOT NULL DEFAULT '[]',
	parent_id   BIGINT REFERENCES plans (id)
);
CREATE INDEX plan_basis_plan ON plan_basis (plan_id, position);
CREATE INDEX plan_basis_parent ON plan_basis (parent_id);

-- dimension is a PAPI code (D1..D8) or '' for a general section.
CREATE TABLE plan_sections (
	id          {{ID}},
	plan_id     BIGINT NOT NULL REFERENCES plans (id),
	position    INTEGER NOT NULL,
	dimension   TEXT NOT NULL DEFAULT '',
	heading     TEXT NOT NULL DEFAULT '',
	intro       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_sections_plan ON plan_sections (plan_id, position);

-- A task's schedule is its recurrence: frequency, due_date (once),
-- report_every (continuous) and offset_days. target_* is an optional
-- measurable target; metric_code binds it to a system figure later.
CREATE TABLE tasks (
	id             {{ID}},
	plan_id        BIGINT NOT NULL REFERENCES plans (id),
	section_id     BIGINT NOT NULL REFERENCES plan_sections (id),
	position       INTEGER NOT NULL,
	text           TEXT NOT NULL,
	text_fold      TEXT NOT NULL,
	details        TEXT NOT NULL DEFAULT '[]',
	lead_unit_id   BIGINT NOT NULL REFERENCES units (id),
	expected_output TEXT NOT NULL DEFAULT '',
	target_value   DOUBLE PRECISION,
	target_unit    TEXT NOT NULL DEFAULT '',
	target_method  TEXT NOT NULL DEFAULT '',
	metric_code    TEXT NOT NULL DEFAULT '',
	frequency      TEXT NOT NULL CHECK (frequency IN ('once', 'continuous', 'monthly', 'quarterly', 'half_yearly', 'yearly')),
	due_date       TEXT NOT NULL DEFAULT '',
	report_every   TEXT NOT NULL DEFAULT '',
	offset_days    INTEGER NOT NULL DEFAULT 0,
	source_task_id BIGINT REFERENCES tasks (id),
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL
);
CREATE INDEX tasks_plan ON tasks (plan_id, section_id, position);
CREATE INDEX tasks_lead ON tasks (lead_unit_id);

CREATE TABLE task_coordinators (
	task_id BIGINT NOT NULL REFERENCES tasks (id),
	unit_id BIGINT NOT NULL REFERENCES units (id),
	PRIMARY KEY (task_id, unit_id)
);
CREATE INDEX task_coordinators_unit ON task_coordinators (unit_id);

CREATE TABLE task_assignees (
	task_id BIGINT NOT NULL REFERENCES tasks (id),
	user_id BIGINT NOT NULL REFERENCES users (id),
	PRIMARY KEY (task_id, user_id)
);
CREATE INDEX task_assignees_user ON task_assignees (user_id);

-- One row per task and period (period '' for a one-off task). plan_id and
-- lead_unit_id repeat the task's so that the plan page, "my tasks" and the
-- overdue list each read one index range; they change with the task in the
-- same transaction.
CREATE TABLE task_instances (
	id            {{ID}},
	task_id       BIGINT NOT NULL REFERENCES tasks (id),
	plan_id       BIGINT NOT NULL REFERENCES plans (id),
	lead_unit_id  BIGINT NOT NULL REFERENCES units (id),
	period        TEXT NOT NULL DEFAULT '',
	due_date      TEXT NOT NULL,
	status        TEXT NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'submitted', 'accepted', 'returned', 'cancelled')),
	percent       INTEGER NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
	submitted_on  TEXT,
	updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX task_instances_task_period ON task_instances (task_id, period);
CREATE INDEX task_instances_plan_due ON task_instances (plan_id, due_date);
CREATE INDEX task_instances_lead_due ON task_instances (lead_unit_id, status, due_date);
CREATE INDEX task_instances_due ON task_instances (due_date, status);

-- The timeline of an instance: progress posted by the unit, and the focal
-- office's accept/return with its comment.
CREATE TABLE task_updates (
	id          {{ID}},
	instance_id BIGINT NOT NULL REFERENCES task_instances (id),
	kind        TEXT NOT NULL CHECK (kind IN ('progress', 'submit', 'accept', 'return', 'cancel')),
	text        TEXT NOT NULL DEFAULT '',
	percent     INTEGER,
	author_id   BIGINT REFERENCES users (id),
	author      TEXT NOT NULL,
	at          TEXT NOT NULL
);
CREATE INDEX task_updates_instance ON task_updates (instance_id, at);

-- Evidence files live on disk under the data directory, named by their
-- SHA-256; the row keeps the name the user gave and the checked type.
CREATE TABLE evidence_files (
	id           {{ID}},
	update_id    BIGINT NOT NULL REFERENCES task_updates (id),
	instance_id  BIGINT NOT NULL REFERENCES task_instances (id),
	name         TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size         BIGINT NOT NULL,
	sha256       TEXT NOT NULL,
	created_at   TEXT NOT NULL
);
CREATE INDEX evidence_files_instance ON evidence_files (instance_id);
CREATE INDEX evidence_files_update ON evidence_files (update_id);

-- In-app notifications; key makes a reminder idempotent (one "due soon"
-- per instance and user).
CREATE TABLE plan_notifications (
	id          {{ID}},
	user_id     BIGINT NOT NULL REFERENCES users (id),
	instance_id BIGINT REFERENCES task_instances (id),
	kind        TEXT NOT NULL CHECK (kind IN ('due_soon', 'overdue', 'returned')),
	key         TEXT NOT NULL,
	text        TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	read_at     TEXT
);
CREATE UNIQUE INDEX plan_notifications_key ON plan_notifications (user_id, key);
CREATE INDEX plan_notifications_user ON plan_notifications (user_id, read_at, created_at);

-- The register of issued periodic reports.
CREATE TABLE plan_reports (
	id          {{ID}},
	plan_id     BIGINT NOT NULL REFERENCES plans (id),
	unit_id     BIGINT NOT NULL REFERENCES units (id),
	number      TEXT NOT NULL DEFAULT '',
	period      TEXT NOT NULL,
	issued_on   TEXT NOT NULL,
	format      TEXT NOT NULL CHECK (format IN ('docx', 'xlsx')),
	file_name   TEXT NOT NULL,
	sha256      TEXT NOT NULL,
	size        BIGINT NOT NULL,
	created_by  TEXT NOT NULL,
	created_at  TEXT NOT NULL
);
CREATE INDEX plan_reports_plan ON plan_reports (plan_id, created_at);
CREATE INDEX plan_reports_unit ON plan_reports (unit_id, created_at);
