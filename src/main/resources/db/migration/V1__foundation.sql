-- LabelCrew foundation: accounts, projects, tasks, the work queue, review and the event log.

CREATE TABLE account (
    id                 bigserial PRIMARY KEY,
    username           text        NOT NULL,
    password_hash      text        NOT NULL,
    display_name       text        NOT NULL,
    email              text,
    phone              text,
    roles              text[]      NOT NULL DEFAULT '{}',
    active             boolean     NOT NULL DEFAULT true,
    privacy_consent_at timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX account_username_key ON account (lower(username));

CREATE TABLE api_token (
    id           bigserial PRIMARY KEY,
    account_id   bigint      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    token_hash   bytea       NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_token_account ON api_token (account_id);

CREATE TABLE project (
    id             bigserial PRIMARY KEY,
    name           text        NOT NULL,
    description    text        NOT NULL DEFAULT '',
    schema         jsonb       NOT NULL,
    schema_version int         NOT NULL DEFAULT 1,
    overlap        int         NOT NULL DEFAULT 1 CHECK (overlap BETWEEN 1 AND 100),
    review_mode    text        NOT NULL DEFAULT 'FULL' CHECK (review_mode IN ('FULL', 'SAMPLE')),
    sample_rate    double precision NOT NULL DEFAULT 1.0 CHECK (sample_rate BETWEEN 0 AND 1),
    lease_minutes  int         NOT NULL DEFAULT 30 CHECK (lease_minutes BETWEEN 1 AND 1440),
    gold_rate      double precision NOT NULL DEFAULT 0 CHECK (gold_rate BETWEEN 0 AND 1),
    rates          jsonb       NOT NULL DEFAULT '{}',
    created_by     bigint      REFERENCES account (id),
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- Every schema a project ever had: annotations name the version they were made against.
CREATE TABLE project_schema (
    project_id bigint      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    version    int         NOT NULL,
    schema     jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, version)
);

CREATE TABLE project_member (
    project_id bigint      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    account_id bigint      NOT NULL REFERENCES account (id),
    role       text        NOT NULL CHECK (role IN ('MANAGER', 'REVIEWER', 'LABELER')),
    paused     boolean     NOT NULL DEFAULT false,
    added_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, account_id)
);
CREATE INDEX project_member_account ON project_member (account_id);

CREATE TABLE import_job (
    id          bigserial PRIMARY KEY,
    project_id  bigint      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    format      text        NOT NULL,
    file_name   text,
    file_path   text,
    file_size   bigint      NOT NULL DEFAULT 0,
    status      text        NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    total       bigint      NOT NULL DEFAULT 0,
    imported    bigint      NOT NULL DEFAULT 0,
    rejected    bigint      NOT NULL DEFAULT 0,
    bytes_read  bigint      NOT NULL DEFAULT 0,
    errors      jsonb       NOT NULL DEFAULT '[]',
    created_by  bigint      REFERENCES account (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
);

-- state: the task's place in the workflow, derived from its assignments (see TaskStates).
-- held: assignments that hold one of the task's overlap slots (leased, submitted, in review, rejected for rework,
-- approved); the queue takes tasks with held < overlap, fullest first (breadth-first).
CREATE TABLE task (
    id          bigserial PRIMARY KEY,
    project_id  bigint      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    data        jsonb       NOT NULL,
    state       text        NOT NULL DEFAULT 'NEW'
                CHECK (state IN ('NEW', 'ASSIGNED', 'SUBMITTED', 'REJECTED', 'APPROVED')),
    held        int         NOT NULL DEFAULT 0,
    approved    int         NOT NULL DEFAULT 0,
    priority    int         NOT NULL DEFAULT 0,
    source_hash text,
    import_id   bigint      REFERENCES import_job (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_project_id ON task (project_id, id);
CREATE INDEX task_project_state ON task (project_id, state, id);
-- Breadth-first queue order: tasks closest to complete first, then priority, then arrival.
CREATE INDEX task_queue ON task (project_id, held DESC, priority DESC, id);

-- One row per (task, labeler): a labeler never holds two slots of one task. An expired lease keeps the row
-- (and its draft) so the same labeler gets it back where possible.
CREATE TABLE assignment (
    id               bigserial PRIMARY KEY,
    task_id          bigint      NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    project_id       bigint      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    labeler_id       bigint      NOT NULL REFERENCES account (id),
    state            text        NOT NULL
                     CHECK (state IN ('LEASED', 'SUBMITTED', 'IN_REVIEW', 'APPROVED', 'REJECTED', 'EXPIRED', 'SKIPPED')),
    lease_expires_at timestamptz,
    draft            jsonb,
    skip_reason      text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (task_id, labeler_id)
);
CREATE INDEX assignment_labeler_state ON assignment (project_id, labeler_id, state);
CREATE INDEX assignment_lease ON assignment (lease_expires_at) WHERE state = 'LEASED';
CREATE INDEX assignment_submitted ON assignment (project_id, updated_at, id) WHERE state = 'SUBMITTED';

-- Nothing submitted is ever overwritten: a correction or a resubmission is a new version.
CREATE TABLE annotation (
    id             bigserial PRIMARY KEY,
    task_id        bigint      NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    assignment_id  bigint      NOT NULL REFERENCES assignment (id) ON DELETE CASCADE,
    author_id      bigint      NOT NULL REFERENCES account (id),
    kind           text        NOT NULL CHECK (kind IN ('SUBMISSION', 'CORRECTION')),
    version        int         NOT NULL,
    schema_version int         NOT NULL,
    result         jsonb       NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (assignment_id, version)
);
CREATE INDEX annotation_task ON annotation (task_id);

CREATE TABLE review (
    id               bigserial PRIMARY KEY,
    assignment_id    bigint      NOT NULL REFERENCES assignment (id) ON DELETE CASCADE,
    annotation_id    bigint      NOT NULL REFERENCES annotation (id) ON DELETE CASCADE,
    project_id       bigint      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    reviewer_id      bigint      REFERENCES account (id),
    lease_expires_at timestamptz,
    verdict          text        CHECK (verdict IN ('APPROVE', 'REJECT', 'CORRECT', 'AUTO_APPROVE', 'EXPIRED')),
    reason           text,
    correction_id    bigint      REFERENCES annotation (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    decided_at       timestamptz
);
CREATE INDEX review_assignment ON review (assignment_id);
CREATE INDEX review_open ON review (project_id, reviewer_id) WHERE verdict IS NULL;

-- A task's state, held slots and approvals are derived from its assignments in this one place, after every change.
CREATE FUNCTION refresh_task(p_task bigint) RETURNS text LANGUAGE sql AS $$
    UPDATE task t SET held = s.held, approved = s.approved, updated_at = now(),
        state = CASE
            WHEN s.approved >= p.overlap THEN 'APPROVED'
            WHEN s.rejected > 0 THEN 'REJECTED'
            WHEN s.leased > 0 THEN 'ASSIGNED'
            WHEN s.submitted > 0 THEN 'SUBMITTED'
            ELSE 'NEW' END
    FROM (SELECT count(*) FILTER (WHERE state IN ('LEASED', 'SUBMITTED', 'IN_REVIEW', 'REJECTED', 'APPROVED')) AS held,
                 count(*) FILTER (WHERE state = 'APPROVED') AS approved,
                 count(*) FILTER (WHERE state = 'REJECTED') AS rejected,
                 count(*) FILTER (WHERE state = 'LEASED') AS leased,
                 count(*) FILTER (WHERE state IN ('SUBMITTED', 'IN_REVIEW')) AS submitted
          FROM assignment WHERE task_id = p_task) s,
         project p
    WHERE t.id = p_task AND p.id = t.project_id
    RETURNING t.state
$$;

-- Append-only event log of every state change.
CREATE TABLE task_event (
    id            bigserial PRIMARY KEY,
    task_id       bigint      NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    project_id    bigint      NOT NULL,
    type          text        NOT NULL,
    actor_id      bigint      REFERENCES account (id),
    assignment_id bigint,
    detail        jsonb       NOT NULL DEFAULT '{}',
    at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_event_task ON task_event (task_id, id);
CREATE INDEX task_event_project_at ON task_event (project_id, at);

CREATE TABLE export_job (
    id          bigserial PRIMARY KEY,
    project_id  bigint      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    format      text        NOT NULL,
    options     jsonb       NOT NULL DEFAULT '{}',
    status      text        NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    total       bigint      NOT NULL DEFAULT 0,
    written     bigint      NOT NULL DEFAULT 0,
    file_path   text,
    error       text,
    created_by  bigint      REFERENCES account (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
);

-- Spring Session (sessions live in PostgreSQL, so any instance serves any browser).
CREATE TABLE spring_session (
    primary_id            char(36) NOT NULL,
    session_id            char(36) NOT NULL,
    creation_time         bigint   NOT NULL,
    last_access_time      bigint   NOT NULL,
    max_inactive_interval int      NOT NULL,
    expiry_time           bigint   NOT NULL,
    principal_name        varchar(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
    session_primary_id char(36)     NOT NULL,
    attribute_name     varchar(200) NOT NULL,
    attribute_bytes    bytea        NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES spring_session (primary_id) ON DELETE CASCADE
);

-- db-scheduler: background jobs (imports, exports, lease sweeping), safe across instances.
CREATE TABLE scheduled_tasks (
    task_name            text        NOT NULL,
    task_instance        text        NOT NULL,
    task_data            bytea,
    execution_time       timestamptz NOT NULL,
    picked               boolean     NOT NULL,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures int,
    last_heartbeat       timestamptz,
    version              bigint      NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
