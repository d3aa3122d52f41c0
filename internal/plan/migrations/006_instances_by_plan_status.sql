-- The province view counts every plan's instances by status and by where
-- their due date stands (ByIssuer): this index covers that count, so it
-- reads the index alone rather than every instance row.
CREATE INDEX task_instances_plan_status ON task_instances (plan_id, status, due_date, submitted_on);
