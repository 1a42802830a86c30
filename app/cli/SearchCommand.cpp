#include "cache/Cache.h"
#include "cache/TranscriptIndex.h"
#include "cli/Commands.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace Earmark::Cli {

bool searchSetup(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    p.addPositionalArgument(
        QStringLiteral("WORDS"), QStringLiteral("Words said in the call; \"quotes\" for a phrase."));
    p.addOption({QStringLiteral("limit"), QStringLiteral("At most this many moments (default 50)."),
        QStringLiteral("N"), QStringLiteral("50")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print a JSON array.")});
    if (!parseArgs(ctx, 1, 100, "search WORDS... [--limit N] [--json]")) {
        return false;
    }
    bool ok = false;
    const int limit = p.value(QStringLiteral("limit")).toInt(&ok);
    if (!ok || limit < 1) {
        ctx.error(QStringLiteral("--limit takes a number from 1, not \"%1\"").arg(p.value(QStringLiteral("limit"))));
        return false;
    }
    return true;
}

int searchRun(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    auto hits = TranscriptIndex(ctx.cache())
                    .search(p.positionalArguments().join(QLatin1Char(' ')), p.value(QStringLiteral("limit")).toInt());
    if (!hits) {
        ctx.error(hits.errorMessage());
        return 1;
    }
    // The words searched for may themselves be personal (a name): the log keeps only how many calls matched.
    if (auto st = ctx.cache().audit().append(
            QStringLiteral("transcript.search"), {}, QStringLiteral("%1 hits").arg(hits->size()));
        !st) {
        ctx.error(st.errorMessage());
        return 1;
    }
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray out;
        for (const SearchHit& h : hits.value()) {
            out.append(QJsonObject {{QStringLiteral("call_id"), h.callId},
                {QStringLiteral("start_utc"),
                    QDateTime::fromSecsSinceEpoch(h.callStartUtc, QTimeZone::utc()).toString(Qt::ISODate)},
                {QStringLiteral("agent_id"), h.agentId}, {QStringLiteral("segment"), h.segment},
                {QStringLiteral("speaker"), h.speaker}, {QStringLiteral("at_s"), h.startS},
                {QStringLiteral("snippet"), h.snippet}});
        }
        ctx.out() << QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented));
        return 0;
    }
    for (const SearchHit& h : hits.value()) {
        ctx.out()
            << h.callId
            << QStringLiteral("  %1:%2  ").arg(int(h.startS) / 60).arg(int(h.startS) % 60, 2, 10, QLatin1Char('0'))
            << h.speaker << QStringLiteral("  ") << h.snippet << '\n';
    }
    if (hits->isEmpty()) {
        ctx.out() << "No transcript says that.\n";
    }
    return 0;
}

} // namespace Earmark::Cli
