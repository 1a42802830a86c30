#include "TestSupport.h"
#include "cache/Cache.h"
#include "crypto/KeyHierarchy.h"
#include "keys/AuditAnchorKeychain.h"
#include "keys/CacheUnlocker.h"

#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <qt6keychain/keychain.h>

using namespace Earmark;

namespace {
struct Outcome
{
    bool ok = false;
    bool created = false;
    QString error;
    QByteArray keyHex;
    std::optional<QByteArray> anchor;
};

Outcome unlock(const UnlockRequest& request)
{
    auto* job = new CacheUnlocker(request);
    Outcome out;
    QObject::connect(job, &CacheUnlocker::finished, job, [&out](CacheUnlocker* j) {
        out.ok = j->succeeded();
        out.created = j->created();
        out.error = j->error().message;
        out.anchor = j->keychainAuditAnchor();
        if (out.ok) {
            out.keyHex = j->takeKey().toHex();
        }
    });
    QSignalSpy spy(job, &CacheUnlocker::finished);
    job->start();
    if (!spy.wait(30000)) {
        out.error = QStringLiteral("timed out");
    }
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return out;
}

UnlockRequest keychainRequest(const QString& dir)
{
    UnlockRequest r;
    r.cacheDir = dir;
    r.mode = KeyMode::Keychain;
    return r;
}

UnlockRequest passphraseRequest(const QString& dir, const QString& passphrase)
{
    UnlockRequest r;
    r.cacheDir = dir;
    r.mode = KeyMode::Passphrase;
    r.passphrase = passphrase;
    return r;
}

const QString Strong = QStringLiteral("marmalade orbit cobbler fjord 1893");
} // namespace

class TestCacheUnlocker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
            QFAIL("no D-Bus session: run the tests through scripts/test (it starts a private keyring)");
        }
    }

    void keychainRoundTrip()
    {
        QTemporaryDir dir;
        const Outcome created = unlock(keychainRequest(dir.path()));
        QVERIFY2(created.ok, qPrintable(created.error));
        QVERIFY(created.created);
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("keyinfo.json"))));
        const QByteArray info = Test::readFile(dir.filePath(QStringLiteral("keyinfo.json")));
        QVERIFY(!info.contains(created.keyHex));
        const Outcome again = unlock(keychainRequest(dir.path()));
        QVERIFY2(again.ok, qPrintable(again.error));
        QVERIFY(!again.created);
        QCOMPARE(again.keyHex, created.keyHex);
    }

    void theAuditCheckpointsCopyIsKeptInTheKeychain()
    {
        QTemporaryDir dir;
        const Outcome created = unlock(keychainRequest(dir.path()));
        QVERIFY(created.ok);
        QCOMPARE(created.anchor, std::optional<QByteArray>(QByteArray())); // keychain mode, nothing kept yet
        QVERIFY(!KeyInfo::load(dir.filePath(QStringLiteral("keyinfo.json")))->cacheId.isEmpty());
        // Checkpoints come faster than the keychain writes: the newest is what stays.
        AuditAnchorKeychain anchors(dir.path());
        anchors.store("first");
        anchors.store("second");
        anchors.store("third");
        bool idle = false;
        anchors.whenIdle([&idle] { idle = true; });
        QTRY_VERIFY_WITH_TIMEOUT(idle, 10000);
        QVERIFY2(anchors.lastError().isEmpty(), qPrintable(anchors.lastError()));
        QCOMPARE(unlock(keychainRequest(dir.path())).anchor, std::optional<QByteArray>("third"));

        // A cache made before the copy existed (no cache_id): it reads as "nothing kept", and the first write names
        // the entry for good.
        QTemporaryDir older;
        QVERIFY(unlock(keychainRequest(older.path())).ok);
        auto info = KeyInfo::load(older.filePath(QStringLiteral("keyinfo.json")));
        info->cacheId.clear();
        QVERIFY(info->save(older.filePath(QStringLiteral("keyinfo.json"))).ok());
        QCOMPARE(unlock(keychainRequest(older.path())).anchor, std::optional<QByteArray>(QByteArray()));
        AuditAnchorKeychain olderAnchors(older.path());
        olderAnchors.store("kept");
        idle = false;
        olderAnchors.whenIdle([&idle] { idle = true; });
        QTRY_VERIFY_WITH_TIMEOUT(idle, 10000);
        const QString id = KeyInfo::load(older.filePath(QStringLiteral("keyinfo.json")))->cacheId;
        QVERIFY(!id.isEmpty());
        QCOMPARE(unlock(keychainRequest(older.path())).anchor, std::optional<QByteArray>("kept"));
        QCOMPARE(KeyInfo::load(older.filePath(QStringLiteral("keyinfo.json")))->cacheId, id);

        // Passphrase caches keep nothing in the keychain.
        QTemporaryDir pass;
        const Outcome p = unlock(passphraseRequest(pass.path(), Strong));
        QVERIFY(p.ok);
        QVERIFY(!p.anchor.has_value());
        const QByteArray before = Test::readFile(pass.filePath(QStringLiteral("keyinfo.json")));
        AuditAnchorKeychain passAnchors(pass.path());
        passAnchors.store("ignored");
        idle = false;
        passAnchors.whenIdle([&idle] { idle = true; });
        QVERIFY(idle);
        QCOMPARE(Test::readFile(pass.filePath(QStringLiteral("keyinfo.json"))), before);
    }

    void theWriterMayGoWhileAWriteIsUnderWay()
    {
        // The window closes while the checkpoint's copy is being written: the job finishes on its own, and the next
        // unlock reads what it wrote.
        QTemporaryDir dir;
        QVERIFY(unlock(keychainRequest(dir.path())).ok);
        auto* anchors = new AuditAnchorKeychain(dir.path());
        anchors->store("written after its writer was gone");
        delete anchors;
        QTRY_COMPARE_WITH_TIMEOUT(unlock(keychainRequest(dir.path())).anchor,
            std::optional<QByteArray>("written after its writer was gone"), 10000);
    }

    void aChangedKeychainEntryIsRefused()
    {
        QTemporaryDir dir;
        QVERIFY(unlock(keychainRequest(dir.path())).ok);
        auto info = KeyInfo::load(dir.filePath(QStringLiteral("keyinfo.json")));
        QVERIFY(info.ok());
        auto* write = new QKeychain::WritePasswordJob(CacheUnlocker::keychainService());
        write->setKey(CacheUnlocker::keychainEntry(info->keyId));
        write->setBinaryData(SecretKey::random().toByteArray());
        QSignalSpy done(write, &QKeychain::Job::finished);
        write->start();
        QVERIFY(done.wait(10000));
        const Outcome o = unlock(keychainRequest(dir.path()));
        QVERIFY(!o.ok);
        QVERIFY2(o.error.contains(QLatin1String("does not match")), qPrintable(o.error));
    }

    void aMissingKeychainEntryIsNeverReplaced()
    {
        // What a locked keyring answers: "not found". The cache exists, so no new key may be made.
        QTemporaryDir dir;
        QVERIFY(unlock(keychainRequest(dir.path())).ok);
        const QByteArray before = Test::readFile(dir.filePath(QStringLiteral("keyinfo.json")));
        auto info = KeyInfo::load(dir.filePath(QStringLiteral("keyinfo.json")));
        auto* del = new QKeychain::DeletePasswordJob(CacheUnlocker::keychainService());
        del->setKey(CacheUnlocker::keychainEntry(info->keyId));
        QSignalSpy done(del, &QKeychain::Job::finished);
        del->start();
        QVERIFY(done.wait(10000));
        const Outcome o = unlock(keychainRequest(dir.path()));
        QVERIFY(!o.ok);
        QVERIFY2(o.error.contains(QLatin1String("locked or unavailable")), qPrintable(o.error));
        QCOMPARE(Test::readFile(dir.filePath(QStringLiteral("keyinfo.json"))), before);
    }

    void aDatabaseWithoutKeyInfoIsRefused()
    {
        QTemporaryDir dir;
        Test::writeFile(dir.filePath(QStringLiteral("earmark.db")), QByteArray(4096, 'x'));
        const Outcome o = unlock(keychainRequest(dir.path()));
        QVERIFY(!o.ok);
        QVERIFY2(o.error.contains(QLatin1String("keyinfo.json is missing")), qPrintable(o.error));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("keyinfo.json"))));
    }

    void noCacheAndNoCreateIsExplained()
    {
        QTemporaryDir dir;
        UnlockRequest r = keychainRequest(dir.filePath(QStringLiteral("nothing")));
        r.allowCreate = false;
        const Outcome o = unlock(r);
        QVERIFY(!o.ok);
        QVERIFY2(o.error.contains(QLatin1String("run a sync first")), qPrintable(o.error));
    }

    void passphraseRightWrongAndWeak()
    {
        QTemporaryDir dir;
        const Outcome weak = unlock(passphraseRequest(dir.path(), QStringLiteral("password1")));
        QVERIFY(!weak.ok);
        QVERIFY2(weak.error.contains(QLatin1String("too easy to guess")), qPrintable(weak.error));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("keyinfo.json"))));

        const Outcome created = unlock(passphraseRequest(dir.path(), Strong));
        QVERIFY2(created.ok, qPrintable(created.error));
        QVERIFY(created.created);
        // The cache opens with the key, and the key file holds only the wrapped key.
        {
            auto cache
                = Cache::open(CacheFolder(dir.path()), SecretKey::fromBytes(QByteArray::fromHex(created.keyHex)), true);
            QVERIFY(cache.ok());
        }
        const QByteArray info = Test::readFile(dir.filePath(QStringLiteral("keyinfo.json")));
        QVERIFY(info.contains("argon2id13"));
        QVERIFY(!info.contains(created.keyHex));

        const Outcome wrong = unlock(passphraseRequest(dir.path(), Strong + QLatin1Char('!')));
        QVERIFY(!wrong.ok);
        QVERIFY2(wrong.error.contains(QLatin1String("Wrong passphrase")), qPrintable(wrong.error));
        QCOMPARE(Test::readFile(dir.filePath(QStringLiteral("keyinfo.json"))), info);

        const Outcome right = unlock(passphraseRequest(dir.path(), Strong));
        QVERIFY2(right.ok, qPrintable(right.error));
        QCOMPARE(right.keyHex, created.keyHex);
    }

    void aFailedCreationLeavesNoHalfMadeCache()
    {
        // The folder did not exist: a creation that fails (here a weak passphrase) takes it away again, lock and all,
        // so that the next start is a first start again, not a cache that cannot be opened.
        QTemporaryDir dir;
        const QString cacheDir = dir.filePath(QStringLiteral("new-cache"));
        const Outcome weak = unlock(passphraseRequest(cacheDir, QStringLiteral("password1")));
        QVERIFY(!weak.ok);
        QVERIFY(!QFileInfo::exists(cacheDir));
        // A folder that was there before is left as it was.
        QVERIFY(QDir().mkpath(cacheDir));
        QVERIFY(!unlock(passphraseRequest(cacheDir, QStringLiteral("password1"))).ok);
        QVERIFY(QFileInfo::exists(cacheDir));
        QVERIFY(!QFileInfo::exists(cacheDir + QStringLiteral("/.creating.lock")));
    }

    void modeMismatchIsExplainedBothWays()
    {
        QTemporaryDir a;
        QVERIFY(unlock(keychainRequest(a.path())).ok);
        Outcome o = unlock(passphraseRequest(a.path(), Strong));
        QVERIFY(!o.ok);
        QVERIFY2(o.error.contains(QLatin1String("OS keychain, not behind a passphrase")), qPrintable(o.error));
        QTemporaryDir b;
        QVERIFY(unlock(passphraseRequest(b.path(), Strong)).ok);
        o = unlock(keychainRequest(b.path()));
        QVERIFY(!o.ok);
        QVERIFY2(o.error.contains(QLatin1String("--passphrase-file")), qPrintable(o.error));
    }

    void weakerStoredParametersAreRaised()
    {
        QTemporaryDir dir;
        const Outcome created = unlock(passphraseRequest(dir.path(), Strong));
        QVERIFY(created.ok);
        const QString path = dir.filePath(QStringLiteral("keyinfo.json"));
        auto info = KeyInfo::load(path);
        info->kdf.opsLimit = 2;
        info->kdf.memLimit = 64ull << 20;
        auto kek = Passphrase::deriveKey(Strong, info->kdf);
        info->wrapMaster(SecretKey::fromBytes(QByteArray::fromHex(created.keyHex)), kek.value());
        QVERIFY(info->save(path).ok());

        const Outcome o = unlock(passphraseRequest(dir.path(), Strong));
        QVERIFY2(o.ok, qPrintable(o.error));
        QCOMPARE(o.keyHex, created.keyHex);
        auto raised = KeyInfo::load(path);
        QVERIFY(!Passphrase::isBelowPolicy(raised->kdf));
        QCOMPARE(unlock(passphraseRequest(dir.path(), Strong)).keyHex, created.keyHex);
    }
};

QTEST_GUILESS_MAIN(TestCacheUnlocker)
#include "TestCacheUnlocker.moc"
