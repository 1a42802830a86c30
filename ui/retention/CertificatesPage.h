#pragma once

#include "retention/DestructionCertificate.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

class EmptyState;

// The destruction certificates tab of Holds and retention: every run's signed certificate (when, the rule, who, how
// many calls it destroyed and how many holds kept), a copy of one for an auditor or a client (its JSON and .minisig,
// which `minisign -V` checks with the cache's public key), and the check of a certificate file someone hands back.
class CertificatesPage : public QWidget
{
    Q_OBJECT

public:
    explicit CertificatesPage(CacheWorker* worker, QWidget* parent = nullptr);

    void refresh();
    // Writes the selected certificate and its signature into folder (Export… asks for it).
    void exportSelectedTo(const QString& folder);
    // Checks a certificate file against this cache (Verify… asks for it); the outcome is said under the table.
    void verifyFile(const QString& path);

    QTableWidget* table() const { return m_table; }
    EmptyState* emptyState() const { return m_empty; }
    QPushButton* exportButton() const { return m_export; }
    QString resultText() const;

private:
    void show(const QList<CertificateInfo>& certificates);

    CacheWorker* m_worker;
    QTableWidget* m_table;
    EmptyState* m_empty;
    QPushButton* m_export;
    QPushButton* m_verify;
    QLabel* m_result;
};

} // namespace Earmark::Gui
