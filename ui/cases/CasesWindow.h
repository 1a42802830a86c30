#pragma once

#include "cases/Cases.h"
#include "ui/shell/ToolWindow.h"

#include <QWidget>
#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

class StatusLine;
class CasePage;

// The complaint handler's window: the cases with filters (status, type, reference or call), the selected case's page,
// opening a case, and its evidence pack. The key that signs the packs is shown, to copy to a recipient.
class CasesWindow : public ToolWindow
{
    Q_OBJECT

public:
    // selectedCalls: the calls selected in the main window's list (for a new case, or to add to one).
    CasesWindow(CacheWorker* worker, std::function<QStringList()> selectedCalls, QWidget* parent = nullptr);

    void refresh();
    // Selects the case once the list has it.
    void showCase(const QString& caseId);
    void newCase();
    // Writes the current case's evidence pack to zipPath (Export evidence… asks for it).
    void exportEvidence(const QString& zipPath);

    QTableWidget* list() const { return m_list; }
    CasePage* page() const { return m_page; }
    QComboBox* statusFilter() const { return m_status; }
    QComboBox* typeFilter() const { return m_type; }
    QLineEdit* searchEdit() const { return m_search; }
    QLineEdit* publicKeyEdit() const { return m_key; }
    QString statusText() const;
    StatusLine* statusLine() const { return m_statusText; }

Q_SIGNALS:
    void message(const QString& text);
    void playRequested(const QString& callId, double seconds);
    // Cases or their holds changed: the call list may show other hold states.
    void casesChanged();

private:
    void loadCase(const QString& caseId);
    void changed(const QString& caseId, const QString& text);
    void fail(const QString& title, const QString& error);
    void setDone(const QString& text);
    CaseFilter filter() const;

    CacheWorker* m_worker;
    std::function<QStringList()> m_selectedCalls;
    QComboBox* m_status;
    QComboBox* m_type;
    QLineEdit* m_search;
    QPushButton* m_new;
    QTableWidget* m_list;
    CasePage* m_page;
    QLineEdit* m_key;
    QLabel* m_count;
    StatusLine* m_statusText;
    QString m_wanted; // the case to select when the list arrives
    quint64 m_generation = 0;
};

} // namespace Earmark::Gui
