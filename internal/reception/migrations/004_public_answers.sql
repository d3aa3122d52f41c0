-- The portal's list of published answers of an agency's units, newest
-- first (Store.PublicAnswers): most cases have published_on '' and sit at
-- the start of each unit's range.
CREATE INDEX reception_cases_unit_published ON reception_cases (unit_id, published_on, id);
