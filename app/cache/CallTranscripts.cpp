#include "cache/CallDocuments.h"
#include "cache/CallRepository.h"
#include "cache/Database.h"
#include "cache/Statement.h"
#include "cache/TranscriptIndex.h"

// CallRepository: reading transcripts (the corrected one first) and indexing them for search.
namespace Earmark {

Result<QByteArray> CallRepository::transcript(const CallRecord& call)
{
    auto corrected = CallDocuments(m_db, *this).latest(call, CallDocuments::Transcript);
    if (!corrected) {
        return corrected.error();
    }
    if (corrected.value()) {
        return std::move(corrected.value()->content);
    }
    return providerTranscript(call);
}

Result<QByteArray> CallRepository::providerTranscript(const CallRecord& call)
{
    return openSealed(call, QStringLiteral("SELECT sealed FROM transcripts WHERE call = ?"), "transcript",
        QStringLiteral("Call %1 has no transcript.").arg(call.callId));
}

Result<int> CallRepository::reindexTranscripts()
{
    auto s = m_db.prepare(QStringLiteral("SELECT call_id FROM calls WHERE has_transcript = 1 ORDER BY id"));
    if (!s) {
        return s.error();
    }
    QStringList ids;
    while (s->step().value()) {
        ids << s->text(0);
    }
    int n = 0;
    for (const QString& callId : ids) {
        auto call = find(callId);
        if (!call || !call.value()) {
            continue;
        }
        auto json = transcript(*call.value());
        if (!json) {
            continue; // reported by verify; the rest are still indexed
        }
        if (auto st = TranscriptIndex(m_db).index(call.value()->id, json.value()); !st) {
            return st.error();
        }
        ++n;
    }
    return n;
}

} // namespace Earmark
