-- The case list filtered by kind walks the unit's cases of that kind in
-- deadline order instead of reading every case of the unit (100,000 a
-- year for a province, docs/benchmarks.md).
CREATE INDEX reception_cases_unit_kind_due ON reception_cases (unit_id, kind, due_on, id);
-- The figures of a period (Store.Figures: the plan's measures, the report,
-- the portal) read only these indexes, not the rows.
CREATE INDEX reception_cases_unit_due_judge ON reception_cases (unit_id, due_on, kind, status, decided_on);
CREATE INDEX reception_cases_unit_decided_rating ON reception_cases (unit_id, decided_on, rating, kind);
CREATE INDEX reception_entries_unit_day_counts ON reception_entries (unit_id, received_on, kind, handling, people);
