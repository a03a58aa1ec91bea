-- Interchange without loss (issue 12).
--
-- options: the import's options as uploaded (multipart field "options": column mapping, encoding, onError…), so the
-- job can be run again after a crash with the same choices and the browser shows what was asked.
-- normalized: items whose text NFC normalisation changed (Hanja compatibility ideographs, NFD Hangul), for the report.
-- report_path: the rejected-rows report (CSV: line, field, reason) of an import with rejected rows; it outlives the
-- upload, which is deleted when the job ends.
ALTER TABLE import_job ADD COLUMN options jsonb NOT NULL DEFAULT '{}';
ALTER TABLE import_job ADD COLUMN normalized bigint NOT NULL DEFAULT 0;
ALTER TABLE import_job ADD COLUMN report_path text;
