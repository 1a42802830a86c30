-- Tamper-evident audit log: every row's MAC covers the previous row's MAC (a keyed hash chain).
-- The newest sequence number and MAC are also anchored outside the database (audit.anchor) so that a
-- rolled-back database is detected.
CREATE TABLE audit_log (
    seq     INTEGER PRIMARY KEY,
    at_utc  INTEGER NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    detail  TEXT NOT NULL DEFAULT '',
    mac     BLOB NOT NULL
);
