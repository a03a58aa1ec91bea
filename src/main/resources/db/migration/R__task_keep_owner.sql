-- task_keep_owner(): its current definition, and its one home. A repeatable migration: Flyway applies it
-- again whenever this file changes. Change the function here, never in a versioned migration (those are history).
-- A task never moves between projects or imports.
CREATE OR REPLACE FUNCTION task_keep_owner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.project_id IS DISTINCT FROM OLD.project_id OR NEW.import_id IS DISTINCT FROM OLD.import_id THEN
        RAISE EXCEPTION 'a task cannot move to another project or import' USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NEW;
END $$;
