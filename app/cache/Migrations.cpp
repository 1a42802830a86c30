#include "cache/Migrations.h"

#include "cache/Database.h"
#include "cache/Statement.h"
#include "core/Logging.h"

#include <QDir>
#include <QFile>

// Resources in a static library must be registered explicitly.
static void initMigrationResources()
{
    Q_INIT_RESOURCE(migrations);
}

namespace Earmark::Migrations {

QStringList files()
{
    static const bool registered = (initMigrationResources(), true);
    Q_UNUSED(registered)
    QStringList out;
    const QDir dir(QStringLiteral(":/earmark/migrations"));
    for (const QString& name : dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name)) {
        out << dir.filePath(name);
    }
    return out;
}

int latestVersion()
{
    return static_cast<int>(files().size());
}

int currentVersion(Database& db)
{
    auto stmt = db.prepare(QStringLiteral("PRAGMA user_version"));
    if (!stmt) {
        return -1;
    }
    auto row = stmt->step();
    return row && row.value() ? static_cast<int>(stmt->int64(0)) : -1;
}

Status migrate(Database& db, int targetVersion)
{
    const QStringList all = files();
    const int latest = static_cast<int>(all.size());
    if (targetVersion < 0) {
        targetVersion = latest;
    }
    const int current = currentVersion(db);
    if (current < 0) {
        return makeError(QStringLiteral("Cannot read the cache's schema version: run earmark-cli verify."));
    }
    if (current > latest) {
        return makeError(QStringLiteral("This cache was written by a newer Earmark (schema %1, this build knows %2): "
                                        "update Earmark.")
                             .arg(current)
                             .arg(latest));
    }
    for (int v = current + 1; v <= targetVersion; ++v) {
        QFile file(all.at(v - 1));
        if (!file.open(QIODevice::ReadOnly)) {
            qFatal("migration resource %s missing", qPrintable(file.fileName()));
        }
        const QString sql = QString::fromUtf8(file.readAll());
        Transaction tx(db);
        if (auto st = tx.begin(); !st) {
            return st;
        }
        // Another process opening the same new cache may have migrated it while this one waited for the lock.
        if (currentVersion(db) >= v) {
            continue; // the transaction rolls back: nothing was written
        }
        if (auto st = db.exec(sql); !st) {
            return makeError(QStringLiteral("Cannot upgrade the cache to schema %1: %2").arg(v).arg(st.errorMessage()));
        }
        if (auto st = db.exec(QStringLiteral("PRAGMA user_version = %1").arg(v)); !st) {
            return st;
        }
        if (auto st = tx.commit(); !st) {
            return st;
        }
        qCInfo(lcCache) << "migrated cache to schema" << v;
    }
    return {};
}

} // namespace Earmark::Migrations
