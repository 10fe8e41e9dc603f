-- Share links: read-only pages at /s/{token}. The token (256 random bits) is the key; a revoked
-- or expired link stays in the table and answers 404 like one that never existed.
CREATE TABLE shares (
    token      TEXT PRIMARY KEY NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('run', 'comparison', 'experiment')),
    target     TEXT NOT NULL,
    title      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT
);

CREATE INDEX shares_by_created ON shares (created_at);
