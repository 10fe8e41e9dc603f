-- Datasets keep every version readable without copying unchanged samples: a sample row is
-- valid from the version that wrote it until the version that replaced or deleted it
-- (`valid_to`, exclusive; NULL while current). Reading version v means
-- valid_from <= v AND (valid_to IS NULL OR valid_to > v).
CREATE TABLE datasets (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL UNIQUE,
    type        TEXT NOT NULL CHECK (type IN ('golden', 'regression', 'benchmark', 'user')),
    description TEXT NOT NULL DEFAULT '',
    version     BIGINT NOT NULL DEFAULT 0 CHECK (version >= 0),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE dataset_versions (
    dataset_id   TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    version      BIGINT NOT NULL CHECK (version >= 0),
    added        BIGINT NOT NULL DEFAULT 0,
    changed      BIGINT NOT NULL DEFAULT 0,
    removed      BIGINT NOT NULL DEFAULT 0,
    sample_count BIGINT NOT NULL DEFAULT 0,
    message      TEXT,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (dataset_id, version)
);

CREATE TABLE dataset_samples (
    row_id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dataset_id      TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    sample_id       TEXT NOT NULL,
    -- The sample's place in the dataset, fixed when it is first added: the stable read order.
    position        BIGINT NOT NULL,
    input           TEXT NOT NULL,
    expected_output TEXT NOT NULL DEFAULT '',
    context         TEXT NOT NULL DEFAULT '',
    metadata        TEXT NOT NULL DEFAULT '{}',
    valid_from      BIGINT NOT NULL,
    valid_to        BIGINT,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);

CREATE INDEX dataset_samples_by_position ON dataset_samples (dataset_id, position, valid_from);
-- At most one current row per sample.
CREATE UNIQUE INDEX dataset_samples_current ON dataset_samples (dataset_id, sample_id) WHERE valid_to IS NULL;
