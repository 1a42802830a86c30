#pragma once

#include "core/Result.h"
#include "quality/Evaluation.h"
#include "quality/EvaluationWorkflow.h"
#include "quality/ScorecardLibrary.h"

#include <QHash>
#include <memory>

namespace Earmark {

class Cache;
class Statement;

// What the evaluation panel shows for a call: the current scorecards, the call's evaluations (newest first), the
// templates both use (by EvaluationRepository::templateKey) and the reviewers' display names (by OS user). A
// template that cannot be loaded is left out, with the reason in templateErrors (by the same key).
struct CallEvaluations
{
    QList<ScorecardVersion> scorecards;
    QList<Evaluation> evaluations;
    QHash<QString, std::shared_ptr<Scorecard::Template>> templates;
    QHash<QString, QString> templateErrors;
    QHash<QString, QString> reviewerNames;
};

// An evaluation's history: every revision (oldest first) and every change of state.
struct EvaluationHistory
{
    QList<EvaluationRevision> revisions;
    QList<EvaluationEvent> events;
};

// Evaluations in the cache. Scores (EvaluationScores), states, revisions and events stay for reports when a call is
// destroyed; the words about the call (EvaluationNotes: timed comments, free-text answers, override comments) are
// destroyed with it. Every change of state (EvaluationWorkflow) is also written to the audit log.
class EvaluationRepository
{
public:
    explicit EvaluationRepository(Cache& cache);
    ~EvaluationRepository();

    // The signed-in user's draft of this call with this scorecard, or a new one.
    Result<Evaluation> start(const QString& callId, const QString& scorecardId, int scorecardVersion);
    // start() for the panel: a new draft takes the automatic checks' suggestions. Returns the draft's id.
    Result<qint64> startWithSuggestions(const QString& callId, const QString& scorecardId, int scorecardVersion,
        const QHash<QString, Suggestion>& suggestions);
    Result<Evaluation> get(qint64 id);
    // Every evaluation of a call, newest first.
    Result<QList<Evaluation>> forCall(const QString& callId);
    // Everything the panel shows for a call (the default scorecard is stored first when the cache has none).
    Result<CallEvaluations> callEvaluations(const QString& callId);
    // Saves a draft's answers, suggestions and override comments with its running score (only the reviewer's own
    // draft).
    Status saveDraft(const Evaluation& evaluation);
    Status discardDraft(qint64 id);

    Result<TimedComment> addComment(qint64 evaluation, double atS, const QString& text);
    Status removeComment(qint64 evaluation, qint64 commentId);

    // Problems that stop a submission: required shown questions unanswered, answers that do not fit, suggestions
    // overridden without a comment. Empty: it can be submitted.
    Result<QStringList> submitProblems(const Evaluation& evaluation);

    Status submit(qint64 id);
    Status acknowledge(qint64 id, const QString& note);
    Status dispute(qint64 id, const QString& agentResponse);
    // Resolves a dispute with the supervisor's decision, re-scoring when answers are given.
    Status resolve(qint64 id, const QString& decision, const std::optional<QJsonObject>& answers = std::nullopt);
    // Re-scores a submitted evaluation: a new revision with who, when and why.
    Status rescore(
        qint64 id, const QJsonObject& answers, const QHash<QString, QString>& overrides, const QString& reason);

    Result<QList<EvaluationRevision>> revisions(qint64 id);
    Result<QList<EvaluationEvent>> events(qint64 id);
    Result<EvaluationHistory> history(qint64 id);

    // The template an evaluation was scored with (loaded once per repository).
    Result<const Scorecard::Template*> scorecard(const QString& id, int version);
    // The key of a scorecard version in CallEvaluations::templates: "id@version".
    static QString templateKey(const QString& scorecardId, int version);

    // The columns of an evaluation's summary (select them from evaluations) and the summary a row of them holds:
    // one reading for the repository and the reports.
    static const QString& summaryColumns();
    static EvaluationSummary readSummary(const Statement& row);

private:
    EvaluationWorkflow workflow();

    Cache& m_cache;
    QHash<QString, std::shared_ptr<Scorecard::Template>> m_templates;
};

} // namespace Earmark
