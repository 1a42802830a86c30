#pragma once

#include "quality/EvaluationRepository.h"

#include <QObject>
#include <functional>
#include <memory>

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

// The evaluations of the call the panel shows, and what the reviewer does with them, read and written on the
// cache's worker thread: loading, starting a draft, saving it, comments, submission and the changes of state after
// it, the reviewer's display name and the history. No widgets: EvaluationPanel asks the questions and shows the
// results. Every change reloads the call's evaluations when it is done.
class EvaluationSession : public QObject
{
    Q_OBJECT

public:
    explicit EvaluationSession(QObject* parent = nullptr);

    void setWorker(CacheWorker* worker) { m_worker = worker; }
    CacheWorker* worker() const { return m_worker; }
    // Work sent to the worker whose result has not come back yet.
    bool isBusy() const { return m_pending > 0; }

    // The call whose evaluations are loaded (empty: none; its evaluations are forgotten until the next load).
    void setCall(const QString& callId);
    const QString& callId() const { return m_callId; }

    // As last loaded.
    const QList<ScorecardVersion>& scorecards() const { return m_loaded.scorecards; }
    const QList<Evaluation>& evaluations() const { return m_loaded.evaluations; }
    std::shared_ptr<Scorecard::Template> scorecardTemplate(const QString& id, int version) const;
    // Why a scorecard version cannot be shown (it is missing from the cache or no longer loads).
    QString templateProblem(const QString& id, int version) const;
    QString reviewerName(const QString& user) const { return m_loaded.reviewerNames.value(user); }
    // "display name (OS user)", or the OS user until a name is given.
    QString reviewerLabel(const QString& user) const;

    // Loads the call's evaluations: loaded(showId) or a status with the error follows (nothing when the call
    // changed meanwhile).
    void reload(qint64 showId = 0);
    // The user's draft of the call with this scorecard version, or a new one with the suggestions: startFailed(error)
    // follows, or a status and the reload that shows the draft.
    void start(const QString& scorecardId, int version, const QHash<QString, Suggestion>& suggestions);
    // A status follows: when it was saved, or why not.
    void saveDraft(const Evaluation& draft);
    // Used at once and saved; a status follows only when it could not be saved.
    void setReviewerName(const QString& user, const QString& name);

    // Each change reports a status ("what.") or failed(what, error), then reloads the call's evaluations and shows the
    // evaluation changed.
    void discardDraft(const QString& what, qint64 id);
    void addComment(const QString& what, qint64 id, double atS, const QString& text);
    void submit(const QString& what, const Evaluation& draft);
    void acknowledge(const QString& what, qint64 id);
    void dispute(const QString& what, qint64 id, const QString& response);
    void resolve(const QString& what, qint64 id, const QString& decision, const std::optional<QJsonObject>& answers);
    void rescore(const QString& what, qint64 id, const QJsonObject& answers, const QHash<QString, QString>& overrides,
        const QString& reason);

    // The evaluation's revisions and events, handed to then (on this object's thread).
    void loadHistory(qint64 id, std::function<void(const Result<EvaluationHistory>&)> then);

Q_SIGNALS:
    void loaded(qint64 showId);
    // What was done, or why it could not be (for the panel's status line).
    void status(const QString& text);
    void startFailed(const QString& error);
    void failed(const QString& what, const QString& error);

private:
    // what: the action, as a message box's title if it fails; done: the sentence said when it worked.
    void change(const QString& what, std::function<Status(EvaluationRepository&)> work, qint64 showId,
        const QString& done = {});

    CacheWorker* m_worker = nullptr;
    QString m_callId;
    CallEvaluations m_loaded;
    int m_pending = 0;
    QPair<qint64, QString> m_announce; // the evaluation a change was made to, and what to say once it is read
};

} // namespace Earmark::Gui
