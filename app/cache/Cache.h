#pragma once

#include "cache/AuditLog.h"
#include "cache/BlobFiles.h"
#include "cache/CacheFolder.h"
#include "cache/CallRepository.h"
#include "cache/Database.h"
#include "cache/Roles.h"
#include "crypto/KeyHierarchy.h"
#include "crypto/SigningKey.h"

#include <functional>
#include <memory>
#include <optional>

namespace Earmark {

struct CacheOpenOptions
{
    enum class AuditCheck
    {
        Enforce, // refuse a cache whose audit log or anchor does not verify (every ordinary open)
        Report, // open it anyway and keep the problem in auditProblem() (audit verify and audit export)
    };
    AuditCheck audit = AuditCheck::Enforce;
    // Accepts a consistent log whose anchor disagrees (a cache restored from a backup on purpose): the finding and
    // this reason are recorded in the log, and the anchor is written anew. Never accepts an edited log.
    QString acceptAnchorReason;
    // During a rotation of the master key (keyinfo.json names a pending key): the new key. The database may be
    // keyed with either and its call keys wrapped by either (a process killed mid-rotation); open finds out which,
    // finishes the re-key, and masterCheck() says which master the cache now uses.
    const SecretKey* pendingMaster = nullptr;
    // Keychain mode: the OS keychain's copy of the newest audit checkpoint (CacheUnlocker::keychainAuditAnchor(),
    // empty when the keychain has none); nullopt in passphrase mode. Checked with the anchor file on open, so that an
    // older database restored together with its older anchor file is refused.
    std::optional<QByteArray> keychainAnchor;
    // Called on the cache's thread with the anchor's bytes after every checkpoint: the owner keeps the keychain's
    // copy up to date (keys/AuditAnchorKeychain).
    std::function<void(const QByteArray&)> anchorWritten;
};

// An open encrypted cache: the database, the blob files and the keys derived from the master key.
// Used by one thread: the one that opened it (the CLI's main thread, the GUI's database worker).
class Cache
{
public:
    // Opens the cache in folder with the master key, creating the database when create is true, and migrates it.
    // Checks the audit log against its checkpoints and anchor and finishes a destruction a killed process left
    // half done (the full-text index tidy-up and the WAL truncation).
    static Result<std::unique_ptr<Cache>> open(
        const CacheFolder& folder, const SecretKey& master, bool create, const CacheOpenOptions& options = {});

    const CacheFolder& folder() const { return m_folder; }
    Database& database() { return *m_db; }
    const KeyHierarchy& keys() const { return m_keys; }
    BlobFiles& blobs() { return m_blobs; }
    CallRepository& calls() { return m_calls; }
    AuditLog& audit() { return m_audit; }
    // The acting OS user's roles and the checks every service makes before it acts.
    Roles& roles() { return m_roles; }
    // The cache's Ed25519 key: signs audit checkpoints, destruction certificates and evidence packs.
    const SigningKey& signingKey() const { return m_signing; }
    // With AuditCheck::Report: what the open-time audit check found (empty when the log verified).
    QString auditProblem() const { return m_auditProblem; }

    // Non-secret settings kept in the cache (e.g. "store": where it was last synced from).
    QString setting(const QString& key);
    Status setSetting(const QString& key, const QString& value);

    // The tidy-up after calls were destroyed (retention/CallDestruction): deletes their blob files, merges the
    // full-text index so that no deleted term is left in it, and truncates the WAL. The destroying transaction
    // records that it is due (PurgePendingSetting, destroyed_blobs), so a killed process's is finished at the next
    // open. Outside a transaction.
    Status purgeDestroyed();
    static QString purgePendingSetting() { return QStringLiteral("purge_pending"); }

    // Replaces the master key: every call's data key and the cache's secrets re-wrapped and every phone index
    // recomputed under it in one transaction, then the database re-keyed (PRAGMA rekey) to the new master's database
    // key and the WAL truncated. A copy of the cache made before cannot be opened with the new key.
    Status rotateMaster(const SecretKey& newMaster);
    // The first step alone (the re-wrap, committed), then rekeyToMaster(): what a process killed between them
    // leaves, for tests; rotateMaster() is both.
    Status rewrapFor(const SecretKey& newMaster);
    Status rekeyToMaster();
    // The check value (KeyHierarchy::checkValue) of the master key that wraps this cache's keys.
    QByteArray masterCheck() const { return m_masterCheck; }
    static QString masterCheckSetting() { return QStringLiteral("master_check"); }
    // Set by every destruction in its transaction, cleared by the re-wrap: a keychain-mode cache with this set
    // rotates its master key (also after a process was killed between the two).
    static QString rotationDueSetting() { return QStringLiteral("rotation_due"); }
    bool rotationDue() { return setting(rotationDueSetting()) == QLatin1String("1"); }
    // Set once an open found the keychain's copy of the audit checkpoint: from then on a missing copy is refused.
    static QString keychainAnchorSetting() { return QStringLiteral("keychain_anchor"); }

    // A case's data key is wrapped with this name as associated data; its sealed phone number has this binding
    // (cases/Cases). Both re-wrapped and re-indexed by rotateMaster(), like those of subject access requests.
    static QString caseKeyName(const QString& caseId) { return QStringLiteral("case:") + caseId; }
    static QByteArray casePhoneBinding(const QString& caseId)
    {
        return QByteArrayLiteral("earmark-case/1:") + caseId.toUtf8() + QByteArrayLiteral(":phone");
    }
    // The same for a subject access request (requests/Requests).
    static QString requestKeyName(const QString& requestId) { return QStringLiteral("request:") + requestId; }
    static QByteArray requestPhoneBinding(const QString& requestId)
    {
        return QByteArrayLiteral("earmark-request/1:") + requestId.toUtf8() + QByteArrayLiteral(":phone");
    }
    static QByteArray requestNameBinding(const QString& requestId)
    {
        return QByteArrayLiteral("earmark-request/1:") + requestId.toUtf8() + QByteArrayLiteral(":name");
    }

    // Deletes blob files no call refers to (left by an interrupted sync; unreadable without their keys).
    Result<int> collectGarbage();

    // Checks the whole cache: every page of the database, every call key, personal field, transcript and audio
    // blob, and the audit chain. Returns the first problem found.
    Status verify();

private:
    Cache(CacheFolder folder, std::unique_ptr<Database> db, const SecretKey& master);
    Status rewrapCases(const KeyHierarchy& next);
    Status prepareAudit(const CacheOpenOptions& options);

    CacheFolder m_folder;
    std::unique_ptr<Database> m_db;
    KeyHierarchy m_keys;
    BlobFiles m_blobs;
    CallRepository m_calls;
    AuditLog m_audit;
    Roles m_roles;
    SigningKey m_signing;
    QByteArray m_masterCheck;
    QString m_auditProblem;
};

} // namespace Earmark
