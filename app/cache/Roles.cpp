#include "cache/Roles.h"

#include "cache/AuditLog.h"
#include "cache/Database.h"
#include "cache/Statement.h"
#include "core/Logging.h"

#include <QDateTime>

namespace Earmark {

namespace {
constexpr Role A = Role::Administrator;
constexpr Role S = Role::Supervisor;
constexpr Role T = Role::Trainer;
constexpr Role C = Role::ComplaintHandler;
constexpr Role U = Role::Auditor;

struct PermissionRow
{
    Permission permission;
    const char* name;
    const char* text;
    QList<Role> roles;
};

// Who may do what: issue 12's roles. Trainers never reach numbers, names, original transcripts or audio.
const QList<PermissionRow>& table()
{
    static const QList<PermissionRow> rows = {
        {Permission::Sync, "sync", "syncing the store", {A, S, T, C}},
        {Permission::BrowseCalls, "browse-calls", "listing calls", {A, S, T, C}},
        {Permission::SeeMaskedNumbers, "see-masked-numbers", "seeing masked numbers", {A, S, C}},
        {Permission::SearchByPhone, "search-by-phone", "finding calls by phone number", {A, C}},
        {Permission::RevealNumbers, "reveal-numbers", "revealing phone numbers and names", {A, C}},
        {Permission::PlayOriginal, "play-original", "playing original audio and reading original transcripts",
            {A, S, C}},
        {Permission::ExportOriginalAudio, "export-original-audio", "exporting original audio", {A, C}},
        {Permission::CorrectTranscripts, "correct-transcripts", "correcting transcripts", {A, S}},
        {Permission::Evaluate, "evaluate", "evaluating calls and drawing samples", {A, S}},
        {Permission::Reports, "reports", "quality reports", {A, S}},
        {Permission::AnonymisedView, "anonymised-view", "anonymised transcripts and redacted audio", {A, S, T}},
        {Permission::ReviewRedactions, "review-redactions", "reviewing redactions", {A, S}},
        {Permission::Scenarios, "scenarios", "the training scenario library", {A, S, T}},
        {Permission::ManageCases, "manage-cases", "complaint and safety cases", {A, C}},
        {Permission::FlagSafety, "flag-safety", "flagging threatening or abusive calls", {A, S, C}},
        {Permission::ExportEvidence, "export-evidence", "exporting evidence packs", {A, C}},
        {Permission::SubjectRequests, "subject-requests", "subject access requests and their packs", {A, C}},
        {Permission::ManageHolds, "manage-holds", "placing and releasing holds", {A, C}},
        {Permission::RunRetention, "run-retention", "running retention by hand", {A}},
        {Permission::ReadAudit, "read-audit", "reading the audit log and certificates", {A, U}},
        {Permission::AcceptAudit, "accept-audit", "accepting an audit problem", {A}},
        {Permission::ManageRoles, "manage-roles", "assigning roles", {A}},
        {Permission::ManageKeys, "manage-keys", "changing keys and settings", {A}},
    };
    return rows;
}

const PermissionRow& row(Permission p)
{
    for (const PermissionRow& r : table()) {
        if (r.permission == p) {
            return r;
        }
    }
    qFatal("Roles: a permission without a row in the table");
}
} // namespace

Roles::Roles(Database& db, AuditLog& audit)
    : m_db(db)
    , m_audit(audit)
{ }

QString Roles::name(Role role)
{
    switch (role) {
    case Role::Administrator:
        return QStringLiteral("administrator");
    case Role::Supervisor:
        return QStringLiteral("supervisor");
    case Role::Trainer:
        return QStringLiteral("trainer");
    case Role::ComplaintHandler:
        return QStringLiteral("complaint-handler");
    case Role::Auditor:
        break;
    }
    return QStringLiteral("auditor");
}

std::optional<Role> Roles::fromName(const QString& text)
{
    for (Role r : all()) {
        if (name(r) == text) {
            return r;
        }
    }
    return std::nullopt;
}

QList<Role> Roles::all()
{
    return {Role::Administrator, Role::Supervisor, Role::Trainer, Role::ComplaintHandler, Role::Auditor};
}

QString Roles::permissionName(Permission p)
{
    return QLatin1String(row(p).name);
}

QString Roles::permissionText(Permission p)
{
    return QLatin1String(row(p).text);
}

QList<Role> Roles::allowedRoles(Permission p)
{
    return row(p).roles;
}

QList<Permission> Roles::allPermissions()
{
    QList<Permission> out;
    for (const PermissionRow& r : table()) {
        out << r.permission;
    }
    return out;
}

QString Roles::whoCan(Permission p)
{
    QStringList names;
    const QList<Role> roles = allowedRoles(p);
    for (Role r : roles) {
        if (r != Role::Administrator) {
            names << name(r);
        }
    }
    names << name(Role::Administrator);
    const QString last = names.takeLast();
    return (names.isEmpty() ? last : names.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last)
        + QStringLiteral(" role");
}

bool Roles::allows(const QSet<Role>& roles, Permission p)
{
    const QList<Role> allowed = allowedRoles(p);
    return std::any_of(allowed.cbegin(), allowed.cend(), [&roles](Role r) { return roles.contains(r); });
}

Status Roles::require(Permission p)
{
    if (m_depth > 0 || can(p)) {
        return {};
    }
    QStringList mine;
    for (Role r : all()) {
        if (m_current.contains(r)) {
            mine << name(r);
        }
    }
    const Role suggest = allowedRoles(p).constFirst() == Role::Administrator && allowedRoles(p).size() > 1
        ? allowedRoles(p).at(1)
        : allowedRoles(p).constFirst();
    qCInfo(lcCache) << "refused" << permissionName(p) << "for" << m_user;
    if (auto st = m_audit.append(QStringLiteral("access.refused"), permissionName(p), mine.join(QLatin1Char(',')));
        !st) {
        return st;
    }
    (void)m_audit.checkpoint();
    return makeError(
        QStringLiteral("Refused: %1 needs the %2; %3 has %4. An administrator can assign it: "
                       "earmark-cli roles assign %3 %5")
            .arg(permissionText(p), whoCan(p), m_user,
                mine.isEmpty() ? QStringLiteral("no role")
                               : QStringLiteral("the ") + mine.join(QStringLiteral(", ")) + QStringLiteral(" role"),
                name(suggest)));
}

Status Roles::requireAny(Permission a, Permission b)
{
    return m_depth > 0 || can(b) ? Status {} : require(a);
}

Status Roles::reload()
{
    m_current.clear();
    auto s = m_db.prepare(QStringLiteral("SELECT role FROM user_roles WHERE user_name = ?"));
    if (!s) {
        return s.error();
    }
    s->bind(1, m_user);
    return s->forEachRow([&] {
        if (const auto r = fromName(s->text(0))) {
            m_current.insert(*r);
        }
    });
}

Status Roles::read()
{
    m_user = AuditLog::currentActor();
    auto count = m_db.prepare(QStringLiteral("SELECT count(*) FROM user_roles"));
    if (!count) {
        return count.error();
    }
    auto n = count->firstRow([&] { return count->int64(0); });
    if (!n) {
        return n.error();
    }
    m_anyone = n->value_or(0) > 0;
    return reload();
}

Status Roles::load()
{
    if (auto st = read(); !st) {
        return st;
    }
    if (!m_anyone) {
        Transaction tx(m_db);
        if (auto st = tx.begin(); !st) {
            return st;
        }
        auto ins = m_db.prepare(QStringLiteral(
            "INSERT INTO user_roles(user_name, role, granted_by, granted_utc) VALUES (?, 'administrator', ?, ?)"));
        if (!ins) {
            return ins.error();
        }
        ins->bind(1, m_user).bind(2, m_user).bind(3, QDateTime::currentSecsSinceEpoch());
        if (auto st = ins->run(); !st) {
            return st;
        }
        // Not an audit entry: nobody chose it, and the table records who and when (granted_by, granted_utc).
        if (auto st = tx.commit(); !st) {
            return st;
        }
        m_anyone = true;
    }
    return reload();
}

Result<QList<RoleGrant>> Roles::list()
{
    if (auto st = requireAny(Permission::ManageRoles, Permission::ReadAudit); !st) {
        return st.error();
    }
    auto s = m_db.prepare(
        QStringLiteral("SELECT user_name, role, granted_by, granted_utc FROM user_roles ORDER BY user_name, role"));
    if (!s) {
        return s.error();
    }
    QList<RoleGrant> out;
    if (auto st = s->forEachRow([&] {
            out << RoleGrant {s->text(0), fromName(s->text(1)).value_or(Role::Auditor), s->text(2), s->int64(3)};
        });
        !st) {
        return st.error();
    }
    return out;
}

Status Roles::assign(const QString& user, Role role)
{
    if (auto st = require(Permission::ManageRoles); !st) {
        return st;
    }
    if (user.trimmed().isEmpty() || user.contains(QLatin1Char(' '))) {
        return makeError(QStringLiteral("Give the OS user name (as `id -un` prints it), not \"%1\".").arg(user));
    }
    Transaction tx(m_db);
    if (auto st = tx.begin(); !st) {
        return st;
    }
    auto ins = m_db.prepare(QStringLiteral(
        "INSERT OR IGNORE INTO user_roles(user_name, role, granted_by, granted_utc) VALUES (?, ?, ?, ?)"));
    if (!ins) {
        return ins.error();
    }
    ins->bind(1, user).bind(2, name(role)).bind(3, m_user).bind(4, QDateTime::currentSecsSinceEpoch());
    if (auto st = ins->run(); !st) {
        return st;
    }
    if (auto st = m_audit.append(QStringLiteral("roles.assign"), user, name(role)); !st) {
        return st;
    }
    if (auto st = tx.commit(); !st) {
        return st;
    }
    (void)m_audit.checkpoint();
    return reload();
}

Status Roles::revoke(const QString& user, Role role)
{
    if (auto st = require(Permission::ManageRoles); !st) {
        return st;
    }
    if (role == Role::Administrator) {
        auto admins = m_db.prepare(
            QStringLiteral("SELECT count(*) FROM user_roles WHERE role = 'administrator' AND user_name <> ?"));
        if (!admins) {
            return admins.error();
        }
        admins->bind(1, user);
        auto others = admins->firstRow([&] { return admins->int64(0); });
        if (!others) {
            return others.error();
        }
        if (others->value_or(0) == 0) {
            return makeError(QStringLiteral("%1 is the cache's only administrator: assign another administrator "
                                            "first (earmark-cli roles assign USER administrator).")
                                 .arg(user));
        }
    }
    Transaction tx(m_db);
    if (auto st = tx.begin(); !st) {
        return st;
    }
    auto del = m_db.prepare(QStringLiteral("DELETE FROM user_roles WHERE user_name = ? AND role = ?"));
    if (!del) {
        return del.error();
    }
    del->bind(1, user).bind(2, name(role));
    if (auto st = del->run(); !st) {
        return st;
    }
    if (m_db.changes() == 0) {
        return makeError(QStringLiteral("%1 does not have the %2 role: earmark-cli roles list shows who has which.")
                             .arg(user, name(role)));
    }
    if (auto st = m_audit.append(QStringLiteral("roles.revoke"), user, name(role)); !st) {
        return st;
    }
    if (auto st = tx.commit(); !st) {
        return st;
    }
    (void)m_audit.checkpoint();
    return reload();
}

} // namespace Earmark
