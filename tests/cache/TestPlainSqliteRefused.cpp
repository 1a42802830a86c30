#include "cache/Database.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;

// Linked with plain libsqlite3 ahead of SQLCipher: PRAGMA key is a silent no-op there. Opening must fail
// instead of writing a clear-text database.
class TestPlainSqliteRefused : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusesPlainSqlite()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("earmark.db"));
        auto db = Database::open(path, SecretKey::random(), true);
        QVERIFY(!db.ok());
        QVERIFY2(db.errorMessage().contains(QLatin1String("plain SQLite")), qPrintable(db.errorMessage()));
        // Nothing was written in clear.
        QFile f(path);
        QVERIFY(!f.exists() || f.size() == 0);
    }
};

QTEST_GUILESS_MAIN(TestPlainSqliteRefused)
#include "TestPlainSqliteRefused.moc"
