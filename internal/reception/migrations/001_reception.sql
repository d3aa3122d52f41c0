-- The citizen-reception register (domain §5, §5.1). Days are YYYY-MM-DD;
-- '' is "none". Personal data is sealed (platform/secret) in the *_sealed
-- columns; the *_masked columns are what lists show, and stay '' for a
-- denunciation, whose denouncer is never shown in a list.
CREATE TABLE reception_entries (
	id              {{ID}},
	unit_id         BIGINT NOT NULL REFERENCES units (id),
	year            INTEGER NOT NULL,
	seq             INTEGER NOT NULL,
	received_on     TEXT NOT NULL,
	channel         TEXT NOT NULL CHECK (channel IN ('in_person', 'post', 'online', 'transferred_in')),
	kind            TEXT NOT NULL CHECK (kind IN ('complaint', 'denunciation', 'petition', 'reflection')),
	anonymous       INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
	people          INTEGER NOT NULL DEFAULT 1,
	name_sealed     TEXT NOT NULL DEFAULT '',
	name_masked     TEXT NOT NULL DEFAULT '',
	address_sealed  TEXT NOT NULL DEFAULT '',
	id_sealed       TEXT NOT NULL DEFAULT '',
	id_masked       TEXT NOT NULL DEFAULT '',
	phone_sealed    TEXT NOT NULL DEFAULT '',
	phone_masked    TEXT NOT NULL DEFAULT '',
	summary         TEXT NOT NULL,
	prior_agency    TEXT NOT NULL DEFAULT '',
	round           INTEGER NOT NULL DEFAULT 0,
	remote          INTEGER NOT NULL DEFAULT 0 CHECK (remote IN (0, 1)),
	handling        TEXT NOT NULL CHECK (handling IN ('pending', 'accepted', 'guided', 'transferred', 'linked', 'stored')),
	handling_to     TEXT NOT NULL DEFAULT '',
	handling_letter TEXT NOT NULL DEFAULT '',
	handled_on      TEXT NOT NULL DEFAULT '',
	linked_entry_id BIGINT REFERENCES reception_entries (id),
	follow_up       TEXT NOT NULL DEFAULT '',
	note            TEXT NOT NULL DEFAULT '',
	dossier_code    TEXT NOT NULL DEFAULT '',
	-- source_key makes an import idempotent: the channel's own code of a
	-- feedback already received on the national portal.
	source_key      TEXT {{BINARY}},
	search_fold     TEXT NOT NULL,
	created_by      TEXT NOT NULL,
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX reception_entries_number ON reception_entries (unit_id, year, seq);
CREATE UNIQUE INDEX reception_entries_source ON reception_entries (unit_id, source_key);
CREATE INDEX reception_entries_unit_day ON reception_entries (unit_id, received_on, id);
CREATE INDEX reception_entries_unit_kind_day ON reception_entries (unit_id, kind, received_on);

-- A case is an accepted entry on its way to an answer, with its deadline
-- (reception.Rule.ResolveDue, extensions included) kept as a column so that
-- overdue and due-soon lists are index reads.
CREATE TABLE reception_cases (
	id              {{ID}},
	entry_id        BIGINT NOT NULL REFERENCES reception_entries (id),
	unit_id         BIGINT NOT NULL REFERENCES units (id),
	kind            TEXT NOT NULL,
	round           INTEGER NOT NULL DEFAULT 0,
	complexity      INTEGER NOT NULL DEFAULT 0 CHECK (complexity IN (0, 1, 2)),
	remote          INTEGER NOT NULL DEFAULT 0,
	received_on     TEXT NOT NULL,
	accepted_on     TEXT NOT NULL,
	due_on          TEXT NOT NULL,
	extensions      INTEGER NOT NULL DEFAULT 0,
	status          TEXT NOT NULL CHECK (status IN ('accepted', 'assigned', 'verifying', 'drafted', 'answered', 'published', 'closed', 'withdrawn', 'transferred')),
	open            INTEGER NOT NULL CHECK (open IN (0, 1)),
	handler_id      BIGINT REFERENCES users (id),
	division_id     BIGINT REFERENCES units (id),
	decided_on      TEXT NOT NULL DEFAULT '',
	answer          TEXT NOT NULL DEFAULT '',
	public          INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),
	published_on    TEXT NOT NULL DEFAULT '',
	closed_on       TEXT NOT NULL DEFAULT '',
	ended_on        TEXT NOT NULL DEFAULT '',
	transferred_to  TEXT NOT NULL DEFAULT '',
	transfer_letter TEXT NOT NULL DEFAULT '',
	rating          TEXT NOT NULL DEFAULT '' CHECK (rating IN ('', 'satisfied', 'dissatisfied')),
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX reception_cases_entry ON reception_cases (entry_id);
-- The case list with its filters, and the figures of a period by due day.
CREATE INDEX reception_cases_unit_due ON reception_cases (unit_id, due_on, id);
CREATE INDEX reception_cases_unit_open_due ON reception_cases (unit_id, open, due_on);
CREATE INDEX reception_cases_unit_status ON reception_cases (unit_id, status, due_on);
CREATE INDEX reception_cases_handler ON reception_cases (handler_id, open, due_on);

-- A case's timeline: every step with its day, who took it and why.
CREATE TABLE reception_events (
	id      {{ID}},
	case_id BIGINT NOT NULL REFERENCES reception_cases (id),
	on_day  TEXT NOT NULL,
	step    TEXT NOT NULL,
	note    TEXT NOT NULL DEFAULT '',
	actor   TEXT NOT NULL,
	at      TEXT NOT NULL
);
CREATE INDEX reception_events_case ON reception_events (case_id, id);

-- The reception schedule (Decree 64/2014 art. 6): public, with the
-- receiving leader's name and title.
CREATE TABLE reception_sessions (
	id         {{ID}},
	unit_id    BIGINT NOT NULL REFERENCES units (id),
	on_day     TEXT NOT NULL,
	part       TEXT NOT NULL CHECK (part IN ('morning', 'afternoon', 'day')),
	hours      TEXT NOT NULL DEFAULT '',
	host       TEXT NOT NULL,
	host_title TEXT NOT NULL,
	head       INTEGER NOT NULL DEFAULT 0 CHECK (head IN (0, 1)),
	place      TEXT NOT NULL,
	format     TEXT NOT NULL DEFAULT '',
	note       TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);
CREATE INDEX reception_sessions_unit_day ON reception_sessions (unit_id, on_day);
