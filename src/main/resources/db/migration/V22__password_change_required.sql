-- A password someone else chose (the generated first administrator's, one an administrator set or reset) must be
-- changed by its owner: GET /me says so and the browser asks for the change first. The owner's own change clears it.
-- Existing accounts keep working as they did.
ALTER TABLE account ADD COLUMN password_change_required boolean NOT NULL DEFAULT false;
