#include "cache/AuditTrail.h"
#include "cache/Cache.h"
#include "cli/Commands.h"
#include "core/TimeText.h"
#include "crypto/Minisign.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace Earmark::Cli {

namespace {
const char* AuditUsage = "audit verify | audit export [--from D] [--to D] [--call CALL_ID] [--json|--csv] | "
                         "audit accept --reason TEXT | audit key";

int exportEntries(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    AuditFilter filter;
    if (!parseDay(ctx, QStringLiteral("from"), filter.fromUtc, 0)
        || !parseDay(ctx, QStringLiteral("to"), filter.toUtc, 1)) {
        return 1;
    }
    if (!p.value(QStringLiteral("call")).isEmpty()) {
        filter.subjects = {p.value(QStringLiteral("call"))};
    }
    auto entries = ctx.cache().audit().entries(filter);
    if (!entries) {
        ctx.error(entries.errorMessage());
        return 1;
    }
    auto checkpoint = ctx.cache().audit().latestCheckpoint();
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray out;
        for (const AuditEntry& e : entries.value()) {
            out.append(QJsonObject {{QStringLiteral("seq"), e.seq}, {QStringLiteral("at_utc"), utcText(e.atUtc)},
                {QStringLiteral("actor"), e.actor}, {QStringLiteral("action"), e.action},
                {QStringLiteral("subject"), e.subject}, {QStringLiteral("detail"), e.detail},
                {QStringLiteral("hash"), QString::fromLatin1(e.hash.toHex())}});
        }
        QJsonObject o {{QStringLiteral("entries"), out}};
        if (checkpoint && checkpoint.value()) {
            const AuditCheckpoint& c = *checkpoint.value();
            o.insert(QStringLiteral("checkpoint"),
                QJsonObject {{QStringLiteral("size"), c.size},
                    {QStringLiteral("head"), QString::fromLatin1(c.head.toHex())},
                    {QStringLiteral("at_utc"), utcText(c.atUtc)},
                    {QStringLiteral("text"), QString::fromLatin1(c.text(ctx.cache().signingKey().keyId()))},
                    {QStringLiteral("signature"), QString::fromLatin1(c.signature)},
                    {QStringLiteral("public_key"), Minisign::publicKeyText(ctx.cache().signingKey())}});
        }
        ctx.out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
        return 0;
    }
    ctx.out() << QString::fromUtf8(AuditTrail::csv(entries.value()));
    return 0;
}
} // namespace

bool auditSetup(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    p.addOption({QStringLiteral("from"), QStringLiteral("First day (UTC)."), QStringLiteral("YYYY-MM-DD")});
    p.addOption({QStringLiteral("to"), QStringLiteral("Last day (UTC), inclusive."), QStringLiteral("YYYY-MM-DD")});
    p.addOption({QStringLiteral("call"), QStringLiteral("Only entries about this call."), QStringLiteral("CALL_ID")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    p.addOption({QStringLiteral("csv"), QStringLiteral("Print CSV (the default).")});
    p.addOption(
        {QStringLiteral("reason"), QStringLiteral("Why a restored cache is accepted."), QStringLiteral("TEXT")});
    if (!parseArgs(ctx, 1, 1, AuditUsage)) {
        return false;
    }
    const QString sub = p.positionalArguments().constFirst();
    if (p.isSet(QStringLiteral("json")) && p.isSet(QStringLiteral("csv"))) {
        ctx.error(QStringLiteral("audit export prints JSON or CSV, not both: give --json or --csv"));
        return false;
    }
    if (sub == QLatin1String("verify") || sub == QLatin1String("export")) {
        // These look at a log that may not verify: the cache opens, and verify reports the problem.
        ctx.openOptions().audit = CacheOpenOptions::AuditCheck::Report;
        return true;
    }
    if (sub == QLatin1String("accept")) {
        const QString reason = p.value(QStringLiteral("reason")).trimmed();
        if (reason.isEmpty()) {
            ctx.error(QStringLiteral("audit accept needs --reason TEXT (why this restored cache is accepted; it is "
                                     "recorded in the log)"));
            return false;
        }
        ctx.openOptions().acceptAnchorReason = reason;
        return true;
    }
    if (sub == QLatin1String("key")) {
        return true;
    }
    ctx.error(QStringLiteral("unknown audit command \"%1\". Usage: earmark-cli %2")
                  .arg(sub, QString::fromLatin1(AuditUsage)));
    return false;
}

int auditRun(CliContext& ctx)
{
    Cache& cache = ctx.cache();
    const QString sub = ctx.parser().positionalArguments().constFirst();
    if ((sub == QLatin1String("export") || sub == QLatin1String("verify")) && !ctx.allowed(Permission::ReadAudit)) {
        return 1;
    }
    if (sub == QLatin1String("export")) {
        return exportEntries(ctx);
    }
    if (sub == QLatin1String("key")) {
        ctx.out() << Minisign::publicKeyFile(cache.signingKey());
        return 0;
    }
    if (sub == QLatin1String("accept")) {
        ctx.out() << "The cache's audit log verifies and is anchored again (" << cache.audit().count() << " entries)\n";
        return 0;
    }
    if (!cache.auditProblem().isEmpty()) {
        ctx.error(QStringLiteral("the audit log does not verify: ") + cache.auditProblem());
        return 1;
    }
    if (auto st = cache.audit().verify(AuditLog::Depth::Full); !st) {
        ctx.error(QStringLiteral("the audit log does not verify: ") + st.errorMessage());
        return 1;
    }
    auto checkpoint = cache.audit().latestCheckpoint();
    ctx.out() << "Audit log intact: " << cache.audit().count()
              << " entries, hash chain and signed checkpoints verified";
    if (checkpoint && checkpoint.value()) {
        ctx.out() << "; newest checkpoint at entry " << checkpoint.value()->size << " ("
                  << utcText(checkpoint.value()->atUtc) << ")";
    }
    ctx.out() << '\n';
    return 0;
}

} // namespace Earmark::Cli
