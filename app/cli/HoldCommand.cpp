#include "cache/Cache.h"
#include "cli/Commands.h"
#include "core/TimeText.h"
#include "retention/Holds.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace Earmark::Cli {

namespace {
const char* HoldUsage = "hold add CALL_ID... --reason TEXT --case REF [--json] | hold release HOLD_ID --reason TEXT | "
                        "hold list [--json]";

// What releases a hold that is not released by hand: "case COMP-2026-0142", "request D-1a2b3c4d"; "" otherwise.
QString ownerText(const Hold& h)
{
    switch (h.owner) {
    case Hold::Owner::Case:
        return QStringLiteral("case ") + h.ownerRef;
    case Hold::Owner::Request:
        return QStringLiteral("request ") + h.ownerRef;
    case Hold::Owner::None:
        break;
    }
    return {};
}

int list(CliContext& ctx)
{
    auto holds = Holds(ctx.cache()).list();
    if (!holds) {
        ctx.error(holds.errorMessage());
        return 1;
    }
    if (ctx.parser().isSet(QStringLiteral("json"))) {
        QJsonArray out;
        for (const Hold& h : holds.value()) {
            out.append(QJsonObject {{QStringLiteral("hold_id"), h.holdId},
                {QStringLiteral("calls"), QJsonArray::fromStringList(h.callIds)}, {QStringLiteral("reason"), h.reason},
                {QStringLiteral("case"), h.caseRef}, {QStringLiteral("placed_by"), h.placedBy},
                {QStringLiteral("placed_utc"), utcText(h.placedUtc)},
                {QStringLiteral("age_days"), h.ageDays(QDateTime::currentSecsSinceEpoch())},
                {QStringLiteral("released_with"), ownerText(h)}});
        }
        ctx.out() << QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented));
        return 0;
    }
    if (holds->isEmpty()) {
        ctx.out() << "No open holds\n";
    }
    for (const Hold& h : holds.value()) {
        ctx.out() << h.holdId << "  case " << h.caseRef << "  by " << h.placedBy << " on " << utcText(h.placedUtc)
                  << " (" << h.ageDays(QDateTime::currentSecsSinceEpoch()) << " days)  " << h.callIds.size()
                  << " calls: " << h.callIds.join(QLatin1Char(' ')) << "  reason: " << h.reason
                  << (h.owner == Hold::Owner::None ? QString() : QStringLiteral("  released with ") + ownerText(h))
                  << '\n';
    }
    return 0;
}
} // namespace

bool holdSetup(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    p.addOption(
        {QStringLiteral("reason"), QStringLiteral("Why the hold is placed or released."), QStringLiteral("TEXT")});
    p.addOption({QStringLiteral("case"), QStringLiteral("The case or matter reference."), QStringLiteral("REF")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    if (!parseArgs(ctx, 1, 100000, HoldUsage)) {
        return false;
    }
    const QStringList args = p.positionalArguments();
    const QString sub = args.constFirst();
    const auto usage = [&](const QString& problem) {
        ctx.error(problem + QStringLiteral(". Usage: earmark-cli ") + QString::fromLatin1(HoldUsage));
        return false;
    };
    if (sub == QLatin1String("add")) {
        if (args.size() < 2) {
            return usage(QStringLiteral("hold add needs at least one call id"));
        }
        if (p.value(QStringLiteral("reason")).trimmed().isEmpty()
            || p.value(QStringLiteral("case")).trimmed().isEmpty()) {
            return usage(QStringLiteral("hold add needs --reason TEXT and --case REF"));
        }
        return true;
    }
    if (sub == QLatin1String("release")) {
        if (args.size() != 2) {
            return usage(QStringLiteral("hold release takes one hold id"));
        }
        if (p.value(QStringLiteral("reason")).trimmed().isEmpty()) {
            return usage(QStringLiteral("hold release needs --reason TEXT"));
        }
        return true;
    }
    if (sub == QLatin1String("list")) {
        return args.size() == 1 || usage(QStringLiteral("hold list takes no arguments"));
    }
    return usage(QStringLiteral("unknown hold command \"%1\"").arg(sub));
}

int holdRun(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    const QStringList args = p.positionalArguments();
    const QString sub = args.constFirst();
    if (sub == QLatin1String("list")) {
        return list(ctx);
    }
    if (sub == QLatin1String("add")) {
        QStringList calls = args.mid(1);
        calls.removeDuplicates();
        auto id = Holds(ctx.cache()).place(calls, p.value(QStringLiteral("reason")), p.value(QStringLiteral("case")));
        if (!id) {
            ctx.error(id.errorMessage());
            return 1;
        }
        if (p.isSet(QStringLiteral("json"))) {
            ctx.out() << QString::fromUtf8(
                QJsonDocument(QJsonObject {{QStringLiteral("hold_id"), id.value()}}).toJson(QJsonDocument::Compact))
                      << '\n';
        } else {
            ctx.out() << "Hold " << id.value() << " placed on " << calls.size()
                      << " calls: retention and erasure notices leave them until it is released\n";
        }
        return 0;
    }
    auto released = Holds(ctx.cache()).release(args.at(1), p.value(QStringLiteral("reason")));
    if (!released) {
        ctx.error(released.errorMessage());
        return 1;
    }
    ctx.out() << "Hold " << args.at(1) << " released";
    if (!released->stillHeld.isEmpty()) {
        ctx.out() << "; other holds still keep " << released->stillHeld.join(QLatin1Char(' '));
    }
    if (released->erasuresApplied > 0) {
        ctx.out() << "; " << released->erasuresApplied << " waiting erasure notices applied";
    }
    ctx.out() << "; the calls' retention dates apply again\n";
    return 0;
}

} // namespace Earmark::Cli
