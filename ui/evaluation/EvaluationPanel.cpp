#include "ui/evaluation/EvaluationPanel.h"

#include "ui/evaluation/EvaluationForm.h"
#include "ui/evaluation/EvaluationPdf.h"
#include "ui/shell/MessageBox.h"
#include "cache/CacheWorker.h"
#include "cache/Statement.h"
#include "core/TimeText.h"
#include "quality/EvaluationRepository.h"
#include "audio/TalkMetrics.h"
#include "scorecard/RecordingNoticeCheck.h"

#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

namespace Earmark::Gui {

namespace {
QString templateKey(const QString& id, int version)
{
    return id + QLatin1Char('@') + QString::number(version);
}

const QString kNamePrefix = QStringLiteral("reviewer.name.");
} // namespace

struct EvaluationPanel::Loaded
{
    QString error;
    QList<ScorecardVersion> scorecards;
    QList<Evaluation> evaluations;
    QHash<QString, QString> names;
    QHash<QString, std::shared_ptr<Scorecard::Template>> templates;
};

EvaluationPanel::EvaluationPanel(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_evaluationCombo(new QComboBox(this))
    , m_scorecardCombo(new QComboBox(this))
    , m_start(new QPushButton(tr("&Evaluate"), this))
    , m_score(new QLabel(this))
    , m_metrics(new QLabel(this))
    , m_form(new EvaluationForm)
    , m_formBox(new QScrollArea(this))
    , m_comments(new QListWidget(this))
    , m_commentEdit(new QLineEdit(this))
    , m_addComment(new QPushButton(tr("Add"), this))
    , m_submit(new QPushButton(tr("Submit"), this))
    , m_discard(new QPushButton(tr("Discard draft"), this))
    , m_acknowledge(new QPushButton(tr("Acknowledged…"), this))
    , m_dispute(new QPushButton(tr("Dispute…"), this))
    , m_resolve(new QPushButton(tr("Resolve…"), this))
    , m_rescore(new QPushButton(tr("Re-score"), this))
    , m_history(new QPushButton(tr("History"), this))
    , m_pdf(new QPushButton(tr("PDF…"), this))
    , m_status(new QLabel(this))
    , m_autosave(new QTimer(this))
{
    setObjectName(QStringLiteral("evaluationPanel"));
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::RichText);
    m_score->setObjectName(QStringLiteral("runningScore"));
    m_score->setWordWrap(true);
    m_metrics->setWordWrap(true);
    m_metrics->setTextFormat(Qt::RichText);
    m_status->setWordWrap(true);
    m_scorecardCombo->setToolTip(tr("The scorecard to evaluate this call with"));
    m_evaluationCombo->setToolTip(tr("Evaluations of this call"));
    auto* scroll = static_cast<QScrollArea*>(m_formBox);
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_comments->setObjectName(QStringLiteral("timedComments"));
    m_comments->setMaximumHeight(72);
    setMinimumWidth(340);
    m_comments->setToolTip(tr("Click a comment to hear that moment"));
    m_commentEdit->setObjectName(QStringLiteral("commentEdit"));
    m_commentEdit->setPlaceholderText(tr("Comment at the playhead (Ctrl+M), Enter to pin it"));
    m_autosave->setSingleShot(true);
    m_autosave->setInterval(700);

    auto* pick = new QHBoxLayout;
    pick->addWidget(m_evaluationCombo, 1);
    pick->addWidget(m_scorecardCombo, 1);
    pick->addWidget(m_start);
    auto* commentRow = new QHBoxLayout;
    commentRow->addWidget(m_commentEdit, 1);
    commentRow->addWidget(m_addComment);
    // The state's actions on the left (only those that apply are shown), history and PDF on the right.
    auto* actions = new QHBoxLayout;
    for (QPushButton* b : {m_submit, m_discard, m_acknowledge, m_dispute, m_resolve, m_rescore}) {
        actions->addWidget(b);
    }
    actions->addStretch(1);
    actions->addWidget(m_history);
    actions->addWidget(m_pdf);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addLayout(pick);
    layout->addWidget(m_score);
    layout->addWidget(m_metrics);
    layout->addWidget(m_formBox, 1);
    layout->addWidget(m_comments); // shown once there are comments
    layout->addLayout(commentRow);
    layout->addLayout(actions);
    layout->addWidget(m_status);

    auto* commentKey = new QAction(this);
    commentKey->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    commentKey->setShortcutContext(Qt::WindowShortcut);
    addAction(commentKey);
    connect(commentKey, &QAction::triggered, this, [this] {
        m_commentAt = m_position ? m_position() : 0.0;
        m_commentEdit->setFocus();
    });
    connect(m_commentEdit, &QLineEdit::textEdited, this, [this](const QString& text) {
        if (!m_commentAt && !text.isEmpty()) {
            m_commentAt = m_position ? m_position() : 0.0; // the moment typing began
        }
    });
    connect(m_commentEdit, &QLineEdit::returnPressed, this, [this] { addComment(m_commentEdit->text()); });
    connect(m_addComment, &QPushButton::clicked, this, [this] { addComment(m_commentEdit->text()); });
    connect(m_comments, &QListWidget::itemActivated, this,
        [this](QListWidgetItem* item) { Q_EMIT seekRequested(item->data(Qt::UserRole).toDouble()); });
    connect(m_comments, &QListWidget::itemClicked, this,
        [this](QListWidgetItem* item) { Q_EMIT seekRequested(item->data(Qt::UserRole).toDouble()); });
    connect(m_metrics, &QLabel::linkActivated, this,
        [this](const QString& link) { Q_EMIT seekRequested(link.mid(5).toDouble()); });
    connect(m_form, &EvaluationForm::seekRequested, this, &EvaluationPanel::seekRequested);
    connect(m_form, &EvaluationForm::changed, this, &EvaluationPanel::formChanged);
    connect(m_autosave, &QTimer::timeout, this, [this] { saveDraftNow(); });
    connect(m_start, &QPushButton::clicked, this, &EvaluationPanel::startEvaluation);
    connect(m_submit, &QPushButton::clicked, this, &EvaluationPanel::submit);
    connect(m_acknowledge, &QPushButton::clicked, this, &EvaluationPanel::acknowledge);
    connect(m_dispute, &QPushButton::clicked, this, &EvaluationPanel::dispute);
    connect(m_resolve, &QPushButton::clicked, this, &EvaluationPanel::resolve);
    connect(m_rescore, &QPushButton::clicked, this, &EvaluationPanel::rescore);
    connect(m_history, &QPushButton::clicked, this, &EvaluationPanel::showHistory);
    connect(m_discard, &QPushButton::clicked, this, [this] {
        if (m_current
            && MessageBox::question(this, tr("Discard draft"), tr("Discard this draft and its comments?"))
                == QMessageBox::Yes) {
            const qint64 id = m_current->id;
            run(
                tr("Discard draft"), [id](EvaluationRepository& s) { return s.discardDraft(id); }, 0);
        }
    });
    connect(m_pdf, &QPushButton::clicked, this, [this] {
        if (!m_current) {
            return;
        }
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the evaluation as PDF"),
            QStringLiteral("evaluation-%1-%2.pdf").arg(m_current->agentId, m_current->callId), tr("PDF (*.pdf)"));
        if (!path.isEmpty()) {
            exportPdf(path);
        }
    });
    connect(m_evaluationCombo, &QComboBox::activated, this, [this](int index) {
        if (index >= 0 && index < m_evaluations.size()) {
            showEvaluation(m_evaluations[index]);
        }
    });
    connect(this, &EvaluationPanel::pdfWritten, this, [this](const QString& path, const QString& error) {
        setStatus(error.isEmpty() ? tr("Saved %1").arg(path) : error);
    });
    clear();
}

EvaluationPanel::~EvaluationPanel() = default;

void EvaluationPanel::clear()
{
    if (m_autosave->isActive()) {
        saveDraftNow();
    }
    m_callId.clear();
    m_transcript.reset();
    m_current.reset();
    m_evaluations.clear();
    m_rescoring = false;
    m_title->setText(tr("<b>Evaluation</b>"));
    m_metrics->clear();
    m_comments->clear();
    m_comments->hide();
    m_formBox->hide();
    setStatus(tr("Select a call to evaluate it."));
    updateButtons();
}

void EvaluationPanel::setCall(const QString& callId, const std::optional<Transcript>& transcript)
{
    clear();
    m_callId = callId;
    m_transcript = transcript;
    setStatus(QString());
    reload();
}

void EvaluationPanel::setAudio(const std::shared_ptr<const CallAudio>& audio)
{
    const auto m = audio ? TalkMetrics::measure(*audio) : std::nullopt;
    if (!m) {
        m_metrics->setText(tr("<small>Talk metrics need a stereo recording with one speaker per channel.</small>"));
        return;
    }
    m_metrics->setText(tr("<small>Agent talks %1, respondent %2 · talk/listen %3 · longest silence %4 s at "
                          "<a href='seek:%5'>%6</a> · overtalk %7 s in %8 stretches</small>")
                           .arg(clockText(m->agentTalkS), clockText(m->respondentTalkS),
                               QString::number(m->talkListenRatio, 'f', 2), QString::number(m->longestSilenceS, 'f', 1))
                           .arg(m->longestSilenceAtS)
                           .arg(clockText(m->longestSilenceAtS), QString::number(m->overtalkS, 'f', 1))
                           .arg(m->overtalkEpisodes));
}

QString EvaluationPanel::metricsText() const
{
    return m_metrics->text();
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

QString EvaluationPanel::reviewerLabel(const QString& user) const
{
    const QString name = m_reviewerNames.value(user);
    return name.isEmpty() ? user : QStringLiteral("%1 (%2)").arg(name, user);
}

void EvaluationPanel::reload(qint64 showId)
{
    if (!m_worker || m_callId.isEmpty()) {
        return;
    }
    ++m_pending;
    const QString callId = m_callId;
    m_worker->post<Loaded>(
        this,
        [callId](Cache& cache) {
            Loaded out;
            ScorecardLibrary library(cache);
            if (auto st = library.ensureDefault(); !st) {
                out.error = st.errorMessage();
                return out;
            }
            auto current = library.current();
            EvaluationRepository store(cache);
            auto evaluations = store.forCall(callId);
            if (!current || !evaluations) {
                out.error = current ? evaluations.errorMessage() : current.errorMessage();
                return out;
            }
            out.scorecards = current.value();
            out.evaluations = evaluations.value();
            QList<QPair<QString, int>> wanted;
            for (const auto& s : std::as_const(out.scorecards)) {
                wanted.append({s.id, s.version});
            }
            for (const auto& e : std::as_const(out.evaluations)) {
                wanted.append({e.scorecardId, e.scorecardVersion});
            }
            for (const auto& [id, version] : wanted) {
                if (auto t = store.scorecard(id, version); t && !out.templates.contains(templateKey(id, version))) {
                    out.templates.insert(templateKey(id, version), std::make_shared<Scorecard::Template>(*t.value()));
                }
            }
            auto names = cache.database().prepare(
                QStringLiteral("SELECT key, value FROM settings WHERE key LIKE 'reviewer.name.%'"));
            while (names && names->step().value()) {
                out.names.insert(names->text(0).mid(kNamePrefix.size()), names->text(1));
            }
            return out;
        },
        [this, callId, showId](Loaded loaded) {
            --m_pending;
            if (callId == m_callId) {
                showLoaded(loaded, showId);
            }
        });
}

void EvaluationPanel::showLoaded(const Loaded& loaded, qint64 showId)
{
    if (!loaded.error.isEmpty()) {
        setStatus(loaded.error);
        return;
    }
    m_scorecards = loaded.scorecards;
    m_templates = loaded.templates;
    m_reviewerNames = loaded.names;
    m_evaluations = loaded.evaluations;
    m_scorecardCombo->clear();
    for (const ScorecardVersion& s : std::as_const(m_scorecards)) {
        m_scorecardCombo->addItem(tr("%1 (v%2)").arg(s.title).arg(s.version), QVariant::fromValue(s.version));
        m_scorecardCombo->setItemData(m_scorecardCombo->count() - 1, s.id, Qt::UserRole + 1);
    }
    m_evaluationCombo->clear();
    int index = -1;
    for (int i = 0; i < m_evaluations.size(); ++i) {
        const Evaluation& e = m_evaluations[i];
        m_evaluationCombo->addItem(tr("%1 · %2 · %3")
                                       .arg(stateLabel(e.state), reviewerLabel(e.reviewer),
                                           e.score ? QString::number(*e.score, 'f', 1) : tr("no score")));
        if (e.id == showId) {
            index = i;
        }
        if (index < 0 && !showId && e.state == EvaluationState::Draft && e.reviewer == AuditLog::currentActor()) {
            index = i;
        }
    }
    m_evaluationCombo->setVisible(m_evaluations.size() > 1);
    if (index < 0 && !m_evaluations.isEmpty()) {
        index = 0;
    }
    if (index >= 0) {
        m_evaluationCombo->setCurrentIndex(index);
        showEvaluation(m_evaluations[index]);
    } else {
        m_current.reset();
        m_formBox->hide();
        m_comments->clear();
        m_comments->hide();
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
    m_rescore->setText(tr("Re-score"));
    m_template = m_templates.value(templateKey(e.scorecardId, e.scorecardVersion));
    if (!m_template) {
        setStatus(tr("Scorecard %1 version %2 is missing from the cache.").arg(e.scorecardId).arg(e.scorecardVersion));
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
                         .arg(stateLabel(e.state), reviewerLabel(e.reviewer).toHtmlEscaped(),
                             e.revision > 1 ? tr(" · revision %1").arg(e.revision) : QString()));
    m_comments->clear();
    for (const TimedComment& c : e.comments) {
        auto* item = new QListWidgetItem(QStringLiteral("%1  %2").arg(clockText(c.atS), c.text), m_comments);
        item->setData(Qt::UserRole, c.atS);
        item->setToolTip(tr("%1 · click to hear this moment").arg(reviewerLabel(c.byUser)));
    }
    m_comments->setVisible(m_comments->count() > 0);
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
    if (!m_current || !m_template) {
        m_score->clear();
        return;
    }
    const Scorecard::ScoreResult r = Scorecard::score(*m_template, m_current->answers);
    QString text = r.score ? tr("<span style='font-size:large'><b>%1</b></span> · %2 (pass mark %3)")
                                 .arg(QString::number(*r.score, 'f', 1), r.pass ? tr("Pass") : tr("Fail"))
                                 .arg(m_template->passMark)
                           : tr("<b>No score yet</b> (pass mark %1)").arg(m_template->passMark);
    if (m_current->state == EvaluationState::Draft && r.score) {
        const int missing = int(Scorecard::checkAnswers(*m_template, m_current->answers).size());
        if (missing > 0) {
            text += tr(" · <i>so far: %n question(s) to answer</i>", nullptr, missing);
        }
    }
    if (!r.autoFail.isEmpty()) {
        const auto* q = m_template->question(r.autoFail);
        text += tr("<br><span style='color:#b00'>Failed by: %1</span>").arg((q ? q->text : r.autoFail).toHtmlEscaped());
    }
    m_score->setText(text);
}

} // namespace Earmark::Gui
