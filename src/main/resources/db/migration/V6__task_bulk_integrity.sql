-- Bulk imports COPY up to millions of tasks at once. A foreign key checks every row with its own lookup (measured:
-- the two keys on task cost more than all its indexes together); here the same integrity is checked once per
-- statement, over the statement's rows as a set, with the same locks a foreign key would take.
ALTER TABLE task DROP CONSTRAINT task_project_id_fkey;
ALTER TABLE task DROP CONSTRAINT task_import_id_fkey;

CREATE FUNCTION task_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE TRIGGER task_check_references_insert AFTER INSERT ON task
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION task_check_references();

-- A task never moves between projects or imports.
CREATE FUNCTION task_keep_owner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.project_id IS DISTINCT FROM OLD.project_id OR NEW.import_id IS DISTINCT FROM OLD.import_id THEN
        RAISE EXCEPTION 'a task cannot move to another project or import' USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER task_keep_owner BEFORE UPDATE OF project_id, import_id ON task
    FOR EACH ROW EXECUTE FUNCTION task_keep_owner();

-- What ON DELETE CASCADE did: a deleted project takes its tasks (and, through their keys, all work on them).
CREATE FUNCTION project_delete_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM task WHERE project_id = OLD.id;
    RETURN OLD;
END $$;
CREATE TRIGGER project_delete_tasks BEFORE DELETE ON project
    FOR EACH ROW EXECUTE FUNCTION project_delete_tasks();
