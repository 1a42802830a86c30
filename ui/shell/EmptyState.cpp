#include "ui/shell/EmptyState.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>

namespace Earmark::Gui {

EmptyState::EmptyState(QAbstractItemView* view, const QString& text)
    : QObject(view)
    , m_view(view)
    , m_label(new QLabel(text, view->viewport()))
{
    m_label->setObjectName(QStringLiteral("emptyState"));
    m_label->setWordWrap(true);
    m_label->setAlignment(Qt::AlignCenter);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setForegroundRole(QPalette::PlaceholderText);
    m_label->setAttribute(Qt::WA_TransparentForMouseEvents);
    view->viewport()->installEventFilter(this);
    QAbstractItemModel* model = view->model();
    // Queued: a model emptied while its view is being destroyed (its rows removed in the view's destructor) finds
    // this object gone by then, and the call is dropped.
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(model, signal, this, &EmptyState::update, Qt::QueuedConnection);
    }
    connect(model, &QAbstractItemModel::modelReset, this, &EmptyState::update, Qt::QueuedConnection);
    connect(model, &QAbstractItemModel::layoutChanged, this, &EmptyState::update, Qt::QueuedConnection);
    update();
}

void EmptyState::setText(const QString& text)
{
    m_label->setText(text);
    place();
}

QString EmptyState::text() const
{
    return m_label->text();
}

bool EmptyState::isShown() const
{
    return !m_label->isHidden();
}

void EmptyState::update()
{
    const QAbstractItemModel* model = m_view->model();
    const int rows = model ? model->rowCount(m_view->rootIndex()) : 0;
    bool any = false;
    auto* table = qobject_cast<QTableView*>(m_view);
    for (int row = 0; row < rows && !any; ++row) {
        any = !table || !table->isRowHidden(row);
    }
    m_label->setVisible(!any);
    place();
}

bool EmptyState::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize) {
        place();
    }
    return QObject::eventFilter(watched, event);
}

void EmptyState::place()
{
    const QRect room = m_view->viewport()->rect().adjusted(16, 8, -16, -8);
    m_label->setGeometry(
        room.left(), room.top(), room.width(), std::min(room.height(), m_label->heightForWidth(room.width()) + 8));
}

} // namespace Earmark::Gui
