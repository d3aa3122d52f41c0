-- What the portal remembers of a citizen's form submissions: when, and
-- from which address, hashed (the address itself is not kept). It throttles
-- submissions across every serve process; rows older than a day are
-- deleted as new ones come.
CREATE TABLE portal_submissions (
	id     {{ID}},
	client TEXT NOT NULL,
	at     TEXT NOT NULL
);
CREATE INDEX portal_submissions_client ON portal_submissions (client, at);
CREATE INDEX portal_submissions_at ON portal_submissions (at);
