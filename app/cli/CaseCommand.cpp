#include "cache/Cache.h"
#include "cases/Cases.h"
#include "cases/SafetyFlags.h"
#include "cli/Commands.h"
#include "core/TimeText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Earmark::Cli {

namespace {
const char* CaseUsage = "case create --type complaint|safety|query --ref REF [--phone NUMBER] [--call CALL_ID]... "
                        "[--json] | case add-call CASE_ID CALL_ID | case remove-call CASE_ID CALL_ID --reason TEXT | "
                        "case link-calls CASE_ID | case note CASE_ID --text "
                        "TEXT | case flag CALL_ID --at SECONDS --kind threatening|abusive [--text NOTE] | case close "
                        "CASE_ID --reason TEXT | case show CASE_ID [--json] | case list [--open|--closed] [--json]";

void printJson(CliContext& ctx, const QJsonDocument& doc)
{
    ctx.out() << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
}

int fail(CliContext& ctx, const Error& e)
{
    ctx.error(e.message);
    return 1;
}
} // namespace

bool caseSetup(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    p.addOption({QStringLiteral("type"), QStringLiteral("complaint, safety or query."), QStringLiteral("TYPE")});
    p.addOption({QStringLiteral("ref"), QStringLiteral("The case's reference."), QStringLiteral("REF")});
    p.addOption(
        {QStringLiteral("phone"), QStringLiteral("The respondent's number, typed any way."), QStringLiteral("NUMBER")});
    p.addOption(
        {QStringLiteral("call"), QStringLiteral("A call of the case (repeatable)."), QStringLiteral("CALL_ID")});
    p.addOption({QStringLiteral("reason"), QStringLiteral("Why the case is closed, or a call taken out."),
        QStringLiteral("TEXT")});
    p.addOption({QStringLiteral("text"), QStringLiteral("A note's text."), QStringLiteral("TEXT")});
    p.addOption({QStringLiteral("at"), QStringLiteral("The flagged moment, in seconds."), QStringLiteral("SECONDS")});
    p.addOption({QStringLiteral("kind"), QStringLiteral("threatening or abusive."), QStringLiteral("KIND")});
    p.addOption({QStringLiteral("open"), QStringLiteral("Only open cases.")});
    p.addOption({QStringLiteral("closed"), QStringLiteral("Only closed cases.")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    if (!parseArgs(ctx, 1, 3, CaseUsage)) {
        return false;
    }
    const QStringList args = p.positionalArguments();
    const QString sub = args.constFirst();
    const auto usage = [&](const QString& problem) {
        ctx.error(problem + QStringLiteral(". Usage: earmark-cli ") + QString::fromLatin1(CaseUsage));
        return false;
    };
    const auto needs = [&](int positional, const char* option, const QString& what) {
        if (args.size() != positional + 1) {
            return usage(QStringLiteral("case %1 takes %2").arg(sub, what));
        }
        if (option && p.value(QString::fromLatin1(option)).trimmed().isEmpty()) {
            return usage(QStringLiteral("case %1 needs --%2").arg(sub, QString::fromLatin1(option)));
        }
        return true;
    };
    if (sub == QLatin1String("create")) {
        if (p.value(QStringLiteral("type")).isEmpty() || p.value(QStringLiteral("ref")).isEmpty()) {
            return usage(QStringLiteral("case create needs --type and --ref"));
        }
        return needs(0, nullptr, QStringLiteral("no positional arguments"));
    }
    if (sub == QLatin1String("add-call")) {
        return needs(2, nullptr, QStringLiteral("a case id and a call id"));
    }
    if (sub == QLatin1String("remove-call")) {
        return needs(2, "reason", QStringLiteral("a case id and a call id"));
    }
    if (sub == QLatin1String("link-calls") || sub == QLatin1String("show")) {
        return needs(1, nullptr, QStringLiteral("one case id"));
    }
    if (sub == QLatin1String("note")) {
        return needs(1, "text", QStringLiteral("one case id"));
    }
    if (sub == QLatin1String("close")) {
        return needs(1, "reason", QStringLiteral("one case id"));
    }
    if (sub == QLatin1String("flag")) {
        bool ok = false;
        p.value(QStringLiteral("at")).toDouble(&ok);
        if (!ok) {
            return usage(QStringLiteral("case flag needs --at SECONDS (the moment in the call, e.g. 73.5)"));
        }
        return needs(1, "kind", QStringLiteral("one call id"));
    }
    if (sub == QLatin1String("list")) {
        return needs(0, nullptr, QStringLiteral("no positional arguments"));
    }
    return usage(QStringLiteral("unknown case command \"%1\"").arg(sub));
}

int caseRun(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    const QStringList args = p.positionalArguments();
    const QString sub = args.constFirst();
    Cases cases(ctx.cache());
    const bool json = p.isSet(QStringLiteral("json"));
    if (sub == QLatin1String("create")) {
        NewCase n;
        n.type = p.value(QStringLiteral("type"));
        n.reference = p.value(QStringLiteral("ref"));
        n.phone = p.value(QStringLiteral("phone"));
        n.callIds = p.values(QStringLiteral("call"));
        auto c = cases.create(n);
        if (!c) {
            return fail(ctx, c.error());
        }
        if (json) {
            ctx.out() << QString::fromUtf8(
                QJsonDocument(QJsonObject {{QStringLiteral("case_id"), c->caseId}}).toJson(QJsonDocument::Compact))
                      << '\n';
        } else {
            ctx.out() << "Case " << c->caseId << " (" << c->reference << ") opened with " << c->callIds.size()
                      << " calls" << (c->holdId.isEmpty() ? QString() : QStringLiteral(", held by ") + c->holdId)
                      << '\n';
            if (!c->setAside.isEmpty()) {
                ctx.out() << c->setAside.size()
                          << " call(s) of the number name someone else and were not linked (earmark-cli case show "
                          << c->caseId << " lists them; case add-call adds one)\n";
            }
        }
        return 0;
    }
    if (sub == QLatin1String("add-call")) {
        if (auto st = cases.addCall(args.at(1), args.at(2)); !st) {
            return fail(ctx, st.error());
        }
        ctx.out() << "Call " << args.at(2) << " added to case " << args.at(1) << " and held while it is open\n";
        return 0;
    }
    if (sub == QLatin1String("remove-call")) {
        if (auto st = cases.removeCall(args.at(1), args.at(2), p.value(QStringLiteral("reason"))); !st) {
            return fail(ctx, st.error());
        }
        ctx.out() << "Call " << args.at(2) << " taken out of case " << args.at(1) << " and no longer held by it\n";
        return 0;
    }
    if (sub == QLatin1String("link-calls")) {
        auto linked = cases.linkRespondentCalls(args.at(1));
        if (!linked) {
            return fail(ctx, linked.error());
        }
        ctx.out() << linked->size() << " more calls of the respondent added"
                  << (linked->isEmpty() ? QString() : QStringLiteral(": ") + linked->join(QLatin1Char(' '))) << '\n';
        return 0;
    }
    if (sub == QLatin1String("note")) {
        if (auto st = cases.addNote(args.at(1), p.value(QStringLiteral("text"))); !st) {
            return fail(ctx, st.error());
        }
        ctx.out() << "Note added to case " << args.at(1) << '\n';
        return 0;
    }
    if (sub == QLatin1String("flag")) {
        const qint64 atMs = qRound64(p.value(QStringLiteral("at")).toDouble() * 1000);
        auto flagged = SafetyFlags(ctx.cache())
                           .flag(args.at(1), atMs, p.value(QStringLiteral("kind")), p.value(QStringLiteral("text")));
        if (!flagged) {
            return fail(ctx, flagged.error());
        }
        ctx.out() << "Flagged " << args.at(1) << " at " << p.value(QStringLiteral("at")) << " s as "
                  << p.value(QStringLiteral("kind")) << "; safety case " << flagged->caseId << " ("
                  << flagged->caseReference << ") holds the call\n";
        return 0;
    }
    if (sub == QLatin1String("close")) {
        if (auto st = cases.close(args.at(1), p.value(QStringLiteral("reason"))); !st) {
            return fail(ctx, st.error());
        }
        ctx.out() << "Case " << args.at(1)
                  << " closed; its hold is released and the calls' retention dates apply again\n";
        return 0;
    }
    if (sub == QLatin1String("show")) {
        auto c = cases.get(args.at(1));
        if (!c) {
            return fail(ctx, c.error());
        }
        // The case's notes may describe the respondent: reading them is audited.
        if (auto st = ctx.cache().audit().append(QStringLiteral("case.read"), c->caseId, {}); !st) {
            return fail(ctx, st.error());
        }
        if (json) {
            QJsonObject o = Cases::toJson(c.value());
            QJsonArray aside;
            for (const CaseSetAside& a : c->setAside) {
                aside << QJsonObject {{QStringLiteral("call_id"), a.callId}, {QStringLiteral("reason"), a.reason},
                    {QStringLiteral("by"), a.by}, {QStringLiteral("at_utc"), utcText(a.atUtc)}};
            }
            o.insert(QStringLiteral("set_aside"), aside);
            QJsonObject names;
            for (auto it = c->respondentNames.cbegin(); it != c->respondentNames.cend(); ++it) {
                names.insert(it.key(), it.value());
            }
            o.insert(QStringLiteral("respondent_names"), names);
            printJson(ctx, QJsonDocument(o));
            return 0;
        }
        ctx.out() << c->caseId << "  " << c->reference << "  " << c->type << "  " << (c->isOpen() ? "open" : "closed")
                  << "  owner " << c->owner << "  opened " << utcText(c->openedUtc) << '\n';
        if (!c->phoneHint.isEmpty()) {
            ctx.out() << "Respondent: " << c->phoneHint << '\n';
        }
        ctx.out() << "Calls (" << c->callIds.size() << "):\n";
        for (const QString& id : c->callIds) {
            ctx.out() << "  " << id << "  " << c->respondentNames.value(id) << '\n';
        }
        for (const CaseSetAside& a : c->setAside) {
            ctx.out() << "Not linked: " << a.callId << "  " << c->respondentNames.value(a.callId) << "  (" << a.reason
                      << ", " << a.by << ")\n";
        }
        ctx.out() << "Hold: " << (c->holdId.isEmpty() ? QStringLiteral("none") : c->holdId) << '\n';
        for (const SafetyFlag& f : c->flags) {
            ctx.out() << "Flag: " << f.callId << " at " << QString::number(f.atMs / 1000.0, 'f', 1) << " s, " << f.kind
                      << " (" << f.flaggedBy << ")\n";
        }
        for (const CaseNote& n : c->notes) {
            ctx.out() << "Note " << utcText(n.atUtc) << " " << n.author << ": " << n.text << '\n';
        }
        return 0;
    }
    CaseFilter filter;
    if (p.isSet(QStringLiteral("open"))) {
        filter.status = CaseFilter::Status::Open;
    } else if (p.isSet(QStringLiteral("closed"))) {
        filter.status = CaseFilter::Status::Closed;
    }
    auto all = cases.list(filter);
    if (!all) {
        return fail(ctx, all.error());
    }
    if (json) {
        QJsonArray out;
        for (const CaseRecord& c : all.value()) {
            out << Cases::toJson(c);
        }
        printJson(ctx, QJsonDocument(out));
        return 0;
    }
    if (all->isEmpty()) {
        ctx.out() << "No cases\n";
    }
    for (const CaseRecord& c : all.value()) {
        ctx.out() << c.caseId << "  " << c.reference << "  " << c.type << "  " << (c.isOpen() ? "open" : "closed")
                  << "  " << c.callIds.size() << " calls  owner " << c.owner << "  opened " << utcText(c.openedUtc)
                  << '\n';
    }
    return 0;
}

} // namespace Earmark::Cli
