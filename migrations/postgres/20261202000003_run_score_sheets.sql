-- A completed run's scores and flags without their texts, packed into one blob when the run
-- completes (db/src/runs/score_sheet.rs): what a comparison reads instead of every result row.
-- `format` names the layout of `body`; a sheet of an unknown format is ignored.
CREATE TABLE run_score_sheets (
    run_id TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    format BIGINT NOT NULL,
    body   BYTEA NOT NULL
);
