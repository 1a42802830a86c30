#include "ui/browse/CallListMenu.h"

#include "browse/CallListModel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QItemSelectionModel>
#include <QTableView>

namespace Earmark::Gui {

CallListMenu::CallListMenu(QTableView* view)
    : QObject(view)
    , m_view(view)
    , m_play(new QAction(tr("&Play from the start"), view))
    , m_copy(new QAction(tr("&Copy call ID"), view))
{
    m_play->setObjectName(QStringLiteral("playFromStart"));
    m_copy->setObjectName(QStringLiteral("copyCallId"));
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetShortcut); // Ctrl+C in the list copies the id, elsewhere text
    connect(m_play, &QAction::triggered, this, [this] {
        const QString id = currentCallId();
        if (!id.isEmpty()) {
            Q_EMIT playRequested(id, 0);
        }
    });
    connect(m_copy, &QAction::triggered, this, [this] {
        QStringList ids;
        for (const QModelIndex& index : m_view->selectionModel()->selectedRows(0)) {
            ids << index.data(CallListModel::CallIdRole).toString();
        }
        ids.removeAll(QString());
        if (!ids.isEmpty()) {
            QApplication::clipboard()->setText(ids.join(QLatin1Char('\n')));
        }
    });
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    setActions({});
}

QString CallListMenu::currentCallId() const
{
    return m_view->currentIndex().siblingAtColumn(0).data(CallListModel::CallIdRole).toString();
}

void CallListMenu::setActions(const QList<QAction*>& actions)
{
    for (QAction* a : m_view->actions()) {
        m_view->removeAction(a);
    }
    m_view->addAction(m_play);
    m_view->addAction(m_copy);
    auto* separator = new QAction(m_view);
    separator->setSeparator(true);
    m_view->addAction(separator);
    for (QAction* a : actions) {
        if (a) {
            m_view->addAction(a);
        } else {
            auto* s = new QAction(m_view);
            s->setSeparator(true);
            m_view->addAction(s);
        }
    }
}

QAction* CallListMenu::action(const QString& objectName) const
{
    for (QAction* a : m_view->actions()) {
        if (a->objectName() == objectName) {
            return a;
        }
    }
    return nullptr;
}

} // namespace Earmark::Gui
