#pragma once

#include "sync/SyncReport.h"

#include <QMainWindow>

class QLabel;
class QSplitter;
class QTableView;
class QAction;

namespace Earmark {
struct MyRoles;
class BackgroundSync;
class CacheWorker;
class CallListModel;
} // namespace Earmark

namespace Earmark::Gui {

class AdminActions;
class CaseActions;
class MainStatus;
class SelectionKeeper;
class RoleGate;
class CallDetailPane;
class CallListColumns;
class FilterBar;
class QualityActions;
class RejectionsDialog;
class ShellActions;

// The review window: filters, the call list, the selected call's details and transcript; sync in the background.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(CacheWorker* worker, const QString& cacheDir, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Called once the cache is open.
    void cacheReady();
    void showMessage(const QString& message);
    // A step of unknown length under way (the first start's demo store and new key): the message with a busy bar,
    // until showMessage or a sync's progress takes the status line.
    void showBusy(const QString& message);
    bool isBusy() const;

    CallListModel* model() const { return m_model; }
    QTableView* callView() const { return m_view; }
    FilterBar* filterBar() const { return m_filters; }
    CallDetailPane* detailPane() const { return m_detail; }
    BackgroundSync* backgroundSync() const { return m_sync; }
    QualityActions* quality() const { return m_quality; }
    AdminActions* admin() const { return m_admin; }
    CaseActions* cases() const { return m_cases; }
    RoleGate* roleGate() const { return m_gate; }
    // Shows a call in the detail pane and plays it from a moment (a case's call or flagged moment).
    void playCall(const QString& callId, double seconds);
    RejectionsDialog* rejectionsDialog() const { return m_rejections; }
    QAction* syncAction() const { return m_syncAction; }
    QAction* revealAction() const { return m_revealAction; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildActions();
    void guardActions(QAction* phoneSearch);
    void applyRoles(const MyRoles& roles);
    // What the window loads once the roles are known (the call list, the review queue).
    void loadForRoles();
    void onSyncProgress(const SyncProgress& p);
    void onSyncFinished(const SyncReport& report, const QString& error);
    void updateCount();
    void about();

    CacheWorker* m_worker;
    QString m_cacheDir;
    CallListModel* m_model;
    FilterBar* m_filters;
    QTableView* m_view;
    CallDetailPane* m_detail;
    QSplitter* m_splitter;
    CallListColumns* m_columns = nullptr;
    BackgroundSync* m_sync;
    RejectionsDialog* m_rejections;
    QualityActions* m_quality;
    AdminActions* m_admin = nullptr;
    CaseActions* m_cases = nullptr;
    RoleGate* m_gate;
    QString m_playWhenReady;
    double m_playAt = 0;
    MainStatus* m_status;
    SelectionKeeper* m_keeper = nullptr;
    QLabel* m_roleLabel;
    ShellActions* m_shell = nullptr;
    QAction* m_syncAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_revealAction = nullptr;
    QAction* m_rejectedAction = nullptr;
};

} // namespace Earmark::Gui
