#pragma once

#include "sync/SyncReport.h"

#include <QDialog>

class QTableWidget;

namespace Earmark::Gui {

// The items the last sync rejected, each with the reason a person can act on.
class RejectionsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit RejectionsDialog(QWidget* parent = nullptr);
    void setRejections(const QList<Rejection>& rejected);
    int rowCount() const;

private:
    QTableWidget* m_table;
};

} // namespace Earmark::Gui
