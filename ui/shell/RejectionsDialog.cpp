#include "ui/shell/RejectionsDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Earmark::Gui {

RejectionsDialog::RejectionsDialog(QWidget* parent)
    : QDialog(parent)
    , m_table(new QTableWidget(0, 2, this))
{
    setWindowTitle(tr("Rejected items"));
    m_table->setObjectName(QStringLiteral("rejections"));
    m_table->setHorizontalHeaderLabels({tr("Item in the store"), tr("Why it was not imported")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Everything else was imported. Each item below is tried again by the next sync; "
                                    "ask the provider to correct it."),
        this));
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(900, 400);
}

void RejectionsDialog::setRejections(const QList<Rejection>& rejected)
{
    m_table->setRowCount(static_cast<int>(rejected.size()));
    for (int i = 0; i < rejected.size(); ++i) {
        m_table->setItem(i, 0, new QTableWidgetItem(rejected.at(i).item));
        m_table->setItem(i, 1, new QTableWidgetItem(rejected.at(i).reason));
    }
    m_table->resizeRowsToContents();
}

int RejectionsDialog::rowCount() const
{
    return m_table->rowCount();
}

} // namespace Earmark::Gui
