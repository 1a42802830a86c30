#include "cache/Cache.h"

#include "cache/Migrations.h"
#include "cache/Statement.h"
#include "core/Logging.h"

#include <QFile>

namespace Earmark {

Cache::Cache(CacheFolder folder, std::unique_ptr<Database> db, const SecretKey& master)
    : m_folder(std::move(folder))
    , m_db(std::move(db))
    , m_keys(master)
    , m_blobs(m_folder.blobsPath())
    , m_calls(*m_db, m_keys, m_blobs)
    , m_audit(*m_db, m_keys, m_folder.anchorPath())
{ }

Result<std::unique_ptr<Cache>> Cache::open(const CacheFolder& folder, const SecretKey& master, bool create)
{
    if (auto st = folder.prepare(); !st) {
        return st.error();
    }
    const KeyHierarchy keys(master);
    auto db = Database::open(folder.databasePath(), keys.databaseKey(), create);
    if (!db) {
        return db.error();
    }
    if (auto st = Migrations::migrate(*db.value()); !st) {
        return st.error();
    }
    std::unique_ptr<Cache> cache(new Cache(folder, std::move(db.value()), master));
    // Transcripts cached before the search index existed (schema 5) are indexed once.
    if (cache->setting(QStringLiteral("transcript_search")) != QLatin1String("1")) {
        Transaction tx(cache->database());
        if (auto st = tx.begin(); !st) {
            return st.error();
        }
        auto indexed = cache->calls().reindexTranscripts();
        if (!indexed) {
            return indexed.error();
        }
        if (auto st = cache->setSetting(QStringLiteral("transcript_search"), QStringLiteral("1")); !st) {
            return st.error();
        }
        if (auto st = tx.commit(); !st) {
            return st.error();
        }
    }
    // An anchor behind the log means a crash between a commit and the anchor write: bring it up to date.
    if (cache->m_audit.verify().ok()) {
        (void)cache->m_audit.syncAnchor();
    }
    return cache;
}

QString Cache::setting(const QString& key)
{
    auto s = m_db->prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    if (!s) {
        return {};
    }
    s->bind(1, key);
    auto row = s->step();
    return row && row.value() ? s->text(0) : QString();
}

Status Cache::setSetting(const QString& key, const QString& value)
{
    auto s = m_db->prepare(QStringLiteral("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)"));
    if (!s) {
        return s.error();
    }
    s->bind(1, key).bind(2, value);
    return s->run();
}

Result<int> Cache::collectGarbage()
{
    // Only with the whole list of blobs in use: a partial list would delete audio that calls still need.
    auto referenced = m_calls.referencedBlobs();
    if (!referenced) {
        return referenced.error();
    }
    return m_blobs.collectGarbage(referenced.value());
}

Status Cache::verify()
{
    if (auto st = m_db->integrityCheck(); !st) {
        return st;
    }
    auto all = m_calls.query(CallQuery {});
    if (!all) {
        return all.error();
    }
    for (const CallRecord& call : all.value()) {
        auto personal = m_calls.personal(call);
        if (!personal) {
            return makeError(QStringLiteral("Call %1: %2").arg(call.callId, personal.errorMessage()));
        }
        if (call.hasTranscript) {
            auto t = m_calls.transcript(call);
            if (!t) {
                return makeError(QStringLiteral("Call %1 transcript: %2").arg(call.callId, t.errorMessage()));
            }
        }
        auto blob = m_calls.audioBlob(call.id);
        if (blob && !blob.value().isEmpty()) {
            QFile file(m_blobs.pathOf(blob.value()));
            if (!file.open(QIODevice::ReadOnly)) {
                return makeError(QStringLiteral("Call %1: its encrypted audio file is missing.").arg(call.callId));
            }
            auto key = m_calls.dataKey(call.id, call.callId);
            if (!key) {
                return key.error();
            }
            auto reader = Blob::Reader::open(key.value(), CallRepository::binding(call.callId, "audio"), &file);
            if (!reader) {
                return makeError(QStringLiteral("Call %1 audio: %2").arg(call.callId, reader.errorMessage()));
            }
            if (auto st = reader->verify(); !st) {
                return makeError(QStringLiteral("Call %1 audio: %2").arg(call.callId, st.errorMessage()));
            }
        }
    }
    if (auto st = m_audit.verify(); !st) {
        return st;
    }
    return {};
}

} // namespace Earmark
