#include "ui/retention/AdminActions.h"

#include "browse/CallListModel.h"
#include "cache/CacheFolder.h"
#include "cache/CacheWorker.h"
#include "cache/MasterKeyState.h"
#include "keys/AuditAnchorKeychain.h"
#include "keys/KeyInfo.h"
#include "keys/KeyRotation.h"
#include "redaction/RedactionReviews.h"
#include "ui/retention/AuditDialog.h"
#include "ui/retention/HoldsDialog.h"
#include "ui/retention/PlaceHoldDialog.h"
#include "ui/shell/MessageBox.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QMainWindow>
#include <QMenu>
#include <QTableView>

namespace Earmark::Gui {

AdminActions::AdminActions(CacheWorker* worker, QMainWindow* window, QTableView* calls, const QString& cacheDir)
    : QObject(window)
    , m_worker(worker)
    , m_window(window)
    , m_calls(calls)
    , m_cacheDir(cacheDir)
    , m_menu(new QMenu(tr("Ad&min"), window))
    , m_retention(new BackgroundRetention(worker, this))
    , m_anchors(new AuditAnchorKeychain(cacheDir, this))
{
    connect(worker, &CacheWorker::auditAnchorWritten, m_anchors, &AuditAnchorKeychain::store);
    connect(m_anchors, &AuditAnchorKeychain::failed, this, &AdminActions::message);
    auto add = [this](const char* name, const QString& text, const QKeySequence& key, auto slot, bool onCalls) {
        auto* a = new QAction(text, m_window);
        a->setObjectName(QString::fromLatin1(name));
        a->setShortcut(key);
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, this, slot);
        m_menu->addAction(a);
        m_window->addAction(a);
        if (onCalls) {
            m_callActions << a;
        }
        m_actions << a;
        return a;
    };
    add(
        "holdCalls", tr("&Hold the selected calls…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H),
        [this] { holdSelected(); }, true);
    add(
        "releaseHold", tr("&Release a hold on this call…"), QKeySequence(), [this] { releaseOnCurrent(); }, true);
    add(
        "callAudit", tr("Audit entries for this &call"), QKeySequence(),
        [this] {
            const QStringList ids = selectedCalls();
            auditDialog()->showSubject(ids.isEmpty() ? QString() : ids.constFirst());
            auditDialog()->show();
        },
        true);
    m_menu->addSeparator();
    add(
        "holdsRetention", tr("Holds and re&tention…"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_H),
        [this] {
            holdsDialog()->showHoldsMatching({});
            holdsDialog()->refresh();
            holdsDialog()->show();
        },
        false);
    add(
        "auditLog", tr("&Audit log…"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_A),
        [this] {
            auditDialog()->refresh();
            auditDialog()->show();
        },
        false);
    add(
        "certificates", tr("Destruction &certificates…"), QKeySequence(),
        [this] {
            holdsDialog()->refresh();
            holdsDialog()->showCertificates();
            holdsDialog()->show();
        },
        false);
    m_menu->addSeparator();
    add(
        "runRetention", tr("Run retention &now"), QKeySequence(),
        [this] {
            holdsDialog()->refresh();
            holdsDialog()->showRetention();
            holdsDialog()->show();
        },
        false);
    m_menu->addSeparator();
    // The organisation's rule for anonymised transcripts leaving Earmark (see RedactionReviews::reviewRequired).
    m_reviewRule = add(
        "requireRedactionReview", tr("Require a redaction &review before anonymised exports"), QKeySequence(),
        [this] { setReviewRequired(m_reviewRule->isChecked()); }, false);
    m_reviewRule->setCheckable(true);
    m_reviewRule->setToolTip(tr("When on, an anonymised transcript is exported only after a person has reviewed its "
                                "redactions; when off, the person exporting may confirm an unreviewed export"));
    connect(m_retention, &BackgroundRetention::finished, this, &AdminActions::onRetentionFinished);
}

void AdminActions::cacheReady()
{
    m_retention->start();
    m_worker->run<RedactionReviews>(
        this, [](RedactionReviews& reviews) { return reviews.reviewRequired(); },
        [this](bool required) { m_reviewRule->setChecked(required); });
}

void AdminActions::setReviewRequired(bool required)
{
    m_worker->run<RedactionReviews>(
        this, [required](RedactionReviews& reviews) { return reviews.setReviewRequired(required).errorMessage(); },
        [this, required](const QString& error) {
            if (!error.isEmpty()) {
                m_reviewRule->setChecked(!required); // as it still is
                MessageBox::critical(m_window, tr("The rule was not changed"), error);
                return;
            }
            Q_EMIT message(required ? tr("Anonymised transcripts are now exported only after a person has reviewed "
                                         "their redactions.")
                                    : tr("Anonymised transcripts may now be exported unreviewed, on the "
                                         "exporter's confirmation (recorded in the audit log)."));
            Q_EMIT reviewRuleChanged(required);
        });
}

QStringList AdminActions::selectedCalls() const
{
    QStringList ids;
    for (const QModelIndex& index : m_calls->selectionModel()->selectedRows(0)) {
        const QString id = index.data(CallListModel::CallIdRole).toString();
        if (!id.isEmpty()) {
            ids << id;
        }
    }
    if (ids.isEmpty() && m_calls->currentIndex().isValid()) {
        ids << m_calls->currentIndex().siblingAtColumn(0).data(CallListModel::CallIdRole).toString();
    }
    return ids;
}

void AdminActions::holdSelected()
{
    const QStringList ids = selectedCalls();
    if (ids.isEmpty()) {
        Q_EMIT message(tr("Select the calls to hold in the list first."));
        return;
    }
    auto* dialog = new PlaceHoldDialog(m_worker, ids, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PlaceHoldDialog::placed, this, [this](const QString&, const QString& text) {
        Q_EMIT message(text);
        Q_EMIT callsChanged();
        if (m_holds && m_holds->isVisible()) {
            m_holds->refresh();
        }
    });
    dialog->show();
}

void AdminActions::releaseOnCurrent()
{
    const QStringList ids = selectedCalls();
    if (ids.isEmpty()) {
        Q_EMIT message(tr("Select a held call in the list first."));
        return;
    }
    // The holds on that call, in the Holds view, where the one to release is chosen.
    holdsDialog()->showHoldsMatching(ids.constFirst());
    holdsDialog()->refresh();
    holdsDialog()->show();
}

HoldsDialog* AdminActions::holdsDialog()
{
    if (!m_holds) {
        m_holds = new HoldsDialog(m_worker, m_cacheDir, m_window);
        connect(m_holds, &HoldsDialog::changed, this, [this](const QString& text) {
            Q_EMIT message(text);
            Q_EMIT callsChanged();
        });
        connect(m_holds, &HoldsDialog::retentionRequested, m_retention, &BackgroundRetention::runNow);
    }
    return m_holds;
}

AuditDialog* AdminActions::auditDialog()
{
    if (!m_audit) {
        m_audit = new AuditDialog(m_worker, m_window);
        connect(m_audit, &AuditDialog::message, this, &AdminActions::message);
    }
    return m_audit;
}

void AdminActions::onRetentionFinished(const DestructionOutcome& outcome, const QString& error)
{
    if (!error.isEmpty()) {
        Q_EMIT message(tr("Retention could not run: %1").arg(error));
        MessageBox::critical(m_window, tr("Retention could not run"),
            tr("%1\n\nCalls past the retention period stay in the cache until a run succeeds. Earmark tries again "
               "after the next sync and every day.")
                .arg(error));
        return;
    }
    if (outcome.destroyed > 0) {
        Q_EMIT message(tr("Retention: %n call(s) past the retention period destroyed (certificate %1).", nullptr,
                           outcome.destroyed)
                           .arg(outcome.runId)
            + (outcome.held > 0 ? QLatin1Char(' ') + tr("%n due call(s) kept by holds.", nullptr, outcome.held)
                                : QString()));
        Q_EMIT callsChanged();
    }
    if (m_holds && m_holds->isVisible()) {
        m_holds->refresh();
    }
    rotateKeysIfDue();
}

void AdminActions::rotateKeysIfDue()
{
    auto info = KeyInfo::load(CacheFolder(m_cacheDir).keyInfoPath());
    if (!info || info->mode != KeyMode::Keychain || m_rotating) {
        return;
    }
    m_worker->run<MasterKeyState>(
        this, [](MasterKeyState& keys) { return keys.rotationDue(); },
        [this](bool due) {
            if (!due || m_rotating) {
                return;
            }
            m_rotating = true;
            QPointer<AdminActions> self(this);
            auto* rotation = new KeyRotation(
                m_cacheDir, [self](std::shared_ptr<SecretKey> next, std::function<void(Status)> done) {
                    if (!self) {
                        done(makeError(QStringLiteral("the window was closed")));
                        return;
                    }
                    self->m_worker->run<MasterKeyState>(
                        self, [next](MasterKeyState& keys) { return keys.rotate(*next); }, std::move(done));
                });
            connect(rotation, &KeyRotation::finished, this, [this](const QString& error) {
                m_rotating = false;
                if (!error.isEmpty()) {
                    Q_EMIT message(tr("The calls were destroyed, but the cache's key was not replaced: %1").arg(error));
                }
            });
            rotation->start();
        });
}

} // namespace Earmark::Gui
