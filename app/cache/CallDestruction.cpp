#include "cache/BlobFiles.h"
#include "cache/CallRepository.h"
#include "cache/Database.h"
#include "cache/Statement.h"
#include "cache/TranscriptIndex.h"

// CallRepository: destroying calls (retention, erasure notices) so that nothing of them is left in the cache.
namespace Earmark {

Result<bool> CallRepository::destroy(const QString& callId)
{
    auto existing = find(callId);
    if (!existing) {
        return existing.error();
    }
    if (!existing.value()) {
        return false;
    }
    auto blob = audioBlob(existing.value()->id);
    TranscriptIndex search(m_db);
    if (auto st = search.remove(existing.value()->id); !st) {
        return st.error();
    }
    // Deleting the row cascades to the wrapped key and the transcript; secure_delete zeroes the freed pages.
    auto s = m_db.prepare(QStringLiteral("DELETE FROM calls WHERE id = ?"));
    if (!s) {
        return s.error();
    }
    s->bind(1, existing.value()->id);
    if (auto st = s->run(); !st) {
        return st.error();
    }
    if (blob && !blob.value().isEmpty()) {
        m_blobs.remove(blob.value());
    }
    return true;
}

Status CallRepository::finishDestruction()
{
    // FTS4 keeps deleted rows' terms in its index until it is merged, and deleted rows stay in the WAL until a
    // truncating checkpoint (secure_delete zeroes the freed pages): both once per batch of destroyed calls.
    if (auto st = TranscriptIndex(m_db).optimize(); !st) {
        return st;
    }
    return m_db.checkpointTruncate();
}

} // namespace Earmark
