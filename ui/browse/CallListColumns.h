#pragma once

#include "browse/CallFilter.h"

#include <QMenu>
#include <QObject>
#include <QPointer>
#include <QSet>

class QTableView;

namespace Earmark::Gui {

// The call list's columns: sized for what they hold at first start (a date and time whole, names and campaigns elided
// in the middle with the whole text as a tooltip), the ones a reviewer needs least (client, transcript) hidden until
// they are wanted, and a menu on the header to show or hide any of them. What the user sets is saved with the
// header's state by the window.
class CallListColumns : public QObject
{
    Q_OBJECT

public:
    explicit CallListColumns(QTableView* view);

    // Sizes and shows the columns as for a first start (when no saved state could be restored).
    void setDefaults();
    // The width the visible columns ask for (for the window's first splitter position).
    int preferredWidth() const;
    // Numbers revealed: the Phone column is widened to show them whole (if it is narrower).
    void fitPhones(bool revealed);
    // A column the role may not use is hidden and cannot be shown from the menu.
    void setAllowed(CallColumn column, bool allowed);
    // The header's menu while it is open (for tests).
    QMenu* headerMenu() const { return m_menu; }
    void showHeaderMenu(const QPoint& at);
    // The list is put in the order the header's arrow shows (after a restored state), and the arrow always shows
    // the order the list is in: a click on a column that cannot be sorted (the phone: personal) leaves it be.
    void applySortIndicator();

private:
    void followSort();

    QTableView* m_view;
    QSet<int> m_forbidden;
    QPointer<QMenu> m_menu;
};

} // namespace Earmark::Gui
