-- Complaint, query and staff-safety cases (issue 12). A case holds its calls while it is open through one legal hold
-- whose case reference is the case's; closing the case releases that hold with the closing reason.

CREATE TABLE cases (
    id           INTEGER PRIMARY KEY,
    case_id      TEXT NOT NULL UNIQUE,            -- "K-" and 8 hex digits
    reference    TEXT NOT NULL UNIQUE,            -- the organisation's own reference, e.g. CMP-2026-0142
    type         TEXT NOT NULL CHECK (type IN ('query', 'complaint', 'safety')),
    -- The respondent's number, sealed like a call's personal fields with the case's own data key (wrapped by the
    -- master key, re-wrapped when it rotates); its blind index finds their calls; the last three digits are what
    -- the case list shows.
    wrapped_key  BLOB NOT NULL,
    phone_sealed BLOB,
    phone_index  BLOB,
    phone_hint   TEXT NOT NULL DEFAULT '',
    owner        TEXT NOT NULL,
    opened_by    TEXT NOT NULL,
    opened_utc   INTEGER NOT NULL,
    hold_id      TEXT,                            -- the hold that keeps the case's calls while it is open
    closed_by    TEXT,
    closed_utc   INTEGER,
    close_reason TEXT
);
CREATE INDEX cases_phone ON cases(phone_index);

-- The calls of a case, by their opaque id: the case remembers them after a call is destroyed (once the case is
-- closed and the retention period has passed).
CREATE TABLE case_calls (
    "case"    INTEGER NOT NULL REFERENCES cases(id),
    call_id   TEXT NOT NULL,
    added_by  TEXT NOT NULL,
    added_utc INTEGER NOT NULL,
    PRIMARY KEY ("case", call_id)
) WITHOUT ROWID;
CREATE INDEX case_calls_call ON case_calls(call_id);

-- Notes with who and when. They may describe the complaint: they stay with the case.
CREATE TABLE case_notes (
    id      INTEGER PRIMARY KEY,
    "case"  INTEGER NOT NULL REFERENCES cases(id),
    at_utc  INTEGER NOT NULL,
    author  TEXT NOT NULL,
    text    TEXT NOT NULL
);
CREATE INDEX case_notes_case ON case_notes("case");

-- Moments flagged as threatening or abusive, like timed comments: the note may quote the call, so a flag is
-- destroyed with its call.
CREATE TABLE safety_flags (
    id          INTEGER PRIMARY KEY,
    "case"      INTEGER NOT NULL REFERENCES cases(id),
    call        INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    at_ms       INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('threatening', 'abusive')),
    note        TEXT NOT NULL DEFAULT '',
    flagged_by  TEXT NOT NULL,
    flagged_utc INTEGER NOT NULL
);
CREATE INDEX safety_flags_case ON safety_flags("case");
