#include "ui/cases/CaseActions.h"

#include "cache/CacheWorker.h"
#include "cases/Cases.h"
#include "cases/SafetyFlags.h"
#include "core/TimeText.h"
#include "requests/Requests.h"
#include "requests/SarDeadline.h"
#include "ui/browse/CallDetailPane.h"
#include "ui/cases/CasesWindow.h"
#include "ui/cases/FlagSafetyDialog.h"
#include "ui/player/PlayerWidget.h"
#include "ui/requests/RequestsWindow.h"
#include "ui/shell/MessageBox.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QTimer>
#include <QToolButton>

namespace Earmark::Gui {

CaseActions::CaseActions(
    CacheWorker* worker, QMainWindow* window, CallDetailPane* detail, std::function<QStringList()> selectedCalls)
    : QObject(window)
    , m_worker(worker)
    , m_window(window)
    , m_detail(detail)
    , m_selectedCalls(std::move(selectedCalls))
    , m_menu(new QMenu(tr("&Cases"), window))
    , m_badge(new QToolButton(window))
    , m_badgeTimer(new QTimer(this))
{
    m_menu->setToolTipsVisible(true);
    auto add = [this](const char* name, const QString& text, const QKeySequence& key, auto slot) {
        auto* a = new QAction(text, m_window);
        a->setObjectName(QString::fromLatin1(name));
        a->setShortcut(key);
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, this, slot);
        m_menu->addAction(a);
        m_window->addAction(a);
        m_actions << a;
        return a;
    };
    add("casesWindow", tr("&Cases…"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C), [this] {
        casesWindow()->show();
        casesWindow()->raise();
        casesWindow()->refresh();
    });
    add("newCase", tr("&New case from the selected calls…"), QKeySequence(), [this] {
        casesWindow()->show();
        casesWindow()->refresh();
        casesWindow()->newCase();
    });
    m_menu->addSeparator();
    QAction* flag = add("flagSafety", tr("&Flag this moment as threatening or abusive…"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X), [this] { flagMoment(); });
    flag->setToolTip(tr("Staff safety: flag the moment being played; the call is held in the respondent's safety "
                        "case (Ctrl+Shift+X)"));
    m_menu->addSeparator();
    add("requestsWindow", tr("&Subject access requests…"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S), [this] {
        requestsWindow()->show();
        requestsWindow()->raise();
        requestsWindow()->refresh();
    });

    m_badge->setObjectName(QStringLiteral("requestsBadge"));
    m_badge->setAutoRaise(true);
    m_badge->setStyleSheet(QStringLiteral("QToolButton { color: white; background: #b02020; border-radius: 8px; "
                                          "padding: 1px 8px; font-weight: bold; }"));
    m_badge->hide();
    connect(m_badge, &QToolButton::clicked, this, [this] {
        requestsWindow()->show();
        requestsWindow()->raise();
        requestsWindow()->refresh();
    });
    m_badgeTimer->setInterval(60 * 60 * 1000); // a request becomes due with the date, not with an action
    connect(m_badgeTimer, &QTimer::timeout, this, &CaseActions::refreshBadge);
}

QAction* CaseActions::action(const QString& objectName) const
{
    for (QAction* a : m_actions) {
        if (a->objectName() == objectName) {
            return a;
        }
    }
    return nullptr;
}

void CaseActions::cacheReady(bool requestsAllowed)
{
    m_requestsAllowed = requestsAllowed;
    if (requestsAllowed) {
        refreshBadge();
        m_badgeTimer->start();
    } else {
        m_badge->hide();
        m_badgeTimer->stop();
    }
}

void CaseActions::refreshBadge()
{
    if (!m_requestsAllowed) {
        return;
    }
    m_worker->run<Requests>(
        this, [](Requests& q) { return q.list(true); },
        [this](Result<QList<SubjectRequest>> list) {
            if (!list) {
                m_badge->hide();
                return;
            }
            const QDate today = QDate::currentDate();
            const int due = Requests::dueWithin(list.value(), today);
            int overdue = 0;
            for (const SubjectRequest& r : list.value()) {
                overdue += r.deadline.isValid() && SarDeadline::daysLeft(today, r.deadline) < 0 ? 1 : 0;
            }
            m_badge->setVisible(due > 0);
            // "2 requests due", "1 request overdue", "3 requests due (1 overdue)".
            m_badge->setText(overdue == 0 ? tr("%n request(s) due", nullptr, due)
                    : overdue == due      ? tr("%n request(s) overdue", nullptr, overdue)
                                          : tr("%n request(s) due", nullptr, due) + tr(" (%1 overdue)").arg(overdue));
            m_badge->setToolTip(tr("Subject access requests due within 7 days or overdue: %1 of %n open. Click to "
                                   "see them.",
                nullptr, int(list->size()))
                                    .arg(due));
        });
}

CasesWindow* CaseActions::casesWindow()
{
    if (!m_cases) {
        m_cases = new CasesWindow(m_worker, m_selectedCalls, m_window);
        connect(m_cases, &CasesWindow::message, this, &CaseActions::message);
        connect(m_cases, &CasesWindow::playRequested, this, &CaseActions::playRequested);
        connect(m_cases, &CasesWindow::casesChanged, this, &CaseActions::callsChanged);
    }
    return m_cases;
}

RequestsWindow* CaseActions::requestsWindow()
{
    if (!m_requests) {
        m_requests = new RequestsWindow(m_worker, m_window);
        connect(m_requests, &RequestsWindow::message, this, &CaseActions::message);
        connect(m_requests, &RequestsWindow::requestsChanged, this, [this] {
            refreshBadge();
            Q_EMIT callsChanged();
        });
    }
    return m_requests;
}

void CaseActions::flagMoment()
{
    const QString callId = m_detail->currentCallId();
    if (callId.isEmpty()) {
        Q_EMIT message(tr("Select the call and play it to the moment to flag first."));
        return;
    }
    const double seconds = m_detail->player()->engine()->position();
    auto* dialog = new FlagSafetyDialog(callId, seconds, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString flagged = dialog->callId();
        const qint64 atMs = dialog->atMs();
        const QString kind = dialog->kind();
        const QString note = dialog->note();
        m_worker->run<SafetyFlags>(
            this, [flagged, atMs, kind, note](SafetyFlags& flags) { return flags.flag(flagged, atMs, kind, note); },
            [this, flagged, atMs](Result<SafetyFlag> written) {
                if (!written) {
                    Q_EMIT message(tr("The moment was not flagged: %1").arg(written.errorMessage()));
                    MessageBox::critical(m_window, tr("Flag for staff safety"), written.errorMessage());
                    return;
                }
                Q_EMIT message(tr("%1 at %2 flagged; the call is held in safety case %3.")
                                   .arg(flagged, clockText(atMs / 1000.0), written->caseReference));
                Q_EMIT callsChanged();
                if (m_detail->currentCallId() == flagged) {
                    m_detail->refreshFlags();
                }
                if (m_cases && m_cases->isVisible()) {
                    m_cases->showCase(written->caseId);
                }
            });
    });
    dialog->show();
}

} // namespace Earmark::Gui
