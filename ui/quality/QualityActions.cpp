#include "ui/quality/QualityActions.h"

#include "ui/browse/CallDetailPane.h"
#include "ui/evaluation/EvaluationActionsBar.h"
#include "ui/evaluation/EvaluationPanel.h"
#include "ui/player/PlayerWidget.h"
#include "ui/player/WaveformWidget.h"
#include "ui/quality/ReportsWindow.h"
#include "ui/quality/ReviewQueueDock.h"
#include "ui/quality/SamplingDialog.h"
#include "ui/quality/ScorecardEditor.h"
#include "ui/shell/MessageBox.h"
#include "ui/training/ScenarioDialog.h"
#include "ui/training/ScenarioLibraryDialog.h"
#include "ui/transcript/TranscriptSearchDock.h"

#include <QAction>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>

namespace Earmark::Gui {

QualityActions::QualityActions(CacheWorker* worker, QMainWindow* window, CallDetailPane* detail)
    : QObject(window)
    , m_worker(worker)
    , m_window(window)
    , m_detail(detail)
    , m_menu(new QMenu(tr("&Quality"), window))
    , m_queue(new ReviewQueueDock(worker, window))
    , m_search(new TranscriptSearchDock(worker, window))
{
    window->addDockWidget(Qt::BottomDockWidgetArea, m_search);
    m_search->hide();
    connect(m_search, &TranscriptSearchDock::openCallAt, this, &QualityActions::playRequested);
    window->addDockWidget(Qt::LeftDockWidgetArea, m_queue);
    m_queue->hide();
    connect(m_queue, &ReviewQueueDock::openCall, detail, &CallDetailPane::showCall);
    connect(detail->evaluation(), &EvaluationPanel::evaluationChanged, m_queue, [this] {
        if (m_queue->isVisible()) {
            m_queue->refresh();
        }
    });

    auto add = [this](const char* name, const QString& text, const QKeySequence& key, auto slot) {
        auto* a = new QAction(text, m_window);
        a->setObjectName(QString::fromLatin1(name));
        a->setShortcut(key);
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, this, slot);
        m_menu->addAction(a);
        m_window->addAction(a);
        m_actions << a;
        return a;
    };
    QAction* evaluate = add("evaluateCall", tr("&Evaluate this call"), QKeySequence(Qt::CTRL | Qt::Key_E),
        [this] { m_detail->evaluation()->startEvaluation(); });
    // Usable once a call is open (the role gate may still keep it disabled).
    const auto followCall = [evaluate](const QString& callId) { evaluate->setEnabled(!callId.isEmpty()); };
    followCall(m_detail->currentCallId());
    connect(m_detail, &CallDetailPane::callChosen, evaluate, followCall);
    QAction* submit = add("submitEvaluation", tr("&Submit the evaluation"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return), [this] { m_detail->evaluation()->submit(); });
    // Usable when the panel's Submit is: the reviewer's own draft with nothing left to do (a submitted evaluation
    // has nothing to submit).
    submit->setEnabled(false);
    connect(
        m_detail->evaluation()->actionsBar(), &EvaluationActionsBar::submitAvailable, submit, [submit](bool available) {
            submit->setEnabled(available);
            submit->setStatusTip(
                available ? QString() : tr("Nothing to submit: open your draft and answer every question."));
        });
    m_menu->addSeparator();
    QAction* queueAction = m_queue->toggleViewAction();
    queueAction->setText(tr("Review &queue"));
    queueAction->setObjectName(QStringLiteral("reviewQueue"));
    queueAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q));
    m_menu->addAction(queueAction);
    m_actions << queueAction;
    connect(queueAction, &QAction::toggled, m_queue, [this](bool on) {
        if (on) {
            m_queue->refresh();
        }
    });
    QAction* searchAction = m_search->toggleViewAction();
    searchAction->setText(tr("Search &transcripts"));
    searchAction->setObjectName(QStringLiteral("searchTranscripts"));
    searchAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_menu->addAction(searchAction);
    m_actions << searchAction;
    connect(searchAction, &QAction::toggled, m_search, [this](bool on) {
        if (on) {
            m_search->queryEdit()->setFocus();
        }
    });
    add("samplingPlans", tr("Sampling &plans…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L),
        [this] { samplingDialog()->show(); });
    add("reports", tr("&Reports…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G), [this] {
        reportsWindow()->show();
        reportsWindow()->refresh();
    });
    m_menu->addSeparator();
    add("flagScenario", tr("&Flag region as training scenario…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
        [this] { flagScenario(); });
    add("trainingLibrary", tr("&Training library…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B), [this] {
        trainingLibrary()->show();
        trainingLibrary()->showEverything();
    });
    m_menu->addSeparator();
    add("scorecards", tr("Score&cards…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K),
        [this] { scorecardEditor()->show(); });
}

QList<QAction*> QualityActions::actions() const
{
    return m_actions;
}

void QualityActions::cacheReady()
{
    // The queue opens by itself when the signed-in reviewer has calls waiting.
    auto shown = std::make_shared<QMetaObject::Connection>();
    *shown = connect(m_queue, &ReviewQueueDock::refreshed, this, [this, shown] {
        disconnect(*shown);
        for (const QueueItem& i : m_queue->items()) {
            if (i.evaluationState.isEmpty() || i.evaluationState == QLatin1String("draft")) {
                m_queue->show();
                break;
            }
        }
    });
    m_queue->refresh();
}

ScorecardEditor* QualityActions::scorecardEditor()
{
    if (!m_editor) {
        m_editor = new ScorecardEditor(m_worker, m_window);
    }
    return m_editor;
}

SamplingDialog* QualityActions::samplingDialog()
{
    if (!m_sampling) {
        m_sampling = new SamplingDialog(m_worker, m_window);
        connect(m_sampling, &SamplingDialog::changed, m_queue, [this] {
            m_queue->show();
            m_queue->refresh();
        });
    }
    return m_sampling;
}

ScenarioLibraryDialog* QualityActions::trainingLibrary()
{
    if (!m_library) {
        m_library = new ScenarioLibraryDialog(m_worker, m_window);
    }
    return m_library;
}

ScenarioDialog* QualityActions::flagScenario()
{
    WaveformWidget* wave = m_detail->player()->waveform();
    if (m_detail->currentCallId().isEmpty() || !wave->hasSelection()) {
        MessageBox::information(m_window, tr("Flag as training scenario"),
            tr("Select the region of the call first: drag across it on the waveform."));
        return nullptr;
    }
    auto* dialog = new ScenarioDialog(
        m_worker, m_detail->currentCallId(), wave->selectionStart(), wave->selectionEnd(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ScenarioDialog::saved, this, [this](qint64 id, const QString& error) {
        if (error.isEmpty() && id > 0) {
            // Said where the trainer is looking: the main window's status line, and the library if it is open.
            Q_EMIT message(tr("Training scenario saved: it is in Quality › Training library (Ctrl+Shift+B)."));
            if (m_library) {
                m_library->refresh();
            }
        }
    });
    dialog->show();
    return dialog;
}

ReportsWindow* QualityActions::reportsWindow()
{
    if (!m_reports) {
        m_reports = new ReportsWindow(m_worker, m_window);
    }
    return m_reports;
}

} // namespace Earmark::Gui
