-- A/B experiments: definitions and lifecycle, exposures, recorded metric values and the running
-- statistics GetResults reads (so that results never scan events or exposures).

-- `definition` is the normalized "create" request (ValidExperiment::to_definition) as JSON; it
-- never changes after creation. `seed` is the declared seed or, when none was, the id.
-- `winner_index` is the winner's position among the variants of the definition.
CREATE TABLE experiments (
    id           TEXT PRIMARY KEY NOT NULL,
    name         TEXT NOT NULL UNIQUE,
    definition   TEXT NOT NULL,
    status       TEXT NOT NULL
        CHECK (status IN ('draft', 'running', 'paused', 'completed', 'cancelled')),
    seed         TEXT NOT NULL,
    winner       TEXT,
    winner_index INTEGER,
    significance REAL,
    confidence   REAL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    started_at   TEXT,
    paused_at    TEXT,
    resumed_at   TEXT,
    completed_at TEXT,
    cancelled_at TEXT
);

CREATE INDEX experiments_by_created ON experiments (created_at);
CREATE INDEX experiments_by_status ON experiments (status, created_at);

-- Every lifecycle transition, appended in the transaction that makes it.
CREATE TABLE experiment_status_changes (
    experiment_id TEXT NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    action        TEXT NOT NULL,
    from_status   TEXT NOT NULL,
    to_status     TEXT NOT NULL,
    winner        TEXT,
    at            TEXT NOT NULL,
    PRIMARY KEY (experiment_id, seq)
) WITHOUT ROWID;

-- The first assignment of each user while the experiment ran. Inserted with INSERT OR IGNORE
-- in the same transaction that moves the per-variant counter, by the rows actually inserted.
CREATE TABLE experiment_exposures (
    experiment_id TEXT NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    user_id       TEXT NOT NULL,
    variant_index INTEGER NOT NULL,
    first_seen    TEXT NOT NULL,
    PRIMARY KEY (experiment_id, user_id)
) WITHOUT ROWID;

CREATE TABLE experiment_exposure_counts (
    experiment_id TEXT NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    variant_index INTEGER NOT NULL,
    count         INTEGER NOT NULL,
    PRIMARY KEY (experiment_id, variant_index)
) WITHOUT ROWID;

-- Every recorded value, append-only (never read by GetResults; kept for audits and exports).
-- Times are Unix milliseconds to keep rows small.
CREATE TABLE experiment_events (
    experiment_id  TEXT NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    variant_index  INTEGER NOT NULL,
    metric_index   INTEGER NOT NULL,
    value          REAL NOT NULL,
    user_id        TEXT,
    recorded_at_ms INTEGER NOT NULL
);

CREATE INDEX experiment_events_by_experiment ON experiment_events (experiment_id, recorded_at_ms);

-- Running sufficient statistics per (variant, metric): count, mean and M2 (sum of squared
-- deviations), merged with Chan et al.'s formula in the transaction that appends the events.
CREATE TABLE experiment_metric_stats (
    experiment_id TEXT NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    variant_index INTEGER NOT NULL,
    metric_index  INTEGER NOT NULL,
    count         INTEGER NOT NULL,
    mean          REAL NOT NULL,
    m2            REAL NOT NULL,
    PRIMARY KEY (experiment_id, variant_index, metric_index)
) WITHOUT ROWID;

-- The same statistics per minute (bucket_start in Unix seconds, a multiple of 60), for the
-- cumulative-metric-over-time chart.
CREATE TABLE experiment_metric_buckets (
    experiment_id TEXT NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    metric_index  INTEGER NOT NULL,
    variant_index INTEGER NOT NULL,
    bucket_start  INTEGER NOT NULL,
    count         INTEGER NOT NULL,
    mean          REAL NOT NULL,
    m2            REAL NOT NULL,
    PRIMARY KEY (experiment_id, metric_index, variant_index, bucket_start)
) WITHOUT ROWID;
