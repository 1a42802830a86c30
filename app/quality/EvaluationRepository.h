#pragma once

#include "core/Result.h"
#include "quality/Evaluation.h"

#include <QHash>
#include <memory>

namespace Earmark {

class Cache;

// Evaluations in the cache. Scores, states, revisions and events stay for reports when a call is destroyed; the
// words about the call (timed comments, free-text answers, override comments) are destroyed with it. Every change
// of state is also written to the audit log.
class EvaluationRepository
{
public:
    explicit EvaluationRepository(Cache& cache);
    ~EvaluationRepository();

    // The signed-in user's draft of this call with this scorecard, or a new one.
    Result<Evaluation> start(const QString& callId, const QString& scorecardId, int scorecardVersion);
    Result<Evaluation> get(qint64 id);
    // Every evaluation of a call, newest first.
    Result<QList<Evaluation>> forCall(const QString& callId);
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

    // The template an evaluation was scored with (loaded once per store).
    Result<const Scorecard::Template*> scorecard(const QString& id, int version);

private:
    Status writeScored(const Evaluation& e, const Scorecard::Template& t);
    Status writeNotes(const Evaluation& e, const Scorecard::Template& t);
    Status addRevision(Evaluation& e, const Scorecard::Template& t, const QString& reason);
    Status addEvent(const Evaluation& e, EvaluationState to, const QString& text);
    Status changeState(qint64 id, std::initializer_list<EvaluationState> from, EvaluationState to, const QString& text,
        const std::optional<QJsonObject>& answers, const QString& reason);
    Result<qint64> callRow(const QString& callId);
    Status loadNotes(Evaluation& e);

    Cache& m_cache;
    QHash<QString, std::shared_ptr<Scorecard::Template>> m_templates;
};

} // namespace Earmark
