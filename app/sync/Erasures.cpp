#include "sync/Erasures.h"

#include "cache/Cache.h"
#include "cache/Statement.h"
#include "retention/DestructionRun.h"
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
    // Never imported again: every call erased or destroyed before (tombstones include retention's).
    QSet<QString> erased;
    for (const QString& sql :
        {QStringLiteral("SELECT call_id FROM erasures"), QStringLiteral("SELECT call_id FROM tombstones"),
            QStringLiteral("SELECT call_id FROM deferred_erasures")}) {
        auto known = db.prepare(sql);
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
    DestructionRun run(m_cache, DestructionRun::Kind::Erasure, QDateTime::currentSecsSinceEpoch());
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
        const QString erasedUtc = o->value(QStringLiteral("erased_utc")).toString();
        Transaction tx(db);
        if (auto st = tx.begin(); !st) {
            return st.error();
        }
        auto destroyed = run.destroy(fileId, QDateTime::currentSecsSinceEpoch());
        if (!destroyed) {
            return destroyed.error();
        }
        if (destroyed.value() == CallDestruction::Outcome::Held) {
            // A legal hold outranks the notice: it waits, and is applied when the call's last hold is released.
            auto defer = db.prepare(QStringLiteral(
                "INSERT OR IGNORE INTO deferred_erasures(call_id, erased_utc, noticed_utc) VALUES (?,?,?)"));
            if (!defer) {
                return defer.error();
            }
            defer->bind(1, fileId).bind(2, erasedUtc).bind(3, QDateTime::currentSecsSinceEpoch());
            if (auto st = defer->run(); !st) {
                return st.error();
            }
            if (auto st = m_cache.audit().append(QStringLiteral("erase.deferred"), fileId,
                    QStringLiteral("erasure notice for a held call: applied when its holds are released"));
                !st) {
                return st.error();
            }
            ++report.erasuresDeferred;
        } else {
            auto rec = db.prepare(QStringLiteral("INSERT OR REPLACE INTO erasures(call_id, erased_utc, applied_utc) "
                                                 "VALUES (?,?,?)"));
            if (!rec) {
                return rec.error();
            }
            rec->bind(1, fileId).bind(2, erasedUtc).bind(3, QDateTime::currentSecsSinceEpoch());
            if (auto st = rec->run(); !st) {
                return st.error();
            }
            if (destroyed.value() == CallDestruction::Outcome::NotCached) {
                if (auto st = m_cache.audit().append(
                        QStringLiteral("erase"), fileId, QStringLiteral("erasure notice before import"));
                    !st) {
                    return st.error();
                }
            } else {
                ++report.erased;
            }
        }
        if (auto st = tx.commit(); !st) {
            return st.error();
        }
        if (auto st = m_cache.audit().checkpoint(); !st) {
            return st.error();
        }
        erased.insert(fileId);
    }
    auto finished = run.finish();
    if (!finished) {
        return finished.error();
    }
    report.erasureCertificate = finished->certificatePath;
    return erased;
}

} // namespace Earmark
