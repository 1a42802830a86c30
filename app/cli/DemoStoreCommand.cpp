#include "cli/Commands.h"
#include "demo/DemoStoreWriter.h"

#include <QDir>

namespace Earmark::Cli {

namespace {
const char* DemoUsage = "demo-store --out DIR [--calls N] [--seed S] [--days D]";

bool readNumber(CliContext& ctx, const QString& option, qint64 lo, qint64 hi, qint64& out)
{
    bool ok = false;
    const qint64 v = ctx.parser().value(option).toLongLong(&ok);
    if (!ok || v < lo || v > hi) {
        ctx.error(QStringLiteral("--%1 takes a whole number from %2 to %3, not \"%4\"")
                      .arg(option)
                      .arg(lo)
                      .arg(hi)
                      .arg(ctx.parser().value(option)));
        return false;
    }
    out = v;
    return true;
}
} // namespace

bool demoStoreSetup(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    p.addOption({QStringLiteral("out"), QStringLiteral("Folder to write the store to."), QStringLiteral("DIR")});
    p.addOption(
        {QStringLiteral("calls"), QStringLiteral("Number of calls."), QStringLiteral("N"), QStringLiteral("60")});
    p.addOption({QStringLiteral("seed"), QStringLiteral("Seed."), QStringLiteral("S"), QStringLiteral("1")});
    p.addOption(
        {QStringLiteral("days"), QStringLiteral("Days the calls span."), QStringLiteral("D"), QStringLiteral("14")});
    if (!parseArgs(ctx, 0, 0, DemoUsage)) {
        return false;
    }
    if (p.value(QStringLiteral("out")).isEmpty()) {
        ctx.error(QStringLiteral("demo-store needs --out DIR: the folder to write the store to"));
        return false;
    }
    qint64 v = 0;
    return readNumber(ctx, QStringLiteral("calls"), 1, 100000, v)
        && readNumber(ctx, QStringLiteral("seed"), 0, 1ll << 53, v)
        && readNumber(ctx, QStringLiteral("days"), 1, 730, v);
}

int demoStoreRun(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    Demo::DemoOptions options;
    options.outDir = p.value(QStringLiteral("out"));
    options.calls = p.value(QStringLiteral("calls")).toInt();
    options.seed = p.value(QStringLiteral("seed")).toULongLong();
    options.days = p.value(QStringLiteral("days")).toInt();
    if (QDir(options.outDir).exists(QStringLiteral("v1"))) {
        // Rewriting over an older demo store would leave its other calls behind.
        QDir(options.outDir + QStringLiteral("/v1")).removeRecursively();
    } else if (QDir(options.outDir).exists() && !QDir(options.outDir).isEmpty()) {
        ctx.error(QStringLiteral("%1 is not empty and is not a store: give a new or empty folder")
                      .arg(QDir::toNativeSeparators(options.outDir)));
        return 1;
    }
    auto summary = Demo::writeDemoStore(options,
        [&](int done, int total) { ctx.progress(QStringLiteral("Writing demo calls: %1/%2").arg(done).arg(total)); });
    ctx.endProgress();
    if (!summary) {
        ctx.error(QStringLiteral("demo-store failed: ") + summary.errorMessage());
        return 1;
    }
    ctx.out() << "Wrote a demo store to " << QDir::toNativeSeparators(options.outDir) << ": " << summary->text()
              << "\n";
    return 0;
}

} // namespace Earmark::Cli
