#pragma once

#include <QObject>

class QAction;
class QTableView;

namespace Earmark::Gui {

// The call list's context menu: what a reviewer does with the call under the pointer (play it from the start, copy
// its id) followed by the window's actions on the selected calls (evaluate, new case, hold, reveal numbers), each
// disabled as the role or the selection says.
class CallListMenu : public QObject
{
    Q_OBJECT

public:
    explicit CallListMenu(QTableView* view);

    // The window's actions, in menu order; nullptr adds a separator.
    void setActions(const QList<QAction*>& actions);
    QAction* action(const QString& objectName) const;

Q_SIGNALS:
    void playRequested(const QString& callId, double seconds);

private:
    QString currentCallId() const;

    QTableView* m_view;
    QAction* m_play;
    QAction* m_copy;
};

} // namespace Earmark::Gui
