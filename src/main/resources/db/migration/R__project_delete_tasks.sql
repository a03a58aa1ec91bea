-- project_delete_tasks(): its current definition, and its one home. A repeatable migration: Flyway applies it
-- again whenever this file changes. Change the function here, never in a versioned migration (those are history).
-- What ON DELETE CASCADE did before task's foreign keys became statement-level checks: a deleted project takes its
-- tasks (and, through their keys, all work on them).
CREATE OR REPLACE FUNCTION project_delete_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM task WHERE project_id = OLD.id;
    RETURN OLD;
END $$;
