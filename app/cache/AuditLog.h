#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace Earmark {

class Database;
class KeyHierarchy;
class SigningKey;

struct AuditEntry
{
    qint64 seq = 0;
    qint64 atUtc = 0;
    QString actor;
    QString action;
    QString subject; // an opaque id (call id, hold id, run id), never personal data
    QString detail;
    QByteArray hash;
};

// A signed statement "the log had size entries and its newest hash was head at atUtc". Its text is signed in
// minisign's format, so anyone with the cache's public key can check it with minisign alone.
struct AuditCheckpoint
{
    qint64 size = 0;
    QByteArray head;
    qint64 atUtc = 0;
    QByteArray signature; // the .minisig of text()

    QByteArray text(const QByteArray& keyId) const;
    // The anchor file: the checkpoint's fields and its signature, one JSON object.
    QByteArray toAnchor() const;
    static std::optional<AuditCheckpoint> fromAnchor(const QByteArray& bytes);
};

struct AuditFilter
{
    qint64 fromUtc = 0; // inclusive, 0 = open
    qint64 toUtc = 0; // exclusive, 0 = open
    QStringList subjects; // empty = every entry (unless mentions); else the entries about one of these
    QString actor; // empty = anyone
    QString actionPrefix; // e.g. "hold." for placements and releases
    int newest = 0; // > 0: only the newest n matching entries (still in log order)
    // Also the entries whose detail is one of these (a call linked to a case, a call held by a hold).
    QStringList mentions = {};
};

// Tamper-evident audit log (format 2). Each entry's SHA-256 hash covers its fields and the previous entry's hash (a
// public hash chain); after each commit that added entries a checkpoint (size, head hash, time) is signed with the
// cache's Ed25519 key, stored, and written to the anchor file outside the database. Every open checks the chain
// against the newest checkpoints and the anchor, so an edited, reordered or removed entry, a deleted tail, an older
// database and an anchor reset to an older state are each refused.
class AuditLog
{
public:
    AuditLog(Database& db, const KeyHierarchy& keys, QString anchorPath);

    // The key that signs checkpoints (the cache's signing key); set by Cache::open before any append.
    void setSigningKey(const SigningKey* key) { m_signer = key; }
    // Keychain mode: the copy of a checkpoint kept in the OS keychain (AuditCheckpoint::toAnchor(), empty when the
    // keychain has none), checked like the anchor file: it may lag the log, never lead it or disagree with it. When
    // required (the cache saw the copy before), a missing copy is refused too.
    void setKeychainAnchor(std::optional<QByteArray> anchor, bool required)
    {
        m_keychainAnchor = std::move(anchor);
        m_keychainRequired = required;
    }
    // Called with the anchor's bytes after every checkpoint (the owner keeps the keychain's copy up to date).
    void setAnchorListener(std::function<void(const QByteArray&)> listener) { m_listener = std::move(listener); }

    // Appends an entry by the OS user. Outside a transaction the checkpoint follows at once; inside one the caller
    // calls checkpoint() after the commit (a crash in between is covered by the next open).
    Status append(const QString& action, const QString& subject = {}, const QString& detail = {});
    // Signs and stores a checkpoint of the newest entry when the log grew since the last one, and writes the anchor.
    // Inside a transaction it does nothing: the outermost transaction's owner calls it after the commit.
    Status checkpoint();

    enum class Depth
    {
        Open, // the chain, the newest two checkpoints and the anchor: what every open checks
        Full, // also every older checkpoint's signature (audit verify)
    };
    // The first problem found, in words that say what to do. onlyTheAnchor tells a consistent database whose anchor
    // disagrees (a restored backup, a lost or reset anchor file) from an edited log.
    Status verify(Depth depth = Depth::Full, bool* onlyTheAnchor = nullptr);
    // Format-1 entries (keyed MACs, before checkpoints existed): checked against their MACs and old anchor, then
    // hashed and checkpointed. Does nothing for a log already in format 2.
    Status upgrade();

    Result<QList<AuditEntry>> entries(const AuditFilter& filter);
    Result<std::optional<AuditCheckpoint>> latestCheckpoint();
    qint64 count();

    // The OS account the process runs as (getpwuid(geteuid())), never an environment variable.
    static QString currentActor();
    static QByteArray entryHash(const QByteArray& previous, const AuditEntry& entry);

private:
    Status verifyLegacy();
    Result<std::optional<AuditEntry>> newest();
    Status checkKeychainAnchor(const QHash<qint64, QByteArray>& heads, qint64 size) const;

    Database& m_db;
    const KeyHierarchy& m_keys;
    QString m_anchorPath;
    const SigningKey* m_signer = nullptr;
    std::optional<QByteArray> m_keychainAnchor;
    bool m_keychainRequired = false;
    std::function<void(const QByteArray&)> m_listener;
};

} // namespace Earmark
