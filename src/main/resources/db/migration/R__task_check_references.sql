-- task_check_references(): its current definition, and its one home. A repeatable migration: Flyway applies it
-- again whenever this file changes. Change the function here, never in a versioned migration (those are history).
-- The foreign keys of task (project, import), checked once per statement over its rows as a set, with the locks a
-- foreign key would take: a per-row key check costs more than all of task's indexes during a bulk COPY.
CREATE OR REPLACE FUNCTION task_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Hold the referenced projects and imports against deletion until this transaction ends, as a foreign key would.
    PERFORM 1 FROM project p WHERE p.id IN (SELECT DISTINCT project_id FROM new_rows) FOR KEY SHARE;
    PERFORM 1 FROM import_job j WHERE j.id IN (SELECT DISTINCT import_id FROM new_rows WHERE import_id IS NOT NULL)
        FOR KEY SHARE;
    IF EXISTS (SELECT 1 FROM (SELECT DISTINCT project_id, import_id FROM new_rows) n
               WHERE NOT EXISTS (SELECT 1 FROM project p WHERE p.id = n.project_id)
                  OR (n.import_id IS NOT NULL AND NOT EXISTS (
                        SELECT 1 FROM import_job j WHERE j.id = n.import_id AND j.project_id = n.project_id))) THEN
        RAISE EXCEPTION 'a task must belong to an existing project (and import of that project)'
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;
