-- The working-day calendar is seeded from the embedded calendar_seed.csv in
-- Go, not here: an empty tthc_calendar means "the seed as shipped" (so that
-- a freshly migrated database stays empty for papihub restore), and the
-- first edit copies the seed into the table (see Store.Calendar).
CREATE INDEX tthc_calendar_kind ON tthc_calendar (kind, day);
