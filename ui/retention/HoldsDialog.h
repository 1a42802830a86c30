#pragma once

#include "retention/Holds.h"
#include "retention/Retention.h"

#include <QDialog>

class QCheckBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

class CertificatesPage;
class EmptyState;

// Administrators' view of what keeps calls and what retention will destroy: the legal holds (filter by case, reason,
// call or hold id; released ones on request) with Release, the retention preview (the period and where it comes
// from, the calls the next run would destroy or a later day's, the due calls holds keep) with Run now, and the
// destruction certificates the runs issued (CertificatesPage).
class HoldsDialog : public QDialog
{
    Q_OBJECT

public:
    HoldsDialog(CacheWorker* worker, const QString& cacheDir, QWidget* parent = nullptr);

    void refresh();
    // The retention tab again, as of the day chosen (today unless a later one is).
    void refreshPreview();
    // Shows the holds tab filtered to text (a call id, for "Release a hold on this call").
    void showHoldsMatching(const QString& text);
    void showRetention();
    // Releases the selected open hold, asking for the reason.
    void releaseSelected();
    // Runs retention now, after asking.
    void runRetention();

    QTableWidget* holdsTable() const { return m_holds; }
    QTableWidget* dueTable() const { return m_due; }
    QTableWidget* heldTable() const { return m_held; }
    // What the tables say while they are empty.
    EmptyState* holdsEmpty() const { return m_holdsEmpty; }
    EmptyState* dueEmpty() const { return m_dueEmpty; }
    EmptyState* heldEmpty() const { return m_heldEmpty; }
    QPushButton* runButton() const { return m_run; }
    QLabel* policyLabel() const { return m_policy; }
    QLineEdit* filterEdit() const { return m_filter; }
    QCheckBox* releasedCheck() const { return m_released; }
    // The day the retention tab shows (today, or a later one: what will be destroyed by then).
    QDateEdit* asOfEdit() const { return m_asOf; }
    QLabel* dueLabel() const { return m_dueLabel; }
    CertificatesPage* certificates() const { return m_certificates; }
    void showCertificates();

Q_SIGNALS:
    // Something was released or destroyed: the call list may have changed. message is for the status line.
    void changed(const QString& message);
    void retentionRequested();

private:
    void showHolds(const QList<Hold>& holds);
    void showPreview(const RetentionPreview& preview);
    void applyFilter();
    bool previewIsToday() const;

    CacheWorker* m_worker;
    QString m_cacheDir;
    QTabWidget* m_tabs;
    QLineEdit* m_filter;
    QCheckBox* m_released;
    QTableWidget* m_holds;
    QPushButton* m_release;
    QLabel* m_policy;
    QLabel* m_backupNote;
    QLabel* m_waiting;
    QTableWidget* m_due;
    QTableWidget* m_held;
    QPushButton* m_run;
    QDateEdit* m_asOf;
    QLabel* m_dueLabel;
    CertificatesPage* m_certificates;
    QList<Hold> m_allHolds;
    int m_dueCount = 0;
    EmptyState* m_holdsEmpty = nullptr;
    EmptyState* m_dueEmpty = nullptr;
    EmptyState* m_heldEmpty = nullptr;
};

} // namespace Earmark::Gui
