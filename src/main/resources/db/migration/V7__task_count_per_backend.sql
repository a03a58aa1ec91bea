-- Counter slots by database backend instead of by task id: two transactions on different connections never update
-- the same counter row, so a labeler's transaction never waits on another's counter lock until that one commits
-- (measured as a convoy under 200 concurrent labelers). A slot's own count may go negative; only sums mean anything.
CREATE OR REPLACE FUNCTION task_count_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO task_count (project_id, state, slot, n)
    SELECT project_id, state, (pg_backend_pid() % 64)::smallint, count(*) FROM new_rows
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (project_id, state, slot) DO UPDATE SET n = task_count.n + EXCLUDED.n;
    RETURN NULL;
END $$;

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

CREATE OR REPLACE FUNCTION task_count_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO task_count (project_id, state, slot, n)
    SELECT project_id, state, (pg_backend_pid() % 64)::smallint, -count(*) FROM old_rows
    WHERE EXISTS (SELECT 1 FROM project p WHERE p.id = old_rows.project_id)
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (project_id, state, slot) DO UPDATE SET n = task_count.n + EXCLUDED.n;
    RETURN NULL;
END $$;
