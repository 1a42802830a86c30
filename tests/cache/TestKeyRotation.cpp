// Rotating the master key: every call key re-wrapped, phone indexes recomputed, the database re-keyed, and a copy of
// the cache made before no longer opens with the new key; each moment a killed process can leave is finished on open.
#include "DemoCache.h"
#include "DemoMaster.h"
#include "cache/Cache.h"
#include "cache/Statement.h"
#include "crypto/KeyHierarchy.h"
#include "keys/KeyInfo.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;

class TestKeyRotation : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    Test::DemoCache m_demo;
    SecretKey m_master;

    QString fresh(const QString& name)
    {
        const QString dir = m_root.filePath(name);
        Test::copyDir(CacheFolder(m_demo.cache).root(), dir);
        return dir;
    }

    // Everything a user relies on still works under the key the cache now uses.
    void checkWhole(Cache& cache)
    {
        QVERIFY2(cache.verify().ok(), qPrintable(cache.verify().errorMessage()));
        auto calls = cache.calls().query(CallQuery {});
        QVERIFY(calls && calls->size() == 6);
        for (const CallRecord& c : calls.value()) {
            auto personal = cache.calls().personal(c);
            QVERIFY(personal);
            if (!personal->phoneE164.isEmpty()) {
                CallQuery byPhone;
                byPhone.phoneE164 = personal->phoneE164;
                auto found = cache.calls().query(byPhone);
                QVERIFY(found && !found->isEmpty());
                QCOMPARE(found->constFirst().callId.isEmpty(), false);
                // The last-digits index follows the new key too.
                auto tail = cache.database().prepare(
                    QStringLiteral("SELECT COUNT(*) FROM calls WHERE phone_tail_index = ? AND call_id = ?"));
                QVERIFY(tail);
                tail->bind(1, cache.keys().phoneTailIndex(personal->phoneE164)).bind(2, c.callId);
                auto row = tail->step();
                QVERIFY(row && row.value());
                QCOMPARE(tail->int64(0), 1);
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = m_demo.makeCache(m_root.filePath(QStringLiteral("base")), 6);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        auto synced = m_demo.cli({QStringLiteral("sync"), QStringLiteral("--store"), m_demo.store,
            QStringLiteral("--audio"), QStringLiteral("all")});
        QCOMPARE(synced.exitCode, 0);
        m_master = Test::passphraseMaster(m_demo);
        QVERIFY(!m_master.isNull());
    }

    void aRotationLocksOutCopiesMadeBefore()
    {
        const QString dir = fresh(QStringLiteral("rotate"));
        const QString before = m_root.filePath(QStringLiteral("rotate-copy"));
        Test::copyDir(dir, before);
        const SecretKey next = SecretKey::random();
        QByteArray publicKey;
        {
            auto cache = Cache::open(CacheFolder(dir), m_master, false);
            QVERIFY(cache);
            publicKey = cache.value()->signingKey().publicKey();
            const auto rotated = cache.value()->rotateMaster(next);
            QVERIFY2(rotated.ok(), qPrintable(rotated.errorMessage()));
            QCOMPARE(cache.value()->masterCheck(), KeyHierarchy::checkValue(next));
            checkWhole(*cache.value());
        }
        QVERIFY(!Cache::open(CacheFolder(dir), m_master, false));
        auto reopened = Cache::open(CacheFolder(dir), next, false);
        QVERIFY2(reopened, qPrintable(reopened.errorMessage()));
        checkWhole(*reopened.value());
        // The signing identity survives: recipients keep the same public key.
        QCOMPARE(reopened.value()->signingKey().publicKey(), publicKey);
        // The copy made before: only the old key opens it, and the new one does not.
        QVERIFY(!Cache::open(CacheFolder(before), next, false));
    }

    void aRotationStoppedAfterTheRewrapIsFinishedOnOpen()
    {
        const QString dir = fresh(QStringLiteral("rewrapped"));
        const SecretKey next = SecretKey::random();
        {
            auto cache = Cache::open(CacheFolder(dir), m_master, false);
            QVERIFY(cache);
            QVERIFY(cache.value()->rewrapFor(next).ok()); // killed here: call keys under the new key, database not
        }
        CacheOpenOptions resume;
        resume.pendingMaster = &next;
        {
            auto cache = Cache::open(CacheFolder(dir), m_master, false, resume);
            QVERIFY2(cache, qPrintable(cache.errorMessage()));
            QCOMPARE(cache.value()->masterCheck(), KeyHierarchy::checkValue(next));
            checkWhole(*cache.value());
        }
        // Re-keyed on that open: the new key alone opens it now.
        QVERIFY(!Cache::open(CacheFolder(dir), m_master, false));
        auto alone = Cache::open(CacheFolder(dir), next, false);
        QVERIFY(alone);
        checkWhole(*alone.value());
    }

    void aRotationStoppedAfterTheRekeyOpensWithThePendingKey()
    {
        const QString dir = fresh(QStringLiteral("rekeyed"));
        const SecretKey next = SecretKey::random();
        {
            auto cache = Cache::open(CacheFolder(dir), m_master, false);
            QVERIFY(cache);
            QVERIFY(cache.value()->rotateMaster(next).ok()); // killed before keyinfo.json named the new key
        }
        CacheOpenOptions resume;
        resume.pendingMaster = &next;
        auto cache = Cache::open(CacheFolder(dir), m_master, false, resume);
        QVERIFY2(cache, qPrintable(cache.errorMessage()));
        QCOMPARE(cache.value()->masterCheck(), KeyHierarchy::checkValue(next));
        checkWhole(*cache.value());
    }

    void aRotationStoppedBeforeTheRewrapKeepsTheOldKey()
    {
        const QString dir = fresh(QStringLiteral("untouched"));
        const SecretKey next = SecretKey::random();
        CacheOpenOptions resume;
        resume.pendingMaster = &next;
        auto cache = Cache::open(CacheFolder(dir), m_master, false, resume);
        QVERIFY(cache);
        // Nothing happened in the database: the caller sees the old master and redoes the rotation.
        QCOMPARE(cache.value()->masterCheck(), KeyHierarchy::checkValue(m_master));
        checkWhole(*cache.value());
        QVERIFY(cache.value()->rotateMaster(next).ok());
        checkWhole(*cache.value());
    }
};

QTEST_GUILESS_MAIN(TestKeyRotation)
#include "TestKeyRotation.moc"
