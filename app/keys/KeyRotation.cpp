#include "keys/KeyRotation.h"

#include "cache/CacheFolder.h"
#include "core/Files.h"
#include "core/Logging.h"
#include "crypto/KeyHierarchy.h"
#include "keys/CacheUnlocker.h"
#include "keys/KeyInfo.h"

#include <QTimer>
#include <qt6keychain/keychain.h>

namespace Earmark {

KeyRotation::KeyRotation(QString cacheDir, CacheStep cacheStep, QObject* parent)
    : QObject(parent)
    , m_cacheDir(std::move(cacheDir))
    , m_step(std::move(cacheStep))
{ }

void KeyRotation::fail(const QString& message)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    qCWarning(lcKeys) << "key rotation:" << message;
    Q_EMIT finished(message);
    deleteLater();
}

void KeyRotation::done()
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    Q_EMIT finished({});
    deleteLater();
}

void KeyRotation::start()
{
    QTimer::singleShot(0, this, [this] {
        const QString infoPath = CacheFolder(m_cacheDir).keyInfoPath();
        auto info = KeyInfo::load(infoPath);
        if (!info) {
            fail(info.errorMessage());
            return;
        }
        if (info->mode != KeyMode::Keychain) {
            done();
            return;
        }
        auto next = std::make_shared<SecretKey>(SecretKey::random());
        const QString nextId = KeyInfo::newKeyId();
        auto* write = new QKeychain::WritePasswordJob(CacheUnlocker::keychainService(), this);
        write->setAutoDelete(true);
        write->setKey(CacheUnlocker::keychainEntry(nextId));
        QByteArray bytes = next->toByteArray();
        write->setBinaryData(bytes);
        Files::wipe(bytes);
        connect(write, &QKeychain::Job::finished, this, [this, write, next, nextId, infoPath] {
            if (write->error() != QKeychain::NoError) {
                fail(QStringLiteral("The new key could not be stored in the OS keychain (%1): the old key stays in "
                                    "use until the next run.")
                         .arg(write->errorString()));
                return;
            }
            auto pending = KeyInfo::load(infoPath);
            if (!pending) {
                fail(pending.errorMessage());
                return;
            }
            pending->pendingKeyId = nextId;
            pending->pendingCheck = KeyHierarchy::checkValue(*next);
            if (auto st = pending->save(infoPath); !st) {
                fail(st.errorMessage());
                return;
            }
            m_step(next, [this](Status st) {
                if (!st) {
                    fail(QStringLiteral("The cache could not be re-keyed: %1").arg(st.errorMessage()));
                    return;
                }
                settle(KeyInfo::load(CacheFolder(m_cacheDir).keyInfoPath()).value_or(KeyInfo {}).pendingCheck);
            });
        });
        write->start();
    });
}

void KeyRotation::settle(const QByteArray& masterCheck)
{
    const QString infoPath = CacheFolder(m_cacheDir).keyInfoPath();
    auto info = KeyInfo::load(infoPath);
    if (!info) {
        fail(info.errorMessage());
        return;
    }
    if (!info->pendingKeyId.isEmpty()) {
        if (masterCheck == info->pendingCheck) {
            // The cache uses the new key: it becomes the key; the old entry is deleted.
            info->retiredKeyIds << info->keyId;
            info->keyId = info->pendingKeyId;
            info->check = info->pendingCheck;
        } else {
            // Never reached the database: the new entry is dropped (the cache still asks for a rotation).
            info->retiredKeyIds << info->pendingKeyId;
        }
        info->pendingKeyId.clear();
        info->pendingCheck.clear();
        if (auto st = info->save(infoPath); !st) {
            fail(st.errorMessage());
            return;
        }
    }
    deleteRetired();
}

void KeyRotation::deleteRetired()
{
    const QString infoPath = CacheFolder(m_cacheDir).keyInfoPath();
    auto info = KeyInfo::load(infoPath);
    if (!info || info->retiredKeyIds.isEmpty()) {
        done();
        return;
    }
    const QString id = info->retiredKeyIds.constFirst();
    auto* del = new QKeychain::DeletePasswordJob(CacheUnlocker::keychainService(), this);
    del->setAutoDelete(true);
    del->setKey(CacheUnlocker::keychainEntry(id));
    connect(del, &QKeychain::Job::finished, this, [this, del, id, infoPath] {
        if (del->error() != QKeychain::NoError && del->error() != QKeychain::EntryNotFound) {
            fail(QStringLiteral("The old key could not be deleted from the OS keychain (%1): Earmark tries again at "
                                "the next start.")
                     .arg(del->errorString()));
            return;
        }
        auto info2 = KeyInfo::load(infoPath);
        if (!info2) {
            fail(info2.errorMessage());
            return;
        }
        info2->retiredKeyIds.removeAll(id);
        if (auto st = info2->save(infoPath); !st) {
            fail(st.errorMessage());
            return;
        }
        deleteRetired();
    });
    del->start();
}

} // namespace Earmark
