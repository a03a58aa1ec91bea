-- When a trainee sees an exam's references (and each item's expected answers, which the feedback names): once no
-- attempt is left (default), or never. Until then a result shows scores only, so a second attempt cannot copy them.
ALTER TABLE exam ADD COLUMN show_references text NOT NULL DEFAULT 'WHEN_NO_ATTEMPT_LEFT'
    CHECK (show_references IN ('WHEN_NO_ATTEMPT_LEFT', 'NEVER'));
