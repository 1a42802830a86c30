#include "DemoCache.h"

#include <QDir>

namespace Earmark::Test {

QString DemoCache::makeCache(const QString& dir, int calls)
{
    store = QDir(dir).filePath(QStringLiteral("store"));
    cache = QDir(dir).filePath(QStringLiteral("cache"));
    if (!keychain) {
        passFile = QDir(dir).filePath(QStringLiteral("pass"));
        writeFile(passFile, "otter velvet cinnamon harbour 31\n");
    }
    auto r = runCli({QStringLiteral("demo-store"), QStringLiteral("--out"), store, QStringLiteral("--calls"),
        QString::number(calls)});
    if (r.exitCode != 0) {
        return QString::fromUtf8(r.err);
    }
    r = cli({QStringLiteral("sync"), QStringLiteral("--store"), store});
    return r.exitCode == 0 ? QString() : QString::fromUtf8(r.err);
}

QStringList DemoCache::cliBase() const
{
    if (keychain) {
        return {QStringLiteral("--cache"), cache};
    }
    return {QStringLiteral("--cache"), cache, QStringLiteral("--passphrase-file"), passFile};
}

ProcessResult DemoCache::cli(const QStringList& args) const
{
    return runCli(cliBase() + args);
}

} // namespace Earmark::Test
