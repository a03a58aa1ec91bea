-- Sessions signed in before this release carry the principal's record text ("CurrentUser[id=…]") as their principal
-- name, so deactivation, role changes and password resets could not find them to end them. They are ended here; the
-- people behind them sign in again and get sessions named by their username.
DELETE FROM spring_session WHERE principal_name LIKE 'CurrentUser[%';
