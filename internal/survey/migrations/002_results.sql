-- A form's scored results, kept so that the results page does not rescore
-- every response on every view (1.8 s for 20,000 respondents with bootstrap
-- intervals). A row is one variant of the page (how clusters are resampled,
-- the label language of the group values) and stands for the responses whose
-- fingerprint it carries (count, largest id, form version): when they differ,
-- the row is out of date and is recomputed. body is the encoded Results
-- (see store_results.go); it holds only what the page shows, cells of fewer
-- than 10 respondents already left unscored.
CREATE TABLE survey_results (
	id           {{ID}},
	form_id      BIGINT NOT NULL REFERENCES survey_forms (id),
	variant      TEXT NOT NULL,
	fingerprint  TEXT NOT NULL,
	computed_at  TEXT NOT NULL,
	body         TEXT NOT NULL
);
CREATE UNIQUE INDEX survey_results_form_variant ON survey_results (form_id, variant);
