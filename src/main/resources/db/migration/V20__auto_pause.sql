-- Automatic pause (issue 11): with both set, a labeler whose mean gold score falls below min_accuracy once they have
-- answered at least min_gold gold items is paused on the project. Both null: off.
ALTER TABLE project
    ADD COLUMN auto_pause_min_gold     int CHECK (auto_pause_min_gold BETWEEN 1 AND 100000),
    ADD COLUMN auto_pause_min_accuracy double precision CHECK (auto_pause_min_accuracy > 0 AND auto_pause_min_accuracy <= 1),
    ADD CONSTRAINT project_auto_pause_both CHECK ((auto_pause_min_gold IS NULL) = (auto_pause_min_accuracy IS NULL));

-- pause_reason: why the system paused the member ({code, params, at}); null when a manager paused them or they are
-- not paused. quality_since: when a manager last resumed them from an automatic pause — gold answers before it no
-- longer count towards the next one (a resume would otherwise be undone by their very next answer).
ALTER TABLE project_member
    ADD COLUMN pause_reason  jsonb,
    ADD COLUMN quality_since timestamptz;
