#include "sync/Erasures.h"

#include "cache/Cache.h"
#include "cache/CallDestruction.h"
#include "cache/Statement.h"
#include "store/JsonFields.h"
#include "store/RecordingStore.h"

#include <QDateTime>

namespace Earmark {

Erasures::Erasures(Cache& cache, RecordingStore& store)
    : m_cache(cache)
    , m_store(store)
{ }

Result<QSet<QString>> Erasures::apply(SyncReport& report)
{
    Database& db = m_cache.database();
    QSet<QString> erased;
    {
        auto known = db.prepare(QStringLiteral("SELECT call_id FROM erasures"));
        if (!known) {
            return known.error();
        }
        auto rows = known->forEachRow([&]() -> Status {
            erased.insert(known->text(0));
            return {};
        });
        if (!rows) {
            return rows.error();
        }
    }
    auto notices = m_store.listErasures();
    if (!notices) {
        return notices.error();
    }
    bool destroyedAny = false;
    for (const StoreEntry& e : notices.value()) {
        const QString fileId = RecordingStore::callIdOfKey(e.key);
        if (erased.contains(fileId)) {
            continue;
        }
        auto bytes = m_store.read(e.key, 1024 * 1024);
        if (!bytes) {
            report.rejected << Rejection {e.key, bytes.errorMessage()};
            continue;
        }
        auto o = JsonFields::parseObject(bytes.value());
        QString problem;
        if (!o) {
            problem = o.errorMessage();
        } else if (o->value(QStringLiteral("schema")).toString() != QLatin1String("earmark.erasure/1")) {
            problem = QStringLiteral("field \"schema\" must be \"earmark.erasure/1\"");
        } else if (o->value(QStringLiteral("call_id")).toString() != fileId || !RecordingStore::isValidCallId(fileId)) {
            problem = QStringLiteral("call_id must be a valid id equal to the file name");
        }
        if (!problem.isEmpty()) {
            report.rejected << Rejection {e.key,
                QStringLiteral("erasure notice not applied: ") + problem
                    + QStringLiteral(". Ask the provider to correct it.")};
            continue;
        }
        Transaction tx(db);
        if (auto st = tx.begin(); !st) {
            return st.error();
        }
        auto destroyed = CallDestruction(m_cache).destroy(fileId);
        if (!destroyed) {
            return destroyed.error();
        }
        auto rec = db.prepare(QStringLiteral("INSERT OR REPLACE INTO erasures(call_id, erased_utc, applied_utc) "
                                             "VALUES (?,?,?)"));
        if (!rec) {
            return rec.error();
        }
        rec->bind(1, fileId).bind(2, o->value(QStringLiteral("erased_utc")).toString());
        rec->bind(3, QDateTime::currentSecsSinceEpoch());
        if (auto st = rec->run(); !st) {
            return st.error();
        }
        if (auto st = m_cache.audit().append(QStringLiteral("erase"), fileId,
                destroyed.value() ? QStringLiteral("destroyed by erasure notice")
                                  : QStringLiteral("erasure notice before import"));
            !st) {
            return st.error();
        }
        if (auto st = tx.commit(); !st) {
            return st.error();
        }
        (void)m_cache.audit().syncAnchor();
        erased.insert(fileId);
        if (destroyed.value()) {
            ++report.erased;
            destroyedAny = true;
        }
    }
    if (destroyedAny) {
        if (auto st = CallDestruction(m_cache).finish(); !st) {
            return st.error();
        }
    }
    return erased;
}

} // namespace Earmark
