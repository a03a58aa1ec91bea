-- Crash recovery of imports and exports (hardening finding 5).
--
-- attempt: each run of a job (the first, or one revived by db-scheduler after its instance died) takes the next
-- number, and only the run holding the latest number may finish the job. A run that was presumed dead but still
-- works (a long pause) therefore cannot commit its tasks next to the new run's: no task is stored twice.
ALTER TABLE import_job ADD COLUMN attempt int NOT NULL DEFAULT 0;
ALTER TABLE export_job ADD COLUMN attempt int NOT NULL DEFAULT 0;

-- The same file uploaded again while its import is still queued or running is refused (409 naming that import):
-- a re-upload after a crash doubled the project. Lower-case hex SHA-256 of the stored upload.
ALTER TABLE import_job ADD COLUMN file_sha256 text;
CREATE UNIQUE INDEX import_job_running_file ON import_job (project_id, file_sha256)
    WHERE status IN ('QUEUED', 'RUNNING');

-- Likewise an export of the same project, format and options while one is still queued or running.
CREATE UNIQUE INDEX export_job_running ON export_job (project_id, format, options)
    WHERE status IN ('QUEUED', 'RUNNING');
