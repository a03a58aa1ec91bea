-- account_tokens_notify(): its current definition, and its one home. A repeatable migration: Flyway applies it
-- again whenever this file changes. Change the function here, never in a versioned migration (those are history).
-- Every instance keeps the accounts behind the API tokens it has seen in memory (TokenService), so that a script's
-- request costs no lookup. Whatever changes what a token may do — the account's state, roles, name or password, a
-- token revoked or deleted — publishes the account's id on the channel those caches listen to (CacheNotifications):
-- PostgreSQL delivers it when the change commits, to every instance, whichever code or person made the change.
CREATE OR REPLACE FUNCTION account_tokens_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'account' THEN
        PERFORM pg_notify('labelcrew_account_tokens', OLD.id::text);
    ELSE
        PERFORM pg_notify('labelcrew_account_tokens', OLD.account_id::text);
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER account_tokens_notify AFTER UPDATE ON account FOR EACH ROW
    WHEN (OLD.active IS DISTINCT FROM NEW.active OR OLD.roles IS DISTINCT FROM NEW.roles
          OR OLD.username IS DISTINCT FROM NEW.username OR OLD.display_name IS DISTINCT FROM NEW.display_name
          OR OLD.password_hash IS DISTINCT FROM NEW.password_hash)
    EXECUTE FUNCTION account_tokens_notify();

CREATE OR REPLACE TRIGGER account_deleted_tokens_notify AFTER DELETE ON account FOR EACH ROW
    EXECUTE FUNCTION account_tokens_notify();

CREATE OR REPLACE TRIGGER api_token_revoked_notify AFTER UPDATE ON api_token FOR EACH ROW
    WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.account_id IS DISTINCT FROM NEW.account_id)
    EXECUTE FUNCTION account_tokens_notify();

CREATE OR REPLACE TRIGGER api_token_deleted_notify AFTER DELETE ON api_token FOR EACH ROW
    EXECUTE FUNCTION account_tokens_notify();
