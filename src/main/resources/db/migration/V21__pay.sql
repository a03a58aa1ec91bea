-- Pay (issue 11): per-project rate cards (versioned), the append-only ledger of earnings, and the months whose
-- statements are issued (locked). Amounts are whole won in bigint: never floating point.

-- Each PUT of a project's rate card is a new version; an entry uses the version in force when the work was approved.
CREATE TABLE pay_rate_card (
    project_id            bigint      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    version               int         NOT NULL CHECK (version > 0),
    labeler_per_task      bigint      NOT NULL CHECK (labeler_per_task >= 0),
    reviewer_per_decision bigint      NOT NULL CHECK (reviewer_per_decision >= 0),
    per_unit              jsonb       NOT NULL DEFAULT '{}',
    gold_rate             bigint      CHECK (gold_rate >= 0),
    correction_share      int         NOT NULL DEFAULT 0 CHECK (correction_share BETWEEN 0 AND 100),
    created_by            bigint      NOT NULL REFERENCES account (id),
    created_at            timestamptz NOT NULL,
    PRIMARY KEY (project_id, version)
);

-- The ledger: one row per earning or adjustment, never changed or removed (R__pay_ledger_append_only.sql). project_id
-- has no foreign key on purpose: a deleted project must not take paid history with it, nor be blocked by it.
CREATE TABLE pay_ledger (
    id                bigserial   PRIMARY KEY,
    account_id        bigint      NOT NULL REFERENCES account (id),
    project_id        bigint,
    kind              text        NOT NULL
        CHECK (kind IN ('LABELING', 'GOLD', 'REVIEW', 'CORRECTION_SHARE', 'ADJUSTMENT')),
    amount            bigint      NOT NULL,
    units             bigint      NOT NULL DEFAULT 0,
    assignment_id     bigint,
    review_id         bigint,
    rate_card_version int,
    reason            text,
    actor_id          bigint      REFERENCES account (id),
    occurred_at       timestamptz NOT NULL,
    -- the statement month (Asia/Seoul) the entry counts in: the month it occurred in, or the next open one when that
    -- month's statements were already issued
    period            text        NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    created_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (kind <> 'ADJUSTMENT' OR (reason IS NOT NULL AND actor_id IS NOT NULL)),
    CHECK (kind NOT IN ('LABELING', 'GOLD') OR assignment_id IS NOT NULL),
    CHECK (kind NOT IN ('REVIEW', 'CORRECTION_SHARE') OR review_id IS NOT NULL)
);
-- Work is paid once, however often it is approved again (rework, a retried or concurrent approval): the database says no.
CREATE UNIQUE INDEX pay_ledger_work_once ON pay_ledger (assignment_id) WHERE kind IN ('LABELING', 'GOLD');
CREATE UNIQUE INDEX pay_ledger_decision_once ON pay_ledger (review_id, kind) WHERE kind IN ('REVIEW', 'CORRECTION_SHARE');
CREATE INDEX pay_ledger_account ON pay_ledger (account_id, id);
CREATE INDEX pay_ledger_period ON pay_ledger (period, account_id);

-- A month whose statements were issued: locked, later entries go to the next open month.
CREATE TABLE pay_period (
    period    text        PRIMARY KEY CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    issued_at timestamptz NOT NULL,
    issued_by bigint      NOT NULL REFERENCES account (id)
);
