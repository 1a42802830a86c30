-- Documents people make about a call, kept as revisions with who and when (issue 5): transcript corrections
-- ("transcript": the whole corrected or typed transcript after each edit) and redaction reviews ("redactions": the
-- reviewer's accepted, rejected and added spans). The content is sealed with the call's data key, so it is
-- destroyed with the call's key; the rows go with the call (ON DELETE CASCADE). `summary` says what changed
-- without any of the call's words ("segment 4: text").
CREATE TABLE call_documents (
    call     INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    kind     TEXT NOT NULL,
    revision INTEGER NOT NULL,
    by_user  TEXT NOT NULL,
    at_utc   INTEGER NOT NULL,
    summary  TEXT NOT NULL,
    sealed   BLOB NOT NULL,
    PRIMARY KEY (call, kind, revision)
);
