#include "cli/Commands.h"
#include "core/Phone.h"
#include "core/TimeText.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace Earmark::Cli {

namespace {
const char* CallsUsage = "calls [--phone NUMBER] [--agent ID] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]";
} // namespace

bool parseDay(CliContext& ctx, const QString& option, qint64& out, int addDays)
{
    const QString text = ctx.parser().value(option);
    if (text.isEmpty()) {
        return true;
    }
    const QDate d = QDate::fromString(text, QStringLiteral("yyyy-MM-dd"));
    if (!d.isValid()) {
        ctx.error(QStringLiteral("--%1 takes a date as YYYY-MM-DD, not \"%2\"").arg(option, text));
        return false;
    }
    out = QDateTime(d.addDays(addDays), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
    return true;
}

bool callsSetup(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    p.addOption(
        {QStringLiteral("phone"), QStringLiteral("Respondent's number, typed any way."), QStringLiteral("NUMBER")});
    p.addOption({QStringLiteral("agent"), QStringLiteral("Agent id."), QStringLiteral("ID")});
    p.addOption({QStringLiteral("from"), QStringLiteral("First day (UTC)."), QStringLiteral("YYYY-MM-DD")});
    p.addOption({QStringLiteral("to"), QStringLiteral("Last day (UTC), inclusive."), QStringLiteral("YYYY-MM-DD")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print a JSON array.")});
    if (!parseArgs(ctx, 0, 0, CallsUsage)) {
        return false;
    }
    qint64 from = 0;
    qint64 to = 0;
    if (!parseDay(ctx, QStringLiteral("from"), from, 0) || !parseDay(ctx, QStringLiteral("to"), to, 1)) {
        return false;
    }
    if (p.isSet(QStringLiteral("phone"))) {
        auto phone = Phone::normalise(p.value(QStringLiteral("phone")));
        if (!phone) {
            ctx.error(phone.errorMessage());
            return false;
        }
    }
    return true;
}

int callsRun(CliContext& ctx)
{
    if (!ctx.allowed(Permission::BrowseCalls)
        || (ctx.parser().isSet(QStringLiteral("phone")) && !ctx.allowed(Permission::SearchByPhone))) {
        return 1;
    }
    QCommandLineParser& p = ctx.parser();
    CallQuery q;
    if (!parseDay(ctx, QStringLiteral("from"), q.fromUtc, 0) || !parseDay(ctx, QStringLiteral("to"), q.toUtc, 1)) {
        return 1;
    }
    if (p.isSet(QStringLiteral("phone"))) {
        q.phoneE164 = Phone::normalise(p.value(QStringLiteral("phone"))).value();
    }
    q.agentId = p.value(QStringLiteral("agent"));
    auto calls = ctx.cache().calls().query(q);
    if (!calls) {
        ctx.error(calls.errorMessage());
        return 1;
    }
    // Looking a respondent up by number reads personal data (which calls are theirs): audited, without the number.
    if (!q.phoneE164.isEmpty()) {
        if (auto st = ctx.cache().audit().append(
                QStringLiteral("calls.phone-search"), {}, QStringLiteral("%1 call(s) found").arg(calls->size()));
            !st) {
            ctx.error(st.errorMessage());
            return 1;
        }
    }
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray arr;
        for (const CallRecord& c : calls.value()) {
            arr.append(QJsonObject {
                {QStringLiteral("call_id"), c.callId},
                {QStringLiteral("start_utc"), utcText(c.startUtc)},
                {QStringLiteral("duration_s"), c.durationS},
                {QStringLiteral("agent_id"), c.agentId},
                {QStringLiteral("agent_name"), c.agentName},
                {QStringLiteral("client"), c.client},
                {QStringLiteral("campaign"), c.campaign},
                {QStringLiteral("disposition"), c.disposition},
                {QStringLiteral("direction"), c.direction},
                {QStringLiteral("has_transcript"), c.hasTranscript},
                {QStringLiteral("audio"),
                    c.audioState == AudioState::Cached            ? QStringLiteral("cached")
                        : c.audioState == AudioState::Unavailable ? QStringLiteral("unavailable")
                                                                  : QStringLiteral("in store")},
            });
        }
        ctx.out() << QJsonDocument(arr).toJson(QJsonDocument::Compact) << "\n";
        return 0;
    }
    for (const CallRecord& c : calls.value()) {
        ctx.out() << c.callId << "  " << utcText(c.startUtc) << "  " << durationText(c.durationS) << "  "
                  << (c.agentName.isEmpty() ? c.agentId : QStringLiteral("%1 (%2)").arg(c.agentName, c.agentId)) << "  "
                  << (c.campaign.isEmpty() ? QStringLiteral("-") : c.campaign) << "  "
                  << (c.disposition.isEmpty() ? QStringLiteral("-") : c.disposition)
                  << (c.hasTranscript ? "  transcript" : "") << "\n";
    }
    return 0;
}

} // namespace Earmark::Cli
