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
    return m_roles.known && Roles::allows(m_roles.roles, p);
}

bool RoleGate::allows(const Guarded& g) const
{
    return can(g.permission) || (g.also && can(*g.also));
}

QString RoleGate::needs(Permission p)
{
    return tr("Needs the %1.").arg(Roles::whoCan(p));
}

void RoleGate::guard(QAction* action, Permission p, std::optional<Permission> also)
{
    // An action without a tooltip of its own answers with its text: that is not kept, the gate's line says enough.
    const auto plain
        = [](QString t) { return t.remove(QLatin1Char('&')).remove(QChar(0x2026)).remove(QLatin1String("...")); };
    const QString own = plain(action->toolTip()) == plain(action->text()) ? QString() : action->toolTip();
    m_guarded.append(Guarded {action, nullptr, p, also, own, false, action->isEnabled()});
    // Code that enables the action again (a call was selected, a sync ended) does not undo the gate; what it asked
    // for is kept, and is what the action becomes when a role allows it.
    connect(action, &QAction::changed, this, [this, action] {
        Guarded* g = find(action);
        if (!g || m_applying) {
            return;
        }
        if (allows(*g)) {
            g->wanted = action->isEnabled();
        } else if (action->isEnabled()) {
            g->wanted = true;
            apply(*g);
        }
    });
    apply(m_guarded.last());
}

void RoleGate::guardNamed(const QList<QAction*>& actions)
{
    // The menus' actions by object name, with what the core library checks when each runs.
    struct Row
    {
        const char* name;
        Permission permission;
        std::optional<Permission> also;
    };
    static const QList<Row> table = {
        {"evaluateCall", Permission::Evaluate, std::nullopt},
        {"reviewQueue", Permission::Evaluate, std::nullopt},
        {"samplingPlans", Permission::Evaluate, std::nullopt},
        {"scorecards", Permission::Evaluate, std::nullopt},
        {"searchTranscripts", Permission::PlayOriginal, std::nullopt},
        {"reports", Permission::Reports, std::nullopt},
        {"flagScenario", Permission::Scenarios, std::nullopt},
        {"trainingLibrary", Permission::Scenarios, std::nullopt},
        {"correctTurn", Permission::CorrectTranscripts, std::nullopt},
        {"typeTranscript", Permission::CorrectTranscripts, std::nullopt},
        {"reviewRedactions", Permission::ReviewRedactions, std::nullopt},
        {"transcriptHistoryAction", Permission::PlayOriginal, std::nullopt},
        {"holdCalls", Permission::ManageHolds, std::nullopt},
        {"releaseHold", Permission::ManageHolds, std::nullopt},
        {"holdsRetention", Permission::ManageHolds, Permission::ReadAudit},
        {"callAudit", Permission::ReadAudit, std::nullopt},
        {"auditLog", Permission::ReadAudit, std::nullopt},
        {"certificates", Permission::ReadAudit, std::nullopt},
        {"runRetention", Permission::RunRetention, std::nullopt},
        {"requireRedactionReview", Permission::ManageKeys, std::nullopt},
        {"casesWindow", Permission::ManageCases, std::nullopt},
        {"newCase", Permission::ManageCases, std::nullopt},
        {"flagSafety", Permission::FlagSafety, std::nullopt},
        {"requestsWindow", Permission::SubjectRequests, std::nullopt},
    };
    for (QAction* a : actions) {
        for (const Row& row : table) {
            if (a->objectName() == QLatin1String(row.name)) {
                guard(a, row.permission, row.also);
            }
        }
    }
}

void RoleGate::guard(QWidget* widget, Permission p)
{
    m_guarded.append(Guarded {nullptr, widget, p, std::nullopt, widget->toolTip(), false, widget->isEnabled()});
    widget->installEventFilter(this);
    apply(m_guarded.last());
}

QString RoleGate::needsText(const Guarded& g)
{
    if (!g.also) {
        return needs(g.permission);
    }
    // Either permission: the roles of both, the administrator last, as Roles::whoCan words them.
    QStringList names;
    for (Role r : Roles::all()) {
        if (r != Role::Administrator
            && (Roles::allowedRoles(g.permission).contains(r) || Roles::allowedRoles(*g.also).contains(r))) {
            names << Roles::name(r);
        }
    }
    names << Roles::name(Role::Administrator);
    const QString last = names.takeLast();
    return tr("Needs the %1 role.").arg(names.isEmpty() ? last : names.join(QStringLiteral(", ")) + tr(" or ") + last);
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
    const bool allowed = allows(g);
    const QString tip = allowed ? g.tip : (g.tip.isEmpty() ? needsText(g) : g.tip + QLatin1Char('\n') + needsText(g));
    m_applying = true;
    if (g.action) {
        if (!allowed) {
            if (g.action->isCheckable() && g.action->isChecked()) {
                g.action->setChecked(false); // a dock the role may not use is closed, revealed numbers hidden
            }
            if (g.action->isEnabled()) {
                g.action->setEnabled(false);
            }
            g.disabledHere = true;
        } else if (g.disabledHere) {
            g.action->setEnabled(g.wanted);
            g.disabledHere = false;
        }
        g.action->setToolTip(tip);
        g.action->setStatusTip(allowed ? QString() : needsText(g));
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
        if (widget && g && !allows(*g) && !widget->testAttribute(Qt::WA_Disabled)) {
            apply(*g);
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Earmark::Gui
