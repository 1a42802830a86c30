#pragma once

#include "core/Result.h"
#include "quality/Evaluation.h"

#include <QHash>
#include <QJsonObject>
#include <optional>

namespace Earmark {

class Cache;
class EvaluationRepository;

// The evaluation's life after the draft: submission, acknowledgement, dispute, resolution and re-scoring, each a
// recorded event or revision (with who, when and why) and an audit log entry. Reached through
// EvaluationRepository, which keeps the evaluations themselves.
class EvaluationWorkflow
{
public:
    EvaluationWorkflow(Cache& cache, EvaluationRepository& evaluations);

    Result<QStringList> submitProblems(const Evaluation& evaluation);
    Status submit(qint64 id);
    Status acknowledge(qint64 id, const QString& note);
    Status dispute(qint64 id, const QString& agentResponse);
    Status resolve(qint64 id, const QString& decision, const std::optional<QJsonObject>& answers);
    Status rescore(
        qint64 id, const QJsonObject& answers, const QHash<QString, QString>& overrides, const QString& reason);
    Result<QList<EvaluationRevision>> revisions(qint64 id);
    Result<QList<EvaluationEvent>> events(qint64 id);

private:
    Status addRevision(Evaluation& e, const Scorecard::Template& t, const QString& reason);
    Status addEvent(const Evaluation& e, EvaluationState to, const QString& text);
    Status changeState(qint64 id, std::initializer_list<EvaluationState> from, EvaluationState to, const QString& text,
        const std::optional<QJsonObject>& answers, const QString& reason);

    Cache& m_cache;
    EvaluationRepository& m_evaluations;
};

} // namespace Earmark
