-- Exports expire (issues 10/11/12): an export's file is deleted from the blob store once it finished more than
-- labelcrew.exports.retention ago (LABELCREW_EXPORT_RETENTION, default 7 days; io/ExportRetention, hourly). The job
-- stays DONE, with its counts, and says when its file went; its download then answers 410 Gone.
ALTER TABLE export_job ADD COLUMN expired_at timestamptz;
