#include "cache/Cache.h"
#include "cli/Commands.h"
#include "training/ScenarioLibrary.h"

#include <QDir>

namespace Earmark::Cli {

namespace {
const char* ScenarioUsage = "scenario add CALL_ID --from S --to S --title T --category C [--objectives T] "
                            "[--notes T] [--tags a,b] [--difficulty 1-3] | scenario list [--category C] "
                            "| scenario pack --out DIR|FILE.zip [--category C] [--title T] "
                            "| scenario policy [--staff keep|pseudonymise|remove]";
} // namespace

bool scenarioSetup(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    p.addPositionalArgument(QStringLiteral("ACTION"), QStringLiteral("add, list, pack or policy"));
    for (const char* name :
        {"from", "to", "title", "category", "objectives", "notes", "tags", "difficulty", "out", "staff"}) {
        p.addOption({QString::fromLatin1(name), QString::fromLatin1(name), QStringLiteral("VALUE")});
    }
    if (!parseArgs(ctx, 1, 2, ScenarioUsage)) {
        return false;
    }
    const QStringList args = p.positionalArguments();
    const QString action = args.first();
    if (action == QLatin1String("policy") && p.isSet(QStringLiteral("staff"))
        && !Anonymise::staffPolicyFromName(p.value(QStringLiteral("staff")))) {
        ctx.error(QStringLiteral("--staff: \"%1\" is not a policy; use keep, pseudonymise or remove")
                      .arg(p.value(QStringLiteral("staff"))));
        return false;
    }
    bool ok = action == QLatin1String("list") || action == QLatin1String("policy")
        || (action == QLatin1String("pack") && p.isSet(QStringLiteral("out")))
        || (action == QLatin1String("add") && args.size() == 2 && p.isSet(QStringLiteral("from"))
            && p.isSet(QStringLiteral("to")) && p.isSet(QStringLiteral("title")));
    if (!ok) {
        ctx.error(QStringLiteral("usage: earmark-cli ") + QString::fromLatin1(ScenarioUsage));
    }
    return ok;
}

int scenarioRun(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    ScenarioLibrary library(ctx.cache());
    const QString action = p.positionalArguments().first();
    if (action == QLatin1String("add")) {
        Scenario d;
        d.title = p.value(QStringLiteral("title"));
        d.category = p.value(QStringLiteral("category"));
        d.objectives = p.value(QStringLiteral("objectives"));
        d.notes = p.value(QStringLiteral("notes"));
        d.tags = p.value(QStringLiteral("tags")).split(QLatin1Char(','), Qt::SkipEmptyParts);
        d.difficulty = p.isSet(QStringLiteral("difficulty")) ? p.value(QStringLiteral("difficulty")).toInt() : 2;
        auto id = library.create(p.positionalArguments().at(1), p.value(QStringLiteral("from")).toDouble(),
            p.value(QStringLiteral("to")).toDouble(), d);
        if (!id) {
            ctx.error(id.errorMessage());
            return 1;
        }
        ctx.out() << "Scenario " << id.value() << " added\n";
        return 0;
    }
    if (action == QLatin1String("policy")) {
        // Applies to scenarios made from now on: those made before keep the text they were stored with.
        if (p.isSet(QStringLiteral("staff"))) {
            const auto policy = Anonymise::staffPolicyFromName(p.value(QStringLiteral("staff")));
            if (auto st = library.setStaffPolicy(*policy); !st) {
                ctx.error(st.errorMessage());
                return 1;
            }
        }
        ctx.out() << "Staff names in training scenarios: " << Anonymise::staffPolicyName(library.staffPolicy())
                  << " (applies to scenarios made from now on)\n";
        return 0;
    }
    auto all = library.list(p.value(QStringLiteral("category")));
    if (!all) {
        ctx.error(all.errorMessage());
        return 1;
    }
    if (action == QLatin1String("list")) {
        for (const Scenario& s : all.value()) {
            ctx.out() << s.id << "  " << s.category << "  " << s.title << '\n';
        }
        return 0;
    }
    QList<qint64> ids;
    for (const Scenario& s : all.value()) {
        ids << s.id;
    }
    const QString title
        = p.isSet(QStringLiteral("title")) ? p.value(QStringLiteral("title")) : QStringLiteral("Training pack");
    if (auto st = library.exportPack(ids, p.value(QStringLiteral("out")), title); !st) {
        ctx.error(st.errorMessage());
        return 1;
    }
    ctx.out() << "Training pack of " << ids.size() << " scenario(s) written to "
              << QDir::toNativeSeparators(p.value(QStringLiteral("out"))) << '\n';
    return 0;
}

} // namespace Earmark::Cli
