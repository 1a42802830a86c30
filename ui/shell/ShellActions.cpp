#include "ui/shell/ShellActions.h"

#include "ui/shell/ShortcutsDialog.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QStyle>
#include <QToolBar>

namespace Earmark::Gui {

ShellActions::ShellActions(QMainWindow* window, std::function<QList<QAction*>()> allActions)
    : QObject(window)
    , m_window(window)
    , m_allActions(std::move(allActions))
{
    QStyle* s = window->style();
    m_sync = new QAction(s->standardIcon(QStyle::SP_BrowserReload), tr("&Sync"), window);
    m_sync->setShortcut(QKeySequence::Refresh);
    m_sync->setToolTip(tr("Import new and changed calls from the recording store (F5)"));
    m_cancel = new QAction(s->standardIcon(QStyle::SP_BrowserStop), tr("&Cancel sync"), window);
    m_cancel->setEnabled(false);
    m_cancel->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_reveal = new QAction(tr("&Reveal phone numbers"), window);
    m_reveal->setObjectName(QStringLiteral("revealNumbers"));
    m_reveal->setCheckable(true);
    m_reveal->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_rejected = new QAction(s->standardIcon(QStyle::SP_MessageBoxWarning), tr("Rejected &items…"), window);
    m_rejected->setEnabled(false);
    m_rejected->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    m_phoneSearch = new QAction(tr("Search by &phone number"), window);
    m_phoneSearch->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    window->addAction(m_phoneSearch); // in no menu: the window's shortcut
    m_callList = new QAction(tr("&Call list"), window);
    m_callList->setObjectName(QStringLiteral("showCallList"));
    m_callList->setCheckable(true);
    m_callList->setChecked(true);
    m_callList->setShortcut(QKeySequence(Qt::Key_F9));
    m_callList->setToolTip(tr("Show or hide the list of calls, to give the call you are reviewing the room (F9)"));
    m_quit = new QAction(tr("&Quit"), window);
    m_quit->setShortcut(QKeySequence::Quit);
    m_about = new QAction(tr("&About Earmark"), window);
    m_shortcuts = new QAction(tr("&Keyboard shortcuts…"), window);
    m_shortcuts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    connect(m_quit, &QAction::triggered, window, &QWidget::close);
    connect(m_about, &QAction::triggered, this, &ShellActions::aboutRequested);
    connect(m_shortcuts, &QAction::triggered, this, [this] {
        auto* dialog = new ShortcutsDialog(m_allActions(), m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
}

QList<QAction*> ShellActions::actions() const
{
    return {m_sync, m_cancel, m_reveal, m_rejected, m_phoneSearch, m_callList};
}

void ShellActions::addToolbar()
{
    auto* toolbar = m_window->addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_sync);
    toolbar->addAction(m_cancel);
    toolbar->addSeparator();
    toolbar->addAction(m_reveal);
    toolbar->addAction(m_rejected);
}

QMenu* ShellActions::addFileMenu()
{
    QMenu* file = m_window->menuBar()->addMenu(tr("&File"));
    file->addAction(m_sync);
    file->addAction(m_cancel);
    file->addSeparator();
    file->addAction(m_quit);
    return file;
}

QMenu* ShellActions::addViewMenu()
{
    QMenu* view = m_window->menuBar()->addMenu(tr("&View"));
    view->addAction(m_callList);
    view->addSeparator();
    view->addAction(m_reveal);
    view->addAction(m_rejected);
    return view;
}

QMenu* ShellActions::addHelpMenu()
{
    QMenu* help = m_window->menuBar()->addMenu(tr("&Help"));
    help->addAction(m_shortcuts);
    help->addAction(m_about);
    return help;
}

} // namespace Earmark::Gui
