#include "ui/browse/SelectionKeeper.h"

#include "browse/CallListModel.h"

#include <QItemSelectionModel>
#include <QTableView>

namespace Earmark::Gui {

SelectionKeeper::SelectionKeeper(QTableView* view, CallListModel* model)
    : QObject(view)
    , m_view(view)
    , m_model(model)
{
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, &SelectionKeeper::remember);
    connect(model, &QAbstractItemModel::modelReset, this, &SelectionKeeper::restore);
    connect(view, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        const QString id = index.siblingAtColumn(0).data(CallListModel::CallIdRole).toString();
        if (!id.isEmpty()) {
            Q_EMIT openRequested(id);
        }
    });
}

void SelectionKeeper::followCall(const QString& callId)
{
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid() && current.siblingAtColumn(0).data(CallListModel::CallIdRole).toString() == callId) {
        return;
    }
    const int row = m_model->loadedRowOf(callId);
    if (row >= 0) {
        m_view->selectionModel()->setCurrentIndex(
            m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    } else {
        m_view->setCurrentIndex(QModelIndex()); // also keeps the view's focus from making the top row current
    }
}

void SelectionKeeper::remember()
{
    m_selected.clear();
    QItemSelectionModel* selection = m_view->selectionModel();
    const QModelIndex current = selection->currentIndex();
    m_current = current.isValid() ? m_model->rowKeyAt(current.row()) : -1;
    m_currentColumn = current.isValid() ? current.column() : 0;
    const QModelIndexList rows = selection->selectedRows();
    if (rows.size() <= MaxKeptRows) {
        for (const QModelIndex& row : rows) {
            m_selected.insert(m_model->rowKeyAt(row.row()));
        }
    }
}

void SelectionKeeper::restore()
{
    if (m_current < 0 && m_selected.isEmpty()) {
        // Nothing current: said so to the view, or its next focus would make the top row current (and show it).
        m_view->setCurrentIndex(QModelIndex());
        return;
    }
    QSet<qint64> wanted = m_selected;
    if (m_current >= 0) {
        wanted.insert(m_current);
    }
    const QList<int> rows = m_model->rowsOfKeys(wanted);
    const int lastColumn = m_model->columnCount() - 1;
    QItemSelection selection;
    int currentRow = -1;
    int first = -1; // the open range of selected rows: first..last
    int last = -1;
    for (int row : rows) {
        const qint64 key = m_model->rowKeyAt(row);
        if (key == m_current) {
            currentRow = row;
        }
        if (!m_selected.contains(key)) {
            continue;
        }
        if (first >= 0 && row == last + 1) {
            last = row; // consecutive rows are one range: a kept block of a thousand rows is one range
            continue;
        }
        if (first >= 0) {
            selection.select(m_model->index(first, 0), m_model->index(last, lastColumn));
        }
        first = last = row;
    }
    if (first >= 0) {
        selection.select(m_model->index(first, 0), m_model->index(last, lastColumn));
    }
    QItemSelectionModel* model = m_view->selectionModel();
    if (currentRow >= 0) {
        // NoUpdate: the current call is set without touching the selection (the detail pane sees the same call).
        model->setCurrentIndex(m_model->index(currentRow, m_currentColumn), QItemSelectionModel::NoUpdate);
    } else {
        m_view->setCurrentIndex(QModelIndex()); // as above: the top row never becomes current by itself
    }
    if (!m_selected.isEmpty()) {
        model->select(selection, QItemSelectionModel::ClearAndSelect);
    }
}

} // namespace Earmark::Gui
