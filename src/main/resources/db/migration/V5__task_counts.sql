-- Counts of tasks by state, kept by triggers, so that a project page at a million tasks costs a lookup of a few
-- dozen rows instead of a scan. Each (project, state) is split into 16 slots by task id, so that concurrent labelers
-- changing different tasks rarely wait on the same counter row. Statement-level triggers with transition tables make a
-- bulk import (COPY of a million rows) cost one grouped upsert, not a million.
CREATE TABLE task_count (
    project_id bigint   NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    state      text     NOT NULL,
    slot       smallint NOT NULL,
    n          bigint   NOT NULL,
    PRIMARY KEY (project_id, state, slot)
);


CREATE FUNCTION task_count_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO task_count (project_id, state, slot, n)
    SELECT project_id, state, (id % 16)::smallint, count(*) FROM new_rows
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (project_id, state, slot) DO UPDATE SET n = task_count.n + EXCLUDED.n;
    RETURN NULL;
END $$;

CREATE FUNCTION task_count_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO task_count (project_id, state, slot, n)
    SELECT project_id, state, slot, sum(d) FROM (
        SELECT nr.project_id, nr.state, (nr.id % 16)::smallint AS slot, 1 AS d
        FROM new_rows nr JOIN old_rows o ON o.id = nr.id WHERE nr.state <> o.state
        UNION ALL
        SELECT o.project_id, o.state, (o.id % 16)::smallint, -1
        FROM new_rows nr JOIN old_rows o ON o.id = nr.id WHERE nr.state <> o.state
    ) changes
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (project_id, state, slot) DO UPDATE SET n = task_count.n + EXCLUDED.n;
    RETURN NULL;
END $$;

CREATE FUNCTION task_count_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE task_count c SET n = c.n - d.n
    FROM (SELECT project_id, state, (id % 16)::smallint AS slot, count(*) AS n FROM old_rows GROUP BY 1, 2, 3) d
    WHERE c.project_id = d.project_id AND c.state = d.state AND c.slot = d.slot;
    RETURN NULL;
END $$;

CREATE TRIGGER task_count_insert AFTER INSERT ON task
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION task_count_after_insert();
CREATE TRIGGER task_count_update AFTER UPDATE ON task
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION task_count_after_update();
CREATE TRIGGER task_count_delete AFTER DELETE ON task
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION task_count_after_delete();

INSERT INTO task_count (project_id, state, slot, n)
SELECT project_id, state, (id % 16)::smallint, count(*) FROM task GROUP BY 1, 2, 3;
