-- Retention, legal holds and an audit log that survives rollback (issue 11).

-- Secrets that outlive a rotation of the master key, each wrapped by the master key's wrapping subkey with its name
-- as associated data (re-wrapped when the master key rotates). "signing": the Ed25519 seed; `public` is what may be
-- shown of it (key id || public key).
CREATE TABLE cache_secrets (
    name    TEXT PRIMARY KEY,
    wrapped BLOB NOT NULL,
    public  BLOB NOT NULL DEFAULT x''
);

-- Legal holds. A hold names its calls, a reason and a case reference; a call may have several; any open hold blocks
-- retention and erasure. A hold is never deleted: releasing records who, when and why.
CREATE TABLE holds (
    id             INTEGER PRIMARY KEY,
    hold_id        TEXT NOT NULL UNIQUE,
    reason         TEXT NOT NULL,
    case_ref       TEXT NOT NULL,
    placed_by      TEXT NOT NULL,
    placed_utc     INTEGER NOT NULL,
    released_by    TEXT,
    released_utc   INTEGER,
    release_reason TEXT
);
CREATE TABLE hold_calls (
    hold    INTEGER NOT NULL REFERENCES holds(id),
    call_id TEXT NOT NULL,
    PRIMARY KEY (hold, call_id)
) WITHOUT ROWID;
CREATE INDEX hold_calls_call ON hold_calls(call_id);

-- Erasure notices that arrived for held calls: applied when the call's last hold is released.
CREATE TABLE deferred_erasures (
    call_id     TEXT PRIMARY KEY,
    erased_utc  TEXT,
    noticed_utc INTEGER NOT NULL
);

-- What stays of a destroyed call, with no personal data: its opaque id, when, by which rule and run, and what the
-- run's certificate states of it (start and due time, the audio file's SHA-256). The sync never imports a
-- tombstoned call again; reports keep their statistics (evaluations carry their own copies).
CREATE TABLE tombstones (
    call_id       TEXT PRIMARY KEY,
    destroyed_utc INTEGER NOT NULL,
    rule          TEXT NOT NULL,
    run_id        TEXT,
    start_utc     INTEGER,
    due_utc       INTEGER,
    audio_sha256  TEXT
);
CREATE INDEX tombstones_run ON tombstones(run_id);
INSERT INTO tombstones(call_id, destroyed_utc, rule, run_id)
    SELECT call_id, applied_utc, 'erasure notice', NULL FROM erasures;

-- One row per destruction run, with its signed certificate (JSON and its minisign signature).
CREATE TABLE destruction_runs (
    run_id      TEXT PRIMARY KEY,
    at_utc      INTEGER NOT NULL,
    rule        TEXT NOT NULL,
    by_user     TEXT NOT NULL,
    destroyed   INTEGER NOT NULL,
    held        INTEGER NOT NULL,
    certificate BLOB NOT NULL,
    signature   BLOB NOT NULL
);

-- The audit log becomes a public hash chain: each entry's hash covers its fields and the previous entry's hash
-- (format 2; entries of format 1 are checked against their MACs once, then hashed). Checkpoints (size, head hash,
-- time) are signed with the Ed25519 key; the newest is also kept outside the database.
ALTER TABLE audit_log ADD COLUMN hash BLOB;
CREATE TABLE audit_checkpoints (
    size      INTEGER PRIMARY KEY,
    head      BLOB NOT NULL,
    at_utc    INTEGER NOT NULL,
    signature BLOB NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log(subject);
CREATE INDEX audit_log_at ON audit_log(at_utc);

-- Blob files of calls destroyed in a committed transaction, deleted by the tidy-up after it (Cache::purgeDestroyed);
-- a process killed before that has them deleted at the next open.
CREATE TABLE destroyed_blobs (
    name TEXT PRIMARY KEY
);
