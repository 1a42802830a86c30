#pragma once

#include <QObject>
#include <QSet>

class QTableView;

namespace Earmark {
class CallListModel;
}

namespace Earmark::Gui {

// Keeps the call list's selection and current call over a refresh of the list (after a sync, a hold, a new case,
// an evaluation): the same calls stay selected and the same call current wherever they now are, so the next click
// or action never lands on the top call instead. The list follows the call shown, wherever it was opened from. Calls
// the refresh no longer lists drop out of the selection.
class SelectionKeeper : public QObject
{
    Q_OBJECT

public:
    // A selection of more rows than this (a select-all of a large list) keeps only the current call.
    static constexpr int MaxKeptRows = 10000;

    SelectionKeeper(QTableView* view, CallListModel* model);

    // The detail pane shows this call (opened from the list, the review queue, a search hit, a case): its row becomes
    // the current one when the list has it, otherwise none is. Never another call: a row left current would be shown
    // again by the next refresh or focus of the list, and audited as opened.
    void followCall(const QString& callId);

Q_SIGNALS:
    // Enter or a double click on a row: open it (again, after a call opened from elsewhere).
    void openRequested(const QString& callId);

private:
    void remember();
    void restore();

    QTableView* m_view;
    CallListModel* m_model;
    QSet<qint64> m_selected;
    qint64 m_current = -1;
    int m_currentColumn = 0;
};

} // namespace Earmark::Gui
