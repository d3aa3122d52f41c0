-- The register of legal normative documents a unit keeps (domain §7). Dates
-- are YYYY-MM-DD; '' is "none". expired_on, expired_by, expired_reason and
-- partly_from are derived (legaldoc.Derive) from the document's own dates and
-- the relations acting on it, rewritten whenever either changes, so that the
-- status of every document on a date and the yearly list of expired ones are
-- read without re-deriving the register.
CREATE TABLE legal_documents (
	id             {{ID}},
	unit_id        BIGINT NOT NULL REFERENCES units (id),
	number         TEXT NOT NULL,
	number_key     TEXT {{BINARY}} NOT NULL,
	doc_type       TEXT NOT NULL,
	title          TEXT NOT NULL,
	issuing_body   TEXT NOT NULL DEFAULT '',
	signer         TEXT NOT NULL DEFAULT '',
	field          TEXT NOT NULL DEFAULT '',
	issued_on      TEXT NOT NULL,
	effective_from TEXT NOT NULL,
	expires_on     TEXT NOT NULL DEFAULT '',
	expiry_reason  TEXT NOT NULL DEFAULT '',
	search_fold    TEXT NOT NULL,
	expired_on     TEXT NOT NULL DEFAULT '',
	expired_by     BIGINT,
	expired_reason TEXT NOT NULL DEFAULT '',
	partly_from    TEXT NOT NULL DEFAULT '',
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX legal_documents_unit_number ON legal_documents (unit_id, number_key);
CREATE INDEX legal_documents_unit_expired ON legal_documents (unit_id, expired_on);
CREATE INDEX legal_documents_unit_issued ON legal_documents (unit_id, issued_on);
-- Covers the status of every document on a day (Store.StatusesOn).
CREATE INDEX legal_documents_unit_dates ON legal_documents (unit_id, effective_from, expired_on, partly_from, id);

-- source acts on target (amends, replaces…) from effective_on, which is
-- starts_on when the source states a day, else the source's effective date
-- (derived like the columns above). unit_id is the register's, for the
-- yearly list's range scan; both documents belong to it.
CREATE TABLE legal_relations (
	id           {{ID}},
	unit_id      BIGINT NOT NULL REFERENCES units (id),
	source_id    BIGINT NOT NULL REFERENCES legal_documents (id),
	target_id    BIGINT NOT NULL REFERENCES legal_documents (id),
	kind         TEXT NOT NULL CHECK (kind IN ('amends', 'replaces', 'repeals', 'partly_expires', 'guides', 'suspends')),
	provisions   TEXT NOT NULL DEFAULT '',
	starts_on    TEXT NOT NULL DEFAULT '',
	until_on     TEXT NOT NULL DEFAULT '',
	effective_on TEXT NOT NULL DEFAULT '',
	created_at   TEXT NOT NULL,
	CHECK (source_id <> target_id)
);
CREATE UNIQUE INDEX legal_relations_pair ON legal_relations (source_id, target_id, kind);
CREATE INDEX legal_relations_target ON legal_relations (target_id);
CREATE INDEX legal_relations_unit_effective ON legal_relations (unit_id, effective_on);
-- The suspensions of a register, read beside its timelines.
CREATE INDEX legal_relations_unit_kind ON legal_relations (unit_id, kind, target_id, effective_on, until_on);

-- A review (rà soát) of one document: who, when, what they found, and where
-- the proposal went.
CREATE TABLE legal_reviews (
	id          {{ID}},
	unit_id     BIGINT NOT NULL REFERENCES units (id),
	document_id BIGINT NOT NULL REFERENCES legal_documents (id),
	reviewed_on TEXT NOT NULL,
	reviewer    TEXT NOT NULL,
	finding     TEXT NOT NULL CHECK (finding IN ('keep', 'amend', 'replace', 'repeal')),
	provisions  TEXT NOT NULL DEFAULT '',
	note        TEXT NOT NULL DEFAULT '',
	proposed_to TEXT NOT NULL DEFAULT '',
	proposal_no TEXT NOT NULL DEFAULT '',
	created_by  TEXT NOT NULL,
	created_at  TEXT NOT NULL
);
CREATE INDEX legal_reviews_unit_day ON legal_reviews (unit_id, reviewed_on);
CREATE INDEX legal_reviews_document ON legal_reviews (document_id, reviewed_on);
