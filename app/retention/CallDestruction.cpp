#include "retention/CallDestruction.h"

#include "cache/Cache.h"
#include "cache/Statement.h"
#include "cache/TranscriptIndex.h"
#include "retention/Holds.h"

#include <QDateTime>

namespace Earmark {

CallDestruction::CallDestruction(Cache& cache)
    : m_cache(cache)
{ }

Result<CallDestruction::Outcome> CallDestruction::destroy(
    const QString& callId, const QString& rule, const QString& runId, qint64 dueUtc)
{
    auto holds = Holds(m_cache).holdsOn(callId);
    if (!holds) {
        return holds.error();
    }
    if (!holds.value().isEmpty()) {
        return Outcome::Held;
    }
    Database& db = m_cache.database();
    auto run = [&](const QString& sql, auto... values) -> Status {
        auto s = db.prepare(sql);
        if (!s) {
            return s.error();
        }
        int pos = 1;
        (s->bind(pos++, values), ...);
        return s->run();
    };
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    auto existing = m_cache.calls().find(callId);
    if (!existing) {
        return existing.error();
    }
    // Scenarios are made from the call (a clip of the respondent's voice, an excerpt of their words): they go too,
    // also when the call itself is no longer cached.
    if (auto st = run(QStringLiteral("DELETE FROM scenarios WHERE call_id = ?"), callId); !st) {
        return st.error();
    }
    if (auto st = run(QStringLiteral("DELETE FROM deferred_erasures WHERE call_id = ?"), callId); !st) {
        return st.error();
    }
    if (!existing.value()) {
        return Outcome::NotCached;
    }
    const CallRecord& call = *existing.value();
    auto blob = m_cache.calls().audioBlob(call.id);
    if (!blob) {
        return blob.error();
    }
    if (auto st = TranscriptIndex(db).remove(call.id); !st) {
        return st.error();
    }
    // Deleting the row cascades to the wrapped key, the transcript, documents and notes; secure_delete zeroes the
    // freed pages, and the tidy-up after the commit removes what the WAL and the index still hold.
    if (auto st = run(QStringLiteral("DELETE FROM calls WHERE id = ?"), call.id); !st) {
        return st.error();
    }
    if (!blob.value().isEmpty()) {
        if (auto st = run(QStringLiteral("INSERT OR IGNORE INTO destroyed_blobs(name) VALUES (?)"), blob.value());
            !st) {
            return st.error();
        }
    }
    // The store file's SHA-256 as the sidecar gave it (checked on every fetch): known whether or not it was cached.
    const QString audioSha = call.audioSha256;
    if (auto st = run(QStringLiteral("INSERT OR REPLACE INTO tombstones(call_id, destroyed_utc, rule, run_id, "
                                     "start_utc, due_utc, audio_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)"),
            callId, now, rule, runId, call.startUtc, dueUtc > 0 ? dueUtc : now, audioSha);
        !st) {
        return st.error();
    }
    if (auto st = m_cache.setSetting(Cache::purgePendingSetting(), QStringLiteral("1")); !st) {
        return st.error();
    }
    if (auto st = m_cache.setSetting(Cache::rotationDueSetting(), QStringLiteral("1")); !st) {
        return st.error();
    }
    return Outcome::Destroyed;
}

Status CallDestruction::finish()
{
    return m_cache.purgeDestroyed();
}

} // namespace Earmark
