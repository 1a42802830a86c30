#include "cache/Cache.h"

#include "cache/AudioBlobReader.h"
#include "cache/CacheSecrets.h"
#include "cache/Migrations.h"
#include "cache/Statement.h"
#include "cache/TranscriptIndex.h"
#include "core/Files.h"
#include "core/Logging.h"
#include "crypto/Blob.h"

#include <QFile>

namespace Earmark {

Cache::Cache(CacheFolder folder, std::unique_ptr<Database> db, const SecretKey& master)
    : m_folder(std::move(folder))
    , m_db(std::move(db))
    , m_keys(master)
    , m_blobs(m_folder.blobsPath())
    , m_calls(*m_db, m_keys, m_blobs)
    , m_audit(*m_db, m_keys, m_folder.anchorPath())
    , m_roles(*m_db, m_audit)
    , m_masterCheck(KeyHierarchy::checkValue(master))
{ }

Status Cache::rotateMaster(const SecretKey& newMaster)
{
    if (auto st = rewrapFor(newMaster); !st) {
        return st;
    }
    return rekeyToMaster();
}

Status Cache::rewrapFor(const SecretKey& newMaster)
{
    const KeyHierarchy next(newMaster);
    Transaction tx(*m_db);
    if (auto st = tx.begin(); !st) {
        return st;
    }
    struct Row
    {
        qint64 id;
        QString callId;
        QByteArray wrapped;
        bool indexed;
    };
    QList<Row> rows;
    {
        auto s = m_db->prepare(QStringLiteral("SELECT c.id, c.call_id, k.wrapped, c.phone_index IS NOT NULL FROM calls "
                                              "c JOIN call_keys k ON k.call = c.id"));
        if (!s) {
            return s.error();
        }
        if (auto st = s->forEachRow([&]() -> Status {
                rows << Row {s->int64(0), s->text(1), s->blob(2), s->int64(3) != 0};
                return {};
            });
            !st) {
            return st;
        }
    }
    auto wrap = m_db->prepare(QStringLiteral("UPDATE call_keys SET wrapped = ? WHERE call = ?"));
    auto index = m_db->prepare(QStringLiteral("UPDATE calls SET phone_index = ?, phone_tail_index = ? WHERE id = ?"));
    if (!wrap || !index) {
        return makeError(m_db->lastError());
    }
    for (const Row& r : rows) {
        auto key = m_keys.unwrapDataKey(r.wrapped, r.callId);
        if (!key) {
            return key.error();
        }
        // The phone index first: reading the personal fields unwraps the key as it is stored.
        if (r.indexed) {
            auto call = m_calls.get(r.callId);
            if (!call) {
                return call.error();
            }
            auto personal = m_calls.personal(call.value());
            if (!personal) {
                return personal.error();
            }
            index->bind(1, next.phoneIndex(personal->phoneE164))
                .bind(2, next.phoneTailIndex(personal->phoneE164))
                .bind(3, r.id);
            if (auto st = index->run(); !st) {
                return st;
            }
            index->reset();
        }
        wrap->bind(1, next.wrapDataKey(key.value(), r.callId)).bind(2, r.id);
        if (auto st = wrap->run(); !st) {
            return st;
        }
        wrap->reset();
    }
    if (auto st = CacheSecrets::rewrap(*m_db, m_keys, next); !st) {
        return st;
    }
    if (auto st = rewrapCases(next); !st) {
        return st;
    }
    if (auto st = setSetting(masterCheckSetting(), QString::fromLatin1(KeyHierarchy::checkValue(newMaster).toHex()));
        !st) {
        return st;
    }
    if (auto st = setSetting(rotationDueSetting(), QStringLiteral("0")); !st) {
        return st;
    }
    if (auto st
        = m_audit.append(QStringLiteral("keys.rotate"), {}, QStringLiteral("%1 call keys re-wrapped").arg(rows.size()));
        !st) {
        return st;
    }
    if (auto st = tx.commit(); !st) {
        return st;
    }
    m_keys.replace(newMaster);
    m_masterCheck = KeyHierarchy::checkValue(newMaster);
    return m_audit.checkpoint();
}

Status Cache::rewrapCases(const KeyHierarchy& next)
{
    // Cases and subject access requests: each row's own data key re-wrapped and its number's index recomputed.
    struct Sealed
    {
        const char* table;
        const char* idColumn;
        QString (*keyName)(const QString&);
        QByteArray (*binding)(const QString&);
    };
    const Sealed kinds[] = {{"cases", "case_id", &caseKeyName, &casePhoneBinding},
        {"subject_requests", "request_id", &requestKeyName, &requestPhoneBinding}};
    for (const Sealed& kind : kinds) {
        struct Row
        {
            qint64 id;
            QString ownerId;
            QByteArray wrapped;
            QByteArray phone;
        };
        QList<Row> rows;
        auto s = m_db->prepare(QStringLiteral("SELECT id, %1, wrapped_key, phone_sealed FROM %2")
                                   .arg(QLatin1String(kind.idColumn), QLatin1String(kind.table)));
        if (!s) {
            return s.error();
        }
        if (auto st = s->forEachRow([&] { rows << Row {s->int64(0), s->text(1), s->blob(2), s->blob(3)}; }); !st) {
            return st;
        }
        auto upd = m_db->prepare(QStringLiteral("UPDATE %1 SET wrapped_key = ?, phone_index = ? WHERE id = ?")
                                     .arg(QLatin1String(kind.table)));
        if (!upd) {
            return upd.error();
        }
        for (const Row& r : rows) {
            auto key = m_keys.unwrapDataKey(r.wrapped, kind.keyName(r.ownerId));
            if (!key) {
                return key.error();
            }
            upd->bind(1, next.wrapDataKey(key.value(), kind.keyName(r.ownerId)));
            if (r.phone.isEmpty()) {
                upd->bindNull(2);
            } else {
                auto phone = Blob::open(key.value(), kind.binding(r.ownerId), r.phone);
                if (!phone) {
                    return phone.error();
                }
                upd->bind(2, next.phoneIndex(QString::fromUtf8(phone.value())));
                Files::wipe(phone.value());
            }
            upd->bind(3, r.id);
            if (auto st = upd->run(); !st) {
                return st;
            }
            upd->reset();
        }
    }
    return {};
}

Status Cache::rekeyToMaster()
{
    return m_db->rekey(m_keys.databaseKey());
}

Result<std::unique_ptr<Cache>> Cache::open(
    const CacheFolder& folder, const SecretKey& master, bool create, const CacheOpenOptions& options)
{
    if (auto st = folder.prepare(); !st) {
        return st.error();
    }
    const KeyHierarchy keys(master);
    auto db = Database::open(folder.databasePath(), keys.databaseKey(), create);
    bool keyedWithPending = false;
    if (!db && options.pendingMaster) {
        // A rotation that re-keyed the database and was stopped before keyinfo.json named the new key.
        const KeyHierarchy pendingKeys(*options.pendingMaster);
        db = Database::open(folder.databasePath(), pendingKeys.databaseKey(), false);
        keyedWithPending = db.ok();
    }
    if (!db) {
        return db.error();
    }
    if (auto st = Migrations::migrate(*db.value()); !st) {
        return st.error();
    }
    // Which master wraps the call keys: the one the cache's master_check setting names (none: the unlocking key).
    const SecretKey* wrapping = &master;
    if (options.pendingMaster) {
        auto s = db.value()->prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
        if (!s) {
            return s.error();
        }
        s->bind(1, masterCheckSetting());
        auto check = s->firstRow([&] { return s->text(0); });
        if (!check) {
            return check.error();
        }
        if (check.value()
            && QByteArray::fromHex(check.value()->toLatin1()) == KeyHierarchy::checkValue(*options.pendingMaster)) {
            wrapping = options.pendingMaster;
        }
    }
    std::unique_ptr<Cache> cache(new Cache(folder, std::move(db.value()), *wrapping));
    if (keyedWithPending != (wrapping == options.pendingMaster)) {
        // Re-wrapped but not re-keyed (or the other way round): bring the database key in line.
        if (auto st = cache->rekeyToMaster(); !st) {
            return st.error();
        }
    }
    auto signing = CacheSecrets::signingKey(cache->database(), cache->keys());
    if (!signing) {
        return signing.error();
    }
    cache->m_signing = std::move(signing.value());
    cache->m_audit.setSigningKey(&cache->m_signing);
    if (auto st = cache->prepareAudit(options); !st) {
        return st.error();
    }
    if (auto st = cache->m_roles.load(); !st) {
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
    // Numbers cached before the last-digits index existed (schema 12) get theirs once.
    if (cache->setting(QStringLiteral("phone_tail_index")) != QLatin1String("1")) {
        Transaction tx(cache->database());
        if (auto st = tx.begin(); !st) {
            return st.error();
        }
        auto filled = cache->calls().fillPhoneTails();
        if (!filled) {
            return filled.error();
        }
        if (auto st = cache->setSetting(QStringLiteral("phone_tail_index"), QStringLiteral("1")); !st) {
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
    const bool keptBefore = setting(keychainAnchorSetting()) == QLatin1String("1");
    m_audit.setKeychainAnchor(options.keychainAnchor, keptBefore);
    m_audit.setAnchorListener(options.anchorWritten);
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
        // Only an administrator accepts (a refusal cannot be audited: the log is what is in question).
        if (auto st = m_roles.read(); !st) {
            return st;
        }
        if (m_roles.anyone() && !m_roles.can(Permission::AcceptAudit)) {
            return makeError(
                QStringLiteral("Refused: %1 needs the %2; ask an administrator to run earmark-cli "
                               "audit accept.")
                    .arg(Roles::permissionText(Permission::AcceptAudit), Roles::whoCan(Permission::AcceptAudit)));
        }
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
    if (!keptBefore && options.keychainAnchor && !options.keychainAnchor->isEmpty()) {
        if (auto st = setSetting(keychainAnchorSetting(), QStringLiteral("1")); !st) {
            return st;
        }
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
            // Every chunk authenticated and the whole compared with the hash of the store file it came from.
            auto audio = AudioBlobReader(*this).read(call);
            if (!audio) {
                return audio.error();
            }
            Files::wipe(audio.value());
        }
    }
    return m_audit.verify(AuditLog::Depth::Full);
}

} // namespace Earmark
