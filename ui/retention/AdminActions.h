#pragma once

#include "retention/BackgroundRetention.h"

#include <QObject>
#include <QPointer>

class QAction;
class QMainWindow;
class QMenu;
class QTableView;

namespace Earmark {
class AuditAnchorKeychain;
class CacheWorker;
} // namespace Earmark

namespace Earmark::Gui {

class AuditDialog;
class HoldsDialog;

// The window's Admin menu: legal holds on the selected calls, the Holds and retention view, the audit log, and the
// retention runs (at start, after each sync, daily, or on request). The call actions are also on the call list's
// context menu. In keychain mode it also replaces the master key after destroying runs and keeps the keychain's copy
// of the audit checkpoint.
class AdminActions : public QObject
{
    Q_OBJECT

public:
    AdminActions(CacheWorker* worker, QMainWindow* window, QTableView* calls, const QString& cacheDir);

    QMenu* menu() const { return m_menu; }
    QList<QAction*> actions() const { return m_actions; }
    // Those that act on the selected calls, for the call list's context menu.
    QList<QAction*> callActions() const { return m_callActions; }
    BackgroundRetention* retention() const { return m_retention; }
    // Keychain mode: keeps the keychain's copy of each audit checkpoint the cache writes.
    AuditAnchorKeychain* auditAnchors() const { return m_anchors; }
    void cacheReady();

    // The call ids selected in the list.
    QStringList selectedCalls() const;
    void holdSelected();
    void releaseOnCurrent();
    HoldsDialog* holdsDialog();
    AuditDialog* auditDialog();

Q_SIGNALS:
    void message(const QString& text);
    // Calls were destroyed or holds changed: the list may show something else now.
    void callsChanged();
    // The organisation's redaction-review rule was changed here.
    void reviewRuleChanged(bool required);

private:
    void onRetentionFinished(const DestructionOutcome& outcome, const QString& error);
    // Keychain mode: after a run that destroyed calls (or one a killed process left), replace the master key.
    void rotateKeysIfDue();
    void setReviewRequired(bool required);

    CacheWorker* m_worker;
    QMainWindow* m_window;
    QTableView* m_calls;
    QList<QAction*> m_callActions;
    QString m_cacheDir;
    QMenu* m_menu;
    BackgroundRetention* m_retention;
    AuditAnchorKeychain* m_anchors;
    QPointer<HoldsDialog> m_holds;
    QPointer<AuditDialog> m_audit;
    QList<QAction*> m_actions;
    QAction* m_reviewRule = nullptr;
    bool m_rotating = false;
};

} // namespace Earmark::Gui
