#include "cache/Cache.h"
#include "cli/Commands.h"
#include "core/TimeText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Earmark::Cli {

namespace {
const char* RolesUsage = "roles list [--json] | roles assign USER ROLE | roles revoke USER ROLE | roles mine "
                         "(ROLE: administrator, supervisor, trainer, complaint-handler, auditor)";
}

bool rolesSetup(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    if (!parseArgs(ctx, 1, 3, RolesUsage)) {
        return false;
    }
    const QStringList args = p.positionalArguments();
    const QString sub = args.constFirst();
    const auto usage = [&](const QString& problem) {
        ctx.error(problem + QStringLiteral(". Usage: earmark-cli ") + QString::fromLatin1(RolesUsage));
        return false;
    };
    if (sub == QLatin1String("list") || sub == QLatin1String("mine")) {
        return args.size() == 1 || usage(QStringLiteral("roles %1 takes no arguments").arg(sub));
    }
    if (sub == QLatin1String("assign") || sub == QLatin1String("revoke")) {
        if (args.size() != 3) {
            return usage(QStringLiteral("roles %1 takes a user and a role").arg(sub));
        }
        if (!Roles::fromName(args.at(2))) {
            return usage(QStringLiteral("there is no role \"%1\"").arg(args.at(2)));
        }
        return true;
    }
    return usage(QStringLiteral("unknown roles command \"%1\"").arg(sub));
}

int rolesRun(CliContext& ctx)
{
    const QStringList args = ctx.parser().positionalArguments();
    const QString sub = args.constFirst();
    Roles& roles = ctx.cache().roles();
    if (sub == QLatin1String("mine")) {
        QStringList mine;
        for (Role r : Roles::all()) {
            if (roles.current().contains(r)) {
                mine << Roles::name(r);
            }
        }
        ctx.out() << roles.user() << ": "
                  << (mine.isEmpty() ? QStringLiteral("no role") : mine.join(QStringLiteral(", "))) << '\n';
        return 0;
    }
    if (sub == QLatin1String("assign") || sub == QLatin1String("revoke")) {
        const Role role = Roles::fromName(args.at(2)).value_or(Role::Auditor);
        const Status st
            = sub == QLatin1String("assign") ? roles.assign(args.at(1), role) : roles.revoke(args.at(1), role);
        if (!st) {
            ctx.error(st.errorMessage());
            return 1;
        }
        ctx.out() << (sub == QLatin1String("assign") ? "Assigned " : "Revoked ") << Roles::name(role)
                  << (sub == QLatin1String("assign") ? " to " : " from ") << args.at(1) << '\n';
        return 0;
    }
    auto grants = roles.list();
    if (!grants) {
        ctx.error(grants.errorMessage());
        return 1;
    }
    if (ctx.parser().isSet(QStringLiteral("json"))) {
        QJsonArray out;
        for (const RoleGrant& g : grants.value()) {
            out << QJsonObject {{QStringLiteral("user"), g.user}, {QStringLiteral("role"), Roles::name(g.role)},
                {QStringLiteral("granted_by"), g.grantedBy}, {QStringLiteral("granted_utc"), utcText(g.grantedUtc)}};
        }
        ctx.out() << QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented));
        return 0;
    }
    for (const RoleGrant& g : grants.value()) {
        ctx.out() << g.user << "  " << Roles::name(g.role) << "  granted by " << g.grantedBy << " on "
                  << utcText(g.grantedUtc) << '\n';
    }
    return 0;
}

} // namespace Earmark::Cli
