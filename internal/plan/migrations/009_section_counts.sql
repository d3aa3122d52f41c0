-- The province leader's home and the province view count the instances of
-- every plan of the year by PAPI dimension (Summary over many plans).
-- Joining 288,000 instance rows to their tasks and sections after every
-- change took 0.4 s; this table holds the counts per section, status, due
-- date and whether a submission came in time, as plan_instance_counts does
-- per plan, kept by triggers (migration 010, one per engine) on
-- task_instances and on a task's move to another section.
CREATE TABLE plan_section_counts (
	section_id BIGINT NOT NULL REFERENCES plan_sections (id) ON DELETE CASCADE,
	status     TEXT NOT NULL,
	due_date   TEXT NOT NULL,
	in_time    INTEGER NOT NULL, -- 1: submitted on or before the due date
	n          INTEGER NOT NULL,
	PRIMARY KEY (section_id, status, due_date, in_time)
);

INSERT INTO plan_section_counts (section_id, status, due_date, in_time, n)
SELECT tk.section_id, i.status, i.due_date, CASE WHEN i.submitted_on IS NOT NULL AND i.submitted_on <= i.due_date THEN 1 ELSE 0 END, COUNT(*)
FROM task_instances i JOIN tasks tk ON tk.id = i.task_id
GROUP BY tk.section_id, i.status, i.due_date, CASE WHEN i.submitted_on IS NOT NULL AND i.submitted_on <= i.due_date THEN 1 ELSE 0 END;
