-- The years of the working-day calendar an admin has taken over. A year
-- listed here is read from tthc_calendar alone (its seed rows were copied in
-- on the first edit, so removing every row of it leaves no exception); a
-- year not listed reads the embedded seed (calendar_seed.csv). Years that
-- already have rows count as taken over.
CREATE TABLE tthc_calendar_years (
	year      INTEGER PRIMARY KEY,
	edited_at TEXT NOT NULL
);
INSERT INTO tthc_calendar_years (year, edited_at)
SELECT DISTINCT CAST(substr(day, 1, 4) AS INTEGER), '' FROM tthc_calendar;
