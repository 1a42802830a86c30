#include "sync/SyncEngine.h"

#include "cache/Cache.h"
#include "cache/Statement.h"
#include "core/Logging.h"
#include "retention/Retention.h"
#include "store/RecordingStore.h"
#include "store/Sidecar.h"
#include "store/StoreInfo.h"
#include "store/Transcript.h"
#include "sync/AudioFetcher.h"
#include "sync/Erasures.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLockFile>
#include <memory>

namespace Earmark {

namespace {
constexpr int BatchCalls = 200;
constexpr qint64 BatchMs = 750;

QString sha256Hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}
} // namespace

SyncEngine::SyncEngine(Cache& cache, RecordingStore& store)
    : m_cache(cache)
    , m_store(store)
{ }

void SyncEngine::reject(const QString& item, const QString& reason)
{
    qCInfo(lcSync) << "rejected" << item << reason;
    m_report.rejected << Rejection {item, reason};
}

Result<SyncReport> SyncEngine::run(const SyncOptions& options)
{
    m_report = SyncReport {};
    m_seenKeys.clear();
    m_listedKeys.clear();

    // One sync at a time per cache (the CLI and the window may both try); a killed holder's lock is stale.
    QLockFile lock(m_cache.folder().root() + QStringLiteral("/sync.lock"));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(0)) {
        qint64 pid = 0;
        QString host;
        QString app;
        lock.getLockInfo(&pid, &host, &app);
        return makeError(
            QStringLiteral("Another sync is running on this cache (process %1): wait for it to finish.").arg(pid));
    }
    // Blobs written by a sync that was killed before its transaction committed: unreadable, delete them.
    if (auto collected = m_cache.collectGarbage(); !collected) {
        return collected.error();
    }

    if (auto st = readStoreInfo(); !st) {
        return st.error();
    }
    auto erased = Erasures(m_cache, m_store).apply(m_report);
    if (!erased) {
        return erased.error();
    }
    m_erased = erased.value();

    auto listing = m_store.listSidecars();
    if (!listing) {
        return listing.error();
    }
    auto states = m_cache.calls().syncStates();
    if (!states) {
        return states.error();
    }
    m_states = std::move(states.value());
    for (const StoreEntry& e : listing.value()) {
        m_listedKeys.insert(e.key);
    }

    SyncProgress progress;
    progress.callsTotal = listing->size();
    progress.phase = QStringLiteral("calls");
    if (m_progress) {
        m_progress(progress);
    }

    std::unique_ptr<Transaction> tx;
    int inBatch = 0;
    QElapsedTimer batchTimer;
    auto commitBatch = [&]() -> Status {
        if (!tx) {
            return {};
        }
        auto st = tx->commit();
        tx.reset();
        inBatch = 0;
        return st;
    };

    for (const StoreEntry& entry : listing.value()) {
        if (m_cancel && m_cancel->load()) {
            m_report.cancelled = true;
            break;
        }
        if (!tx) {
            tx = std::make_unique<Transaction>(m_cache.database());
            if (auto st = tx->begin(); !st) {
                return st.error();
            }
            batchTimer.start();
        }
        auto outcome = syncOne(entry, options);
        if (!outcome) {
            // A cache error (disk full, damaged database): stop; what was committed stays, the rest is redone.
            return outcome.error();
        }
        switch (outcome.value()) {
        case Outcome::Imported:
            ++m_report.imported;
            break;
        case Outcome::Updated:
            ++m_report.updated;
            break;
        case Outcome::Unchanged:
            ++m_report.unchanged;
            break;
        case Outcome::Rejected:
        case Outcome::Skipped:
            break;
        }
        ++progress.callsDone;
        progress.bytesDone = m_report.bytesRead;
        if (++inBatch >= BatchCalls || batchTimer.elapsed() > BatchMs) {
            if (auto st = commitBatch(); !st) {
                return st.error();
            }
        }
        if (m_progress) {
            m_progress(progress);
        }
    }
    if (auto st = commitBatch(); !st) {
        return st.error();
    }
    if (auto st = saveRejections(); !st) {
        return st.error();
    }
    const QString detail = QString::fromUtf8(QJsonDocument(
        QJsonObject {{QStringLiteral("store"), m_store.description()}, {QStringLiteral("imported"), m_report.imported},
            {QStringLiteral("updated"), m_report.updated}, {QStringLiteral("unchanged"), m_report.unchanged},
            {QStringLiteral("erased"), m_report.erased},
            {QStringLiteral("rejected"), static_cast<int>(m_report.rejected.size())}})
                                                 .toJson(QJsonDocument::Compact));
    if (auto st = m_cache.audit().append(QStringLiteral("sync"), QString(), detail); !st) {
        return st.error();
    }
    return m_report;
}

Status SyncEngine::readStoreInfo()
{
    // v1/store.json is optional: without it (or without retention_days) the default period applies.
    StoreInfo info;
    if (m_store.stat(StoreInfo::key())) {
        auto bytes = m_store.read(StoreInfo::key(), 64 * 1024);
        auto parsed = bytes ? StoreInfo::parse(bytes.value()) : Result<StoreInfo>(bytes.error());
        if (!parsed) {
            auto kept = Retention(m_cache).policy();
            reject(StoreInfo::key(),
                parsed.errorMessage()
                    + QStringLiteral(". The cache keeps its retention period of %1 days until the provider corrects "
                                     "store.json.")
                          .arg(kept ? kept->days : StoreInfo::DefaultRetentionDays));
            return {};
        }
        info = parsed.value();
    }
    return Retention::recordStorePolicy(m_cache, info);
}

Result<SyncEngine::Outcome> SyncEngine::syncOne(const StoreEntry& entry, const SyncOptions& options)
{
    const QString key = entry.key;
    const QString callId = RecordingStore::callIdOfKey(key);
    if (!RecordingStore::isValidCallId(callId)) {
        reject(key,
            QStringLiteral("bad call_id \"%1\" in the file name: ids are 1 to 64 letters, digits, '.', '_' or "
                           "'-'. Ask the provider to rename the call.")
                .arg(callId));
        return Outcome::Rejected;
    }
    if (m_erased.contains(callId)) {
        return Outcome::Skipped;
    }
    if (m_seenKeys.contains(callId)) {
        reject(key,
            QStringLiteral("duplicate call_id \"%1\": already imported from %2; this copy is ignored")
                .arg(callId, m_seenKeys.value(callId)));
        return Outcome::Rejected;
    }
    const bool cached = m_states.contains(callId);
    const CallSyncState state = m_states.value(callId);
    if (cached && state.storeKey != key && m_listedKeys.contains(state.storeKey)) {
        reject(key,
            QStringLiteral("duplicate call_id \"%1\": already imported from %2; this copy is ignored")
                .arg(callId, state.storeKey));
        return Outcome::Rejected;
    }
    const bool sameFile = cached && state.storeKey == key;
    const bool audioCurrent = state.audioState == AudioState::Cached && state.audioBlobSha256 == state.audioSha256;

    // Fast path: the sidecar's size and change marker are as recorded: nothing is read.
    if (sameFile && entry.size == state.sidecarSize && entry.mtimeNs == state.sidecarMtimeNs
        && (!options.fetchAllAudio || audioCurrent)) {
        m_seenKeys.insert(callId, key);
        return Outcome::Unchanged;
    }
    if (entry.size > Sidecar::MaxBytes) {
        reject(key,
            QStringLiteral("the sidecar is %1 bytes, over the 1 MiB limit: ask the provider to fix it")
                .arg(entry.size));
        return Outcome::Rejected;
    }
    auto bytes = m_store.read(key, Sidecar::MaxBytes);
    if (!bytes) {
        reject(key, bytes.errorMessage());
        return Outcome::Rejected;
    }
    m_report.bytesRead += bytes->size();
    const QByteArray sidecarSha = QCryptographicHash::hash(bytes.value(), QCryptographicHash::Sha256);

    if (sameFile && sidecarSha == state.sidecarSha256) {
        // Same bytes, new change marker (touched or copied): record the marker.
        if (auto st = m_cache.calls().touchSidecar(state.id, entry.size, entry.mtimeNs); !st) {
            return st.error();
        }
        m_seenKeys.insert(callId, key);
        if (!options.fetchAllAudio || audioCurrent) {
            return Outcome::Unchanged;
        }
        auto record = m_cache.calls().find(callId);
        if (!record) {
            return record.error();
        }
        AudioFetcher fetcher(m_cache, m_store);
        if (auto st = fetcher.fetchAndStore(**record); !st) {
            reject(AudioFetcher::audioKey(**record), st.errorMessage());
            return Outcome::Rejected;
        }
        m_report.audioBytesRead += (*record)->audioSize;
        return Outcome::Updated;
    }

    auto sidecar = Sidecar::parse(bytes.value(), callId);
    if (!sidecar) {
        reject(key,
            sidecar.errorMessage()
                + QStringLiteral(". Ask the provider to correct the sidecar; the call is "
                                 "imported once it is valid."));
        return Outcome::Rejected;
    }
    CallRecord& call = sidecar->call;
    call.storeKey = key;
    call.sidecarSha256 = sidecarSha;
    call.sidecarSize = entry.size;
    call.sidecarMtimeNs = entry.mtimeNs;

    std::optional<TranscriptData> transcript;
    auto transcriptAction = CallRepository::TranscriptAction::Replace;
    if (!sidecar->transcriptFile.isEmpty()) {
        const QString tkey = RecordingStore::siblingKey(key, sidecar->transcriptFile);
        auto tbytes = m_store.read(tkey, Transcript::MaxBytes);
        QString problem;
        if (!tbytes) {
            problem = tbytes.errorMessage();
        } else {
            m_report.bytesRead += tbytes->size();
            const QString tsha = sha256Hex(tbytes.value());
            if (!sidecar->transcriptSha256.isEmpty() && tsha != sidecar->transcriptSha256) {
                problem = QStringLiteral("the transcript's SHA-256 does not match the sidecar");
            } else if (auto parsed = Transcript::parse(tbytes.value(), callId); !parsed) {
                problem = parsed.errorMessage();
            } else {
                transcript = TranscriptData {
                    tbytes.value(), tsha, static_cast<int>(parsed->segments.size()), parsed->wordCount()};
            }
        }
        if (!problem.isEmpty()) {
            reject(tkey,
                QStringLiteral("transcript not imported: %1. The call is imported without it; it is retried "
                               "when the provider corrects it.")
                    .arg(problem));
            // An earlier good transcript is kept.
            transcriptAction = CallRepository::TranscriptAction::Keep;
        }
    }

    AudioFetcher fetcher(m_cache, m_store);
    if (!cached) {
        const SecretKey dataKey = SecretKey::random();
        std::optional<AudioFetcher::Fetched> fetched;
        if (options.fetchAllAudio) {
            auto f = fetcher.fetch(call, dataKey);
            if (!f) {
                reject(AudioFetcher::audioKey(call), f.errorMessage());
                return Outcome::Rejected; // not imported; the next sync tries again
            }
            fetched = std::move(f.value());
            // The blob is in place before the transaction that refers to it commits.
            if (auto st = m_cache.blobs().commit(*fetched->blob); !st) {
                return st.error();
            }
        }
        auto id = m_cache.calls().saveWithKey(call, transcript, dataKey);
        if (!id) {
            return id.error();
        }
        if (fetched) {
            if (auto st = m_cache.calls().setAudio(id.value(), fetched->blob->name, call.audioSha256, fetched->facts);
                !st) {
                return st.error();
            }
            m_report.audioBytesRead += fetched->bytes;
        }
        m_seenKeys.insert(callId, key);
        return Outcome::Imported;
    }

    auto id = m_cache.calls().save(call, transcript, transcriptAction);
    if (!id) {
        return id.error();
    }
    m_seenKeys.insert(callId, key);
    call.id = id.value();
    const bool audioStillCurrent = state.audioState == AudioState::Cached && state.audioBlobSha256 == call.audioSha256;
    if (options.fetchAllAudio && !audioStillCurrent) {
        if (auto st = fetcher.fetchAndStore(call); !st) {
            reject(AudioFetcher::audioKey(call), st.errorMessage());
        } else {
            m_report.audioBytesRead += call.audioSize;
        }
    }
    return Outcome::Updated;
}

Status SyncEngine::saveRejections()
{
    Database& db = m_cache.database();
    Transaction tx(db);
    if (auto st = tx.begin(); !st) {
        return st;
    }
    QHash<QString, qint64> first;
    {
        auto old = db.prepare(QStringLiteral("SELECT item, first_utc FROM rejections"));
        if (!old) {
            return old.error();
        }
        if (auto st = old->forEachRow([&] { first.insert(old->text(0), old->int64(1)); }); !st) {
            return st;
        }
    }
    if (auto st = db.exec(QStringLiteral("DELETE FROM rejections")); !st) {
        return st;
    }
    auto ins = db.prepare(
        QStringLiteral("INSERT OR REPLACE INTO rejections(item, reason, first_utc, last_utc) VALUES (?,?,?,?)"));
    if (!ins) {
        return ins.error();
    }
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const Rejection& r : std::as_const(m_report.rejected)) {
        ins->reset();
        ins->bind(1, r.item).bind(2, r.reason).bind(3, first.value(r.item, now)).bind(4, now);
        if (auto st = ins->run(); !st) {
            return st;
        }
    }
    return tx.commit();
}

} // namespace Earmark
