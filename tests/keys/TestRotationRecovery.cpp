// A keychain-mode rotation of the master key killed at each moment, finished by the next earmark-cli command (the
// unlocker reads the pending key, Cache::open settles the database, KeyRotation::settle the key file and the keychain):
// the states are made by hand, as a killed process leaves them, on caches synced by earmark-cli.
#include "DemoCache.h"
#include "cache/Cache.h"
#include "crypto/KeyHierarchy.h"
#include "keys/CacheUnlocker.h"
#include "keys/KeyInfo.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <qt6keychain/keychain.h>

using namespace Earmark;

class TestRotationRecovery : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    Test::DemoCache m_demo;
    int m_caches = 0;

    // A new keychain cache synced from the demo store.
    QString freshCache()
    {
        const QString dir = m_root.filePath(QStringLiteral("cache%1").arg(++m_caches));
        auto r = Test::runCli({QStringLiteral("--cache"), dir, QStringLiteral("sync"), QStringLiteral("--store"),
            m_demo.store, QStringLiteral("--audio"), QStringLiteral("all")});
        if (r.exitCode != 0) {
            qWarning() << r.err;
        }
        return dir;
    }
    static KeyInfo info(const QString& dir)
    {
        return KeyInfo::load(CacheFolder(dir).keyInfoPath()).value_or(KeyInfo {});
    }
    static Test::ProcessResult cli(const QString& dir, const QStringList& args)
    {
        return Test::runCli(QStringList {QStringLiteral("--cache"), dir} + args);
    }

    // The keychain entry of key id, or a null key when there is none.
    static SecretKey keychainKey(const QString& id)
    {
        auto* job = new QKeychain::ReadPasswordJob(CacheUnlocker::keychainService());
        job->setKey(CacheUnlocker::keychainEntry(id));
        QSignalSpy done(job, &QKeychain::Job::finished);
        job->start();
        if (!done.wait(10000) || job->error() != QKeychain::NoError) {
            return {};
        }
        return SecretKey::fromBytes(job->binaryData());
    }
    static bool storeInKeychain(const QString& id, const SecretKey& key)
    {
        auto* job = new QKeychain::WritePasswordJob(CacheUnlocker::keychainService());
        job->setKey(CacheUnlocker::keychainEntry(id));
        job->setBinaryData(key.toByteArray());
        QSignalSpy done(job, &QKeychain::Job::finished);
        job->start();
        return done.wait(10000) && job->error() == QKeychain::NoError;
    }

    // What KeyRotation does before it touches the cache: the new key stored, then named pending in keyinfo.json.
    static SecretKey startRotation(const QString& dir, QString* newId)
    {
        SecretKey next = SecretKey::random();
        *newId = KeyInfo::newKeyId();
        if (!storeInKeychain(*newId, next)) {
            return {};
        }
        KeyInfo i = info(dir);
        i.pendingKeyId = *newId;
        i.pendingCheck = KeyHierarchy::checkValue(next);
        return i.save(CacheFolder(dir).keyInfoPath()) ? std::move(next) : SecretKey();
    }

    // The cache's side of a rotation under next, as far as a killed process got: the re-wrap alone, or it and the
    // re-key.
    static bool rotateCache(const QString& dir, const QString& oldId, const SecretKey& next, bool rekey)
    {
        auto cache = Cache::open(CacheFolder(dir), keychainKey(oldId), false);
        if (!cache) {
            return false;
        }
        return (rekey ? cache.value()->rotateMaster(next) : cache.value()->rewrapFor(next)).ok();
    }

    // The finished state every case must reach: one key, in use, in the keychain; nothing pending; the old entry gone;
    // the cache whole (every call key, personal field, transcript and audio blob) under it.
    void checkSettled(const QString& dir, const QString& expectedId, const QString& goneId)
    {
        const KeyInfo i = info(dir);
        QCOMPARE(i.keyId, expectedId);
        QVERIFY(i.pendingKeyId.isEmpty());
        QVERIFY(i.retiredKeyIds.isEmpty());
        QVERIFY(!keychainKey(expectedId).isNull());
        QVERIFY(keychainKey(goneId).isNull());
        auto verified = cli(dir, {QStringLiteral("verify")});
        QVERIFY2(verified.exitCode == 0, verified.err.constData());
        auto calls = cli(dir, {QStringLiteral("calls")});
        QCOMPARE(calls.exitCode, 0);
        QCOMPARE(calls.out.count('\n'), 3);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
            QFAIL("no D-Bus session: run the tests through scripts/test (it starts a private keyring)");
        }
        m_demo.store = m_root.filePath(QStringLiteral("store"));
        auto r = Test::runCli({QStringLiteral("demo-store"), QStringLiteral("--out"), m_demo.store,
            QStringLiteral("--calls"), QStringLiteral("3")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void killedBeforeTheCacheWasTouched()
    {
        // The new key reached the keychain and keyinfo.json, the cache did not: the old key stays, the new entry is
        // dropped, and the rotation the destroying run asked for is done by this command.
        const QString dir = freshCache();
        const QString oldId = info(dir).keyId;
        {
            auto master = keychainKey(oldId);
            auto cache = Cache::open(CacheFolder(dir), master, false);
            QVERIFY(cache);
            QVERIFY(cache.value()->setSetting(Cache::rotationDueSetting(), QStringLiteral("1")).ok());
        }
        QString newId;
        QVERIFY(!startRotation(dir, &newId).isNull());
        auto r = cli(dir, {QStringLiteral("calls")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString now = info(dir).keyId;
        QVERIFY(now != oldId && now != newId); // a fresh rotation, not the abandoned one
        QVERIFY(keychainKey(newId).isNull());
        checkSettled(dir, now, oldId);
    }

    void killedDuringTheCacheStep_data()
    {
        QTest::addColumn<bool>("rekeyed");
        // Call keys and secrets re-wrapped under the new key (committed), the database still keyed with the old.
        QTest::newRow("after the re-wrap") << false;
        // The database re-keyed too; keyinfo.json still names the new key as pending.
        QTest::newRow("after the re-key") << true;
    }

    void killedDuringTheCacheStep()
    {
        QFETCH(bool, rekeyed);
        const QString dir = freshCache();
        const QString oldId = info(dir).keyId;
        QString newId;
        const SecretKey next = startRotation(dir, &newId);
        QVERIFY(!next.isNull());
        QVERIFY(rotateCache(dir, oldId, next, rekeyed));
        auto r = cli(dir, {QStringLiteral("calls")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        checkSettled(dir, newId, oldId);
    }

    void killedBeforeTheOldEntryWasDeleted()
    {
        // keyinfo.json switched, the old key listed as retired, its keychain entry still there.
        const QString dir = freshCache();
        const QString oldId = info(dir).keyId;
        QString newId;
        const SecretKey next = startRotation(dir, &newId);
        QVERIFY(!next.isNull());
        QVERIFY(rotateCache(dir, oldId, next, true));
        KeyInfo i = info(dir);
        i.retiredKeyIds << i.keyId;
        i.keyId = i.pendingKeyId;
        i.check = i.pendingCheck;
        i.pendingKeyId.clear();
        i.pendingCheck.clear();
        QVERIFY(i.save(CacheFolder(dir).keyInfoPath()).ok());
        QVERIFY(!keychainKey(oldId).isNull());
        auto r = cli(dir, {QStringLiteral("calls")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        checkSettled(dir, newId, oldId);
    }
};

QTEST_GUILESS_MAIN(TestRotationRecovery)
#include "TestRotationRecovery.moc"
