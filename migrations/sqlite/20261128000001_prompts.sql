-- Prompts are names with immutable versions; `active_version_id` is the pointer
-- that Activate moves, and every move is kept in prompt_activations.
CREATE TABLE prompts (
    id                TEXT PRIMARY KEY NOT NULL,
    name              TEXT NOT NULL UNIQUE,
    description       TEXT NOT NULL DEFAULT '',
    active_version_id TEXT REFERENCES prompt_versions (id),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);

CREATE TABLE prompt_versions (
    id             TEXT PRIMARY KEY NOT NULL,
    prompt_id      TEXT NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,
    version        TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('text', 'chat')),
    template       TEXT NOT NULL CHECK (json_valid(template)),
    variables      TEXT NOT NULL CHECK (json_valid(variables)),
    model_config   TEXT NOT NULL CHECK (json_valid(model_config)),
    commit_message TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    UNIQUE (prompt_id, version)
);

CREATE INDEX prompt_versions_by_prompt ON prompt_versions (prompt_id, created_at);

CREATE TABLE prompt_labels (
    prompt_id  TEXT NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,
    label      TEXT NOT NULL,
    version_id TEXT NOT NULL REFERENCES prompt_versions (id),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (prompt_id, label)
);

CREATE TABLE prompt_activations (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    prompt_id           TEXT NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,
    version_id          TEXT NOT NULL REFERENCES prompt_versions (id),
    previous_version_id TEXT REFERENCES prompt_versions (id),
    activated_at        TEXT NOT NULL
);

CREATE INDEX prompt_activations_by_prompt ON prompt_activations (prompt_id, id);
