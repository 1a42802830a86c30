#include "TestSupport.h"
#include "cache/Cache.h"
#include "cache/Statement.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;

class TestAuditLog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Cache> open(const QString& dir, const SecretKey& key)
    {
        auto cache = Cache::open(CacheFolder(dir), key, true);
        return cache.ok() ? std::move(cache.value()) : nullptr;
    }

    void fill(Cache& cache)
    {
        for (int i = 0; i < 5; ++i) {
            QVERIFY(cache.audit()
                        .append(QStringLiteral("export-audio"), QStringLiteral("C-%1").arg(i),
                            QStringLiteral("/tmp/out%1.wav").arg(i))
                        .ok());
        }
        QVERIFY(cache.audit().verify().ok());
    }

private Q_SLOTS:
    void tamperingIsDetected_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::newRow("edit a field") << QStringLiteral("UPDATE audit_log SET subject = 'C-9' WHERE seq = 3");
        QTest::newRow("edit the time") << QStringLiteral("UPDATE audit_log SET at_utc = at_utc + 1 WHERE seq = 2");
        QTest::newRow("delete an entry") << QStringLiteral("DELETE FROM audit_log WHERE seq = 2");
        QTest::newRow("delete the newest") << QStringLiteral("DELETE FROM audit_log WHERE seq = 5");
        QTest::newRow("swap two entries' hashes")
            << QStringLiteral("UPDATE audit_log SET hash = (SELECT hash FROM audit_log WHERE seq = 4) WHERE seq = 3");
        QTest::newRow("swap two entries' fields")
            << QStringLiteral("UPDATE audit_log SET subject = CASE seq WHEN 2 THEN (SELECT subject FROM audit_log WHERE "
                              "seq = 3) ELSE (SELECT subject FROM audit_log WHERE seq = 2) END WHERE seq IN (2, 3)");
        QTest::newRow("delete the newest and its checkpoint")
            << QStringLiteral("DELETE FROM audit_log WHERE seq = 5; DELETE FROM audit_checkpoints WHERE size = 5");
        QTest::newRow("re-chain after an edit (no key to sign)")
            << QStringLiteral("UPDATE audit_log SET detail = 'x', hash = zeroblob(32) WHERE seq = 5");
    }

    void tamperingIsDetected()
    {
        QFETCH(QString, sql);
        QTemporaryDir dir;
        auto cache = open(dir.path(), SecretKey::random());
        QVERIFY(cache);
        fill(*cache);
        QVERIFY(cache->database().exec(sql).ok());
        const auto st = cache->audit().verify();
        QVERIFY2(!st.ok(), qPrintable(sql));
    }

    void rollbackOfTheWholeDatabaseIsDetected()
    {
        QTemporaryDir dir;
        const SecretKey key = SecretKey::random();
        const QString copy = dir.filePath(QStringLiteral("older.db"));
        {
            auto cache = open(dir.filePath(QStringLiteral("c")), key);
            QVERIFY(cache->audit().append(QStringLiteral("sync")).ok());
            QVERIFY(cache->database().checkpointTruncate().ok());
            QVERIFY(QFile::copy(cache->folder().databasePath(), copy));
            fill(*cache);
            QVERIFY(cache->database().checkpointTruncate().ok());
        }
        // An attacker puts back the older, validly encrypted database (e.g. to hide an export).
        const QString db = dir.filePath(QStringLiteral("c/earmark.db"));
        QVERIFY(QFile::remove(db));
        QVERIFY(QFile::copy(copy, db));
        QFile::setPermissions(db, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        // An ordinary open refuses it, naming the problem and the way out.
        auto refused = Cache::open(CacheFolder(dir.filePath(QStringLiteral("c"))), key, false);
        QVERIFY(!refused);
        QVERIFY2(refused.errorMessage().contains(QLatin1String("rolled back")), qPrintable(refused.errorMessage()));
        QVERIFY2(refused.errorMessage().contains(QLatin1String("earmark-cli audit accept")),
            qPrintable(refused.errorMessage()));
        // Opened for inspection, verify reports the same.
        CacheOpenOptions inspect;
        inspect.audit = CacheOpenOptions::AuditCheck::Report;
        auto cache = Cache::open(CacheFolder(dir.filePath(QStringLiteral("c"))), key, false, inspect);
        QVERIFY(cache);
        QVERIFY(cache.value()->auditProblem().contains(QLatin1String("rolled back")));
        QVERIFY(!cache.value()->verify().ok());
    }

    void anAnchorBehindTheLogIsBroughtUpToDateOnOpen()
    {
        // A crash between a commit and the anchor write leaves the anchor one entry behind: that is no attack.
        QTemporaryDir dir;
        const SecretKey key = SecretKey::random();
        const QString anchor = dir.filePath(QStringLiteral("c/audit.anchor"));
        QByteArray old;
        {
            auto cache = open(dir.filePath(QStringLiteral("c")), key);
            QVERIFY(cache->audit().append(QStringLiteral("one")).ok());
            old = Test::readFile(anchor);
            QVERIFY(cache->audit().append(QStringLiteral("two")).ok());
        }
        Test::writeFile(anchor, old);
        auto cache = open(dir.filePath(QStringLiteral("c")), key);
        QVERIFY(cache->audit().verify().ok());
        QVERIFY(Test::readFile(anchor) != old);
    }

    void theLogNamesTheOsUser()
    {
        QTemporaryDir dir;
        auto cache = open(dir.path(), SecretKey::random());
        QVERIFY(cache->audit().append(QStringLiteral("x")).ok());
        auto s = cache->database().prepare(QStringLiteral("SELECT actor FROM audit_log"));
        QVERIFY(s->step().value());
        QCOMPARE(s->text(0), AuditLog::currentActor());
        QVERIFY(!s->text(0).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "TestAuditLog.moc"
