-- Scheduled runs, the check of each scheduled run against the previous one, and the webhook
-- deliveries a regression queues.

-- A schedule keeps its run definition as given: what is left open (NULL dataset_version, NULL
-- prompt_version) is resolved at each fire, so a fire runs the dataset's latest version and the
-- prompt's active version of that moment.
CREATE TABLE schedules (
    id              TEXT PRIMARY KEY NOT NULL,
    name            TEXT NOT NULL UNIQUE,
    cron            TEXT NOT NULL,
    dataset         TEXT NOT NULL,
    dataset_version BIGINT,
    prompt_name     TEXT NOT NULL,
    prompt_version  TEXT,
    endpoint        TEXT NOT NULL,
    metrics         TEXT NOT NULL,
    parameters      TEXT NOT NULL DEFAULT '{}',
    min_pass_rate   DOUBLE PRECISION CHECK (min_pass_rate IS NULL OR (min_pass_rate >= 0 AND min_pass_rate <= 1)),
    webhook_url     TEXT,
    enabled         BOOLEAN NOT NULL DEFAULT TRUE,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    -- When the schedule was last enabled: ticks that fell while it was disabled never fire.
    enabled_at      TEXT NOT NULL,
    -- The cron tick last fired (or consumed by a skip); the scheduler moves it by
    -- compare-and-set, so a tick fires once however many schedulers look at it.
    last_fired_at   TEXT,
    -- Why the last tick created no run (the prompt is gone, the previous run still runs, ...).
    last_error      TEXT
);

-- The post-run check of a scheduled run (JSON), written once when the run has ended.
ALTER TABLE runs ADD COLUMN check_result TEXT;

CREATE INDEX runs_by_schedule ON runs (schedule_id, created_at);
-- What the scheduler checks next, found without scanning every run each second.
CREATE INDEX runs_unchecked ON runs (created_at)
    WHERE schedule_id IS NOT NULL AND check_result IS NULL;

-- A webhook post waiting, done or given up. schedule_id has no foreign key: deleting a schedule
-- drops its pending deliveries and keeps the finished ones as history.
CREATE TABLE webhook_deliveries (
    id              TEXT PRIMARY KEY NOT NULL,
    schedule_id     TEXT NOT NULL,
    run_id          TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    url             TEXT NOT NULL,
    payload         TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        BIGINT NOT NULL DEFAULT 0,
    response_status BIGINT,
    error           TEXT,
    next_attempt_at TEXT,
    created_at      TEXT NOT NULL,
    finished_at     TEXT
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_by_schedule ON webhook_deliveries (schedule_id, created_at);
