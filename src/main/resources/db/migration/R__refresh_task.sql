-- refresh_task(): its current definition, and its one home. A repeatable migration: Flyway applies it
-- again whenever this file changes. Change the function here, never in a versioned migration (those are history).
-- A task's state, held slots and approvals, derived from its assignments in this one place; run after every
-- next-task, submit, skip and review decision. PL/pgSQL keeps its plan for the session. It locks the task row before
-- it counts, in a statement of its own, so the count sees every assignment change committed by whoever held the row
-- before (two labelers of an overlap-2 task submitting at once would otherwise each count the other's as leased). A
-- task whose figures did not change is not rewritten (no new row version, no count trigger). Gold items are left
-- alone.
CREATE OR REPLACE FUNCTION refresh_task(p_task bigint) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    v_overlap  int;
    v_held     int;
    v_approved int;
    v_state    text;
    s          record;
    v_new      text;
BEGIN
    SELECT p.overlap, t.held, t.approved, t.state INTO v_overlap, v_held, v_approved, v_state
    FROM task t JOIN project p ON p.id = t.project_id
    WHERE t.id = p_task
      -- A gold item (V9) holds no slots and has no workflow state: left alone, and not locked either (the labelers
      -- being handed it hold it FOR SHARE).
      AND t.state <> 'GOLD'
    FOR NO KEY UPDATE OF t;  -- what an UPDATE of non-key columns takes: foreign-key checks (KEY SHARE) pass
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;

    SELECT count(*) FILTER (WHERE state IN ('LEASED', 'SUBMITTED', 'IN_REVIEW', 'REJECTED', 'APPROVED')) AS held,
           count(*) FILTER (WHERE state = 'APPROVED') AS approved,
           count(*) FILTER (WHERE state = 'REJECTED') AS rejected,
           count(*) FILTER (WHERE state = 'LEASED') AS leased,
           count(*) FILTER (WHERE state IN ('SUBMITTED', 'IN_REVIEW')) AS submitted
    INTO s
    FROM assignment WHERE task_id = p_task;

    v_new := CASE
        WHEN s.approved >= v_overlap THEN 'APPROVED'
        WHEN s.rejected > 0 THEN 'REJECTED'
        WHEN s.leased > 0 THEN 'ASSIGNED'
        WHEN s.submitted > 0 THEN 'SUBMITTED'
        ELSE 'NEW' END;

    IF (s.held, s.approved, v_new) IS DISTINCT FROM (v_held, v_approved, v_state) THEN
        UPDATE task SET held = s.held, approved = s.approved, state = v_new, updated_at = now() WHERE id = p_task;
    END IF;
    RETURN v_new;
END $$;
