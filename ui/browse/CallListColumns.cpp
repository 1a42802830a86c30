#include "ui/browse/CallListColumns.h"

#include "browse/CallFilter.h"
#include "browse/CallListModel.h"

#include <QHeaderView>
#include <QMenu>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QTableView>

namespace Earmark::Gui {

namespace {
// The longest usual content of each column, by which it is sized.
QString sampleOf(CallColumn c)
{
    switch (c) {
    case CallColumn::Start:
        return QStringLiteral("2026-11-20 10:15");
    case CallColumn::Duration:
        return QStringLiteral("Duration");
    case CallColumn::Agent:
        return QStringLiteral("Daniel Hughes");
    case CallColumn::Campaign:
        return QStringLiteral("NWR-CSAT-26");
    case CallColumn::Client:
        return QStringLiteral("Northwind Rail");
    case CallColumn::Disposition:
        return QStringLiteral("complaint");
    case CallColumn::Phone:
        return QStringLiteral("••••434");
    case CallColumn::Transcript:
        return QStringLiteral("Transcript");
    case CallColumn::Evaluated:
        return QStringLiteral("Evaluated"); // the last column: it takes the rest of the width
    case CallColumn::Count:
        break;
    }
    return {};
}

bool hiddenAtFirst(CallColumn c)
{
    // Shown in the call's header and the filters; a column each would not leave the list room at 1280 pixels.
    return c == CallColumn::Campaign || c == CallColumn::Client || c == CallColumn::Transcript;
}
} // namespace

CallListColumns::CallListColumns(QTableView* view)
    : QObject(view)
    , m_view(view)
{
    m_view->setTextElideMode(Qt::ElideMiddle);
    // As a mail client's message list: the columns always fit the list's width (the last one takes the rest, long
    // texts elide), never a sideways scroll bar.
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    QHeaderView* header = m_view->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setStretchLastSection(true); // the last column takes what is left: no sideways scrolling at 1280 px
    // ... down to a few letters (its header then elided), rather than a scroll bar for the last few pixels.
    header->setMinimumSectionSize(m_view->fontMetrics().horizontalAdvance(QStringLiteral("MMM")));
    connect(header, &QHeaderView::customContextMenuRequested, this, &CallListColumns::showHeaderMenu);
    // After the view's own connection has sorted the model (or refused to).
    connect(header, &QHeaderView::sortIndicatorChanged, this, &CallListColumns::followSort);
}

void CallListColumns::applySortIndicator()
{
    const QHeaderView* header = m_view->horizontalHeader();
    m_view->model()->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
    followSort();
}

void CallListColumns::followSort()
{
    const auto* model = qobject_cast<const CallListModel*>(m_view->model());
    if (!model) {
        return;
    }
    const int column = static_cast<int>(model->filter().sortColumn);
    const Qt::SortOrder order = model->filter().descending ? Qt::DescendingOrder : Qt::AscendingOrder;
    QHeaderView* header = m_view->horizontalHeader();
    if (header->sortIndicatorSection() != column || header->sortIndicatorOrder() != order) {
        const QSignalBlocker quiet(header);
        header->setSortIndicator(column, order);
        header->viewport()->update();
    }
}

void CallListColumns::fitPhones(bool revealed)
{
    // Whole numbers are longer than masked ones: the column grows to show them whole (never shrinks what the user
    // set), taking the width from the last column.
    const int phone = static_cast<int>(CallColumn::Phone);
    if (!revealed || m_view->isColumnHidden(phone)) {
        return;
    }
    const QFontMetrics fm = m_view->fontMetrics();
    const int whole
        = fm.horizontalAdvance(QStringLiteral("+447700900123")) + fm.horizontalAdvance(QLatin1Char('M')) + 2;
    if (m_view->columnWidth(phone) < whole) {
        m_view->setColumnWidth(phone, whole);
    }
}

void CallListColumns::setDefaults()
{
    const QFontMetrics fm = m_view->fontMetrics();
    const int padding = fm.horizontalAdvance(QLatin1Char('M')) + 2; // the cell margins and a little air
    for (int c = 0; c < int(CallColumn::Count); ++c) {
        const auto column = static_cast<CallColumn>(c);
        m_view->setColumnWidth(c, fm.horizontalAdvance(sampleOf(column)) + padding);
        m_view->setColumnHidden(c, hiddenAtFirst(column) || m_forbidden.contains(c));
    }
}

int CallListColumns::preferredWidth() const
{
    int width = m_view->verticalHeader()->isVisible() ? m_view->verticalHeader()->width() : 0;
    for (int c = 0; c < int(CallColumn::Count); ++c) {
        if (!m_view->isColumnHidden(c)) {
            width += m_view->columnWidth(c);
        }
    }
    return width + m_view->verticalScrollBar()->sizeHint().width() + 2 * m_view->frameWidth();
}

void CallListColumns::setAllowed(CallColumn column, bool allowed)
{
    if (allowed) {
        if (m_forbidden.remove(int(column))) {
            m_view->setColumnHidden(int(column), hiddenAtFirst(column)); // allowed again: shown as at first
        }
    } else {
        m_forbidden.insert(int(column));
    }
    if (!allowed) {
        m_view->setColumnHidden(int(column), true);
    }
}

void CallListColumns::showHeaderMenu(const QPoint& at)
{
    auto* menu = new QMenu(m_view);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    QAbstractItemModel* model = m_view->model();
    for (int c = 0; c < model->columnCount(); ++c) {
        QAction* a = menu->addAction(model->headerData(c, Qt::Horizontal).toString());
        a->setObjectName(QStringLiteral("column-%1").arg(c));
        a->setCheckable(true);
        a->setChecked(!m_view->isColumnHidden(c));
        // The date stays (a list of calls without when they were is no use); a role's forbidden column stays away.
        a->setEnabled(c != int(CallColumn::Start) && !m_forbidden.contains(c));
        connect(a, &QAction::toggled, this, [this, c](bool shown) { m_view->setColumnHidden(c, !shown); });
    }
    menu->addSeparator();
    connect(menu->addAction(tr("Default columns")), &QAction::triggered, this, &CallListColumns::setDefaults);
    m_menu = menu;
    menu->popup(m_view->horizontalHeader()->mapToGlobal(at));
}

} // namespace Earmark::Gui
