#include "TestSupport.h"
#include "cache/Cache.h"
#include "cache/Database.h"
#include "cache/Migrations.h"
#include "cache/Statement.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;

namespace {
// Key of the committed fixtures (tests only).
const QByteArray FixtureKeyHex = "5a1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeeff0";

SecretKey fixtureKey()
{
    return SecretKey::fromBytes(QByteArray::fromHex(FixtureKeyHex));
}

qint64 scalar(Database& db, const QString& sql)
{
    auto s = db.prepare(sql);
    if (!s) {
        return -1;
    }
    auto row = s->step();
    return row && row.value() ? s->int64(0) : -1;
}

// Rows as they existed at schema version 1 (written with the v1 columns only).
void insertV1Call(Database& db, const QString& callId)
{
    auto s = db.prepare(QStringLiteral(
        "INSERT INTO calls(call_id, store_key, start_utc, duration_s, direction, agent_id, pii, sidecar_sha256, "
        "sidecar_size, sidecar_mtime_ns, audio_file, audio_sha256, audio_size, synced_utc) "
        "VALUES (?, 'v1/2026/01/01/x.json', 1767225600, 61.5, 'outbound', 'TR1', x'00', x'00', 10, 1, 'x.wav', "
        "'00', 100, 1)"));
    QVERIFY(s.ok());
    s->bind(1, callId);
    QVERIFY(s->run().ok());
}
} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensEncryptedWithCipherVersion()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("t.db"));
        auto db = Database::open(path, SecretKey::random(), true);
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
        QVERIFY(!db.value()->cipherVersion().isEmpty());
        QVERIFY(db.value()->exec(QStringLiteral("CREATE TABLE t(x TEXT); INSERT INTO t VALUES ('hello world')")).ok());
        db.value().reset();
        const QByteArray bytes = Test::readFile(path);
        QVERIFY(!bytes.startsWith("SQLite format 3"));
        QVERIFY(!bytes.contains("hello world"));
        QVERIFY(!bytes.contains("CREATE TABLE"));
    }

    void aTransactionInsideAnotherIsASavepoint()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("t.db")), SecretKey::random(), true);
        QVERIFY(db);
        QVERIFY(db.value()->exec(QStringLiteral("CREATE TABLE t(x)")).ok());
        const auto count = [&] {
            auto s = db.value()->prepare(QStringLiteral("SELECT count(*) FROM t"));
            auto row = s->step();
            return row && row.value() ? s->int64(0) : -1;
        };
        {
            // The inner one commits, the outer one rolls back: neither is kept.
            Transaction outer(*db.value());
            QVERIFY(outer.begin().ok());
            QVERIFY(db.value()->exec(QStringLiteral("INSERT INTO t VALUES (1)")).ok());
            Transaction inner(*db.value());
            QVERIFY(inner.begin().ok());
            QVERIFY(db.value()->exec(QStringLiteral("INSERT INTO t VALUES (2)")).ok());
            QVERIFY(inner.commit().ok());
        }
        QCOMPARE(count(), 0);
        {
            // The inner one rolls back alone; the outer one keeps its own change.
            Transaction outer(*db.value());
            QVERIFY(outer.begin().ok());
            QVERIFY(db.value()->exec(QStringLiteral("INSERT INTO t VALUES (1)")).ok());
            {
                Transaction inner(*db.value());
                QVERIFY(inner.begin().ok());
                QVERIFY(db.value()->exec(QStringLiteral("INSERT INTO t VALUES (2)")).ok());
            }
            QVERIFY(outer.commit().ok());
        }
        QCOMPARE(count(), 1);
    }

    void wrongKeyIsAClearErrorAndChangesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("t.db"));
        const SecretKey key = SecretKey::random();
        {
            auto db = Database::open(path, key, true);
            QVERIFY(db.ok());
            QVERIFY(db.value()->exec(QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES (1)")).ok());
        }
        const QByteArray before = Test::readFile(path);
        auto wrong = Database::open(path, SecretKey::random(), false);
        QVERIFY(!wrong.ok());
        QVERIFY2(wrong.errorMessage().contains(QLatin1String("cannot be decrypted")), qPrintable(wrong.errorMessage()));
        QCOMPARE(Test::readFile(path), before);
        auto right = Database::open(path, key, false);
        QVERIFY(right.ok());
        QCOMPARE(scalar(*right.value(), QStringLiteral("SELECT x FROM t")), 1);
    }

    void missingDatabaseIsNotCreatedWhenNotAsked()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("none.db")), SecretKey::random(), false);
        QVERIFY(!db.ok());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("none.db"))));
    }

    void migrationFilesAreNumberedInOrder()
    {
        const QStringList files = Migrations::files();
        QVERIFY(files.size() >= 2);
        for (int i = 0; i < files.size(); ++i) {
            QVERIFY2(files.at(i)
                         .section(QLatin1Char('/'), -1)
                         .startsWith(QStringLiteral("%1_").arg(i + 1, 4, 10, QLatin1Char('0'))),
                qPrintable(files.at(i)));
        }
    }

    void migratesFromEveryOlderVersion_data()
    {
        QTest::addColumn<int>("from");
        for (int v = 0; v < Migrations::latestVersion(); ++v) {
            QTest::newRow(qPrintable(QStringLiteral("v%1").arg(v))) << v;
        }
    }

    void migratesFromEveryOlderVersion()
    {
        QFETCH(int, from);
        QTemporaryDir dir;
        CacheFolder folder(dir.path());
        QVERIFY(folder.prepare().ok());
        const SecretKey master = SecretKey::random();
        {
            KeyHierarchy keys(master);
            auto db = Database::open(folder.databasePath(), keys.databaseKey(), true);
            QVERIFY(db.ok());
            QVERIFY(Migrations::migrate(*db.value(), from).ok());
            QCOMPARE(Migrations::currentVersion(*db.value()), from);
            if (from >= 1) {
                insertV1Call(*db.value(), QStringLiteral("C-old"));
            }
        }
        auto cache = Cache::open(folder, master, false);
        QVERIFY2(cache.ok(), qPrintable(cache.errorMessage()));
        Database& db = cache.value()->database();
        QCOMPARE(Migrations::currentVersion(db), Migrations::latestVersion());
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM calls WHERE call_id = 'C-old'")), from >= 1 ? 1 : 0);
        QVERIFY(cache.value()->audit().append(QStringLiteral("test")).ok());
        QVERIFY(cache.value()->audit().verify().ok());
    }

    void opensTheCommittedVersion1Fixture()
    {
        // A database made by schema version 1 with SQLCipher 3.4.1, kept in the repository: future builds (and
        // SQLCipher 4 platforms) must still open and migrate it.
        const QString fixture = Test::sourcePath(QStringLiteral("cache/fixtures/schema-v1.db"));
        if (qEnvironmentVariableIntValue("EARMARK_WRITE_FIXTURES")) {
            QFile::remove(fixture);
            auto db = Database::open(fixture, KeyHierarchy(fixtureKey()).databaseKey(), true);
            QVERIFY(db.ok());
            QVERIFY(Migrations::migrate(*db.value(), 1).ok());
            insertV1Call(*db.value(), QStringLiteral("C-fixture"));
            QVERIFY(db.value()->checkpointTruncate().ok());
            QVERIFY(db.value()->exec(QStringLiteral("PRAGMA journal_mode = DELETE")).ok());
        }
        QVERIFY2(QFile::exists(fixture), "run once with EARMARK_WRITE_FIXTURES=1 to create it");
        QTemporaryDir dir;
        CacheFolder folder(dir.path());
        QVERIFY(folder.prepare().ok());
        QVERIFY(QFile::copy(fixture, folder.databasePath()));
        QFile::setPermissions(folder.databasePath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        auto cache = Cache::open(folder, fixtureKey(), false);
        QVERIFY2(cache.ok(), qPrintable(cache.errorMessage()));
        QCOMPARE(Migrations::currentVersion(cache.value()->database()), Migrations::latestVersion());
        QCOMPARE(
            scalar(cache.value()->database(), QStringLiteral("SELECT count(*) FROM calls WHERE call_id='C-fixture'")),
            1);
    }

    void refusesADatabaseFromANewerEarmark()
    {
        QTemporaryDir dir;
        const SecretKey key = SecretKey::random();
        auto db = Database::open(dir.filePath(QStringLiteral("t.db")), key, true);
        QVERIFY(db.ok());
        QVERIFY(db.value()->exec(QStringLiteral("PRAGMA user_version = 999")).ok());
        auto st = Migrations::migrate(*db.value());
        QVERIFY(!st.ok());
        QVERIFY(st.errorMessage().contains(QLatin1String("newer Earmark")));
    }

    void cacheFolderIsPrivate()
    {
        QTemporaryDir dir;
        CacheFolder folder(dir.filePath(QStringLiteral("cache")));
        auto cache = Cache::open(folder, SecretKey::random(), true);
        QVERIFY(cache.ok());
        const auto groupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
            | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
        QVERIFY(!(QFileInfo(folder.root()).permissions() & groupOrOther));
        QVERIFY(QFile::exists(folder.root() + QStringLiteral("/CACHEDIR.TAG")));
        const QFileDevice::Permissions p = QFileInfo(folder.databasePath()).permissions();
        QVERIFY(!(p & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup)));
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "TestDatabase.moc"
