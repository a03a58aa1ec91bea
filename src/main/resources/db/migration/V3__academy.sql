-- Academy: courses, cohorts with seats and a wait list, sessions and attendance, exams and attempts, placement,
-- the freelancer agreement, notifications, and an append-only event log.

CREATE TABLE course (
    id          bigserial PRIMARY KEY,
    name        text        NOT NULL,
    description text        NOT NULL DEFAULT '',
    materials   jsonb       NOT NULL DEFAULT '[]',
    hours       numeric(6, 2) NOT NULL CHECK (hours > 0),
    created_by  bigint      REFERENCES account (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- registered / waitlisted are counters kept under the cohort's row lock (see Registrations): the CHECK is the last
-- line of defence for "never more REGISTERED than seats", whatever the concurrency.
CREATE TABLE cohort (
    id                     bigserial PRIMARY KEY,
    course_id              bigint      NOT NULL REFERENCES course (id),
    name                   text        NOT NULL,
    capacity               int         NOT NULL CHECK (capacity >= 1),
    registered             int         NOT NULL DEFAULT 0,
    waitlisted             int         NOT NULL DEFAULT 0 CHECK (waitlisted >= 0),
    registration_opens_at  timestamptz NOT NULL,
    registration_closes_at timestamptz NOT NULL,
    min_attendance         numeric(4, 3) NOT NULL DEFAULT 0.8 CHECK (min_attendance > 0 AND min_attendance <= 1),
    created_by             bigint      REFERENCES account (id),
    created_at             timestamptz NOT NULL DEFAULT now(),
    CHECK (registered BETWEEN 0 AND capacity),
    CHECK (registration_closes_at > registration_opens_at)
);
CREATE INDEX cohort_closes ON cohort (registration_closes_at);

CREATE TABLE cohort_session (
    id        bigserial PRIMARY KEY,
    cohort_id bigint      NOT NULL REFERENCES cohort (id) ON DELETE CASCADE,
    starts_at timestamptz NOT NULL,
    ends_at   timestamptz NOT NULL,
    place     text        NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX cohort_session_cohort ON cohort_session (cohort_id, starts_at);

-- The id comes from a sequence taken while the cohort row is locked, so within a cohort ids follow arrival order:
-- the wait list is "WAITLISTED ordered by id". One live registration per person; a cancelled one stays as history.
CREATE TABLE registration (
    id            bigserial PRIMARY KEY,
    cohort_id     bigint      NOT NULL REFERENCES cohort (id) ON DELETE CASCADE,
    account_id    bigint      NOT NULL REFERENCES account (id),
    status        text        NOT NULL CHECK (status IN ('REGISTERED', 'WAITLISTED', 'CANCELLED')),
    created_at    timestamptz NOT NULL,
    promoted_at   timestamptz,
    cancelled_at  timestamptz
);
CREATE UNIQUE INDEX registration_one_live ON registration (cohort_id, account_id) WHERE status <> 'CANCELLED';
CREATE INDEX registration_cohort_status ON registration (cohort_id, status, id);
CREATE INDEX registration_account ON registration (account_id);

-- Takes a seat, or the next place on the wait list, in one call: the cohort row stays locked only while these few
-- statements run inside the server (no round trip to the application under the lock) and the commit that follows.
-- The registration id is drawn under the lock, so ids follow arrival order. No row when the person already holds a
-- live registration (the unique index settles races).
CREATE FUNCTION academy_register(p_cohort bigint, p_account bigint, p_at timestamptz,
        OUT registration_id bigint, OUT reg_status text, OUT wait_position int)
    LANGUAGE plpgsql AS $$
DECLARE
    seats record;
BEGIN
    SELECT c.capacity, c.registered, c.waitlisted INTO seats FROM cohort c WHERE c.id = p_cohort FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    reg_status := CASE WHEN seats.registered < seats.capacity THEN 'REGISTERED' ELSE 'WAITLISTED' END;
    INSERT INTO registration AS r (cohort_id, account_id, status, created_at)
    VALUES (p_cohort, p_account, reg_status, p_at)
    ON CONFLICT (cohort_id, account_id) WHERE r.status <> 'CANCELLED' DO NOTHING
    RETURNING r.id INTO registration_id;
    IF registration_id IS NULL THEN
        reg_status := NULL;
        RETURN;
    END IF;
    IF reg_status = 'REGISTERED' THEN
        UPDATE cohort c SET registered = c.registered + 1 WHERE c.id = p_cohort;
    ELSE
        UPDATE cohort c SET waitlisted = c.waitlisted + 1 WHERE c.id = p_cohort;
        wait_position := seats.waitlisted + 1;
    END IF;
END
$$;

CREATE TABLE attendance (
    session_id  bigint      NOT NULL REFERENCES cohort_session (id) ON DELETE CASCADE,
    account_id  bigint      NOT NULL REFERENCES account (id),
    present     boolean     NOT NULL,
    recorded_by bigint      REFERENCES account (id),
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (session_id, account_id)
);

-- The schema is copied at creation: an exam keeps scoring the same way when its project's schema moves on.
CREATE TABLE exam (
    id                 bigserial PRIMARY KEY,
    name               text        NOT NULL,
    project_id         bigint      REFERENCES project (id) ON DELETE SET NULL,
    cohort_id          bigint      REFERENCES cohort (id) ON DELETE SET NULL,
    schema             jsonb       NOT NULL,
    time_limit_minutes int         NOT NULL CHECK (time_limit_minutes BETWEEN 1 AND 1440),
    pass_score         numeric(5, 2) NOT NULL CHECK (pass_score BETWEEN 0 AND 100),
    max_attempts       int         NOT NULL DEFAULT 1 CHECK (max_attempts BETWEEN 1 AND 100),
    created_by         bigint      REFERENCES account (id),
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX exam_cohort ON exam (cohort_id);

CREATE TABLE exam_item (
    id        bigserial PRIMARY KEY,
    exam_id   bigint NOT NULL REFERENCES exam (id) ON DELETE CASCADE,
    position  int    NOT NULL,
    data      jsonb  NOT NULL,
    reference jsonb  NOT NULL,
    UNIQUE (exam_id, position)
);

CREATE TABLE exam_attempt (
    id           bigserial PRIMARY KEY,
    exam_id      bigint      NOT NULL REFERENCES exam (id) ON DELETE CASCADE,
    account_id   bigint      NOT NULL REFERENCES account (id),
    number       int         NOT NULL,
    started_at   timestamptz NOT NULL,
    deadline     timestamptz NOT NULL,
    submitted_at timestamptz,
    score        numeric(6, 2),
    passed       boolean,
    per_item     jsonb,
    UNIQUE (exam_id, account_id, number)
);
CREATE INDEX exam_attempt_account ON exam_attempt (account_id, exam_id);

CREATE TABLE exam_answer (
    attempt_id bigint      NOT NULL REFERENCES exam_attempt (id) ON DELETE CASCADE,
    item_id    bigint      NOT NULL REFERENCES exam_item (id) ON DELETE CASCADE,
    result     jsonb       NOT NULL,
    saved_at   timestamptz NOT NULL,
    PRIMARY KEY (attempt_id, item_id)
);

CREATE TABLE placement (
    id                bigserial PRIMARY KEY,
    cohort_id         bigint      NOT NULL REFERENCES cohort (id) ON DELETE CASCADE,
    account_id        bigint      NOT NULL REFERENCES account (id),
    role              text        NOT NULL CHECK (role IN ('REVIEWER', 'LABELER', 'NONE')),
    score             numeric(6, 2),
    rank              int,
    why               text        NOT NULL,
    project_ids       bigint[]    NOT NULL DEFAULT '{}',
    decided_by        bigint      REFERENCES account (id),
    decided_at        timestamptz NOT NULL,
    overridden        boolean     NOT NULL DEFAULT false,
    accepted_at       timestamptz,
    agreement_version int,
    UNIQUE (cohort_id, account_id)
);
CREATE INDEX placement_account ON placement (account_id);

CREATE TABLE agreement (
    version      int PRIMARY KEY,
    title        text        NOT NULL,
    body         text        NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO agreement (version, title, body) VALUES (1, '프리랜서 작업 약정 / Freelancer agreement',
'1. 작업자는 프로젝트 관리자가 정한 라벨링 지침과 스키마에 따라 성실히 작업합니다.
2. 작업 대상 데이터와 개인정보를 외부로 반출하거나 목적 외로 사용하지 않습니다.
3. 검수를 통과한 작업 단위마다 프로젝트에 공시된 단가로 보수를 받으며, 월별 정산서를 받습니다.
4. 작업자는 언제든지 작업을 중단할 수 있고, 관리자는 품질 기준에 미달하는 작업을 반려하거나 작업을 일시 중지할 수 있습니다.

1. The worker labels in good faith following the project''s guidelines and label schema.
2. The worker does not take task data or personal information outside the platform or use it for any other purpose.
3. Every unit of work approved in review is paid at the project''s published rate, with a monthly statement.
4. The worker may stop at any time; a manager may reject work below the quality bar or pause a worker.');

CREATE TABLE agreement_acceptance (
    id           bigserial PRIMARY KEY,
    account_id   bigint      NOT NULL REFERENCES account (id),
    version      int         NOT NULL REFERENCES agreement (version),
    placement_id bigint      REFERENCES placement (id) ON DELETE SET NULL,
    accepted_at  timestamptz NOT NULL
);
CREATE INDEX agreement_acceptance_account ON agreement_acceptance (account_id);

CREATE TABLE notification (
    id         bigserial PRIMARY KEY,
    account_id bigint      NOT NULL REFERENCES account (id),
    kind       text        NOT NULL,
    message    text        NOT NULL,
    data       jsonb       NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL,
    read_at    timestamptz
);
CREATE INDEX notification_account ON notification (account_id, id DESC);

-- Append-only: who did what in the academy (cancellations, promotions, attendance, placement runs and overrides,
-- acceptances). The trigger refuses changes, so the log can be trusted as history.
CREATE TABLE academy_event (
    id         bigserial PRIMARY KEY,
    type       text        NOT NULL,
    cohort_id  bigint,
    account_id bigint,
    actor_id   bigint,
    detail     jsonb       NOT NULL DEFAULT '{}',
    at         timestamptz NOT NULL
);
CREATE INDEX academy_event_cohort ON academy_event (cohort_id, id);

CREATE FUNCTION academy_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'academy_event is append-only';
END
$$;
CREATE TRIGGER academy_event_no_change BEFORE UPDATE OR DELETE ON academy_event
    FOR EACH ROW EXECUTE FUNCTION academy_event_append_only();
