-- Issue 11, inspection policy: the adaptive per-labeler review rate and acceptance sampling of lots.

-- ADAPTIVE: each labeler's submissions are drawn for review at a rate between review_min_rate and review_max_rate,
-- around the project's base rate (sample_rate), from their last review_window inspections and gold answers
-- (review.InspectionRates; formula in docs/quality.md).
ALTER TABLE project DROP CONSTRAINT project_review_mode_check;
ALTER TABLE project ADD CONSTRAINT project_review_mode_check CHECK (review_mode IN ('FULL', 'SAMPLE', 'ADAPTIVE'));
ALTER TABLE project
    ADD COLUMN review_min_rate double precision CHECK (review_min_rate > 0 AND review_min_rate <= 1),
    ADD COLUMN review_max_rate double precision CHECK (review_max_rate > 0 AND review_max_rate <= 1),
    ADD COLUMN review_window   int CHECK (review_window BETWEEN 1 AND 1000);

-- A lot: the project's submitted work awaiting review that was in no lot when a manager declared it, with the
-- ISO 2859-1 plan for its size and AQL (review.Lots). Its sampled items go to reviewers first; when every sampled
-- item has a decision the server accepts (defects <= accept_number: the rest is approved) or returns it (defects >=
-- reject_number: the rest stays in full review). A manager may decide instead, with a reason (decided_by set).
CREATE TABLE inspection_lot (
    id             bigserial   PRIMARY KEY,
    project_id     bigint      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    aql            double precision NOT NULL,
    lot_size       int         NOT NULL CHECK (lot_size >= 2),
    code_letter    text        NOT NULL,
    sample_size    int         NOT NULL CHECK (sample_size >= 1),
    accept_number  int         NOT NULL,
    reject_number  int         NOT NULL,
    state          text        NOT NULL DEFAULT 'INSPECTING' CHECK (state IN ('INSPECTING', 'ACCEPTED', 'RETURNED')),
    defects        int,
    decided_at     timestamptz,
    decided_by     bigint      REFERENCES account (id),
    reason         text,
    created_by     bigint      NOT NULL REFERENCES account (id),
    created_at     timestamptz NOT NULL
);
CREATE INDEX inspection_lot_project ON inspection_lot (project_id, id);

-- Each submitted assignment is in at most one lot (the primary key).
CREATE TABLE inspection_lot_item (
    assignment_id  bigint      PRIMARY KEY REFERENCES assignment (id) ON DELETE CASCADE,
    lot_id         bigint      NOT NULL REFERENCES inspection_lot (id) ON DELETE CASCADE,
    sampled        boolean     NOT NULL
);
CREATE INDEX inspection_lot_item_lot ON inspection_lot_item (lot_id) INCLUDE (sampled);
