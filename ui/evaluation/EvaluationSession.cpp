#include "ui/evaluation/EvaluationSession.h"

#include "cache/CacheSettings.h"
#include "cache/CacheWorker.h"
#include "core/TimeText.h"

#include <QTime>

namespace Earmark::Gui {

EvaluationSession::EvaluationSession(QObject* parent)
    : QObject(parent)
{ }

void EvaluationSession::setCall(const QString& callId)
{
    m_callId = callId;
    m_loaded.evaluations.clear();
}

std::shared_ptr<Scorecard::Template> EvaluationSession::scorecardTemplate(const QString& id, int version) const
{
    return m_loaded.templates.value(EvaluationRepository::templateKey(id, version));
}

QString EvaluationSession::templateProblem(const QString& id, int version) const
{
    const QString problem = m_loaded.templateErrors.value(EvaluationRepository::templateKey(id, version));
    return problem.isEmpty() ? tr("Scorecard %1 version %2 is missing from the cache.").arg(id).arg(version) : problem;
}

QString EvaluationSession::reviewerLabel(const QString& user) const
{
    return Earmark::reviewerLabel(m_loaded.reviewerNames, user);
}

void EvaluationSession::reload(qint64 showId)
{
    if (!m_worker || m_callId.isEmpty()) {
        return;
    }
    ++m_pending;
    const QString callId = m_callId;
    m_worker->run<EvaluationRepository>(
        this, [callId](EvaluationRepository& evaluations) { return evaluations.callEvaluations(callId); },
        [this, callId, showId](Result<CallEvaluations> result) {
            --m_pending;
            if (callId != m_callId) {
                return; // another call was opened meanwhile
            }
            if (!result) {
                Q_EMIT status(result.errorMessage());
                return;
            }
            m_loaded = std::move(*result);
            Q_EMIT loaded(showId);
            if (!m_announce.second.isEmpty() && m_announce.first == showId) {
                QString text = std::exchange(m_announce.second, QString());
                for (const Evaluation& e : m_loaded.evaluations) {
                    if (e.id == showId && e.score && e.state != EvaluationState::Draft) {
                        text += tr(": %1, %2")
                                    .arg(QString::number(*e.score, 'f', 1), e.passed ? tr("pass") : tr("fail"));
                        if (!e.autoFail.isEmpty()) {
                            text += tr(" (failed on %1)").arg(e.autoFail);
                        }
                    }
                }
                Q_EMIT status(text + QLatin1Char('.'));
            }
        });
}

void EvaluationSession::start(const QString& scorecardId, int version, const QHash<QString, Suggestion>& suggestions)
{
    if (!m_worker) {
        return;
    }
    const QString callId = m_callId;
    ++m_pending;
    m_worker->run<EvaluationRepository>(
        this,
        [callId, scorecardId, version, suggestions](EvaluationRepository& evaluations) {
            return evaluations.startWithSuggestions(callId, scorecardId, version, suggestions);
        },
        [this](Result<qint64> draft) {
            --m_pending;
            if (!draft) {
                Q_EMIT startFailed(draft.errorMessage());
                return;
            }
            Q_EMIT status(tr("Draft started: it is saved as you go."));
            reload(*draft);
        });
}

void EvaluationSession::saveDraft(const Evaluation& draft)
{
    if (!m_worker) {
        return;
    }
    ++m_pending;
    m_worker->run<EvaluationRepository>(
        this, [draft](EvaluationRepository& evaluations) { return evaluations.saveDraft(draft).errorMessage(); },
        [this](QString error) {
            --m_pending;
            Q_EMIT status(error.isEmpty() ? tr("Draft saved at %1.").arg(QTime::currentTime().toString()) : error);
        });
}

void EvaluationSession::setReviewerName(const QString& user, const QString& name)
{
    m_loaded.reviewerNames.insert(user, name);
    if (!m_worker) {
        return;
    }
    m_worker->run<CacheSettings>(
        this, [user, name](CacheSettings& settings) { return settings.setReviewerName(user, name); },
        [this](Status saved) {
            if (!saved) {
                Q_EMIT status(tr("Your name could not be saved: %1").arg(saved.errorMessage()));
            }
        });
}

void EvaluationSession::change(
    const QString& what, std::function<Status(EvaluationRepository&)> work, qint64 showId, const QString& done)
{
    if (!m_worker) {
        return;
    }
    ++m_pending;
    m_worker->run<EvaluationRepository>(
        this, [work = std::move(work)](EvaluationRepository& evaluations) { return work(evaluations).errorMessage(); },
        [this, what, showId, done](QString error) {
            --m_pending;
            if (!error.isEmpty()) {
                Q_EMIT failed(what, error);
            } else {
                // Said once the evaluation is read again, with its score: "Evaluation submitted: 92.5, pass".
                m_announce = {showId, done.isEmpty() ? tr("%1: done").arg(what) : done};
            }
            reload(showId);
        });
}

void EvaluationSession::discardDraft(const QString& what, qint64 id)
{
    change(
        what, [id](EvaluationRepository& evaluations) { return evaluations.discardDraft(id); }, 0,
        tr("Draft discarded"));
}

void EvaluationSession::addComment(const QString& what, qint64 id, double atS, const QString& text)
{
    change(
        what,
        [id, atS, text](EvaluationRepository& evaluations) -> Status {
            auto added = evaluations.addComment(id, atS, text);
            return added ? Status() : Status(added.error());
        },
        id, tr("Comment added at %1").arg(clockText(atS)));
}

void EvaluationSession::submit(const QString& what, const Evaluation& draft)
{
    change(
        what,
        [draft](EvaluationRepository& evaluations) {
            if (auto st = evaluations.saveDraft(draft); !st) {
                return st;
            }
            return evaluations.submit(draft.id);
        },
        draft.id, tr("Evaluation submitted"));
}

void EvaluationSession::acknowledge(const QString& what, qint64 id)
{
    change(
        what, [id](EvaluationRepository& evaluations) { return evaluations.acknowledge(id, {}); }, id,
        tr("Evaluation acknowledged"));
}

void EvaluationSession::dispute(const QString& what, qint64 id, const QString& response)
{
    change(
        what, [id, response](EvaluationRepository& evaluations) { return evaluations.dispute(id, response); }, id,
        tr("Evaluation disputed: the supervisor is asked to resolve it"));
}

void EvaluationSession::resolve(
    const QString& what, qint64 id, const QString& decision, const std::optional<QJsonObject>& answers)
{
    change(
        what,
        [id, decision, answers](
            EvaluationRepository& evaluations) { return evaluations.resolve(id, decision, answers); },
        id, tr("Dispute resolved"));
}

void EvaluationSession::rescore(const QString& what, qint64 id, const QJsonObject& answers,
    const QHash<QString, QString>& overrides, const QString& reason)
{
    change(
        what,
        [id, answers, overrides, reason](
            EvaluationRepository& evaluations) { return evaluations.rescore(id, answers, overrides, reason); },
        id, tr("Evaluation re-scored"));
}

void EvaluationSession::loadHistory(qint64 id, std::function<void(const Result<EvaluationHistory>&)> then)
{
    if (!m_worker) {
        return;
    }
    m_worker->run<EvaluationRepository>(
        this, [id](EvaluationRepository& evaluations) { return evaluations.history(id); },
        [then = std::move(then)](Result<EvaluationHistory> history) { then(history); });
}

} // namespace Earmark::Gui
