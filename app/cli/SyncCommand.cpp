#include "cli/Commands.h"
#include "sync/SyncRunner.h"

#include <QDir>
#include <QJsonDocument>
#include <atomic>
#include <csignal>

namespace Earmark::Cli {

namespace {
std::atomic_bool g_interrupted {false};

void onInterrupt(int)
{
    g_interrupted.store(true);
}

QString humanBytes(qint64 bytes)
{
    if (bytes < 1024 * 1024) {
        return QStringLiteral("%1 KB").arg(bytes / 1024);
    }
    return QStringLiteral("%1 MB").arg(double(bytes) / (1024 * 1024), 0, 'f', 1);
}
} // namespace

bool syncSetup(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    p.addOption({QStringLiteral("store"), QStringLiteral("The recording store: a folder."), QStringLiteral("PATH")});
    p.addOption(
        {QStringLiteral("audio"), QStringLiteral("none or all"), QStringLiteral("MODE"), QStringLiteral("none")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print the report as JSON.")});
    if (!parseArgs(ctx, 0, 0, "sync --store PATH_OR_S3_URL [--audio none|all] [--json]")) {
        return false;
    }
    if (p.value(QStringLiteral("store")).isEmpty()) {
        ctx.error(QStringLiteral("sync needs --store PATH: the folder of the provider's recording store"));
        return false;
    }
    const QString audio = p.value(QStringLiteral("audio"));
    if (audio != QLatin1String("none") && audio != QLatin1String("all")) {
        ctx.error(QStringLiteral("--audio takes none or all, not \"%1\"").arg(audio));
        return false;
    }
    return true;
}

int syncRun(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    const QString storePath = p.value(QStringLiteral("store"));
    SyncRunner runner(ctx.cache());
    g_interrupted.store(false);
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    runner.setCancelFlag(&g_interrupted);
    runner.setProgressHandler([&](const SyncProgress& progress) {
        ctx.progress(QStringLiteral("Syncing: %1/%2 calls, %3 read")
                         .arg(progress.callsDone)
                         .arg(progress.callsTotal)
                         .arg(humanBytes(progress.bytesDone)));
    });
    auto report = runner.run(SyncRequest {storePath, p.value(QStringLiteral("audio")) == QLatin1String("all")});
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    ctx.endProgress();
    if (!report) {
        ctx.error(QStringLiteral("sync failed: ") + report.errorMessage());
        return 1;
    }
    if (p.isSet(QStringLiteral("json"))) {
        ctx.out() << QJsonDocument(report->toJson()).toJson(QJsonDocument::Compact) << "\n";
    } else {
        ctx.out() << "Synced " << QDir::toNativeSeparators(storePath) << ": " << report->summary() << "\n";
        for (const Rejection& r : report->rejected) {
            ctx.out() << "  rejected " << r.item << ": " << r.reason << "\n";
        }
    }
    ctx.out().flush();
    if (report->cancelled) {
        return 1;
    }
    return report->rejected.isEmpty() ? 0 : 2;
}

} // namespace Earmark::Cli
