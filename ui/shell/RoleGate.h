#pragma once

#include "cache/RoleDirectory.h"

#include <QObject>
#include <QPointer>
#include <optional>

class QAction;
class QWidget;

namespace Earmark::Gui {

// What the window offers to the acting user's roles: each guarded action or widget a role may not use is disabled,
// its tooltip naming the role that may ("Needs the complaint-handler or administrator role."), and kept disabled
// when other code enables it again. A convenience for the user: the core library refuses the same things itself.
class RoleGate : public QObject
{
    Q_OBJECT

public:
    explicit RoleGate(QObject* parent = nullptr);

    void setRoles(const MyRoles& roles);
    const MyRoles& roles() const { return m_roles; }
    // Nothing is allowed before the roles are known.
    bool can(Permission p) const;

    // An action a role may not use is disabled (and unchecked: a dock's toggle hides the dock). With `also`, either
    // permission allows it.
    void guard(QAction* action, Permission p, std::optional<Permission> also = std::nullopt);
    void guard(QWidget* widget, Permission p);
    // Guards the menus' actions known by object name ("evaluateCall", "casesWindow", ...); others are left alone.
    void guardNamed(const QList<QAction*>& actions);

    // "Needs the complaint-handler or administrator role."
    static QString needs(Permission p);

Q_SIGNALS:
    void rolesChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Guarded
    {
        QPointer<QAction> action;
        QPointer<QWidget> widget;
        Permission permission;
        std::optional<Permission> also;
        QString tip; // the tooltip the action or widget had
        bool disabledHere = false;
        bool wanted = true; // enabled as other code last asked (a call is open, a draft can be submitted)
    };
    void apply(Guarded& g);
    Guarded* find(const QObject* object);
    bool allows(const Guarded& g) const;
    static QString needsText(const Guarded& g);

    MyRoles m_roles;
    QList<Guarded> m_guarded;
    bool m_applying = false;
};

} // namespace Earmark::Gui
