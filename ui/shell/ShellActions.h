#pragma once

#include <QList>
#include <QObject>
#include <functional>

class QAction;
class QMainWindow;
class QMenu;
class QToolBar;

namespace Earmark::Gui {

// The window's own actions, apart from the features' menus: Sync and Cancel sync, revealing numbers, the rejected
// items, the phone search, Quit, About and the keyboard shortcuts (every action the window has, listed by
// `allActions`); the File, View and Help menus and the main toolbar they sit in.
class ShellActions : public QObject
{
    Q_OBJECT

public:
    ShellActions(QMainWindow* window, std::function<QList<QAction*>()> allActions);

    QAction* sync() const { return m_sync; }
    QAction* cancelSync() const { return m_cancel; }
    QAction* reveal() const { return m_reveal; }
    QAction* rejected() const { return m_rejected; }
    QAction* phoneSearch() const { return m_phoneSearch; }
    // Whether the call list is shown (F9): hidden, the call being reviewed has the window's width.
    QAction* callList() const { return m_callList; }
    // Those of the window itself (for the shortcuts list): sync, cancel, reveal, rejected items, phone search, the
    // call list.
    QList<QAction*> actions() const;

    void addToolbar();
    QMenu* addFileMenu();
    QMenu* addViewMenu();
    QMenu* addHelpMenu();

Q_SIGNALS:
    void aboutRequested();

private:
    QMainWindow* m_window;
    std::function<QList<QAction*>()> m_allActions;
    QAction* m_sync;
    QAction* m_cancel;
    QAction* m_reveal;
    QAction* m_rejected;
    QAction* m_phoneSearch;
    QAction* m_callList;
    QAction* m_quit;
    QAction* m_about;
    QAction* m_shortcuts;
};

} // namespace Earmark::Gui
