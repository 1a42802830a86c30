#include "TestSupport.h"
#include "cache/Cache.h"
#include "cache/Migrations.h"
#include "cache/Statement.h"
#include "crypto/KeyHierarchy.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

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
        QTest::newRow("swap two entries' fields") << QStringLiteral(
            "UPDATE audit_log SET subject = CASE seq WHEN 2 THEN (SELECT subject FROM audit_log WHERE "
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

    void anOrdinaryOpenRefusesAnEditedLog_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("says");
        QTest::newRow("edited") << QStringLiteral("UPDATE audit_log SET detail = 'nothing' WHERE seq = 2")
                                << QStringLiteral("entry 2 does not match");
        QTest::newRow("removed") << QStringLiteral("DELETE FROM audit_log WHERE seq = 3")
                                 << QStringLiteral("entry 3 is missing");
        QTest::newRow("reordered") << QStringLiteral(
            "UPDATE audit_log SET seq = -1 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3; "
            "UPDATE audit_log SET seq = 3 WHERE seq = -1")
                                   << QStringLiteral("entry 2 does not match");
        QTest::newRow("tail deleted with its checkpoints")
            << QStringLiteral("DELETE FROM audit_log WHERE seq >= 4; DELETE FROM audit_checkpoints WHERE size >= 4")
            << QStringLiteral("rolled back");
    }

    void anOrdinaryOpenRefusesAnEditedLog()
    {
        QFETCH(QString, sql);
        QFETCH(QString, says);
        QTemporaryDir dir;
        const SecretKey key = SecretKey::random();
        {
            auto cache = open(dir.path(), key);
            fill(*cache);
            QVERIFY(cache->database().exec(sql).ok());
        }
        auto refused = Cache::open(CacheFolder(dir.path()), key, false);
        QVERIFY(!refused);
        QVERIFY2(refused.errorMessage().contains(says), qPrintable(refused.errorMessage()));
        // An edited log cannot be accepted away; audit verify still reads it and reports the same.
        CacheOpenOptions accept;
        accept.acceptAnchorReason = QStringLiteral("restored");
        if (!says.contains(QLatin1String("rolled back"))) {
            QVERIFY(!Cache::open(CacheFolder(dir.path()), key, false, accept));
        }
        CacheOpenOptions inspect;
        inspect.audit = CacheOpenOptions::AuditCheck::Report;
        auto cache = Cache::open(CacheFolder(dir.path()), key, false, inspect);
        QVERIFY(cache);
        QVERIFY(cache.value()->auditProblem().contains(says));
    }

    void aResetOrMissingAnchorIsRefused_data()
    {
        QTest::addColumn<QByteArray>("anchor"); // empty: deleted
        QTest::newRow("reset to 0") << QByteArray("0\n");
        QTest::newRow("reset to 0 with a MAC, format 1") << QByteArray("0 00\n");
        QTest::newRow("deleted") << QByteArray();
        QTest::newRow("unsigned checkpoint") << QByteArray(
            "{\"format\": \"earmark.audit-anchor/2\", \"size\": 5, \"head\": "
            "\"0000000000000000000000000000000000000000000000000000000000000000\", \"at\": 1, \"signature\": \"x\"}");
        QTest::newRow("an older anchor of this log") << QByteArray("older");
    }

    void aResetOrMissingAnchorIsRefused()
    {
        QFETCH(QByteArray, anchor);
        QTemporaryDir dir;
        const SecretKey key = SecretKey::random();
        const QString path = dir.filePath(QStringLiteral("audit.anchor"));
        QByteArray older;
        {
            auto cache = open(dir.path(), key);
            QVERIFY(cache->audit().append(QStringLiteral("first")).ok());
            older = Test::readFile(path);
            fill(*cache);
        }
        if (anchor.isEmpty()) {
            QVERIFY(QFile::remove(path));
        } else {
            Test::writeFile(path, anchor == "older" ? older : anchor);
        }
        auto refused = Cache::open(CacheFolder(dir.path()), key, false);
        QVERIFY(!refused);
        QVERIFY2(refused.errorMessage().contains(QLatin1String("audit accept")), qPrintable(refused.errorMessage()));
        // An administrator who restored the cache on purpose accepts it; the acceptance is in the log.
        CacheOpenOptions accept;
        accept.acceptAnchorReason = QStringLiteral("restored from Tuesday's backup");
        auto accepted = Cache::open(CacheFolder(dir.path()), key, false, accept);
        QVERIFY2(accepted, qPrintable(accepted.errorMessage()));
        auto entries = accepted.value()->audit().entries({});
        QVERIFY(entries);
        QCOMPARE(entries->last().action, QStringLiteral("audit.accept"));
        QVERIFY(entries->last().detail.contains(QLatin1String("Tuesday")));
        accepted.value().reset();
        QVERIFY(Cache::open(CacheFolder(dir.path()), key, false));
    }

    void aFormat1LogIsCheckedThenUpgraded_data()
    {
        QTest::addColumn<bool>("tampered");
        QTest::newRow("intact") << false;
        QTest::newRow("edited before the upgrade") << true;
    }

    void aFormat1LogIsCheckedThenUpgraded()
    {
        QFETCH(bool, tampered);
        // A log written before checkpoints existed (schema 7): keyed MACs and a "seq mac" anchor.
        QTemporaryDir dir;
        CacheFolder folder(dir.path());
        QVERIFY(folder.prepare().ok());
        const SecretKey master = SecretKey::random();
        {
            KeyHierarchy keys(master);
            auto db = Database::open(folder.databasePath(), keys.databaseKey(), true);
            QVERIFY(db);
            QVERIFY(Migrations::migrate(*db.value(), 7).ok());
            QByteArray previous;
            for (int seq = 1; seq <= 3; ++seq) {
                QByteArray msg = QByteArrayLiteral("earmark-audit/1") + previous;
                const auto number = [&](qint64 v) {
                    const quint64 be = qToBigEndian<quint64>(static_cast<quint64>(v));
                    msg.append(reinterpret_cast<const char*>(&be), 8);
                };
                const auto field = [&](const QByteArray& f) {
                    const quint32 be = qToBigEndian<quint32>(static_cast<quint32>(f.size()));
                    msg.append(reinterpret_cast<const char*>(&be), 4);
                    msg.append(f);
                };
                number(seq);
                number(1700000000 + seq);
                field("alice");
                field("export-audio");
                field("C-1");
                field("");
                previous = keys.auditMac(msg);
                auto ins = db.value()->prepare(QStringLiteral(
                    "INSERT INTO audit_log(seq, at_utc, actor, action, subject, detail, mac) VALUES (?,?,?,?,?,?,?)"));
                ins->bind(1, seq).bind(2, 1700000000 + seq).bind(3, QStringLiteral("alice"));
                ins->bind(4, QStringLiteral("export-audio")).bind(5, QStringLiteral("C-1")).bind(6, QStringLiteral(""));
                ins->bind(7, previous);
                QVERIFY(ins->run().ok());
            }
            Test::writeFile(folder.anchorPath(), "3 " + previous.toHex() + "\n");
            if (tampered) {
                QVERIFY(db.value()->exec(QStringLiteral("UPDATE audit_log SET actor = 'bob' WHERE seq = 2")).ok());
            }
        }
        auto cache = Cache::open(folder, master, false);
        if (tampered) {
            QVERIFY(!cache);
            QVERIFY2(cache.errorMessage().contains(QLatin1String("entry 2 does not match its MAC")),
                qPrintable(cache.errorMessage()));
            return;
        }
        QVERIFY2(cache, qPrintable(cache.errorMessage()));
        QCOMPARE(cache.value()->audit().count(), 3);
        QVERIFY(cache.value()->audit().verify().ok());
        QVERIFY(AuditCheckpoint::fromAnchor(Test::readFile(folder.anchorPath())).has_value());
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

    void theKeychainsCopyRefusesAnOlderFolder()
    {
        // Keychain mode: the database and its anchor file are copied together (a backup, a disk image), more entries
        // are logged, then the copy is put back. The anchor file agrees with the older log; the keychain's copy of
        // the checkpoint does not.
        QTemporaryDir dir;
        const SecretKey key = SecretKey::random();
        const QString c = dir.filePath(QStringLiteral("c"));
        const QString backup = dir.filePath(QStringLiteral("backup"));
        QByteArray kept; // what the keychain holds
        CacheOpenOptions keychain;
        keychain.anchorWritten = [&kept](const QByteArray& anchor) { kept = anchor; };
        const auto openKept = [&](CacheOpenOptions options) {
            options.keychainAnchor = kept;
            options.anchorWritten = keychain.anchorWritten;
            return Cache::open(CacheFolder(c), key, true, options);
        };
        {
            auto cache = openKept(keychain);
            QVERIFY2(cache, qPrintable(cache.errorMessage()));
            QVERIFY(cache.value()->audit().append(QStringLiteral("sync")).ok());
            QVERIFY(!kept.isEmpty());
            QVERIFY(cache.value()->database().checkpointTruncate().ok());
        }
        {
            // The next open finds the copy and from then on expects it.
            auto cache = openKept(keychain);
            QVERIFY2(cache, qPrintable(cache.errorMessage()));
            QCOMPARE(cache.value()->setting(Cache::keychainAnchorSetting()), QStringLiteral("1"));
            QVERIFY(cache.value()->database().checkpointTruncate().ok());
        }
        Test::copyDir(c, backup);
        {
            auto cache = openKept(keychain);
            QVERIFY(cache);
            fill(*cache.value());
            QVERIFY(cache.value()->database().checkpointTruncate().ok());
        }
        QCOMPARE(AuditCheckpoint::fromAnchor(kept)->size, 6);
        QVERIFY(QDir(c).removeRecursively());
        Test::copyDir(backup, c);

        // Without the keychain's copy the older folder is consistent (the limit of passphrase mode) ...
        CacheOpenOptions passphraseMode;
        QVERIFY(Cache::open(CacheFolder(c), key, false, passphraseMode));
        QVERIFY(QDir(c).removeRecursively());
        Test::copyDir(backup, c);
        // ... with it, an ordinary open refuses it and says what to do; audit verify reports the same.
        auto refused = openKept({});
        QVERIFY(!refused);
        QVERIFY2(refused.errorMessage().contains(QLatin1String("OS keychain's copy"))
                && refused.errorMessage().contains(QLatin1String("rolled back"))
                && refused.errorMessage().contains(QLatin1String("earmark-cli audit accept")),
            qPrintable(refused.errorMessage()));
        CacheOpenOptions inspect;
        inspect.audit = CacheOpenOptions::AuditCheck::Report;
        {
            auto cache = openKept(inspect);
            QVERIFY(cache);
            QVERIFY(cache.value()->auditProblem().contains(QLatin1String("OS keychain's copy")));
        }
        // A damaged copy, and a missing one where the cache saw one before, are refused too.
        const QByteArray newer = kept;
        kept = QByteArrayLiteral("{\"format\": \"earmark.audit-anchor/2\", \"size\": 0}");
        QVERIFY(!openKept({}));
        kept = QByteArray();
        auto missing = openKept({});
        QVERIFY(!missing);
        QVERIFY2(missing.errorMessage().contains(QLatin1String("is missing")), qPrintable(missing.errorMessage()));
        // An administrator who restored it on purpose accepts it: recorded, and the keychain's copy follows.
        kept = newer;
        CacheOpenOptions accept;
        accept.acceptAnchorReason = QStringLiteral("restored from the Tuesday backup");
        {
            auto cache = openKept(accept);
            QVERIFY2(cache, qPrintable(cache.errorMessage()));
            QVERIFY(cache.value()->audit().verify().ok());
            auto entries = cache.value()->audit().entries({});
            QVERIFY(entries);
            QCOMPARE(entries->constLast().action, QStringLiteral("audit.accept"));
            QVERIFY(entries->constLast().detail.contains(QLatin1String("OS keychain's copy")));
        }
        QCOMPARE(AuditCheckpoint::fromAnchor(kept)->size, 2); // the older log's entry and the acceptance
        QVERIFY(openKept({}));
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

    void noCheckpointInsideATransaction()
    {
        // A checkpoint made before a commit could name entries a rollback removes; it waits for the commit.
        QTemporaryDir dir;
        const SecretKey key = SecretKey::random();
        auto cache = open(dir.path(), key);
        QVERIFY(cache->audit().append(QStringLiteral("one")).ok());
        const QByteArray before = Test::readFile(cache->folder().anchorPath());
        {
            Transaction tx(cache->database());
            QVERIFY(tx.begin().ok());
            QVERIFY(cache->audit().append(QStringLiteral("two")).ok());
            QVERIFY(cache->audit().checkpoint().ok());
            QCOMPARE(Test::readFile(cache->folder().anchorPath()), before);
        } // rolled back
        QCOMPARE(cache->audit().count(), 1);
        QVERIFY(cache->audit().verify().ok());
        cache.reset();
        QVERIFY(open(dir.path(), key)); // the anchor still agrees with the log
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
