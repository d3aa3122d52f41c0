-- Where each dimension stood when the plan was written, as its status
-- paragraph said ("Năm 2025, chỉ số này đạt 4,87 điểm, thuộc nhóm trung
-- bình; tăng 0,05 điểm so với năm 2024"): the survey year, the score, the
-- group of provinces, the change from the year before and the sentence.
-- One per plan and dimension; score and score_change are NULL when not said.
CREATE TABLE plan_baselines (
	plan_id       BIGINT NOT NULL REFERENCES plans (id),
	dimension     TEXT NOT NULL,
	year          INTEGER NOT NULL,
	score         DOUBLE PRECISION,
	group_name    TEXT NOT NULL DEFAULT '',
	score_change  DOUBLE PRECISION,
	text          TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (plan_id, dimension)
);

-- A section whose heading names two dimensions counts its tasks for the
-- first (dimension) and lists the others here, a JSON array of codes
-- ('["D3"]'), so that their cards show the tasks that also serve them.
ALTER TABLE plan_sections ADD COLUMN also TEXT NOT NULL DEFAULT '[]';

-- The deadline and the units as the plan document wrote them ("Quý
-- II/2026", "Chủ trì: VP Sở; phối hợp: các phòng"), kept beside the
-- schedule and the units they were read as.
ALTER TABLE tasks ADD COLUMN due_text TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN lead_text TEXT NOT NULL DEFAULT '';
