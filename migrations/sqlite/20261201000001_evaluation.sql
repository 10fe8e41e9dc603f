-- Model endpoints, evaluation runs and their per-sample results.
-- The API key of an endpoint is never stored: only the name of the environment variable.
CREATE TABLE endpoints (
    id                 TEXT PRIMARY KEY NOT NULL,
    name               TEXT NOT NULL UNIQUE,
    kind               TEXT NOT NULL CHECK (kind IN ('openai', 'echo')),
    base_url           TEXT NOT NULL DEFAULT '',
    model              TEXT NOT NULL,
    api_key_env        TEXT,
    max_concurrency    INTEGER NOT NULL CHECK (max_concurrency > 0),
    timeout_ms         INTEGER NOT NULL CHECK (timeout_ms > 0),
    max_retries        INTEGER NOT NULL CHECK (max_retries >= 0),
    default_parameters TEXT NOT NULL DEFAULT '{}',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

-- A run pins everything it evaluates: the dataset version, the prompt version (by id) and the
-- model name, so that its results stay comparable whatever changes later.
-- The queue is `status = 'pending' AND queued_at IS NOT NULL`, oldest first.
CREATE TABLE runs (
    id                TEXT PRIMARY KEY NOT NULL,
    name              TEXT NOT NULL,
    dataset_id        TEXT NOT NULL REFERENCES datasets (id),
    dataset_version   INTEGER NOT NULL,
    prompt_version_id TEXT NOT NULL REFERENCES prompt_versions (id),
    endpoint_id       TEXT NOT NULL REFERENCES endpoints (id),
    model_name        TEXT NOT NULL,
    metrics           TEXT NOT NULL,
    parameters        TEXT NOT NULL DEFAULT '{}',
    status            TEXT NOT NULL
        CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
    total             INTEGER NOT NULL,
    done              INTEGER NOT NULL DEFAULT 0,
    passed            INTEGER NOT NULL DEFAULT 0,
    errored           INTEGER NOT NULL DEFAULT 0,
    results           TEXT,
    error             TEXT,
    schedule_id       TEXT,
    created_at        TEXT NOT NULL,
    queued_at         TEXT,
    start_time        TEXT,
    end_time          TEXT
);

CREATE INDEX runs_by_created ON runs (created_at);
CREATE INDEX runs_queue ON runs (status, queued_at);

-- One row per sample, written once when its result exists and never replaced: a resumed run
-- skips every sample that has a row here.
CREATE TABLE run_results (
    run_id            TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    sample_id         TEXT NOT NULL,
    position          INTEGER NOT NULL,
    input             TEXT NOT NULL,
    expected_output   TEXT NOT NULL,
    rendered          TEXT,
    output            TEXT,
    scores            TEXT NOT NULL,
    passed            INTEGER NOT NULL,
    errored           INTEGER NOT NULL,
    error             TEXT,
    latency_ms        INTEGER,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    attempts          INTEGER NOT NULL,
    finished_at       TEXT NOT NULL,
    PRIMARY KEY (run_id, sample_id)
);

CREATE INDEX run_results_by_position ON run_results (run_id, position);
