#include "cache/Cache.h"

#include "cache/CacheSecrets.h"
#include "cache/TranscriptIndex.h"
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

Result<std::unique_ptr<Cache>> Cache::open(
    const CacheFolder& folder, const SecretKey& master, bool create, const CacheOpenOptions& options)
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
    auto signing = CacheSecrets::signingKey(cache->database(), cache->keys());
    if (!signing) {
        return signing.error();
    }
    cache->m_signing = std::move(signing.value());
    cache->m_audit.setSigningKey(&cache->m_signing);
    if (auto st = cache->prepareAudit(options); !st) {
        return st.error();
    }
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
    // A destruction whose process died before its tidy-up: finish it before anything reads the index.
    if (cache->setting(purgePendingSetting()) == QLatin1String("1")) {
        if (auto st = cache->purgeDestroyed(); !st) {
            return st.error();
        }
    }
    return cache;
}

Status Cache::prepareAudit(const CacheOpenOptions& options)
{
    if (auto st = m_audit.upgrade(); !st) {
        if (options.audit == CacheOpenOptions::AuditCheck::Enforce) {
            return st;
        }
        m_auditProblem = st.errorMessage();
        return {};
    }
    bool onlyTheAnchor = false;
    auto verified = m_audit.verify(AuditLog::Depth::Open, &onlyTheAnchor);
    if (!verified && onlyTheAnchor && !options.acceptAnchorReason.trimmed().isEmpty()) {
        // An administrator accepts a restored cache: say so in the log, then anchor the log as it now is.
        const QString finding = verified.errorMessage().section(QStringLiteral(" Earmark will not"), 0, 0);
        if (auto st = m_audit.append(QStringLiteral("audit.accept"), {},
                QStringLiteral("%1 Reason: %2").arg(finding, options.acceptAnchorReason.trimmed()));
            !st) {
            return st;
        }
        return {};
    }
    if (!verified) {
        if (options.audit == CacheOpenOptions::AuditCheck::Enforce) {
            qCWarning(lcCache) << "audit check failed on open:" << verified.errorMessage();
            return verified;
        }
        m_auditProblem = verified.errorMessage();
        return {};
    }
    // An anchor one checkpoint behind, or entries committed just before a crash: bring the anchor up to date.
    return m_audit.checkpoint();
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

Status Cache::purgeDestroyed()
{
    QStringList names;
    auto list = m_db->prepare(QStringLiteral("SELECT name FROM destroyed_blobs"));
    if (!list) {
        return list.error();
    }
    if (auto st = list->forEachRow([&]() -> Status {
            names << list->text(0);
            return {};
        });
        !st) {
        return st;
    }
    for (const QString& name : names) {
        m_blobs.remove(name);
    }
    // FTS4 keeps deleted rows' terms in its index until it is merged; deleted rows stay in the WAL until a truncating
    // checkpoint (secure_delete zeroes the freed pages).
    if (auto st = TranscriptIndex(*m_db).optimize(); !st) {
        return st;
    }
    Transaction tx(*m_db);
    if (auto st = tx.begin(); !st) {
        return st;
    }
    if (auto st = m_db->exec(QStringLiteral("DELETE FROM destroyed_blobs")); !st) {
        return st;
    }
    auto clear = m_db->prepare(QStringLiteral("DELETE FROM settings WHERE key = ?"));
    if (!clear) {
        return clear.error();
    }
    clear->bind(1, purgePendingSetting());
    if (auto st = clear->run(); !st) {
        return st;
    }
    if (auto st = tx.commit(); !st) {
        return st;
    }
    return m_db->checkpointTruncate();
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
    return m_audit.verify(AuditLog::Depth::Full);
}

} // namespace Earmark
