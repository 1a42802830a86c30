#pragma once

#include "cache/AuditTrail.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

// The audit log for administrators and auditors: filters (dates, a case's reference or a call or other id, who,
// kind of action), the newest matching entries with their details in words, the newest signed checkpoint with the
// cache's public key (copyable), a full check, and CSV export (itself audited).
class AuditDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr int PageSize = 2000;

    AuditDialog(CacheWorker* worker, QWidget* parent = nullptr);

    void refresh();
    void showSubject(const QString& subject);
    // Checks the whole log and says what was found.
    void verify();
    // Writes the filtered entries to path as CSV (the Export button asks for the path first).
    void exportTo(const QString& path);

    QTableWidget* table() const { return m_table; }
    QLineEdit* subjectEdit() const { return m_subject; }
    QLineEdit* publicKeyEdit() const { return m_key; }
    QLabel* summaryLabel() const { return m_summary; }

Q_SIGNALS:
    void message(const QString& text);

private:
    AuditFilter filter() const;
    void showPage(const AuditPage& page);

    CacheWorker* m_worker;
    QCheckBox* m_useFrom;
    QDateEdit* m_from;
    QCheckBox* m_useTo;
    QDateEdit* m_to;
    QLineEdit* m_subject;
    QLineEdit* m_actor;
    QComboBox* m_action;
    QTableWidget* m_table;
    QLabel* m_summary;
    QLabel* m_checkpoint;
    QLineEdit* m_key;
};

} // namespace Earmark::Gui
