#include "ui/shell/RoleGate.h"

#include <QAction>
#include <QEvent>
#include <QWidget>

namespace Earmark::Gui {

RoleGate::RoleGate(QObject* parent)
    : QObject(parent)
{ }

void RoleGate::setRoles(const MyRoles& roles)
{
    m_roles = roles;
    for (Guarded& g : m_guarded) {
        apply(g);
    }
    Q_EMIT rolesChanged();
}

bool RoleGate::can(Permission p) const
{
    return !m_roles.known || Roles::allows(m_roles.roles, p);
}

QString RoleGate::needs(Permission p)
{
    return tr("Needs the %1.").arg(Roles::whoCan(p));
}

void RoleGate::guard(QAction* action, Permission p)
{
    m_guarded.append(Guarded {action, nullptr, p, action->toolTip(), false});
    // Code that enables the action again (a call was selected, a sync ended) does not undo the gate.
    connect(action, &QAction::changed, this, [this, action] {
        Guarded* g = find(action);
        if (g && !m_applying && !can(g->permission) && action->isEnabled()) {
            apply(*g);
        }
    });
    apply(m_guarded.last());
}

void RoleGate::guardNamed(const QList<QAction*>& actions)
{
    // The menus' actions by object name, with what the core library checks when each runs.
    static const QList<QPair<const char*, Permission>> table = {
        {"evaluateCall", Permission::Evaluate},
        {"submitEvaluation", Permission::Evaluate},
        {"reviewQueue", Permission::Evaluate},
        {"samplingPlans", Permission::Evaluate},
        {"scorecards", Permission::Evaluate},
        {"searchTranscripts", Permission::PlayOriginal},
        {"reports", Permission::Reports},
        {"flagScenario", Permission::Scenarios},
        {"trainingLibrary", Permission::Scenarios},
        {"correctTurn", Permission::CorrectTranscripts},
        {"typeTranscript", Permission::CorrectTranscripts},
        {"reviewRedactions", Permission::ReviewRedactions},
        {"transcriptHistoryAction", Permission::PlayOriginal},
        {"holdCalls", Permission::ManageHolds},
        {"releaseHold", Permission::ManageHolds},
        {"holdsRetention", Permission::ManageHolds},
        {"callAudit", Permission::ReadAudit},
        {"auditLog", Permission::ReadAudit},
        {"runRetention", Permission::RunRetention},
        {"casesWindow", Permission::ManageCases},
        {"newCase", Permission::ManageCases},
        {"flagSafety", Permission::FlagSafety},
        {"requestsWindow", Permission::SubjectRequests},
    };
    for (QAction* a : actions) {
        for (const auto& [name, permission] : table) {
            if (a->objectName() == QLatin1String(name)) {
                guard(a, permission);
            }
        }
    }
}

void RoleGate::guard(QWidget* widget, Permission p)
{
    m_guarded.append(Guarded {nullptr, widget, p, widget->toolTip(), false});
    widget->installEventFilter(this);
    apply(m_guarded.last());
}

RoleGate::Guarded* RoleGate::find(const QObject* object)
{
    for (Guarded& g : m_guarded) {
        if (g.action == object || g.widget == object) {
            return &g;
        }
    }
    return nullptr;
}

void RoleGate::apply(Guarded& g)
{
    const bool allowed = can(g.permission);
    const QString tip
        = allowed ? g.tip : (g.tip.isEmpty() ? needs(g.permission) : g.tip + QLatin1Char('\n') + needs(g.permission));
    m_applying = true;
    if (g.action) {
        if (!allowed) {
            if (g.action->isEnabled()) {
                g.action->setEnabled(false);
            }
            g.disabledHere = true;
        } else if (g.disabledHere) {
            g.action->setEnabled(true);
            g.disabledHere = false;
        }
        g.action->setToolTip(tip);
        g.action->setStatusTip(allowed ? QString() : needs(g.permission));
    } else if (g.widget) {
        if (!allowed) {
            g.widget->setEnabled(false);
            g.disabledHere = true;
        } else if (g.disabledHere) {
            g.widget->setEnabled(true);
            g.disabledHere = false;
        }
        g.widget->setToolTip(tip);
    }
    m_applying = false;
}

bool RoleGate::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::EnabledChange && !m_applying) {
        auto* widget = qobject_cast<QWidget*>(watched);
        Guarded* g = find(watched);
        if (widget && g && !can(g->permission) && !widget->testAttribute(Qt::WA_Disabled)) {
            apply(*g);
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Earmark::Gui
