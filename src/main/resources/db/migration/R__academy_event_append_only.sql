-- academy_event_append_only(): its current definition, and its one home. A repeatable migration: Flyway applies it
-- again whenever this file changes. Change the function here, never in a versioned migration (those are history).
-- academy_event is append-only: the trigger refuses changes, so the log can be trusted as history.
CREATE OR REPLACE FUNCTION academy_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'academy_event is append-only';
END
$$;
