-- People who share a phone number (issue 13): a household's landline, a number passed on. A subject access request
-- records the requester's name (sealed with the request's own key, like its number), and the handler's decision on
-- a call of the number: not the requester's (excluded: left out of the pack and no longer held by the request) or
-- theirs although its recorded name differs (confirmed). A case remembers the calls taken out of it, so that
-- linking the number's newer calls does not bring them back.
ALTER TABLE subject_requests ADD COLUMN name_sealed BLOB;

CREATE TABLE subject_request_calls (
    request     INTEGER NOT NULL REFERENCES subject_requests(id),
    call_id     TEXT NOT NULL,
    decision    TEXT NOT NULL CHECK (decision IN ('excluded', 'confirmed')),
    reason      TEXT NOT NULL,
    decided_by  TEXT NOT NULL,
    decided_utc INTEGER NOT NULL,
    PRIMARY KEY (request, call_id)
) WITHOUT ROWID;

CREATE TABLE case_call_exclusions (
    "case"      INTEGER NOT NULL REFERENCES cases(id),
    call_id     TEXT NOT NULL,
    reason      TEXT NOT NULL,
    excluded_by TEXT NOT NULL,
    excluded_utc INTEGER NOT NULL,
    PRIMARY KEY ("case", call_id)
) WITHOUT ROWID;
