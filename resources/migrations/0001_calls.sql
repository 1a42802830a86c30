-- Calls imported from the recording store. Personal fields (phone number, respondent name, vendor fields) are
-- only in `pii`, sealed with the call's own data key; the phone is found through its keyed blind index.
CREATE TABLE calls (
    id                INTEGER PRIMARY KEY,
    call_id           TEXT NOT NULL UNIQUE,
    store_key         TEXT NOT NULL,
    start_utc         INTEGER NOT NULL,
    duration_s        REAL NOT NULL,
    direction         TEXT NOT NULL,
    agent_id          TEXT NOT NULL,
    client            TEXT,
    campaign          TEXT,
    disposition       TEXT,
    consent_recorded  INTEGER,
    consent_at_s      REAL,
    tags              TEXT NOT NULL DEFAULT '[]',
    phone_index       BLOB,
    pii               BLOB NOT NULL,
    sidecar_sha256    BLOB NOT NULL,
    sidecar_size      INTEGER NOT NULL,
    sidecar_mtime_ns  INTEGER NOT NULL,
    audio_file        TEXT NOT NULL,
    audio_sha256      TEXT NOT NULL,
    audio_size        INTEGER NOT NULL,
    audio_codec       TEXT,
    channel_layout    TEXT,
    audio_state       INTEGER NOT NULL DEFAULT 0,  -- 0 not fetched, 1 cached, 2 unavailable
    audio_error       TEXT,
    audio_blob        TEXT,
    audio_blob_sha256 TEXT,                       -- the store file's hash the cached blob was made from
    audio_rate        INTEGER,
    audio_channels    INTEGER,
    audio_frames      INTEGER,
    has_transcript    INTEGER NOT NULL DEFAULT 0,
    synced_utc        INTEGER NOT NULL
);
CREATE INDEX calls_start ON calls(start_utc);
CREATE INDEX calls_agent ON calls(agent_id, start_utc);
CREATE INDEX calls_campaign ON calls(campaign, start_utc);
CREATE INDEX calls_phone ON calls(phone_index);
CREATE INDEX calls_duration ON calls(duration_s);

-- One random data key per call, wrapped by the wrapping subkey. Deleting this row destroys the call.
CREATE TABLE call_keys (
    call    INTEGER PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
    wrapped BLOB NOT NULL
);

-- Transcripts, sealed with the call's data key (blob format).
CREATE TABLE transcripts (
    call     INTEGER PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
    sealed   BLOB NOT NULL,
    sha256   TEXT NOT NULL,
    segments INTEGER NOT NULL,
    words    INTEGER NOT NULL
);

CREATE TABLE agents (
    agent_id TEXT PRIMARY KEY,
    name     TEXT
);

-- Erasure notices applied: the call stays destroyed even while its sidecar is still in the store.
CREATE TABLE erasures (
    call_id     TEXT PRIMARY KEY,
    erased_utc  TEXT,
    applied_utc INTEGER NOT NULL
);

-- Items the last syncs rejected, with the reason (shown to the user, retried by the next sync).
CREATE TABLE rejections (
    item       TEXT PRIMARY KEY,
    reason     TEXT NOT NULL,
    first_utc  INTEGER NOT NULL,
    last_utc   INTEGER NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT
);
