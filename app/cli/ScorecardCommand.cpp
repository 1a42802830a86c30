#include "cli/Commands.h"
#include "core/Files.h"
#include "scorecard/Scoring.h"

#include <QDir>
#include <QJsonDocument>

namespace Earmark::Cli {

namespace {
const char* ScorecardUsage = "scorecard check TEMPLATE | scorecard score TEMPLATE ANSWERS [--json]";

void printProblems(CliContext& ctx, const QString& file, const QList<Scorecard::Problem>& problems)
{
    for (const Scorecard::Problem& p : problems) {
        ctx.error(QDir::toNativeSeparators(file) + QStringLiteral(": ") + p.text());
    }
}

Result<QByteArray> readFile(CliContext& ctx, const QString& path)
{
    auto bytes = Files::readAll(path, 8 * 1024 * 1024);
    if (!bytes) {
        ctx.error(bytes.errorMessage());
    }
    return bytes;
}
} // namespace

bool scorecardSetup(CliContext& ctx)
{
    ctx.parser().addPositionalArgument(QStringLiteral("ACTION"), QStringLiteral("check or score"));
    ctx.parser().addOption({QStringLiteral("json"), QStringLiteral("Print the score as JSON.")});
    if (!parseArgs(ctx, 2, 3, ScorecardUsage)) {
        return false;
    }
    const QStringList args = ctx.parser().positionalArguments();
    const QString action = args.first();
    if ((action == QLatin1String("check") && args.size() == 2)
        || (action == QLatin1String("score") && args.size() == 3)) {
        return true;
    }
    ctx.error(QStringLiteral("usage: earmark-cli ") + QString::fromLatin1(ScorecardUsage));
    return false;
}

int scorecardRun(CliContext& ctx)
{
    const QStringList args = ctx.parser().positionalArguments();
    const QString templatePath = args.at(1);
    auto bytes = readFile(ctx, templatePath);
    if (!bytes) {
        return 1;
    }
    QList<Scorecard::Problem> problems;
    auto scorecard = Scorecard::Template::parse(bytes.value(), &problems);
    if (!scorecard) {
        printProblems(ctx, templatePath, problems);
        return 1;
    }
    if (args.first() == QLatin1String("check")) {
        int questions = 0;
        for (const auto& s : scorecard->sections) {
            questions += static_cast<int>(s.questions.size());
        }
        ctx.out() << "Valid: " << scorecard->title << " (" << scorecard->id << " version " << scorecard->version
                  << "), " << scorecard->sections.size() << " sections, " << questions << " questions\n";
        return 0;
    }
    const QString answersPath = args.at(2);
    auto answerBytes = readFile(ctx, answersPath);
    if (!answerBytes) {
        return 1;
    }
    auto answers = Scorecard::parseAnswersFile(answerBytes.value(), scorecard.value(), &problems);
    if (!answers) {
        printProblems(ctx, answersPath, problems);
        return 1;
    }
    const Scorecard::ScoreResult r = Scorecard::score(scorecard.value(), answers.value());
    if (ctx.parser().isSet(QStringLiteral("json"))) {
        ctx.out() << QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact) << "\n";
        return 0;
    }
    ctx.out() << "Score " << (r.score ? QString::number(*r.score, 'f', 1) : QStringLiteral("n/a"))
              << " of 100: " << (r.pass ? "pass" : "fail");
    if (!r.autoFail.isEmpty()) {
        ctx.out() << " (failed by " << r.autoFail << ")";
    }
    ctx.out() << "\n";
    for (const auto& [id, value] : r.sections) {
        ctx.out() << "  " << id << ": " << (value ? QString::number(*value, 'f', 1) : QStringLiteral("not applicable"))
                  << "\n";
    }
    return 0;
}

} // namespace Earmark::Cli
