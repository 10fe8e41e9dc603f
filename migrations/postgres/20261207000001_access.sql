-- Accounts, their browser sessions, API keys and the audit log. Passwords are argon2id hashes;
-- session tokens and key secrets are random and stored as SHA-256 hashes, so the database
-- never holds a credential that works.
CREATE TABLE users (
    id            TEXT PRIMARY KEY NOT NULL,
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    disabled_at   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- A session ends at expires_at (absolute), after the idle limit past last_seen_at, or when
-- ended_at is set (logout, a disabled account, a reset password).
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY NOT NULL,
    user_id      TEXT NOT NULL REFERENCES users (id),
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    ended_at     TEXT,
    address      TEXT
);

CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY NOT NULL,
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    secret_hash  TEXT NOT NULL UNIQUE,
    scope        TEXT NOT NULL CHECK (scope IN ('admin', 'editor', 'viewer', 'serve')),
    created_by   TEXT REFERENCES users (id),
    created_at   TEXT NOT NULL,
    expires_at   TEXT,
    last_used_at TEXT,
    revoked_at   TEXT
);

CREATE INDEX api_keys_by_creator ON api_keys (created_by);

-- Every write: who (a user, a key, or the operator at the host's shell), what, when, from where.
CREATE TABLE audit_log (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          TEXT NOT NULL,
    actor_kind  TEXT NOT NULL CHECK (actor_kind IN ('user', 'api_key', 'operator')),
    actor_id    TEXT,
    actor_name  TEXT NOT NULL,
    operation   TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    target_id   TEXT NOT NULL,
    target_name TEXT NOT NULL,
    address     TEXT
);

CREATE INDEX audit_log_by_actor ON audit_log (actor_id, id);
CREATE INDEX audit_log_by_target ON audit_log (target_kind, target_id, id);

-- Who moved a prompt's active version, made a dataset version or a share link: the actor's
-- name as the audit log records it (None for what was made before accounts existed).
ALTER TABLE prompt_activations ADD COLUMN activated_by TEXT;
ALTER TABLE dataset_versions ADD COLUMN created_by TEXT;
ALTER TABLE shares ADD COLUMN created_by TEXT;
