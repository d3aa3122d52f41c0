-- Reporting rounds: Home Affairs asks every reporting unit of the province
-- for its periodic report of a period by a deadline. The units a round
-- expects are fixed when it opens (those open at the period's end); a unit
-- that closes later is answered for by its successor.
CREATE TABLE report_rounds (
	id           {{ID}},
	province_id  BIGINT NOT NULL REFERENCES units (id),
	opened_by    BIGINT NOT NULL REFERENCES units (id),
	period       TEXT NOT NULL,
	deadline     TEXT NOT NULL,
	note         TEXT NOT NULL DEFAULT '',
	created_by   TEXT NOT NULL,
	created_at   TEXT NOT NULL,
	UNIQUE (province_id, period)
);
CREATE INDEX report_rounds_period ON report_rounds (period);

CREATE TABLE round_units (
	round_id     BIGINT NOT NULL REFERENCES report_rounds (id),
	unit_id      BIGINT NOT NULL REFERENCES units (id),
	status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'submitted', 'returned', 'accepted')),
	report_id    BIGINT REFERENCES issued_reports (id),
	submitted_on TEXT,
	comment      TEXT NOT NULL DEFAULT '',
	updated_by   TEXT NOT NULL DEFAULT '',
	updated_at   TEXT NOT NULL,
	PRIMARY KEY (round_id, unit_id)
);
CREATE INDEX round_units_unit ON round_units (unit_id, status);
