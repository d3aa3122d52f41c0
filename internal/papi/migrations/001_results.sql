-- Official PAPI results, one row per province and survey year, unweighted as
-- published. A province is its era (63: the map before 1 July 2025, 34: the
-- map after) and its code in that era: codes were reused across the reform
-- (Hưng Yên is 33 in both), so the code alone does not name a province.
-- Scores are nullable: a withheld value is missing, never zero. Totals of
-- 2011–2017 sum six dimensions, so d7 and d8 stay empty there.
CREATE TABLE papi_results (
	id            {{ID}},
	province_era  INTEGER NOT NULL CHECK (province_era IN (63, 34)),
	province_code TEXT NOT NULL,
	year          INTEGER NOT NULL CHECK (year BETWEEN 2009 AND 2100),
	d1            DOUBLE PRECISION,
	d2            DOUBLE PRECISION,
	d3            DOUBLE PRECISION,
	d4            DOUBLE PRECISION,
	d5            DOUBLE PRECISION,
	d6            DOUBLE PRECISION,
	d7            DOUBLE PRECISION,
	d8            DOUBLE PRECISION,
	total         DOUBLE PRECISION,
	source        TEXT NOT NULL,
	imported_at   TEXT NOT NULL
);
-- The key of a result; also serves every page's "one year" query.
CREATE UNIQUE INDEX papi_results_year_province ON papi_results (year, province_era, province_code);
