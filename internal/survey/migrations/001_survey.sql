-- An agency's own questionnaires. The definition is the XLSForm's three
-- sheets as JSON (see store_forms.go), so that a stored form reads back
-- through the same parser and checks as an upload.
CREATE TABLE survey_forms (
	id          {{ID}},
	unit_id     BIGINT NOT NULL REFERENCES units (id),
	title       TEXT NOT NULL,
	xform_id    TEXT NOT NULL DEFAULT '',
	version     TEXT NOT NULL DEFAULT '',
	definition  TEXT NOT NULL,
	status      TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL
);
CREATE INDEX survey_forms_unit ON survey_forms (unit_id, id);

-- Invitation codes are stored hashed, like session tokens: the code itself is
-- shown once. A code opens one response and is then marked used; it is never
-- linked to the response, so that a printed code cannot be traced to answers.
CREATE TABLE survey_invitations (
	id          {{ID}},
	form_id     BIGINT NOT NULL REFERENCES survey_forms (id),
	unit_id     BIGINT REFERENCES units (id),
	code_hash   TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	used_at     TEXT
);
CREATE UNIQUE INDEX survey_invitations_code ON survey_invitations (code_hash);
CREATE INDEX survey_invitations_form ON survey_invitations (form_id, used_at);

-- Responses hold answers only: no names, phones or ID numbers (the import
-- strips them, the public page never asks). instance_id de-duplicates
-- re-imports of the same export and is never shown or exported.
CREATE TABLE survey_responses (
	id           {{ID}},
	form_id      BIGINT NOT NULL REFERENCES survey_forms (id),
	unit_id      BIGINT REFERENCES units (id),
	submitted_at TEXT NOT NULL,
	source       TEXT NOT NULL CHECK (source IN ('web', 'import')),
	instance_id  TEXT NOT NULL,
	answers      TEXT NOT NULL,
	extra        TEXT NOT NULL DEFAULT '{}'
);
CREATE UNIQUE INDEX survey_responses_instance ON survey_responses (form_id, instance_id);
CREATE INDEX survey_responses_form_unit ON survey_responses (form_id, unit_id);

-- Failed invitation-code attempts by client address (hashed), for throttling
-- code guessing across every papihub process sharing the database.
CREATE TABLE survey_code_failures (
	id       {{ID}},
	ip_hash  TEXT NOT NULL,
	at       TEXT NOT NULL
);
CREATE INDEX survey_code_failures_ip ON survey_code_failures (ip_hash, at);
