#include "keys/CacheUnlocker.h"

#include "core/Files.h"
#include "core/Logging.h"
#include "crypto/KeyHierarchy.h"
#include "keys/AuditAnchorKeychain.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLockFile>
#include <QTimer>
#include <QtConcurrent>
#include <memory>
#include <qt6keychain/keychain.h>

namespace Earmark {

struct CacheUnlocker::PassphraseOutcome
{
    SecretKey master;
    KeyInfo info;
    bool infoChanged = false;
    Error error;
};

namespace {
// The passphrase, shared by the unlocker and its pool-thread job: the last owner wipes it.
struct PassphraseText
{
    QString text;
    ~PassphraseText() { Files::wipe(text); }
};

QString keychainProblem(QKeychain::Error code, const QString& detail)
{
    Q_UNUSED(code)
    return QStringLiteral("The OS keychain is not available (%1): start a desktop session with a Secret Service "
                          "(GNOME Keyring or KWallet) and unlock it, or use a passphrase with --passphrase-file.")
        .arg(detail);
}
} // namespace

CacheUnlocker::CacheUnlocker(UnlockRequest request, QObject* parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_folder(m_request.cacheDir)
{ }

CacheUnlocker::~CacheUnlocker()
{
    Files::wipe(m_request.passphrase);
}

void CacheUnlocker::start()
{
    // Always asynchronous, so that finished() is never emitted from inside start().
    QTimer::singleShot(0, this, &CacheUnlocker::begin);
}

bool CacheUnlocker::lockForCreation()
{
    // Two processes making the same new cache (a window started twice, a cron sync beside it) would each make a key
    // and leave a cache neither can open: the first takes this lock before any key is made, the other waits and then
    // opens the cache the first made.
    if (!m_creationLock) {
        m_creationLock = std::make_unique<QLockFile>(m_folder.root() + QStringLiteral("/.creating.lock"));
        m_creationLock->setStaleLockTime(0); // never stale by age (a keychain may wait for its password): by pid only
        m_waited.start();
    }
    if (m_creationLock->tryLock(0)) {
        return true;
    }
    if (m_creationLock->error() != QLockFile::LockFailedError) {
        fail(QStringLiteral("Cannot lock %1 to create the cache there: check that the folder is writable.")
                 .arg(QDir::toNativeSeparators(m_folder.root())));
        return false;
    }
    qint64 pid = 0;
    QString host;
    QString app;
    m_creationLock->getLockInfo(&pid, &host, &app);
    if (m_waited.elapsed() > CreationWaitMs) {
        fail(QStringLiteral("The cache in %1 is being created by another Earmark process (pid %2 on %3) that has not "
                            "finished in %4 s: close it, or if none is running remove %5, then try again.")
                 .arg(QDir::toNativeSeparators(m_folder.root()))
                 .arg(pid)
                 .arg(host)
                 .arg(CreationWaitMs / 1000)
                 .arg(QDir::toNativeSeparators(m_folder.root() + QStringLiteral("/.creating.lock"))));
        return false;
    }
    if (!m_toldWaiting) {
        m_toldWaiting = true;
        Q_EMIT waiting(QStringLiteral("Another Earmark process (pid %1) is creating the cache in %2: waiting for it.")
                           .arg(pid)
                           .arg(QDir::toNativeSeparators(m_folder.root())));
    }
    QTimer::singleShot(200, this, &CacheUnlocker::begin);
    return false;
}

void CacheUnlocker::begin()
{
    const QString infoPath = m_folder.keyInfoPath();
    if (!QFile::exists(infoPath)) {
        if (QFile::exists(m_folder.databasePath())) {
            fail(QStringLiteral("The cache in %1 has a database but its key file keyinfo.json is missing: restore "
                                "keyinfo.json from a backup. Earmark will not make a new key over an existing "
                                "cache.")
                     .arg(QDir::toNativeSeparators(m_folder.root())));
            return;
        }
        if (!m_request.allowCreate) {
            fail(QStringLiteral("There is no Earmark cache in %1: run a sync first to create one.")
                     .arg(QDir::toNativeSeparators(m_folder.root())));
            return;
        }
        if (!m_creationLock && !QFileInfo::exists(m_folder.root())) {
            m_madeFolder = true; // removed again if the creation fails: no half-made cache is left behind
        }
        if (auto st = m_folder.prepare(); !st) {
            fail(st.errorMessage());
            return;
        }
        if (!lockForCreation()) {
            return; // waiting for another process's creation (begin runs again), or failed
        }
        if (QFile::exists(infoPath)) {
            // Made by the process that held the lock: open it as it is.
            m_creationLock.reset();
            begin();
            return;
        }
        m_request.mode == KeyMode::Keychain ? createInKeychain() : createWithPassphrase();
        return;
    }
    auto info = KeyInfo::load(infoPath);
    if (!info) {
        fail(info.errorMessage());
        return;
    }
    if (info->mode != m_request.mode) {
        fail(info->mode == KeyMode::Keychain
                ? QStringLiteral("This cache keeps its key in the OS keychain, not behind a passphrase: run "
                                 "without --passphrase-file (and unset EARMARK_PASSPHRASE_FILE).")
                : QStringLiteral("This cache is protected by a passphrase: give it with --passphrase-file FILE "
                                 "or EARMARK_PASSPHRASE_FILE."));
        return;
    }
    info->mode == KeyMode::Keychain ? readFromKeychain(info.value()) : unlockWithPassphrase(info.value());
}

void CacheUnlocker::fail(const QString& message)
{
    if (m_done) {
        return;
    }
    m_done = true;
    const bool creating = m_creationLock && m_creationLock->isLocked();
    m_creationLock.reset();
    if (creating && m_madeFolder && !QFile::exists(m_folder.keyInfoPath()) && !QFile::exists(m_folder.databasePath())) {
        QDir(m_folder.root()).removeRecursively(); // made by this creation, with nothing in it yet
    }
    m_error = makeError(message);
    qCInfo(lcKeys) << "unlock failed:" << message;
    Q_EMIT finished(this);
    deleteLater();
}

void CacheUnlocker::succeed(SecretKey key, bool created)
{
    if (m_done) {
        return;
    }
    m_done = true;
    m_creationLock.reset(); // the key file is written: another process now finds the cache and opens it
    m_key = std::move(key);
    m_created = created;
    Q_EMIT finished(this);
    deleteLater();
}

void CacheUnlocker::readFromKeychain(const KeyInfo& info)
{
    auto* job = new QKeychain::ReadPasswordJob(keychainService(), this);
    job->setAutoDelete(true);
    job->setKey(keychainEntry(info.keyId));
    connect(job, &QKeychain::Job::finished, this, [this, job, info] {
        if (job->error() == QKeychain::EntryNotFound) {
            // A locked keyring answers "not found" for an item that exists: never treat it as "no key yet".
            fail(QStringLiteral("The OS keychain has no key for this cache (key id %1): the keyring is probably "
                                "locked or unavailable. Unlock it (log in to the desktop session) and try again. "
                                "Earmark never makes a new key for an existing cache.")
                     .arg(info.keyId));
            return;
        }
        if (job->error() != QKeychain::NoError) {
            m_keychainUnavailable = true;
            fail(keychainProblem(job->error(), job->errorString()));
            return;
        }
        QByteArray bytes = job->binaryData();
        SecretKey key = SecretKey::fromBytes(bytes);
        Files::wipe(bytes);
        if (key.isNull() || KeyHierarchy::checkValue(key) != info.check) {
            fail(QStringLiteral("The key in the OS keychain does not match this cache (key id %1): the keychain entry "
                                "was changed. Restore it, or the cache cannot be opened.")
                     .arg(info.keyId));
            return;
        }
        if (!info.pendingKeyId.isEmpty()) {
            readPendingFromKeychain(info, std::move(key));
            return;
        }
        readAnchorFromKeychain(info, std::move(key));
    });
    job->start();
}

void CacheUnlocker::readPendingFromKeychain(const KeyInfo& info, SecretKey master)
{
    auto* job = new QKeychain::ReadPasswordJob(keychainService(), this);
    job->setAutoDelete(true);
    job->setKey(keychainEntry(info.pendingKeyId));
    auto held = std::make_shared<SecretKey>(std::move(master));
    connect(job, &QKeychain::Job::finished, this, [this, job, info, held] {
        // Without the pending key the rotation cannot have reached the database (the key is stored in the keychain
        // before anything is re-wrapped under it): open with the current key; the cache asks for a new rotation.
        if (job->error() == QKeychain::NoError) {
            QByteArray bytes = job->binaryData();
            SecretKey pending = SecretKey::fromBytes(bytes);
            Files::wipe(bytes);
            if (!pending.isNull() && KeyHierarchy::checkValue(pending) == info.pendingCheck) {
                m_pending = std::move(pending);
            }
        }
        readAnchorFromKeychain(info, std::move(*held));
    });
    job->start();
}

void CacheUnlocker::readAnchorFromKeychain(const KeyInfo& info, SecretKey master)
{
    m_anchor = QByteArray();
    if (info.cacheId.isEmpty()) {
        succeed(std::move(master), false); // a cache from before the keychain kept a copy: its first one is written
        return;
    }
    auto* job = new QKeychain::ReadPasswordJob(keychainService(), this);
    job->setAutoDelete(true);
    job->setKey(AuditAnchorKeychain::keychainEntry(info.cacheId));
    auto held = std::make_shared<SecretKey>(std::move(master));
    connect(job, &QKeychain::Job::finished, this, [this, job, held] {
        // The keyring answered for the master key, so "not found" here means the copy is not there.
        if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound) {
            m_keychainUnavailable = true;
            fail(keychainProblem(job->error(), job->errorString()));
            return;
        }
        if (job->error() == QKeychain::NoError) {
            m_anchor = job->binaryData();
        }
        succeed(std::move(*held), false);
    });
    job->start();
}

void CacheUnlocker::createInKeychain()
{
    auto master = std::make_shared<SecretKey>(SecretKey::random());
    KeyInfo info;
    info.mode = KeyMode::Keychain;
    info.keyId = KeyInfo::newKeyId();
    info.check = KeyHierarchy::checkValue(*master);
    info.cacheId = KeyInfo::newKeyId();
    auto* job = new QKeychain::WritePasswordJob(keychainService(), this);
    job->setAutoDelete(true);
    job->setKey(keychainEntry(info.keyId));
    QByteArray bytes = master->toByteArray();
    job->setBinaryData(bytes);
    Files::wipe(bytes);
    connect(job, &QKeychain::Job::finished, this, [this, job, info, master] {
        if (job->error() != QKeychain::NoError) {
            m_keychainUnavailable = true;
            fail(keychainProblem(job->error(), job->errorString()));
            return;
        }
        if (auto st = info.save(m_folder.keyInfoPath()); !st) {
            fail(st.errorMessage());
            return;
        }
        m_anchor = QByteArray();
        succeed(std::move(*master), true);
    });
    job->start();
}

void CacheUnlocker::unlockWithPassphrase(const KeyInfo& info)
{
    auto passphrase = std::make_shared<PassphraseText>();
    passphrase->text = std::exchange(m_request.passphrase, QString());
    runPassphraseJob(
        [info, passphrase](PassphraseOutcome& outcome) {
            outcome.info = info;
            auto kek = Passphrase::deriveKey(passphrase->text, outcome.info.kdf);
            if (!kek) {
                outcome.error = kek.error();
                return;
            }
            auto master = outcome.info.unwrapMaster(kek.value());
            if (!master) {
                outcome.error = master.error();
                return;
            }
            if (KeyHierarchy::checkValue(master.value()) != outcome.info.check) {
                outcome.error = makeError(QStringLiteral("The cache's key file does not match its key: restore "
                                                         "keyinfo.json from a backup."));
                return;
            }
            if (Passphrase::isBelowPolicy(outcome.info.kdf)) {
                // Raise the stored Argon2id parameters: re-wrap the same master key.
                KeyInfo stronger = outcome.info;
                stronger.kdf = Passphrase::defaultParams();
                if (auto newKek = Passphrase::deriveKey(passphrase->text, stronger.kdf)) {
                    stronger.wrapMaster(master.value(), newKek.value());
                    outcome.info = stronger;
                    outcome.infoChanged = true;
                }
            }
            outcome.master = std::move(master.value());
        },
        false);
}

void CacheUnlocker::createWithPassphrase()
{
    const auto strength = Passphrase::assess(m_request.passphrase);
    if (!strength.acceptable) {
        fail(strength.reason);
        return;
    }
    auto passphrase = std::make_shared<PassphraseText>();
    passphrase->text = std::exchange(m_request.passphrase, QString());
    runPassphraseJob(
        [passphrase](PassphraseOutcome& outcome) {
            KeyInfo info;
            info.mode = KeyMode::Passphrase;
            info.keyId = KeyInfo::newKeyId();
            info.kdf = Passphrase::defaultParams();
            auto kek = Passphrase::deriveKey(passphrase->text, info.kdf);
            if (!kek) {
                outcome.error = kek.error();
                return;
            }
            SecretKey master = SecretKey::random();
            info.check = KeyHierarchy::checkValue(master);
            info.wrapMaster(master, kek.value());
            outcome.info = info;
            outcome.master = std::move(master);
        },
        true);
}

void CacheUnlocker::runPassphraseJob(std::function<void(PassphraseOutcome&)> work, bool creating)
{
    // Argon2id takes about half a second: on a pool thread, finished back on this object's thread.
    auto outcome = std::make_shared<PassphraseOutcome>();
    auto* watcher = new QFutureWatcher<void>(this);
    connect(watcher, &QFutureWatcher<void>::finished, this, [this, watcher, outcome, creating] {
        watcher->deleteLater();
        if (outcome->master.isNull()) {
            fail(outcome->error.message);
            return;
        }
        if (creating || outcome->infoChanged) {
            if (auto st = outcome->info.save(m_folder.keyInfoPath()); !st) {
                if (creating) {
                    fail(st.errorMessage());
                    return;
                }
                qCWarning(lcKeys) << "could not store stronger passphrase parameters:" << st.errorMessage();
            }
        }
        succeed(std::move(outcome->master), creating);
    });
    watcher->setFuture(QtConcurrent::run([outcome, work = std::move(work)] { work(*outcome); }));
}

} // namespace Earmark
