#pragma once

#include <QObject>
#include <QPointer>

class QAction;
class QMainWindow;
class QMenu;

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

class CallDetailPane;
class ReportsWindow;
class ReviewQueueDock;
class SamplingDialog;
class TranscriptSearchDock;
class ScenarioDialog;
class ScenarioLibraryDialog;
class ScorecardEditor;

// The window's quality review: the Quality menu and its shortcuts, the review queue dock, and the scorecard
// editor, sampling plans and reports windows (made when first opened).
class QualityActions : public QObject
{
    Q_OBJECT

public:
    QualityActions(CacheWorker* worker, QMainWindow* window, CallDetailPane* detail);

    QMenu* menu() const { return m_menu; }
    QList<QAction*> actions() const;
    void cacheReady();

    ReviewQueueDock* queue() const { return m_queue; }
    TranscriptSearchDock* search() const { return m_search; }
    ScorecardEditor* scorecardEditor();
    SamplingDialog* samplingDialog();
    ReportsWindow* reportsWindow();
    ScenarioLibraryDialog* trainingLibrary();
    // Opens the flag dialog for the region selected on the waveform (nullptr, with a message, when none is).
    ScenarioDialog* flagScenario();

Q_SIGNALS:
    // A transcript-search hit was opened: the window selects the call, seeks to the moment and plays.
    void playRequested(const QString& callId, double seconds);
    // What just happened, for the main window's status line.
    void message(const QString& text);

private:
    CacheWorker* m_worker;
    QMainWindow* m_window;
    CallDetailPane* m_detail;
    QMenu* m_menu;
    ReviewQueueDock* m_queue;
    TranscriptSearchDock* m_search;
    QPointer<ScorecardEditor> m_editor;
    QPointer<SamplingDialog> m_sampling;
    QPointer<ReportsWindow> m_reports;
    QPointer<ScenarioLibraryDialog> m_library;
    QList<QAction*> m_actions;
};

} // namespace Earmark::Gui
