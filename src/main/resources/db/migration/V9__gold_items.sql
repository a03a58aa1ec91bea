-- Gold items (control tasks): a task with a reference result, handed out at the project's gold rate to every labeler
-- once, scored against the reference on submit, never reviewed, never exported, and counted apart from the work
-- (task state GOLD: the trigger-kept counts show gold items beside, not inside, the project's progress).
ALTER TABLE task ADD COLUMN gold_reference jsonb;
ALTER TABLE task DROP CONSTRAINT task_state_check;
ALTER TABLE task ADD CONSTRAINT task_state_check
    CHECK (state IN ('NEW', 'ASSIGNED', 'SUBMITTED', 'REJECTED', 'APPROVED', 'GOLD'));
ALTER TABLE task ADD CONSTRAINT task_gold_reference CHECK ((state = 'GOLD') = (gold_reference IS NOT NULL));

-- A gold answer is SCORED (done: scored against the reference, not SUBMITTED for review). gold marks assignments of
-- gold items, so that a labeler's gold share is one count over their own assignments.
ALTER TABLE assignment DROP CONSTRAINT assignment_state_check;
ALTER TABLE assignment ADD CONSTRAINT assignment_state_check
    CHECK (state IN ('LEASED', 'SUBMITTED', 'IN_REVIEW', 'APPROVED', 'REJECTED', 'EXPIRED', 'SKIPPED', 'SCORED'));
ALTER TABLE assignment
    ADD COLUMN gold boolean NOT NULL DEFAULT false,
    ADD COLUMN gold_score double precision CHECK (gold_score BETWEEN 0 AND 1),
    ADD COLUMN gold_feedback jsonb;
CREATE INDEX assignment_scored ON assignment (project_id, labeler_id) WHERE state = 'SCORED';

-- A gold item has no overlap slots (every labeler may answer it once) and no workflow state: refresh_task leaves it
-- alone, so its held stays 0 and its state GOLD (see V10, which rewrites refresh_task with that rule).
