#pragma once

#include "scorecard/Scoring.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace Earmark {

// draft -> submitted -> acknowledged | disputed; disputed -> resolved. Re-scoring (any state after draft) keeps
// the state and adds a revision.
enum class EvaluationState
{
    Draft,
    Submitted,
    Acknowledged,
    Disputed,
    Resolved,
};

QString stateName(EvaluationState state); // "draft", "submitted", ...
QString stateLabel(EvaluationState state); // translated, for people
std::optional<EvaluationState> stateFromName(const QString& name);

// A comment pinned to a time in the call (clicking it seeks the player there).
struct TimedComment
{
    qint64 id = 0;
    double atS = 0;
    QString text;
    QString byUser;
    qint64 createdUtc = 0;
};

// An automatic check's suggested answer, with the evidence: the time in the call it was found at.
struct Suggestion
{
    QString answer;
    std::optional<double> atS;
    QString evidence;
};

struct Transcript;

// The automatic checks' suggestions for a new evaluation of a call with template t, by question id (the
// recording_notice check: where the approved notice wording was heard, or that it was not). A call without a
// transcript gets none.
QHash<QString, Suggestion> automaticSuggestions(const Scorecard::Template& t, const Transcript* transcript);

// What a list or a report shows of an evaluation: whose call, which scorecard version, who scored it, how far it got
// and its score. Shared by the evaluation itself and the reports' rows (and their CSV export).
struct EvaluationSummary
{
    qint64 id = 0;
    QString callId;
    qint64 callStartUtc = 0;
    QString agentId;
    QString campaign;
    QString scorecardId;
    int scorecardVersion = 0;
    QString reviewer; // the OS user who scored it
    EvaluationState state = EvaluationState::Draft;
    int revision = 0; // 0 until submitted
    std::optional<double> score;
    bool passed = false;
    QString autoFail;
    qint64 submittedUtc = 0;
};

// An evaluation whole: its answers, the automatic checks' suggestions, why they were overridden, and the comments
// pinned to the call.
struct Evaluation : EvaluationSummary
{
    QJsonObject answers; // scored and text answers
    QHash<QString, Suggestion> suggestions; // by question id
    QHash<QString, QString> overrides; // question id -> why the suggestion was not followed
    qint64 createdUtc = 0;
    qint64 updatedUtc = 0;
    QList<TimedComment> comments; // by time in the call
    QString agentName; // the researcher's name as the sidecars give it ("" when they give none)

    // The researcher as people read it: "Priya Shah (TR101)", or the id alone.
    QString agentLabel() const;

    // Questions whose answer differs from a suggestion without a comment saying why.
    QStringList overridesMissingComment() const;
    // What still stops a draft's submission, one each naming the question by its text (for the reviewer, as they
    // answer), in the form's order; the question's id says where the form shows it.
    struct DraftProblem
    {
        QString questionId;
        QString text;
    };
    QList<DraftProblem> draftProblems(const Scorecard::Template& t) const;
};

// One submitted scoring: who, when, why, and what.
struct EvaluationRevision
{
    int revision = 0;
    qint64 atUtc = 0;
    QString byUser;
    QString reason;
    QJsonObject answers;
    std::optional<double> score;
    bool passed = false;
    QString autoFail;
};

// A state change, with the words that came with it (the agent's response, the supervisor's decision).
struct EvaluationEvent
{
    qint64 atUtc = 0;
    QString byUser;
    QString fromState;
    QString toState;
    QString text;
};

} // namespace Earmark
