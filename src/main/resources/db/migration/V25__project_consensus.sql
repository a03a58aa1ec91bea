-- Consensus in export (issue 11): how the export merges a task's overlapping approved results into the one it writes.
-- NULL: no merging — every approved result is exported (the behaviour before this setting).
ALTER TABLE project
    ADD COLUMN consensus text CHECK (consensus IN ('MAJORITY', 'BEST_GOLD', 'REVIEWER'));
