#include "cache/CallDestruction.h"

#include "cache/Cache.h"
#include "cache/Statement.h"
#include "cache/TranscriptIndex.h"

namespace Earmark {

CallDestruction::CallDestruction(Cache& cache)
    : m_cache(cache)
{ }

Result<bool> CallDestruction::destroy(const QString& callId)
{
    auto existing = m_cache.calls().find(callId);
    if (!existing) {
        return existing.error();
    }
    if (!existing.value()) {
        return false;
    }
    const qint64 id = existing.value()->id;
    auto blob = m_cache.calls().audioBlob(id);
    if (auto st = TranscriptIndex(m_cache.database()).remove(id); !st) {
        return st.error();
    }
    // Deleting the row cascades to the wrapped key and the transcript; secure_delete zeroes the freed pages.
    auto s = m_cache.database().prepare(QStringLiteral("DELETE FROM calls WHERE id = ?"));
    if (!s) {
        return s.error();
    }
    s->bind(1, id);
    if (auto st = s->run(); !st) {
        return st.error();
    }
    if (blob && !blob.value().isEmpty()) {
        m_cache.blobs().remove(blob.value());
    }
    return true;
}

Status CallDestruction::finish()
{
    // FTS4 keeps deleted rows' terms in its index until it is merged, and deleted rows stay in the WAL until a
    // truncating checkpoint (secure_delete zeroes the freed pages): both once per batch of destroyed calls.
    if (auto st = TranscriptIndex(m_cache.database()).optimize(); !st) {
        return st;
    }
    return m_cache.database().checkpointTruncate();
}

} // namespace Earmark
