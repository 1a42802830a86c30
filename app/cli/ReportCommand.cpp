#include "cache/Cache.h"
#include "cli/Commands.h"
#include "quality/Reports.h"

namespace Earmark::Cli {

namespace {
const char* ReportUsage
    = "report [--by agent|campaign|week|month|day] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--agent ID] "
      "[--campaign NAME] [--questions | --evaluations]";

std::optional<ReportGrouping> grouping(const QString& name)
{
    static const QList<QPair<QString, ReportGrouping>> all {{QStringLiteral("agent"), ReportGrouping::Agent},
        {QStringLiteral("campaign"), ReportGrouping::Campaign}, {QStringLiteral("week"), ReportGrouping::Week},
        {QStringLiteral("month"), ReportGrouping::Month}, {QStringLiteral("day"), ReportGrouping::Day}};
    for (const auto& [key, value] : all) {
        if (key == name) {
            return value;
        }
    }
    return std::nullopt;
}
} // namespace

bool reportSetup(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    p.addOption({QStringLiteral("by"), QStringLiteral("Group by agent (default), campaign, week or month."),
        QStringLiteral("GROUP"), QStringLiteral("agent")});
    p.addOption({QStringLiteral("from"), QStringLiteral("First call day (UTC)."), QStringLiteral("YYYY-MM-DD")});
    p.addOption(
        {QStringLiteral("to"), QStringLiteral("Last call day (UTC), inclusive."), QStringLiteral("YYYY-MM-DD")});
    p.addOption({QStringLiteral("agent"), QStringLiteral("Only this agent."), QStringLiteral("ID")});
    p.addOption({QStringLiteral("campaign"), QStringLiteral("Only this campaign."), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("questions"), QStringLiteral("Failure rate per question instead.")});
    p.addOption({QStringLiteral("evaluations"), QStringLiteral("Every evaluation instead.")});
    if (!parseArgs(ctx, 0, 0, ReportUsage)) {
        return false;
    }
    if (!grouping(p.value(QStringLiteral("by")))) {
        ctx.error(
            QStringLiteral("--by takes agent, campaign, week or month, not \"%1\"").arg(p.value(QStringLiteral("by"))));
        return false;
    }
    if (p.isSet(QStringLiteral("questions")) && p.isSet(QStringLiteral("evaluations"))) {
        ctx.error(QStringLiteral("choose one of --questions and --evaluations"));
        return false;
    }
    qint64 unused = 0;
    return parseDay(ctx, QStringLiteral("from"), unused, 0) && parseDay(ctx, QStringLiteral("to"), unused, 1);
}

int reportRun(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    ReportFilter f;
    if (!parseDay(ctx, QStringLiteral("from"), f.fromUtc, 0) || !parseDay(ctx, QStringLiteral("to"), f.toUtc, 1)) {
        return 1;
    }
    f.agentId = p.value(QStringLiteral("agent"));
    f.campaign = p.value(QStringLiteral("campaign"));
    Reports reports(ctx.cache());
    QString csv;
    if (p.isSet(QStringLiteral("questions"))) {
        auto rows = reports.questionFailures(f);
        if (!rows) {
            ctx.error(rows.errorMessage());
            return 1;
        }
        csv = Reports::questionsCsv(rows.value());
    } else if (p.isSet(QStringLiteral("evaluations"))) {
        auto rows = reports.evaluations(f);
        if (!rows) {
            ctx.error(rows.errorMessage());
            return 1;
        }
        csv = Reports::evaluationsCsv(rows.value());
    } else {
        const ReportGrouping g = *grouping(p.value(QStringLiteral("by")));
        auto rows = reports.summary(f, g);
        if (!rows) {
            ctx.error(rows.errorMessage());
            return 1;
        }
        csv = Reports::summaryCsv(rows.value(), g);
    }
    // Reports name agents and their scores: every export is audited, as the window's is.
    const QString kind = p.isSet(QStringLiteral("questions")) ? QStringLiteral("questions")
        : p.isSet(QStringLiteral("evaluations"))              ? QStringLiteral("evaluations")
                                                              : QStringLiteral("summary");
    if (auto st = ctx.cache().audit().append(QStringLiteral("report.export"), {}, kind + QStringLiteral(" (CSV)"));
        !st) {
        ctx.error(st.errorMessage());
        return 1;
    }
    ctx.out() << csv;
    ctx.out().flush();
    return 0;
}

} // namespace Earmark::Cli
