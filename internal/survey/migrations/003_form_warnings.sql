-- What the XLSForm reader warned about when the form was imported (columns
-- it does not use, expressions it cannot evaluate, typographic quotes…),
-- as a JSON list of problems, so that the form's page keeps showing them
-- after the upload.
ALTER TABLE survey_forms ADD COLUMN import_warnings TEXT NOT NULL DEFAULT '[]';
