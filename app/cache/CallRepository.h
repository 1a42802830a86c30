#pragma once

#include "core/Result.h"
#include "crypto/SecretKey.h"
#include "store/CallRecord.h"

#include <QHash>
#include <QList>

namespace Earmark {

class Database;
class KeyHierarchy;
class BlobFiles;

// What the sync needs to know of each cached call to skip unchanged ones without reading them.
struct CallSyncState
{
    qint64 id = 0;
    QString storeKey;
    QByteArray sidecarSha256;
    qint64 sidecarSize = 0;
    qint64 sidecarMtimeNs = 0;
    QString audioSha256;
    AudioState audioState = AudioState::NotFetched;
    QString audioBlobSha256;
};

struct CallQuery
{
    QString phoneE164;
    QString agentId;
    qint64 fromUtc = 0; // inclusive, 0 = open
    qint64 toUtc = 0; // exclusive, 0 = open
    int limit = -1;
};

// Reads and writes calls. Sealing of personal fields and transcripts happens here, with each call's data key.
class CallRepository
{
public:
    CallRepository(Database& db, const KeyHierarchy& keys, BlobFiles& blobs);

    Result<QHash<QString, CallSyncState>> syncStates();

    // Whether a save replaces the stored transcript (with the one given, or none) or keeps it as it is.
    enum class TranscriptAction
    {
        Replace,
        Keep
    };

    // Inserts a new call (with a fresh data key) or updates an existing one (same key). Caller holds a transaction.
    Result<qint64> save(const CallRecord& call, const std::optional<TranscriptData>& transcript,
        TranscriptAction action = TranscriptAction::Replace);
    // Records a new change marker for a sidecar whose bytes did not change.
    Status touchSidecar(qint64 id, qint64 size, qint64 mtimeNs);

    // Records a fetched, verified audio blob for a call (replacing and deleting an older blob file).
    Status setAudio(qint64 id, const QString& blobName, const QString& storeSha256, const AudioFacts& facts);
    Status setAudioUnavailable(qint64 id, const QString& reason);

    Result<SecretKey> dataKey(qint64 id, const QString& callId);
    // A fresh data key for a call not yet saved, so its audio can be encrypted before the call is committed.
    SecretKey newDataKey() const { return SecretKey::random(); }
    Result<qint64> saveWithKey(
        const CallRecord& call, const std::optional<TranscriptData>& transcript, const SecretKey& dataKey);

    Result<std::optional<CallRecord>> find(const QString& callId);
    // find() for a call that must be there: "Call ... is no longer in the cache." when it is not.
    Result<CallRecord> get(const QString& callId);
    Result<QList<CallRecord>> query(const CallQuery& q);
    Result<CallPersonal> personal(const CallRecord& call);
    // The transcript as it stands: the newest correction made in Earmark (CallDocuments), else the provider's.
    Result<QByteArray> transcript(const CallRecord& call);
    Result<QByteArray> providerTranscript(const CallRecord& call);
    Result<QString> audioBlob(qint64 id);
    Result<QSet<QString>> referencedBlobs();
    qint64 count();

    // Indexes every cached transcript for search again (caches made before the index existed); returns how many.
    Result<int> reindexTranscripts();
    // Calls synced before the last-digits index (schema 12) get theirs; returns how many. Run once, by Cache::open.
    Result<int> fillPhoneTails();

    static QByteArray binding(const QString& callId, const char* purpose);

private:
    // Reads one sealed column (sql takes the call's row id) and opens it with the call's data key.
    Result<QByteArray> openSealed(
        const CallRecord& call, const QString& sql, const char* purpose, const QString& missing);
    Result<qint64> insertOrUpdate(const CallRecord& call, const std::optional<TranscriptData>& transcript,
        const SecretKey& dataKey, qint64 existingId, TranscriptAction action);

    Database& m_db;
    const KeyHierarchy& m_keys;
    BlobFiles& m_blobs;
};

} // namespace Earmark
