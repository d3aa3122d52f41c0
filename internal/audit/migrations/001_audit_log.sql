-- The audit log is append-only: the application has no statement that
-- updates or deletes it. actor_id is not a foreign key so that the log
-- outlives whatever it mentions.
CREATE TABLE audit_log (
	id          {{ID}},
	at          TEXT NOT NULL,
	actor_id    BIGINT,
	actor       TEXT NOT NULL,
	ip          TEXT NOT NULL DEFAULT '',
	action      TEXT NOT NULL,
	entity      TEXT NOT NULL,
	entity_id   TEXT NOT NULL DEFAULT '',
	unit_id     BIGINT,
	summary     TEXT NOT NULL DEFAULT '',
	before_json TEXT,
	after_json  TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at);
