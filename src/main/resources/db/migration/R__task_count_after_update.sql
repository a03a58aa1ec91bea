-- task_count_after_update(): its current definition, and its one home. A repeatable migration: Flyway applies it
-- again whenever this file changes. Change the function here, never in a versioned migration (those are history).
-- Keeps task_count (counts of tasks by project and state) in step with task, one statement at a time (statement-level
-- trigger with transition tables: a COPY of a million rows costs one grouped upsert). Slots by database backend: two
-- transactions never update the same counter row; a slot's own count may go negative, only sums mean anything.
CREATE OR REPLACE FUNCTION task_count_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO task_count (project_id, state, slot, n)
    SELECT project_id, state, (pg_backend_pid() % 64)::smallint, sum(d) FROM (
        SELECT nr.project_id, nr.state, 1 AS d
        FROM new_rows nr JOIN old_rows o ON o.id = nr.id WHERE nr.state <> o.state
        UNION ALL
        SELECT o.project_id, o.state, -1
        FROM new_rows nr JOIN old_rows o ON o.id = nr.id WHERE nr.state <> o.state
    ) changes
    GROUP BY 1, 2 HAVING sum(d) <> 0 ORDER BY 1, 2
    ON CONFLICT (project_id, state, slot) DO UPDATE SET n = task_count.n + EXCLUDED.n;
    RETURN NULL;
END $$;
