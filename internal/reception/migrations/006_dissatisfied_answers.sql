-- The answers rated not satisfied, by day: the dislikes about dossiers the
-- service index deducts (Store.DisapprovedDossiers) are read from these
-- few rows, not from every answer of the period.
CREATE INDEX reception_cases_dissatisfied ON reception_cases (decided_on, unit_id) WHERE rating = 'dissatisfied';
