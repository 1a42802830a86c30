#include "ui/retention/CertificatesPage.h"

#include "cache/CacheWorker.h"
#include "core/TimeText.h"
#include "retention/DestructionCertificates.h"
#include "ui/shell/EmptyState.h"
#include "ui/shell/MessageBox.h"
#include "ui/shell/RecordTable.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Earmark::Gui {

CertificatesPage::CertificatesPage(CacheWorker* worker, QWidget* parent)
    : QWidget(parent)
    , m_worker(worker)
    , m_table(new QTableWidget(this))
    , m_export(new QPushButton(tr("&Export…"), this))
    , m_verify(new QPushButton(tr("&Verify a certificate file…"), this))
    , m_result(new QLabel(this))
{
    setObjectName(QStringLiteral("certificatesPage"));
    RecordTable::setUp(
        m_table, {tr("Run"), tr("Issued (UTC)"), tr("Rule"), tr("By"), tr("Destroyed"), tr("Kept by holds")});
    m_empty = new EmptyState(m_table,
        tr("No destruction certificate yet. Each retention run that destroys calls issues one, signed with this "
           "cache's key."));
    m_export->setEnabled(false);
    m_export->setToolTip(tr("Write the selected certificate and its signature (.minisig) into a folder"));
    m_verify->setToolTip(tr("Check a certificate file against this cache: its signature and its audit log entry"));
    m_result->setObjectName(QStringLiteral("certificateResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_result);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_verify);
    buttons->addWidget(m_export);
    layout->addLayout(buttons);

    connect(m_table, &QTableWidget::itemSelectionChanged, this,
        [this] { m_export->setEnabled(m_table->currentRow() >= 0 && !m_table->selectedItems().isEmpty()); });
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder for the certificate"));
        if (!folder.isEmpty()) {
            exportSelectedTo(folder);
        }
    });
    connect(m_verify, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Verify a destruction certificate"), {}, tr("Certificates (*.json *.minisig)"));
        if (!path.isEmpty()) {
            verifyFile(path);
        }
    });
}

void CertificatesPage::refresh()
{
    m_worker->run<DestructionCertificates>(
        this, [](DestructionCertificates& c) { return c.list(); },
        [this](Result<QList<CertificateInfo>> all) {
            if (!all) {
                m_empty->setText(tr("The certificates could not be read: %1").arg(all.errorMessage()));
                m_table->setRowCount(0);
                return;
            }
            show(all.value());
        });
}

void CertificatesPage::show(const QList<CertificateInfo>& certificates)
{
    m_table->setRowCount(static_cast<int>(certificates.size()));
    for (int i = 0; i < certificates.size(); ++i) {
        const CertificateInfo& c = certificates.at(i);
        const QStringList cells {
            c.runId, utcText(c.atUtc), c.rule, c.byUser, QString::number(c.destroyed), QString::number(c.held)};
        for (int col = 0; col < cells.size(); ++col) {
            auto* item = new QTableWidgetItem(cells.at(col));
            item->setToolTip(col == 0 ? QDir::toNativeSeparators(c.path) : cells.at(col));
            if (col >= 4) {
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            }
            m_table->setItem(i, col, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_export->setEnabled(false);
    m_empty->update();
}

void CertificatesPage::exportSelectedTo(const QString& folder)
{
    const int row = m_table->currentRow();
    if (row < 0 || !m_table->item(row, 0)) {
        return;
    }
    const QString runId = m_table->item(row, 0)->text();
    m_worker->run<DestructionCertificates>(
        this, [runId, folder](DestructionCertificates& c) { return c.exportTo(runId, folder); },
        [this, runId](Result<QString> path) {
            if (!path) {
                m_result->setText(tr("Certificate %1 was not written: %2").arg(runId, path.errorMessage()));
                MessageBox::critical(this, tr("Export the certificate"), path.errorMessage());
                return;
            }
            m_result->setText(tr("Certificate %1 written to %2, with its signature (.minisig). Anyone can check it "
                                 "with minisign -Vm and this cache's public signing key (shown in the Cases window).")
                                  .arg(runId, QDir::toNativeSeparators(path.value())));
        });
}

void CertificatesPage::verifyFile(const QString& path)
{
    m_worker->run<DestructionCertificates>(
        this, [path](DestructionCertificates& c) { return c.verify(path); },
        [this, path](Result<QString> run) {
            const QString file = QDir::toNativeSeparators(path);
            if (!run) {
                m_result->setText(tr("<b>Not intact:</b> %1 (%2)").arg(run.errorMessage().toHtmlEscaped(), file));
                MessageBox::critical(this, tr("Verify a destruction certificate"), run.errorMessage());
                return;
            }
            m_result->setText(tr("<b>Intact:</b> certificate %1 (%2) is signed by this cache's key and recorded in "
                                 "its audit log.")
                                  .arg(run.value(), file.toHtmlEscaped()));
        });
}

QString CertificatesPage::resultText() const
{
    return m_result->text();
}

} // namespace Earmark::Gui
