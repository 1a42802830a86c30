-- Subject access requests (UK GDPR Art. 15, DPA 2018; issue 12). While a request is open every call of the
-- requester's number is held (destroying data a request covers is an offence, DPA 2018 s.173): the holds queries
-- join open requests to calls by the keyed blind index, so calls synced after the request are covered too.

CREATE TABLE subject_requests (
    id                INTEGER PRIMARY KEY,
    request_id        TEXT NOT NULL UNIQUE,       -- "D-" and 8 hex digits
    reference         TEXT NOT NULL DEFAULT '',   -- the organisation's own reference, when it has one
    -- The requester's number, sealed with the request's own data key (wrapped by the master key, re-wrapped when it
    -- rotates); its blind index finds their calls; the last three digits are what lists show.
    wrapped_key       BLOB NOT NULL,
    phone_sealed      BLOB NOT NULL,
    phone_index       BLOB NOT NULL,
    phone_hint        TEXT NOT NULL,
    received_date     TEXT NOT NULL,              -- YYYY-MM-DD, as the request arrived (by any channel)
    channel           TEXT NOT NULL CHECK (channel IN ('letter', 'email', 'phone', 'in-person')),
    identity_note     TEXT NOT NULL DEFAULT '',
    identity_asked    INTEGER NOT NULL DEFAULT 0, -- the clock starts when the requester's identity is confirmed
    identity_date     TEXT,
    status            TEXT NOT NULL CHECK (status IN ('received', 'identity-pending', 'in-progress', 'extended',
                                                      'completed', 'refused')),
    deadline          TEXT,                       -- YYYY-MM-DD; none while identity is pending
    extension_reason  TEXT,
    outcome           TEXT,
    created_by        TEXT NOT NULL,
    created_utc       INTEGER NOT NULL,
    closed_by         TEXT,
    closed_utc        INTEGER
);
CREATE INDEX subject_requests_phone ON subject_requests(phone_index);
