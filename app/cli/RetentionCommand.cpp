#include "cache/Cache.h"
#include "cli/Commands.h"
#include "core/TimeText.h"
#include "retention/DestructionCertificate.h"
#include "retention/Retention.h"

#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace Earmark::Cli {

namespace {
const char* RetentionUsage = "retention preview|run [--now YYYY-MM-DD] [--json]";

QString day(qint64 utc)
{
    return QDateTime::fromSecsSinceEpoch(utc, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd"));
}

void print(CliContext& ctx, const QJsonObject& o)
{
    ctx.out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
}
} // namespace

bool retentionSetup(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    p.addOption({QStringLiteral("now"), QStringLiteral("Apply the rule as of this day (00:00 UTC)."),
        QStringLiteral("YYYY-MM-DD")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object.")});
    if (!parseArgs(ctx, 1, 1, RetentionUsage)) {
        return false;
    }
    const QString sub = p.positionalArguments().constFirst();
    if (sub != QLatin1String("preview") && sub != QLatin1String("run")) {
        ctx.error(QStringLiteral("unknown retention command \"%1\". Usage: earmark-cli %2")
                      .arg(sub, QString::fromLatin1(RetentionUsage)));
        return false;
    }
    qint64 now = 0;
    if (!parseDay(ctx, QStringLiteral("now"), now, 0)) {
        return false;
    }
    const qint64 today = QDateTime(QDate::currentDate(), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
    if (sub == QLatin1String("run") && now != 0 && now < today) {
        ctx.error(QStringLiteral("retention run --now %1 is in the past: a run applies the rule as of today or a later "
                                 "day. Use retention preview --now to see what an earlier run would have done.")
                      .arg(p.value(QStringLiteral("now"))));
        return false;
    }
    return true;
}

int retentionRun(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    const bool json = p.isSet(QStringLiteral("json"));
    qint64 asOf = QDateTime::currentSecsSinceEpoch();
    if (p.isSet(QStringLiteral("now"))) {
        (void)parseDay(ctx, QStringLiteral("now"), asOf, 0);
    }
    Retention retention(ctx.cache());
    if (p.positionalArguments().constFirst() == QLatin1String("preview")) {
        auto plan = retention.preview(asOf);
        if (!plan) {
            ctx.error(plan.errorMessage());
            return 1;
        }
        if (json) {
            QJsonArray due;
            for (const DueCall& c : plan->due) {
                due.append(c.callId);
            }
            QJsonArray held;
            for (const HeldCall& h : plan->held) {
                for (const QString& hold : h.holdIds) {
                    held.append(QJsonObject {{QStringLiteral("call_id"), h.callId}, {QStringLiteral("hold_id"), hold}});
                }
            }
            print(ctx,
                {{QStringLiteral("due"), due}, {QStringLiteral("held"), held},
                    {QStringLiteral("retention_days"), plan->policy.days},
                    {QStringLiteral("erasures_waiting"), QJsonArray::fromStringList(plan->erasuresWaiting)}});
            return 0;
        }
        ctx.out() << "Retention " << plan->policy.days << " days ("
                  << (plan->policy.fromStore ? "from the store's store.json" : "the default: the store sets none")
                  << "), as of " << day(asOf) << ": " << plan->due.size() << " calls due, " << plan->held.size()
                  << " kept by holds\n";
        for (const DueCall& c : plan->due) {
            ctx.out() << "due   " << c.callId << "  started " << day(c.startUtc) << ", due " << day(c.dueUtc) << '\n';
        }
        if (!plan->erasuresWaiting.isEmpty()) {
            ctx.out() << "Erasure notices waiting for holds to be released: "
                      << plan->erasuresWaiting.join(QLatin1Char(' ')) << '\n';
        }
        for (const HeldCall& h : plan->held) {
            ctx.out() << "held  " << h.callId << "  due " << day(h.dueUtc) << ", kept by "
                      << h.holdIds.join(QStringLiteral(", ")) << '\n';
        }
        return 0;
    }
    auto done = retention.run(asOf, [&](int n, int total) {
        ctx.progress(QStringLiteral("Destroying calls past retention: %1 of %2").arg(n).arg(total));
    });
    ctx.endProgress();
    if (!done) {
        ctx.error(QStringLiteral("retention run stopped: %1 What was destroyed before the problem stays destroyed; "
                                 "run it again.")
                      .arg(done.errorMessage()));
        return 1;
    }
    if (json) {
        print(ctx,
            {{QStringLiteral("destroyed"), done->destroyed}, {QStringLiteral("held"), done->held},
                {QStringLiteral("certificate"),
                    done->certificatePath.isEmpty() ? QJsonValue()
                                                    : QJsonValue(QDir::toNativeSeparators(done->certificatePath))}});
        return 0;
    }
    ctx.out() << "Retention run " << done->runId << ": " << done->destroyed << " calls destroyed, " << done->held
              << " kept by holds";
    if (!done->certificatePath.isEmpty()) {
        ctx.out() << "; certificate " << QDir::toNativeSeparators(done->certificatePath);
    }
    ctx.out() << '\n';
    return 0;
}

namespace {
const char* CertificateUsage
    = "certificate verify FILE | certificate list [--json] | certificate export RUN_ID --out DIR";
}

bool certificateSetup(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    p.addOption({QStringLiteral("out"), QStringLiteral("Where to write the certificate."), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    if (!parseArgs(ctx, 1, 2, CertificateUsage)) {
        return false;
    }
    const QStringList args = p.positionalArguments();
    const QString sub = args.constFirst();
    const bool ok = (sub == QLatin1String("verify") && args.size() == 2)
        || (sub == QLatin1String("list") && args.size() == 1)
        || (sub == QLatin1String("export") && args.size() == 2 && !p.value(QStringLiteral("out")).isEmpty());
    if (!ok) {
        ctx.error(QStringLiteral("unknown or incomplete certificate command \"%1\". Usage: earmark-cli %2")
                      .arg(args.join(QLatin1Char(' ')), QString::fromLatin1(CertificateUsage)));
    }
    return ok;
}

int certificateRun(CliContext& ctx)
{
    if (!ctx.allowed(Permission::ReadAudit)) {
        return 1;
    }
    QCommandLineParser& p = ctx.parser();
    const QStringList args = p.positionalArguments();
    if (args.constFirst() == QLatin1String("list")) {
        auto all = DestructionCertificate::list(ctx.cache());
        if (!all) {
            ctx.error(all.errorMessage());
            return 1;
        }
        if (p.isSet(QStringLiteral("json"))) {
            QJsonArray out;
            for (const CertificateInfo& c : all.value()) {
                out << QJsonObject {{QStringLiteral("run_id"), c.runId}, {QStringLiteral("at_utc"), utcText(c.atUtc)},
                    {QStringLiteral("rule"), c.rule}, {QStringLiteral("by"), c.byUser},
                    {QStringLiteral("destroyed"), c.destroyed}, {QStringLiteral("held"), c.held},
                    {QStringLiteral("path"), QDir::toNativeSeparators(c.path)}};
            }
            ctx.out() << QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented));
            return 0;
        }
        if (all->isEmpty()) {
            ctx.out() << "No destruction certificates yet\n";
        }
        for (const CertificateInfo& c : all.value()) {
            ctx.out() << c.runId << "  " << utcText(c.atUtc) << "  " << c.rule << "  by " << c.byUser << "  destroyed "
                      << c.destroyed << ", held " << c.held << "  " << QDir::toNativeSeparators(c.path) << '\n';
        }
        return 0;
    }
    if (args.constFirst() == QLatin1String("export")) {
        auto path = DestructionCertificate::exportTo(ctx.cache(), args.at(1), p.value(QStringLiteral("out")));
        if (!path) {
            ctx.error(path.errorMessage());
            return 1;
        }
        ctx.out() << "Certificate " << args.at(1) << " written to " << QDir::toNativeSeparators(path.value())
                  << " (and its .minisig)\n";
        return 0;
    }
    auto run = DestructionCertificate::verify(ctx.cache(), args.at(1));
    if (!run) {
        ctx.error(run.errorMessage());
        return 1;
    }
    ctx.out() << "Certificate " << run.value()
              << " is intact: signed by this cache's key and recorded in its audit log\n";
    return 0;
}

} // namespace Earmark::Cli
