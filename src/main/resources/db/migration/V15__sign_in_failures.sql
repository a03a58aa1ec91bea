-- Failed sign-ins are counted on the account (a wrong password for an existing name) and shown to its owner after the
-- next successful sign-in, then reset. The sign-in brake itself lives in memory (LoginRateLimiter); this is the record
-- the owner reads. last_sign_in_at tells an administrator when an account was last used.
ALTER TABLE account
    ADD COLUMN failed_sign_ins        int NOT NULL DEFAULT 0,
    ADD COLUMN last_failed_sign_in_at timestamptz,
    ADD COLUMN last_sign_in_at        timestamptz;
