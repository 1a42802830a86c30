-- Training scenarios: a region of a call kept as training material. Only anonymised material is stored (the
-- excerpt of the anonymised transcript and the bleeped audio clip), so a scenario outlives its call.
CREATE TABLE scenarios (
    id           INTEGER PRIMARY KEY,
    call_id      TEXT NOT NULL,
    start_s      REAL NOT NULL,
    end_s        REAL NOT NULL,
    title        TEXT NOT NULL,
    category     TEXT NOT NULL,
    objectives   TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    tags         TEXT NOT NULL DEFAULT '[]',
    difficulty   INTEGER NOT NULL DEFAULT 2,
    excerpt      TEXT NOT NULL,
    clip         BLOB NOT NULL,
    clip_rate    INTEGER NOT NULL,
    clip_channels INTEGER NOT NULL,
    clip_layout  TEXT NOT NULL DEFAULT '',
    created_by   TEXT NOT NULL,
    created_utc  INTEGER NOT NULL
);
CREATE INDEX scenarios_category ON scenarios(category);
