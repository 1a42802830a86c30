#pragma once

#include <QObject>
#include <QPointer>
#include <functional>

class QAction;
class QMainWindow;
class QMenu;
class QTimer;
class QToolButton;

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

class CallDetailPane;
class CasesWindow;
class RequestsWindow;

// The window's Cases menu: the Cases window, a new case from the selected calls, flagging the moment being played as
// threatening or abusive (staff safety), and the subject access requests, with the badge that shows those due within
// seven days or overdue.
class CaseActions : public QObject
{
    Q_OBJECT

public:
    CaseActions(
        CacheWorker* worker, QMainWindow* window, CallDetailPane* detail, std::function<QStringList()> selectedCalls);

    QMenu* menu() const { return m_menu; }
    QList<QAction*> actions() const { return m_actions; }
    QAction* action(const QString& objectName) const;
    // In the status bar: "2 requests due", hidden when none is.
    QToolButton* badge() const { return m_badge; }
    CasesWindow* casesWindow();
    RequestsWindow* requestsWindow();
    void cacheReady(bool requestsAllowed);
    // Flags the moment the player is at (asks what kind, with a note).
    void flagMoment();
    // Re-reads how many requests are due (at start, when they change, every hour).
    void refreshBadge();

Q_SIGNALS:
    void message(const QString& text);
    void playRequested(const QString& callId, double seconds);
    void callsChanged();

private:
    CacheWorker* m_worker;
    QMainWindow* m_window;
    CallDetailPane* m_detail;
    std::function<QStringList()> m_selectedCalls;
    QMenu* m_menu;
    QToolButton* m_badge;
    QTimer* m_badgeTimer;
    QPointer<CasesWindow> m_cases;
    QPointer<RequestsWindow> m_requests;
    QList<QAction*> m_actions;
    bool m_requestsAllowed = false;
};

} // namespace Earmark::Gui
