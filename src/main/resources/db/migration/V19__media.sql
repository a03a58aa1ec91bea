-- Media (images, audio) of a project: the bytes live in the blob store under a key named by their SHA-256, this row
-- says what they are. One row per project and content: the same file imported twice is one medium.
CREATE TABLE media (
    id           bigserial PRIMARY KEY,
    project_id   bigint           NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    import_id    bigint,
    kind         text             NOT NULL CHECK (kind IN ('image', 'audio')),
    sha256       text             NOT NULL,
    content_type text             NOT NULL,
    size         bigint           NOT NULL,
    width        integer,
    height       integer,
    duration     double precision,
    file_name    text,
    blob_key     text             NOT NULL,
    derived_key  text             NOT NULL,
    derived_size bigint           NOT NULL,
    created_at   timestamptz      NOT NULL DEFAULT now(),
    UNIQUE (project_id, sha256)
);
