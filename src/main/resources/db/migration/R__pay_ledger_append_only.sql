-- pay_ledger_append_only(): its current definition, and its one home. A repeatable migration: Flyway applies it again
-- whenever this file changes. pay_ledger is append-only: money once recorded is never edited or removed — a mistake is
-- corrected by an ADJUSTMENT entry with a reason and who made it. The triggers are (re)made here too, after the
-- function they call.
CREATE OR REPLACE FUNCTION pay_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'pay_ledger is append-only (%): add an ADJUSTMENT entry instead', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE OR REPLACE TRIGGER pay_ledger_no_change BEFORE UPDATE OR DELETE ON pay_ledger
    FOR EACH ROW EXECUTE FUNCTION pay_ledger_append_only();
CREATE OR REPLACE TRIGGER pay_ledger_no_truncate BEFORE TRUNCATE ON pay_ledger
    FOR EACH STATEMENT EXECUTE FUNCTION pay_ledger_append_only();
