#include "ui/evaluation/EvaluationPanel.h"

#include "cache/AuditLog.h"
#include "cache/AuditTrail.h"
#include "cache/CacheWorker.h"
#include "core/TimeText.h"
#include "ui/evaluation/EvaluationActionsBar.h"
#include "ui/evaluation/EvaluationForm.h"
#include "ui/evaluation/EvaluationHistoryDialog.h"
#include "ui/evaluation/EvaluationPdf.h"
#include "ui/evaluation/EvaluationPicker.h"
#include "ui/evaluation/EvaluationSession.h"
#include "ui/evaluation/RunningScoreLabel.h"
#include "ui/evaluation/TimedCommentsBox.h"
#include "ui/shell/MessageBox.h"

#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

namespace Earmark::Gui {

EvaluationPanel::EvaluationPanel(QWidget* parent)
    : QWidget(parent)
    , m_session(new EvaluationSession(this))
    , m_title(new QLabel(this))
    , m_picker(new EvaluationPicker(this))
    , m_score(new RunningScoreLabel(this))
    , m_form(new EvaluationForm)
    , m_formBox(new QScrollArea(this))
    , m_comments(new TimedCommentsBox(this))
    , m_actions(new EvaluationActionsBar(this))
    , m_status(new QLabel(this))
    , m_autosave(new QTimer(this))
{
    setObjectName(QStringLiteral("evaluationPanel"));
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::RichText);
    m_status->setWordWrap(true);
    auto* scroll = static_cast<QScrollArea*>(m_formBox);
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // The questions wrap to the panel's width; it never scrolls sideways (long choices stack, see EvaluationForm).
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setMinimumWidth(280);
    m_autosave->setSingleShot(true);
    m_autosave->setInterval(700);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_picker);
    layout->addWidget(m_score);
    layout->addWidget(m_formBox, 1);
    layout->addWidget(m_comments); // its list is shown once there are comments
    layout->addWidget(m_actions);
    layout->addWidget(m_status);

    connect(m_comments, &TimedCommentsBox::commentEntered, this, &EvaluationPanel::addComment);
    connect(m_comments, &TimedCommentsBox::seekRequested, this, &EvaluationPanel::seekRequested);
    connect(m_form, &EvaluationForm::seekRequested, this, &EvaluationPanel::seekRequested);
    connect(m_form, &EvaluationForm::changed, this, &EvaluationPanel::formChanged);
    connect(m_autosave, &QTimer::timeout, this, [this] { saveDraftNow(); });
    connect(m_picker, &EvaluationPicker::startRequested, this, &EvaluationPanel::startEvaluation);
    connect(m_actions, &EvaluationActionsBar::submitRequested, this, &EvaluationPanel::submit);
    connect(m_actions, &EvaluationActionsBar::discardRequested, this, &EvaluationPanel::discardDraft);
    connect(m_actions, &EvaluationActionsBar::acknowledgeRequested, this, &EvaluationPanel::acknowledge);
    connect(m_actions, &EvaluationActionsBar::disputeRequested, this, &EvaluationPanel::dispute);
    connect(m_actions, &EvaluationActionsBar::resolveRequested, this, &EvaluationPanel::resolve);
    connect(m_actions, &EvaluationActionsBar::rescoreRequested, this, &EvaluationPanel::rescore);
    connect(m_actions, &EvaluationActionsBar::historyRequested, this, &EvaluationPanel::showHistory);
    connect(m_actions, &EvaluationActionsBar::questionRequested, this, &EvaluationPanel::showQuestion);
    connect(m_actions, &EvaluationActionsBar::pdfRequested, this, [this] {
        if (!m_current) {
            return;
        }
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the evaluation as PDF"),
            QStringLiteral("evaluation-%1-%2.pdf").arg(m_current->agentId, m_current->callId), tr("PDF (*.pdf)"));
        if (!path.isEmpty()) {
            exportPdf(path);
        }
    });
    connect(m_picker, &EvaluationPicker::evaluationChosen, this, [this](int index) {
        if (index >= 0 && index < m_session->evaluations().size()) {
            showEvaluation(m_session->evaluations()[index]);
        }
    });
    connect(this, &EvaluationPanel::pdfWritten, this, [this](const QString& path, const QString& error) {
        setStatus(error.isEmpty() ? tr("Saved %1").arg(path) : error);
        if (error.isEmpty() && m_session->worker() && m_current) {
            const QString callId = m_current->callId;
            const QString native = QDir::toNativeSeparators(path);
            m_session->worker()->run<AuditTrail>(
                this,
                [callId, native](AuditTrail& t) { return t.record(QStringLiteral("evaluation.pdf"), callId, native); },
                [](Status) {});
        }
    });
    connectSession();
    clear();
}

EvaluationPanel::~EvaluationPanel() = default;

// What the session reports when its work on the cache is done.
void EvaluationPanel::connectSession()
{
    connect(m_session, &EvaluationSession::loaded, this, &EvaluationPanel::showLoaded);
    connect(m_session, &EvaluationSession::status, this, &EvaluationPanel::setStatus);
    connect(m_session, &EvaluationSession::startFailed, this,
        [this](const QString& error) { MessageBox::critical(this, tr("Evaluate"), error); });
    connect(m_session, &EvaluationSession::failed, this, [this](const QString& what, const QString& error) {
        setStatus(error);
        MessageBox::critical(this, what, error);
    });
}

void EvaluationPanel::setWorker(CacheWorker* worker)
{
    m_session->setWorker(worker);
}

void EvaluationPanel::setPositionSource(std::function<double()> position)
{
    m_comments->setPositionSource(std::move(position));
}

QListWidget* EvaluationPanel::commentList() const
{
    return m_comments->list();
}

QPushButton* EvaluationPanel::submitButton() const
{
    return m_actions->submitButton();
}

bool EvaluationPanel::isBusy() const
{
    return m_session->isBusy();
}

void EvaluationPanel::clear()
{
    if (m_autosave->isActive()) {
        saveDraftNow();
    }
    m_session->setCall(QString());
    m_transcript.reset();
    m_current.reset();
    m_rescoring = false;
    m_title->setText(tr("<b>Evaluation</b>"));
    m_comments->clear();
    m_formBox->hide();
    setStatus(tr("Select a call to evaluate it."));
    updateButtons();
}

void EvaluationPanel::setCall(const QString& callId, const std::optional<Transcript>& transcript)
{
    clear();
    m_session->setCall(callId);
    m_transcript = transcript;
    setStatus(QString());
    m_session->reload();
}

QString EvaluationPanel::scoreText() const
{
    return m_score->text();
}

QString EvaluationPanel::statusText() const
{
    return m_status->text();
}

void EvaluationPanel::setStatus(const QString& text)
{
    m_status->setText(text);
}

void EvaluationPanel::showLoaded(qint64 showId)
{
    const QList<Evaluation>& evaluations = m_session->evaluations();
    int index = -1;
    for (int i = 0; i < evaluations.size() && index < 0; ++i) {
        if (showId ? evaluations[i].id == showId
                   : evaluations[i].state == EvaluationState::Draft
                    && evaluations[i].reviewer == AuditLog::currentActor()) {
            index = i;
        }
    }
    if (index < 0 && !evaluations.isEmpty()) {
        index = 0;
    }
    m_picker->setChoices(m_session->scorecards(), evaluations, index,
        [this](const QString& user) { return m_session->reviewerLabel(user); });
    if (index >= 0) {
        showEvaluation(evaluations[index]);
    } else {
        m_current.reset();
        m_formBox->hide();
        m_comments->clear();
        m_title->setText(tr("<b>Not evaluated yet</b>"));
        m_score->clear();
        updateButtons();
        Q_EMIT evaluationChanged();
    }
}

void EvaluationPanel::showEvaluation(const Evaluation& e)
{
    const bool sameForm = m_current && m_template && m_current->scorecardId == e.scorecardId
        && m_current->scorecardVersion == e.scorecardVersion;
    m_current = e;
    m_rescoring = false;
    m_actions->setRescoring(false);
    m_template = m_session->scorecardTemplate(e.scorecardId, e.scorecardVersion);
    if (!m_template) {
        setStatus(m_session->templateProblem(e.scorecardId, e.scorecardVersion));
        return;
    }
    if (!sameForm) {
        m_form->setScorecard(*m_template);
    }
    m_form->setAnswers(e.answers, e.suggestions, e.overrides);
    m_form->setEditable(e.state == EvaluationState::Draft && e.reviewer == AuditLog::currentActor());
    m_formBox->show();
    m_title->setText(tr("<b>%1</b> v%2 · %3 by %4%5")
                         .arg(m_template->title.toHtmlEscaped())
                         .arg(e.scorecardVersion)
                         .arg(stateLabel(e.state), m_session->reviewerLabel(e.reviewer).toHtmlEscaped(),
                             e.revision > 1 ? tr(" · revision %1").arg(e.revision) : QString()));
    m_comments->setComments(e.comments, [this](const QString& user) { return m_session->reviewerLabel(user); });
    updateScore();
    updateButtons();
    Q_EMIT evaluationChanged();
}

void EvaluationPanel::formChanged()
{
    if (!m_current) {
        return;
    }
    m_current->answers = m_form->answers();
    m_current->overrides = m_form->overrides();
    updateScore();
    updateButtons();
    if (m_current->state == EvaluationState::Draft) {
        setStatus(tr("Editing…"));
        m_autosave->start();
    }
}

void EvaluationPanel::updateScore()
{
    m_score->showScore(m_template.get(), m_current ? &*m_current : nullptr);
}

void EvaluationPanel::showQuestion(const QString& questionId)
{
    // The reason box when the answer differs from a suggestion without one, else the question's answer.
    QWidget* target = m_form->overrideEditorFor(questionId);
    if (!target || target->isHidden()) {
        target = m_form->editorFor(questionId);
    }
    if (target) {
        static_cast<QScrollArea*>(m_formBox)->ensureWidgetVisible(target);
        target->setFocus(Qt::OtherFocusReason);
    }
}

void EvaluationPanel::updateButtons()
{
    const bool has = m_current.has_value();
    m_picker->setCallOpen(!m_session->callId().isEmpty());
    m_picker->setDrafting(
        has && m_current->state == EvaluationState::Draft && m_current->reviewer == AuditLog::currentActor());
    m_comments->setInputEnabled(has);
    m_comments->setVisible(!m_session->callId().isEmpty()); // no comment box before a call is open
    std::optional<QList<Evaluation::DraftProblem>> problems;
    if (has && m_current->state == EvaluationState::Draft && m_template) {
        problems = m_current->draftProblems(*m_template);
    }
    m_actions->update(has ? &*m_current : nullptr, problems);
}

// What the reviewer does with an evaluation: each is asked for here, then done by the session on the cache's worker
// thread, which reloads the panel when done.

bool EvaluationPanel::ensureReviewerName()
{
    const QString user = AuditLog::currentActor();
    if (!m_session->reviewerName(user).isEmpty()) {
        return true;
    }
    const QString name = MessageBox::getText(this, tr("Your name"),
        tr("Your name as tele researchers and managers will see it on evaluations (asked once; signed in as %1):")
            .arg(user));
    if (name.isEmpty()) {
        setStatus(tr("An evaluation needs the reviewer's name."));
        return false;
    }
    m_session->setReviewerName(user, name);
    return true;
}

void EvaluationPanel::startEvaluation()
{
    const auto chosen = m_picker->scorecard();
    if (m_session->callId().isEmpty() || !chosen || !ensureReviewerName()) {
        return;
    }
    const auto& [id, version] = *chosen;
    const auto t = m_session->scorecardTemplate(id, version);
    // The automatic checks run here, on the transcript already in memory; calls without one get no suggestion.
    m_session->start(id, version,
        t ? automaticSuggestions(*t, m_transcript ? &*m_transcript : nullptr) : QHash<QString, Suggestion>());
}

void EvaluationPanel::saveDraftNow()
{
    m_autosave->stop();
    if (m_current && m_current->state == EvaluationState::Draft) {
        m_session->saveDraft(*m_current);
    }
}

void EvaluationPanel::discardDraft()
{
    if (m_current
        && MessageBox::question(this, tr("Discard draft"), tr("Discard this draft and its comments?"))
            == QMessageBox::Yes) {
        m_session->discardDraft(tr("Discard draft"), m_current->id);
    }
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
    const double at = m_comments->takeMoment();
    const qint64 id = m_current->id;
    saveDraftNow();
    m_session->addComment(tr("Comment at %1").arg(clockText(at)), id, at, text);
}

void EvaluationPanel::submit()
{
    if (!m_current || m_current->state != EvaluationState::Draft) {
        return;
    }
    m_autosave->stop();
    m_session->submit(tr("Submit"), *m_current);
}

void EvaluationPanel::acknowledge()
{
    if (!m_current) {
        return;
    }
    if (MessageBox::question(this, tr("Acknowledged"),
            tr("Record that %1 has read this evaluation and accepts it?").arg(m_current->agentLabel()))
        != QMessageBox::Yes) {
        return;
    }
    m_session->acknowledge(tr("Acknowledged"), m_current->id);
}

void EvaluationPanel::dispute()
{
    if (!m_current) {
        return;
    }
    const QString response = MessageBox::getText(this, tr("Dispute"),
        tr("What does %1 dispute? Write down their response in their words:").arg(m_current->agentLabel()), true);
    if (response.isEmpty()) {
        return;
    }
    m_session->dispute(tr("Dispute"), m_current->id, response);
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
    const std::optional<QJsonObject> answers = m_rescoring ? std::optional(m_form->answers()) : std::nullopt;
    m_session->resolve(tr("Resolve"), m_current->id, decision, answers);
}

void EvaluationPanel::rescore()
{
    if (!m_current || m_current->state == EvaluationState::Draft) {
        return;
    }
    if (!m_rescoring) {
        m_rescoring = true;
        m_form->setEditable(true);
        m_actions->setRescoring(true);
        setStatus(tr("Change the answers, then save the re-score with the reason."));
        updateButtons();
        return;
    }
    const QString reason = MessageBox::getText(this, tr("Re-score"), tr("Why is this evaluation re-scored?"), true);
    if (reason.isEmpty()) {
        return;
    }
    m_session->rescore(tr("Re-score"), m_current->id, m_form->answers(), m_form->overrides(), reason);
}

void EvaluationPanel::showHistory()
{
    if (!m_current) {
        return;
    }
    m_session->loadHistory(m_current->id, [this](const Result<EvaluationHistory>& history) {
        if (!history) {
            MessageBox::critical(this, tr("Evaluation history"), history.errorMessage());
            return;
        }
        auto* dialog = new EvaluationHistoryDialog(
            history.value(), [this](const QString& user) { return m_session->reviewerLabel(user); }, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
}

void EvaluationPanel::exportPdf(const QString& path)
{
    if (!m_current || !m_template) {
        Q_EMIT pdfWritten(path, tr("There is no evaluation to export."));
        return;
    }
    const Evaluation e = *m_current;
    const auto t = m_template;
    const QString reviewer = m_session->reviewerLabel(e.reviewer);
    m_session->loadHistory(e.id, [this, path, e, t, reviewer](const Result<EvaluationHistory>& h) {
        if (!h) {
            Q_EMIT pdfWritten(path, h.errorMessage());
            return;
        }
        // The history names people as the panel does ("Ann Reviewer (ann)"), not by their account alone.
        QList<EvaluationRevision> revisions = h->revisions;
        QList<EvaluationEvent> events = h->events;
        for (EvaluationRevision& r : revisions) {
            r.byUser = m_session->reviewerLabel(r.byUser);
        }
        for (EvaluationEvent& ev : events) {
            ev.byUser = m_session->reviewerLabel(ev.byUser);
        }
        Q_EMIT pdfWritten(path, EvaluationPdf::write(path, e, *t, reviewer, revisions, events).errorMessage());
    });
}

} // namespace Earmark::Gui
