-- The overdue list reads the open recommendations in deadline order and
-- stops after a page: this partial index holds only the open ones, so the
-- first page of a department's 8,000 overdue recommendations reads 51
-- entries instead of sorting them all (docs/benchmarks.md, issue 12).
CREATE INDEX inspection_recommendations_open_deadline ON inspection_recommendations (deadline, id, unit_id) WHERE progress <> 'done';
