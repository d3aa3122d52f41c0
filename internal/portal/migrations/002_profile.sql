-- What an agency publishes about itself on its portal (Decree 42/2022,
-- Law on Access to Information art. 17): its functions and its contact
-- details, and the officials who are its contact points — the head, the
-- deputies, the spokesperson — with their title, official phone and
-- e-mail. The agency enters them on purpose to publish them; they are not
-- the accounts' data (org.users), which stay private.
CREATE TABLE portal_profiles (
	unit_id    BIGINT PRIMARY KEY REFERENCES units (id),
	functions  TEXT NOT NULL DEFAULT '',
	address    TEXT NOT NULL DEFAULT '',
	phone      TEXT NOT NULL DEFAULT '',
	email      TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL,
	updated_by TEXT NOT NULL
);

CREATE TABLE portal_contacts (
	id       {{ID}},
	unit_id  BIGINT NOT NULL REFERENCES units (id),
	position TEXT NOT NULL CHECK (position IN ('head', 'deputy', 'contact')),
	seq      INTEGER NOT NULL,
	name     TEXT NOT NULL,
	title    TEXT NOT NULL,
	phone    TEXT NOT NULL,
	email    TEXT NOT NULL
);
-- The agency's page reads its contacts in order.
CREATE INDEX portal_contacts_unit ON portal_contacts (unit_id, seq);
