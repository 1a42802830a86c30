#pragma once

#include "core/Result.h"

#include <QList>
#include <QSet>
#include <QString>
#include <optional>

namespace Earmark {

class AuditLog;
class Database;

enum class Role
{
    Administrator,
    Supervisor,
    Trainer,
    ComplaintHandler,
    Auditor,
};

// What a role may do. Each is checked where the core library does it (a repository's or service's entry point), so
// that the window's hidden buttons are a convenience, not the protection.
enum class Permission
{
    Sync, // sync the store into the cache
    BrowseCalls, // list calls (no personal data: masked numbers at most)
    SeeMaskedNumbers, // the last three digits in lists
    SearchByPhone, // find calls by a number, typed any way
    RevealNumbers, // show whole numbers and respondents' names
    PlayOriginal, // the original audio and transcript (player, search of words said)
    ExportOriginalAudio, // earmark-cli export-audio
    CorrectTranscripts,
    Evaluate, // scorecards, evaluations, sampling
    Reports,
    AnonymisedView, // anonymised transcripts and redacted audio
    ReviewRedactions, // the redaction review (shows the original words)
    Scenarios, // the training scenario library
    ManageCases, // complaint, query and safety cases
    FlagSafety, // flag a threatening or abusive moment from the player
    ExportEvidence,
    SubjectRequests, // subject access requests and their packs
    ManageHolds,
    RunRetention, // by hand (the scheduled runs keep the privacy statement's promise whoever is signed in)
    ReadAudit, // the audit log, its check and export; certificates; the retention preview
    AcceptAudit, // accept an audit problem with a reason
    ManageRoles,
    ManageKeys, // settings, passphrase, key rotation
};

struct RoleGrant
{
    QString user;
    Role role = Role::Supervisor;
    QString grantedBy;
    qint64 grantedUtc = 0;
};

// The roles of OS users in this cache (user_roles), and the checks. The acting user is the OS user
// (AuditLog::currentActor), never an environment variable. The first user to open a cache with no roles becomes its
// administrator. Every assignment and revocation, and every refusal, is audited.
class Roles
{
public:
    Roles(Database& db, AuditLog& audit);

    // Reads the acting user's roles; makes them administrator when nobody has a role yet.
    Status load();
    // Reads them without writing anything (before the audit log is verified).
    Status read();
    // Whether anyone has a role yet (after read() or load()).
    bool anyone() const { return m_anyone; }

    QSet<Role> current() const { return m_current; }
    QString user() const { return m_user; }
    bool can(Permission p) const { return allows(m_current, p); }
    // Whether any of these roles allows p (the window's view of the same table).
    static bool allows(const QSet<Role>& roles, Permission p);
    // Ok when the acting user's roles allow p; otherwise audits the refusal ("access.refused", subject the
    // permission's name) and returns the error naming the roles that would allow it.
    [[nodiscard]] Status require(Permission p);
    // Either of two permissions (e.g. the audit log: ReadAudit or RunRetention).
    [[nodiscard]] Status requireAny(Permission a, Permission b);

    // Inside an operation whose own permission was checked (a safety flag opens a case and places a hold; an
    // evidence pack reads the case and the audio), the services it uses do not check theirs again.
    class Scope
    {
    public:
        explicit Scope(Roles& roles)
            : m_roles(roles)
        {
            ++m_roles.m_depth;
        }
        ~Scope() { --m_roles.m_depth; }
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        Roles& m_roles;
    };
    Result<QList<RoleGrant>> list();
    Status assign(const QString& user, Role role);
    // Refused for the last administrator's administrator role (a cache nobody can administer).
    Status revoke(const QString& user, Role role);

    static QString name(Role role); // "complaint-handler"
    static std::optional<Role> fromName(const QString& name);
    static QList<Role> all();
    static QString permissionName(Permission p); // "reveal-numbers"
    static QString permissionText(Permission p); // "revealing phone numbers"
    static QList<Role> allowedRoles(Permission p);
    static QList<Permission> allPermissions();
    // "the complaint-handler or administrator role"
    static QString whoCan(Permission p);

private:
    Status reload();

    Database& m_db;
    AuditLog& m_audit;
    QString m_user;
    QSet<Role> m_current;
    int m_depth = 0;
    bool m_anyone = false;
};

} // namespace Earmark
