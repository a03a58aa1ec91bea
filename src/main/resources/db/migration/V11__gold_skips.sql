-- Skipping a gold item is not answering it. skips counts how often the labeler skipped this assignment's task, so
-- that the next-task chain can tell a skipped gold item that is due to come back (skipped once) from one the labeler
-- has seen twice and may leave for good (see Strategies.Gold). A constant default: no table rewrite.
ALTER TABLE assignment ADD COLUMN skips smallint NOT NULL DEFAULT 0;
