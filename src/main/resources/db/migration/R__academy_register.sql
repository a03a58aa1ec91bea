-- academy_register(): its current definition, and its one home. A repeatable migration: Flyway applies it
-- again whenever this file changes. Change the function here, never in a versioned migration (those are history).
-- Takes a seat, or the next place on the wait list, in one call: the cohort row stays locked only while these few
-- statements run inside the server (no round trip to the application under the lock) and the commit that follows.
-- The registration id is drawn under the lock, so ids follow arrival order. No row when the person already holds a
-- live registration (the unique index settles races).
CREATE OR REPLACE FUNCTION academy_register(p_cohort bigint, p_account bigint, p_at timestamptz,
        OUT registration_id bigint, OUT reg_status text, OUT wait_position int)
    LANGUAGE plpgsql AS $$
DECLARE
    seats record;
BEGIN
    SELECT c.capacity, c.registered, c.waitlisted INTO seats FROM cohort c WHERE c.id = p_cohort FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    reg_status := CASE WHEN seats.registered < seats.capacity THEN 'REGISTERED' ELSE 'WAITLISTED' END;
    INSERT INTO registration AS r (cohort_id, account_id, status, created_at)
    VALUES (p_cohort, p_account, reg_status, p_at)
    ON CONFLICT (cohort_id, account_id) WHERE r.status <> 'CANCELLED' DO NOTHING
    RETURNING r.id INTO registration_id;
    IF registration_id IS NULL THEN
        reg_status := NULL;
        RETURN;
    END IF;
    IF reg_status = 'REGISTERED' THEN
        UPDATE cohort c SET registered = c.registered + 1 WHERE c.id = p_cohort;
    ELSE
        UPDATE cohort c SET waitlisted = c.waitlisted + 1 WHERE c.id = p_cohort;
        wait_position := seats.waitlisted + 1;
    END IF;
END
$$;
