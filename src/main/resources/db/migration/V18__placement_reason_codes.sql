-- A placement's reasons as codes with parameters ([{"code": "placement.rank", "params": {...}}, …]), so the browser
-- says them in the reader's language; `why` keeps the same in English for scripts, logs and error messages.
-- NULL for placements decided before this column existed: the browser shows their `why`.
ALTER TABLE placement ADD COLUMN why_codes jsonb;
