#include "cache/Cache.h"
#include "cli/Commands.h"
#include "core/TimeText.h"
#include "requests/DsarPack.h"
#include "requests/RequestCalls.h"
#include "requests/Requests.h"
#include "requests/SarDeadline.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Earmark::Cli {

namespace {
const char* DsarUsage
    = "dsar create --phone NUMBER --received YYYY-MM-DD [--channel letter|email|phone|in-person] [--ref REF] "
      "[--name NAME] [--identity-pending] [--note TEXT] [--json] | dsar name DSAR_ID --name NAME | dsar exclude-call "
      "DSAR_ID CALL_ID --reason TEXT | dsar confirm-call DSAR_ID CALL_ID --reason TEXT | dsar confirm DSAR_ID --date "
      "YYYY-MM-DD [--note TEXT] | dsar "
      "extend "
      "DSAR_ID --reason TEXT | dsar close DSAR_ID --outcome TEXT [--refused] | dsar show DSAR_ID [--json] | dsar list "
      "[--all] [--json] | dsar pack DSAR_ID --out FILE.zip [--audio] [--staff keep|first-name|remove] | dsar policy "
      "[--staff keep|first-name|remove]";

QJsonObject requestJson(const SubjectRequest& r, const QDate& today)
{
    return QJsonObject {{QStringLiteral("id"), r.requestId}, {QStringLiteral("dsar_id"), r.requestId},
        {QStringLiteral("reference"), r.reference}, {QStringLiteral("phone"), r.phoneHint},
        {QStringLiteral("received"), r.received.toString(Qt::ISODate)}, {QStringLiteral("channel"), r.channel},
        {QStringLiteral("status"), r.status},
        {QStringLiteral("deadline"),
            r.deadline.isValid() ? QJsonValue(r.deadline.toString(Qt::ISODate)) : QJsonValue()},
        {QStringLiteral("days_left"),
            r.deadline.isValid() && r.isOpen() ? QJsonValue(SarDeadline::daysLeft(today, r.deadline)) : QJsonValue()},
        {QStringLiteral("calls"), QJsonArray::fromStringList(r.callIds)},
        {QStringLiteral("doubtful_calls"), QJsonArray::fromStringList(r.doubtfulCallIds())},
        {QStringLiteral("extension_reason"), r.extensionReason}, {QStringLiteral("outcome"), r.outcome}};
}

QString decisionText(RequestCall::Decision d)
{
    return d == RequestCall::Decision::Excluded ? QStringLiteral("excluded")
        : d == RequestCall::Decision::Confirmed ? QStringLiteral("confirmed")
                                                : QString();
}

// What `dsar show` adds: the requester's name and every call of the number with the name it records and the
// handler's decision (the user may read them: the role allows subject access work, and the read is audited).
QJsonObject shownJson(const SubjectRequest& r, const QDate& today)
{
    QJsonObject o = requestJson(r, today);
    o.insert(QStringLiteral("requester_name"), r.requesterName);
    QJsonArray calls;
    for (const RequestCall& c : r.numberCalls) {
        calls << QJsonObject {{QStringLiteral("call_id"), c.callId}, {QStringLiteral("start_utc"), utcText(c.startUtc)},
            {QStringLiteral("respondent_name"), c.respondentName},
            {QStringLiteral("decision"), decisionText(c.decision)}, {QStringLiteral("reason"), c.reason},
            {QStringLiteral("doubtful"), c.doubtful}};
    }
    o.insert(QStringLiteral("number_calls"), calls);
    return o;
}

QDate dateOption(CliContext& ctx, const QString& name, bool* ok)
{
    const QDate d = QDate::fromString(ctx.parser().value(name), Qt::ISODate);
    *ok = d.isValid() && ctx.parser().value(name).size() == 10;
    if (!*ok) {
        ctx.error(QStringLiteral("--%1 needs a date as YYYY-MM-DD, not \"%2\"").arg(name, ctx.parser().value(name)));
    }
    return d;
}
} // namespace

bool dsarSetup(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    for (const auto& [name, help, value] : std::initializer_list<std::tuple<const char*, const char*, const char*>> {
             {"phone", "The requester's number, typed any way.", "NUMBER"},
             {"received", "The day the request arrived.", "YYYY-MM-DD"},
             {"channel", "letter, email, phone or in-person.", "CHANNEL"}, {"ref", "Your reference.", "REF"},
             {"note", "The identity check.", "TEXT"}, {"date", "The day identity was confirmed.", "YYYY-MM-DD"},
             {"reason", "Why the request is extended, or a call excluded or confirmed.", "TEXT"},
             {"name", "The requester's name as they gave it.", "NAME"}, {"outcome", "How it ended.", "TEXT"},
             {"out", "The pack's zip file.", "FILE.zip"},
             {"staff", "Staff names in packs: keep, first-name or remove.", "POLICY"}}) {
        p.addOption({QString::fromLatin1(name), QString::fromLatin1(help), QString::fromLatin1(value)});
    }
    p.addOption(
        {QStringLiteral("identity-pending"), QStringLiteral("Identity asked for: the month starts when confirmed.")});
    p.addOption({QStringLiteral("refused"), QStringLiteral("The request is refused (the outcome says why).")});
    p.addOption({QStringLiteral("all"), QStringLiteral("Closed requests too.")});
    p.addOption({QStringLiteral("audio"), QStringLiteral("The recordings too, other people's data bleeped.")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    if (!parseArgs(ctx, 1, 3, DsarUsage)) {
        return false;
    }
    const QStringList args = p.positionalArguments();
    const QString sub = args.constFirst();
    const auto usage = [&](const QString& problem) {
        ctx.error(problem + QStringLiteral(". Usage: earmark-cli ") + QString::fromLatin1(DsarUsage));
        return false;
    };
    const auto needs = [&](int positional, const char* option) {
        if (args.size() != positional + 1) {
            return usage(QStringLiteral("dsar %1 takes %2")
                             .arg(sub,
                                 positional == 2  ? QStringLiteral("a request id and a call id")
                                     : positional ? QStringLiteral("a request id")
                                                  : QStringLiteral("no request id")));
        }
        if (option && p.value(QString::fromLatin1(option)).trimmed().isEmpty()) {
            return usage(QStringLiteral("dsar %1 needs --%2").arg(sub, QString::fromLatin1(option)));
        }
        return true;
    };
    if (sub == QLatin1String("create")) {
        return needs(0, "phone") && needs(0, "received");
    }
    if (sub == QLatin1String("confirm")) {
        return needs(1, "date");
    }
    if (sub == QLatin1String("name")) {
        return needs(1, "name");
    }
    if (sub == QLatin1String("exclude-call") || sub == QLatin1String("confirm-call")) {
        return needs(2, "reason");
    }
    if (sub == QLatin1String("extend")) {
        return needs(1, "reason");
    }
    if (sub == QLatin1String("close")) {
        return needs(1, "outcome");
    }
    if (sub == QLatin1String("show")) {
        return needs(1, nullptr);
    }
    if (sub == QLatin1String("list")) {
        return needs(0, nullptr);
    }
    if (p.isSet(QStringLiteral("staff")) && !staffNamesFromText(p.value(QStringLiteral("staff")))) {
        return usage(
            QStringLiteral("--staff is keep, first-name or remove, not \"%1\"").arg(p.value(QStringLiteral("staff"))));
    }
    if (sub == QLatin1String("pack")) {
        return needs(1, "out");
    }
    if (sub == QLatin1String("policy")) {
        return needs(0, nullptr);
    }
    return usage(QStringLiteral("unknown dsar command \"%1\"").arg(sub));
}

int dsarRun(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    const QStringList args = p.positionalArguments();
    const QString sub = args.constFirst();
    const QDate today = QDate::currentDate();
    Requests requests(ctx.cache());
    const bool json = p.isSet(QStringLiteral("json"));
    const auto done = [&](const Status& st, const QString& line) {
        if (!st) {
            ctx.error(st.errorMessage());
            return 1;
        }
        ctx.out() << line << '\n';
        return 0;
    };
    if (sub == QLatin1String("create")) {
        bool ok = false;
        NewSubjectRequest n;
        n.received = dateOption(ctx, QStringLiteral("received"), &ok);
        if (!ok) {
            return 1;
        }
        n.phone = p.value(QStringLiteral("phone"));
        if (p.isSet(QStringLiteral("channel"))) {
            n.channel = p.value(QStringLiteral("channel"));
        }
        n.reference = p.value(QStringLiteral("ref"));
        n.identityPending = p.isSet(QStringLiteral("identity-pending"));
        n.identityNote = p.value(QStringLiteral("note"));
        n.name = p.value(QStringLiteral("name"));
        auto r = requests.create(n, today);
        if (!r) {
            ctx.error(r.errorMessage());
            return 1;
        }
        if (json) {
            ctx.out() << QString::fromUtf8(QJsonDocument(
                QJsonObject {{QStringLiteral("dsar_id"), r->requestId},
                    {QStringLiteral("deadline"),
                        r->deadline.isValid() ? QJsonValue(r->deadline.toString(Qt::ISODate)) : QJsonValue()}})
                                               .toJson(QJsonDocument::Compact))
                      << '\n';
            return 0;
        }
        ctx.out() << "Request " << r->requestId << " recorded: " << r->callIds.size() << " calls of " << r->phoneHint
                  << " held while it is open; "
                  << (r->deadline.isValid() ? QStringLiteral("answer by ") + r->deadline.toString(Qt::ISODate)
                                            : QStringLiteral("the month starts when the identity is confirmed"))
                  << '\n';
        if (const QString warning = Requests::deadlineWarning(r.value()); !warning.isEmpty()) {
            ctx.out() << warning << '\n';
        }
        if (const QString shared = RequestCalls::doubtfulProblem(r.value()); !shared.isEmpty()) {
            ctx.out() << shared << '\n';
        }
        return 0;
    }
    if (sub == QLatin1String("name")) {
        const Status st = requests.setRequesterName(args.at(1), p.value(QStringLiteral("name")));
        auto r = requests.get(args.at(1));
        const int doubtful = r ? int(r->doubtfulCallIds().size()) : 0;
        return done(st,
            doubtful ? QStringLiteral("Requester's name recorded; %1 call(s) of the number name someone else: "
                                      "earmark-cli dsar show %2 lists them")
                           .arg(doubtful)
                           .arg(args.at(1))
                     : QStringLiteral("Requester's name recorded"));
    }
    if (sub == QLatin1String("exclude-call") || sub == QLatin1String("confirm-call")) {
        const bool exclude = sub == QLatin1String("exclude-call");
        const Status st = requests.decideCall(args.at(1), args.at(2),
            exclude ? RequestCall::Decision::Excluded : RequestCall::Decision::Confirmed,
            p.value(QStringLiteral("reason")));
        return done(st,
            exclude ? QStringLiteral("Call %1 taken out of request %2: not in its pack, no longer held by it")
                          .arg(args.at(2), args.at(1))
                    : QStringLiteral("Call %1 confirmed as the requester's: it goes in the pack of %2")
                          .arg(args.at(2), args.at(1)));
    }
    if (sub == QLatin1String("confirm")) {
        bool ok = false;
        const QDate d = dateOption(ctx, QStringLiteral("date"), &ok);
        if (!ok) {
            return 1;
        }
        const Status st = requests.confirmIdentity(args.at(1), d, p.value(QStringLiteral("note")));
        auto r = requests.get(args.at(1));
        return done(st,
            QStringLiteral("Identity confirmed; answer by %1").arg(r ? r->deadline.toString(Qt::ISODate) : QString()));
    }
    if (sub == QLatin1String("extend")) {
        const Status st = requests.extend(args.at(1), p.value(QStringLiteral("reason")), today);
        auto r = requests.get(args.at(1));
        return done(st,
            QStringLiteral("Request %1 extended to %2: tell the requester, with the reason, now")
                .arg(args.at(1), r ? r->deadline.toString(Qt::ISODate) : QString()));
    }
    if (sub == QLatin1String("close")) {
        const bool refused = p.isSet(QStringLiteral("refused"));
        return done(requests.close(args.at(1), p.value(QStringLiteral("outcome")), refused),
            QStringLiteral("Request %1 %2; its calls' retention dates apply again")
                .arg(args.at(1), refused ? QStringLiteral("refused") : QStringLiteral("completed")));
    }
    if (sub == QLatin1String("pack")) {
        DsarPackOptions options;
        options.audio = p.isSet(QStringLiteral("audio"));
        options.staffNames = staffNamesFromText(p.value(QStringLiteral("staff")));
        auto s = DsarPack(ctx.cache()).write(args.at(1), p.value(QStringLiteral("out")), options);
        if (!s) {
            ctx.error(s.errorMessage());
            return 1;
        }
        ctx.out() << "Subject access pack " << s->zipPath << ": " << s->calls << " call(s), " << s->redacted
                  << " passage(s) of other people's data removed, " << s->files << " files, " << s->bytes
                  << " bytes, signed by key " << s->keyId << '\n';
        return 0;
    }
    if (sub == QLatin1String("policy")) {
        DsarPack packs(ctx.cache());
        if (const auto policy = staffNamesFromText(p.value(QStringLiteral("staff")))) {
            if (auto st = packs.setStaffPolicy(*policy); !st) {
                ctx.error(st.errorMessage());
                return 1;
            }
        }
        ctx.out() << "Staff names in subject access packs: " << staffNamesText(packs.staffPolicy()) << '\n';
        return 0;
    }
    if (sub == QLatin1String("show")) {
        auto r = requests.get(args.at(1));
        if (!r) {
            ctx.error(r.errorMessage());
            return 1;
        }
        if (auto st = ctx.cache().audit().append(QStringLiteral("request.read"), r->requestId, {}); !st) {
            ctx.error(st.errorMessage());
            return 1;
        }
        ctx.out() << QString::fromUtf8(QJsonDocument(shownJson(r.value(), today)).toJson(QJsonDocument::Indented));
        return 0;
    }
    auto all = requests.list(!p.isSet(QStringLiteral("all")));
    if (!all) {
        ctx.error(all.errorMessage());
        return 1;
    }
    if (json) {
        QJsonArray out;
        for (const SubjectRequest& r : all.value()) {
            out << requestJson(r, today);
        }
        ctx.out() << QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented));
        return 0;
    }
    if (all->isEmpty()) {
        ctx.out() << "No open subject access requests\n";
    }
    for (const SubjectRequest& r : all.value()) {
        ctx.out() << r.requestId << "  " << r.phoneHint << "  received " << r.received.toString(Qt::ISODate) << " by "
                  << r.channel << "  " << r.status << "  "
                  << (r.deadline.isValid() ? QStringLiteral("deadline %1 (%2 days left)")
                                                 .arg(r.deadline.toString(Qt::ISODate))
                                                 .arg(SarDeadline::daysLeft(today, r.deadline))
                                           : QStringLiteral("waiting for identity"))
                  << "  " << r.callIds.size() << " calls held\n";
    }
    return 0;
}

} // namespace Earmark::Cli
