#pragma once

#include "training/ScenarioLibrary.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QTextBrowser;
class QTreeWidget;

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

class PlayerWidget;
class StatusLine;

// The training library: browse, search and filter scenarios; a scenario shows only its anonymised transcript
// excerpt and plays its bleeped clip; export the chosen (or all shown) scenarios as a training pack.
class ScenarioLibraryDialog : public QDialog
{
    Q_OBJECT

public:
    ScenarioLibraryDialog(CacheWorker* worker, QWidget* parent = nullptr);

    // Opened afresh (from the menu): every scenario, not the last search's.
    void showEverything();
    void refresh();
    void open(qint64 id);
    void exportPack(const QString& folder, const QString& title);
    const QList<Scenario>& scenarios() const { return m_scenarios; }
    QString detailText() const;
    PlayerWidget* player() const { return m_player; }
    QLineEdit* searchEdit() const { return m_search; }
    StatusLine* statusLine() const { return m_status; }
    // What new scenarios do with staff names (the cache's training policy).
    QComboBox* staffPolicyBox() const { return m_staff; }

Q_SIGNALS:
    void refreshed();
    void opened(qint64 id);
    void exported(const QString& folder, const QString& error);
    void staffPolicySaved(const QString& error);

private:
    CacheWorker* m_worker;
    QList<Scenario> m_scenarios;
    QComboBox* m_category;
    QLineEdit* m_search;
    QTreeWidget* m_list;
    QTextBrowser* m_detail;
    PlayerWidget* m_player;
    QComboBox* m_staff;
    StatusLine* m_status;
};

} // namespace Earmark::Gui
