-- Quality review (issue 4): scorecard versions, evaluations with their revisions and state changes, words about
-- calls, and sampling plans with the samples drawn from them.

-- Scorecard templates (shared/spec/scorecard.md). A version, once stored, never changes: editing stores the next.
CREATE TABLE scorecards (
    scorecard_id TEXT NOT NULL,
    version      INTEGER NOT NULL,
    title        TEXT NOT NULL,
    json         TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    created_utc  INTEGER NOT NULL,
    retired      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (scorecard_id, version)
);

-- One evaluation of one call. Agent, campaign and call start are copied so that reports outlive the call (a call
-- is destroyed at the end of its retention; its scores are about the agent's work and stay).
CREATE TABLE evaluations (
    id                INTEGER PRIMARY KEY,
    call_id           TEXT NOT NULL,
    call_start_utc    INTEGER NOT NULL,
    agent_id          TEXT NOT NULL,
    campaign          TEXT,
    scorecard_id      TEXT NOT NULL,
    scorecard_version INTEGER NOT NULL,
    reviewer          TEXT NOT NULL,
    state             TEXT NOT NULL,
    revision          INTEGER NOT NULL DEFAULT 0,
    answers           TEXT NOT NULL DEFAULT '{}',
    suggestions       TEXT NOT NULL DEFAULT '{}',
    score             REAL,
    passed            INTEGER,
    auto_fail         TEXT,
    created_utc       INTEGER NOT NULL,
    updated_utc       INTEGER NOT NULL,
    submitted_utc     INTEGER,
    FOREIGN KEY (scorecard_id, scorecard_version) REFERENCES scorecards(scorecard_id, version)
);
CREATE INDEX evaluations_call ON evaluations(call_id);
CREATE INDEX evaluations_agent ON evaluations(agent_id, call_start_utc);
CREATE INDEX evaluations_start ON evaluations(call_start_utc);
CREATE INDEX evaluations_campaign ON evaluations(campaign, call_start_utc);
CREATE INDEX evaluations_reviewer ON evaluations(reviewer, state);

-- The current revision's scored answers, one row per question, for per-question failure rates.
CREATE TABLE evaluation_answers (
    evaluation  INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    answer      TEXT NOT NULL,
    fraction    REAL,
    PRIMARY KEY (evaluation, question_id)
) WITHOUT ROWID;
CREATE INDEX evaluation_answers_question ON evaluation_answers(question_id);

-- Every submitted scoring: the first submission is revision 1; each re-score adds one, with who, when and why.
CREATE TABLE evaluation_revisions (
    evaluation INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
    revision   INTEGER NOT NULL,
    at_utc     INTEGER NOT NULL,
    by_user    TEXT NOT NULL,
    reason     TEXT NOT NULL,
    answers    TEXT NOT NULL,
    score      REAL,
    passed     INTEGER,
    auto_fail  TEXT,
    PRIMARY KEY (evaluation, revision)
);

-- State changes: submitted, acknowledged, disputed (the agent's response), resolved (the supervisor's decision).
CREATE TABLE evaluation_events (
    id         INTEGER PRIMARY KEY,
    evaluation INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
    at_utc     INTEGER NOT NULL,
    by_user    TEXT NOT NULL,
    from_state TEXT,
    to_state   TEXT NOT NULL,
    text       TEXT
);
CREATE INDEX evaluation_events_evaluation ON evaluation_events(evaluation);

-- Words about the call (timed comments, free-text answers, override comments) may quote it: they go with the call.
CREATE TABLE evaluation_notes (
    id          INTEGER PRIMARY KEY,
    evaluation  INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
    call        INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    question_id TEXT,
    at_s        REAL,
    text        TEXT NOT NULL,
    by_user     TEXT NOT NULL,
    created_utc INTEGER NOT NULL
);
CREATE INDEX evaluation_notes_evaluation ON evaluation_notes(evaluation);
CREATE INDEX evaluation_notes_call ON evaluation_notes(call);

CREATE TABLE sample_plans (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    spec        TEXT NOT NULL,
    reviewers   TEXT NOT NULL DEFAULT '[]',
    created_by  TEXT NOT NULL,
    created_utc INTEGER NOT NULL
);

-- A sample drawn for one period, with the seed and the plan as it was, so that it can be drawn again for an auditor.
CREATE TABLE samples (
    id         INTEGER PRIMARY KEY,
    plan       INTEGER NOT NULL REFERENCES sample_plans(id) ON DELETE CASCADE,
    period     TEXT NOT NULL,
    seed       INTEGER NOT NULL,
    spec       TEXT NOT NULL,
    considered INTEGER NOT NULL,
    drawn_by   TEXT NOT NULL,
    drawn_utc  INTEGER NOT NULL,
    UNIQUE (plan, period)
);

CREATE TABLE sample_items (
    sample   INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
    call_id  TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    PRIMARY KEY (sample, call_id)
);
CREATE INDEX sample_items_reviewer ON sample_items(reviewer);
CREATE INDEX sample_items_call ON sample_items(call_id);
