#pragma once

#include "cache/CallDocuments.h"
#include "core/Result.h"
#include "store/Transcript.h"

#include <optional>

namespace Earmark {

class Cache;

// A call's transcript with its history: the provider's original (kept as it came) and every correction made in
// Earmark, each a revision with who and when.
struct TranscriptHistory
{
    QString callId;
    double durationS = 0;
    std::optional<Transcript> provider; // none for a call the provider sent no transcript for
    std::optional<Transcript> current; // the newest revision, else the provider's
    int revision = 0; // of current: 0 = the provider's
    QList<CallDocument> revisions; // oldest first, without content
};

// Corrections of transcripts and typed transcripts (issue 5). Every save validates the result by the store's
// transcript rules, adds a revision (CallDocuments), re-indexes the call for search and is written to the audit log.
// A save made on an older revision than the newest is refused, so that nobody's correction is silently lost.
class TranscriptCorrections
{
public:
    explicit TranscriptCorrections(Cache& cache);

    Result<TranscriptHistory> load(const QString& callId);
    // Revision 0 is the provider's transcript.
    Result<Transcript> at(const QString& callId, int revision);
    // Corrects one turn's speaker and text (word times of the words left as they were are kept). Returns the
    // revision.
    Result<int> correctSegment(
        const QString& callId, int baseRevision, int segment, const QString& speaker, const QString& text);
    // Saves a transcript typed in typing mode (TranscriptEdit::parseTyped); returns the revision.
    Result<int> saveTyped(const QString& callId, int baseRevision, const QString& typed);
    // Saves a whole transcript (earmark.transcript/1, e.g. from a transcription service) as the next revision.
    Result<int> saveWhole(const QString& callId, int baseRevision, const QByteArray& json);

private:
    Cache& m_cache;
};

} // namespace Earmark
