// EvaluationPanel: what the reviewer does with an evaluation (start, comment, submit, acknowledge, dispute, resolve,
// re-score, history, PDF). Each runs on the cache's worker thread and reloads the panel when done.
#include "ui/evaluation/EvaluationForm.h"
#include "ui/evaluation/EvaluationPanel.h"
#include "ui/evaluation/EvaluationPdf.h"
#include "ui/shell/MessageBox.h"
#include "cache/CacheWorker.h"
#include "core/TimeText.h"
#include "quality/EvaluationRepository.h"
#include "scorecard/RecordingNoticeCheck.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace Earmark::Gui {

namespace {
QString when(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}
} // namespace

void EvaluationPanel::run(const QString& what, std::function<Status(EvaluationRepository&)> work, qint64 showId)
{
    if (!m_worker) {
        return;
    }
    ++m_pending;
    m_worker->post<QString>(
        this,
        [work = std::move(work)](Cache& cache) {
            EvaluationRepository store(cache);
            return work(store).errorMessage();
        },
        [this, what, showId](QString error) {
            --m_pending;
            if (!error.isEmpty()) {
                setStatus(error);
                MessageBox::critical(this, what, error);
            } else {
                setStatus(tr("%1.").arg(what));
            }
            reload(showId);
        });
}

bool EvaluationPanel::ensureReviewerName()
{
    const QString user = AuditLog::currentActor();
    if (!m_reviewerNames.value(user).isEmpty()) {
        return true;
    }
    const QString name = MessageBox::getText(this, tr("Your name"),
        tr("Your name as tele researchers and managers will see it on evaluations (asked once; signed in as %1):")
            .arg(user));
    if (name.isEmpty()) {
        setStatus(tr("An evaluation needs the reviewer's name."));
        return false;
    }
    m_reviewerNames.insert(user, name);
    if (m_worker) {
        m_worker->post<bool>(
            this,
            [user, name](Cache& cache) { return cache.setSetting(QStringLiteral("reviewer.name.") + user, name).ok(); },
            [](bool) {});
    }
    return true;
}

void EvaluationPanel::startEvaluation()
{
    if (m_callId.isEmpty() || m_scorecardCombo->currentIndex() < 0 || !ensureReviewerName()) {
        return;
    }
    const QString id = m_scorecardCombo->currentData(Qt::UserRole + 1).toString();
    const int version = m_scorecardCombo->currentData().toInt();
    const auto t = m_templates.value(id + QLatin1Char('@') + QString::number(version));
    // The automatic checks run here, on the transcript already in memory; calls without one get no suggestion.
    QHash<QString, Suggestion> suggestions;
    if (t && m_transcript) {
        for (const Scorecard::Section& section : t->sections) {
            for (const Scorecard::Question& q : section.questions) {
                if (q.autoCheck != QLatin1String("recording_notice")) {
                    continue;
                }
                if (const auto found = Scorecard::findRecordingNotice(*m_transcript, q.autoWithinS)) {
                    suggestions.insert(q.id, {QStringLiteral("yes"), found->atS, found->heard});
                } else {
                    suggestions.insert(q.id,
                        {QStringLiteral("no"), std::nullopt,
                            tr("no approved notice wording in the agent's first %1 s").arg(q.autoWithinS)});
                }
            }
        }
    }
    const QString callId = m_callId;
    ++m_pending;
    m_worker->post<Result<qint64>>(
        this,
        [callId, id, version, suggestions](Cache& cache) -> Result<qint64> {
            EvaluationRepository store(cache);
            auto e = store.start(callId, id, version);
            if (!e) {
                return e.error();
            }
            if (e->suggestions.isEmpty() && !suggestions.isEmpty()) {
                e->suggestions = suggestions;
                if (auto st = store.saveDraft(e.value()); !st) {
                    return st.error();
                }
            }
            return e->id;
        },
        [this](Result<qint64> started) {
            --m_pending;
            if (!started) {
                MessageBox::critical(this, tr("Evaluate"), started.errorMessage());
                return;
            }
            setStatus(tr("Draft started: it is saved as you go."));
            reload(started.value());
        });
}

void EvaluationPanel::saveDraftNow(std::function<void()> then)
{
    m_autosave->stop();
    if (!m_current || m_current->state != EvaluationState::Draft || !m_worker) {
        if (then) {
            then();
        }
        return;
    }
    const Evaluation e = *m_current;
    ++m_pending;
    m_worker->post<QString>(
        this, [e](Cache& cache) { return EvaluationRepository(cache).saveDraft(e).errorMessage(); },
        [this, then = std::move(then)](QString error) {
            --m_pending;
            setStatus(error.isEmpty() ? tr("Draft saved at %1.").arg(QTime::currentTime().toString()) : error);
            if (then) {
                then();
            }
        });
}

void EvaluationPanel::addComment(const QString& text)
{
    if (!m_current) {
        setStatus(tr("Start an evaluation first: comments belong to one."));
        return;
    }
    if (text.trimmed().isEmpty()) {
        return;
    }
    const double at = m_commentAt.value_or(m_position ? m_position() : 0.0);
    m_commentAt.reset();
    m_commentEdit->clear();
    const qint64 id = m_current->id;
    saveDraftNow();
    run(
        tr("Comment at %1").arg(clockText(at)),
        [id, at, text](EvaluationRepository& s) -> Status {
            auto added = s.addComment(id, at, text);
            return added ? Status() : Status(added.error());
        },
        id);
}

void EvaluationPanel::submit()
{
    if (!m_current || m_current->state != EvaluationState::Draft) {
        return;
    }
    m_autosave->stop();
    const Evaluation e = *m_current;
    run(
        tr("Submit"),
        [e](EvaluationRepository& s) {
            if (auto st = s.saveDraft(e); !st) {
                return st;
            }
            return s.submit(e.id);
        },
        e.id);
}

void EvaluationPanel::acknowledge()
{
    if (!m_current) {
        return;
    }
    if (MessageBox::question(this, tr("Acknowledged"),
            tr("Record that %1 has read this evaluation and accepts it?").arg(m_current->agentId))
        != QMessageBox::Yes) {
        return;
    }
    const qint64 id = m_current->id;
    run(
        tr("Acknowledged"), [id](EvaluationRepository& s) { return s.acknowledge(id, {}); }, id);
}

void EvaluationPanel::dispute()
{
    if (!m_current) {
        return;
    }
    const QString response = MessageBox::getText(this, tr("Dispute"),
        tr("What does %1 dispute? Write down their response in their words:").arg(m_current->agentId), true);
    if (response.isEmpty()) {
        return;
    }
    const qint64 id = m_current->id;
    run(
        tr("Dispute"), [id, response](EvaluationRepository& s) { return s.dispute(id, response); }, id);
}

void EvaluationPanel::resolve()
{
    if (!m_current) {
        return;
    }
    const QString decision = MessageBox::getText(this, tr("Resolve the dispute"),
        m_rescoring ? tr("Your decision (the changed answers become a new revision with it as the reason):")
                    : tr("Your decision (the score stays; click Re-score first to change answers):"),
        true);
    if (decision.isEmpty()) {
        return;
    }
    const qint64 id = m_current->id;
    const std::optional<QJsonObject> answers = m_rescoring ? std::optional(m_form->answers()) : std::nullopt;
    run(
        tr("Resolve"), [id, decision, answers](EvaluationRepository& s) { return s.resolve(id, decision, answers); }, id);
}

void EvaluationPanel::rescore()
{
    if (!m_current || m_current->state == EvaluationState::Draft) {
        return;
    }
    if (!m_rescoring) {
        m_rescoring = true;
        m_form->setEditable(true);
        m_rescore->setText(tr("Save re-score…"));
        setStatus(tr("Change the answers, then save the re-score with the reason."));
        updateButtons();
        return;
    }
    const QString reason = MessageBox::getText(this, tr("Re-score"), tr("Why is this evaluation re-scored?"), true);
    if (reason.isEmpty()) {
        return;
    }
    const qint64 id = m_current->id;
    const QJsonObject answers = m_form->answers();
    const auto overrides = m_form->overrides();
    run(
        tr("Re-score"),
        [id, answers, overrides, reason](EvaluationRepository& s) { return s.rescore(id, answers, overrides, reason); }, id);
}

void EvaluationPanel::updateButtons()
{
    const bool has = m_current.has_value();
    const EvaluationState s = has ? m_current->state : EvaluationState::Draft;
    const bool mine = has && m_current->reviewer == AuditLog::currentActor();
    const bool draft = has && s == EvaluationState::Draft;
    m_start->setEnabled(!m_callId.isEmpty() && m_scorecardCombo->count() > 0);
    m_start->setVisible(!m_callId.isEmpty());
    m_scorecardCombo->setVisible(!m_callId.isEmpty());
    m_submit->setVisible(draft && mine);
    m_discard->setVisible(draft && mine);
    m_acknowledge->setVisible(has && s == EvaluationState::Submitted);
    m_dispute->setVisible(has && (s == EvaluationState::Submitted || s == EvaluationState::Acknowledged));
    m_resolve->setVisible(has && s == EvaluationState::Disputed);
    m_rescore->setVisible(has && !draft);
    m_history->setVisible(has && !draft);
    m_pdf->setVisible(has);
    m_commentEdit->setEnabled(has);
    m_addComment->setEnabled(has);
    if (draft && m_template) {
        QStringList problems;
        for (const Scorecard::Problem& p : Scorecard::checkAnswers(*m_template, m_current->answers)) {
            const auto* q = m_template->question(p.path.section(QLatin1Char('.'), -1));
            problems << (q ? q->text : p.path) + QStringLiteral(": ") + p.message;
        }
        for (const QString& q : m_current->overridesMissingComment()) {
            problems << tr("%1: say why the answer differs from the suggestion").arg(q);
        }
        m_submit->setEnabled(problems.isEmpty());
        m_submit->setToolTip(problems.isEmpty() ? tr("Submit the evaluation (Ctrl+Shift+Return)")
                                                : tr("Still to do:\n") + problems.join(QLatin1Char('\n')));
    }
}

void EvaluationPanel::showHistory()
{
    if (!m_current) {
        return;
    }
    const qint64 id = m_current->id;
    using History = QPair<QList<EvaluationRevision>, QList<EvaluationEvent>>;
    m_worker->post<History>(
        this,
        [id](Cache& cache) {
            EvaluationRepository store(cache);
            return History {store.revisions(id).value_or({}), store.events(id).value_or({})};
        },
        [this](History h) {
            QString html = tr("<h3>Revisions</h3><table cellpadding=4>");
            for (const EvaluationRevision& r : h.first) {
                html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                            .arg(r.revision)
                            .arg(when(r.atUtc), reviewerLabel(r.byUser).toHtmlEscaped(),
                                r.score ? QString::number(*r.score, 'f', 1) : tr("no score"), r.reason.toHtmlEscaped());
            }
            html += tr("</table><h3>Events</h3><table cellpadding=4>");
            for (const EvaluationEvent& e : h.second) {
                html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3 → %4</td><td>%5</td></tr>")
                            .arg(when(e.atUtc), reviewerLabel(e.byUser).toHtmlEscaped(), e.fromState, e.toState,
                                e.text.toHtmlEscaped());
            }
            auto* dialog = new QDialog(this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->setWindowTitle(tr("Evaluation history"));
            auto* view = new QTextBrowser(dialog);
            view->setHtml(html + QStringLiteral("</table>"));
            auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
            connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
            auto* l = new QVBoxLayout(dialog);
            l->addWidget(view);
            l->addWidget(buttons);
            dialog->resize(640, 420);
            dialog->show();
        });
}

void EvaluationPanel::exportPdf(const QString& path)
{
    if (!m_current || !m_template) {
        Q_EMIT pdfWritten(path, tr("There is no evaluation to export."));
        return;
    }
    const qint64 id = m_current->id;
    const Evaluation e = *m_current;
    const auto t = m_template;
    const QString reviewer = reviewerLabel(e.reviewer);
    using History = QPair<QList<EvaluationRevision>, QList<EvaluationEvent>>;
    m_worker->post<History>(
        this,
        [id](Cache& cache) {
            EvaluationRepository store(cache);
            return History {store.revisions(id).value_or({}), store.events(id).value_or({})};
        },
        [this, path, e, t, reviewer](History h) {
            const Status st = EvaluationPdf::write(path, e, *t, reviewer, h.first, h.second);
            Q_EMIT pdfWritten(path, st.errorMessage());
        });
}

} // namespace Earmark::Gui
