#pragma once

#include "anonymise/Anonymiser.h"
#include "audio/AudioDecoder.h"
#include "cache/CallDocuments.h"

#include <optional>

namespace Earmark {

class Cache;

// A call's audio with its personal data bleeped (or silenced): the cached transcript is anonymised with the
// call's known names, and every redacted span is replaced from the word times. Memory only.
struct RedactedAudio
{
    DecodedAudio audio;
    QList<Anonymise::Redaction> redactions;
    QJsonObject transcript; // the anonymised transcript the spans came from
    Anonymise::Options options; // the names it knew (the respondent's, the agent's)
    QString channelLayout; // the sidecar's channel layout (who is on which channel)
    std::optional<CallDocument> review; // the redaction review applied (who, when; without content), if any
    int staleSegments = 0; // turns corrected since that review: detected afresh, not reviewed
    QStringList texts; // RedactRequest::texts anonymised in the same pass as the transcript
    bool reviewRequired = false; // the organisation's rule: no export before a person has reviewed the redactions
};

// What a redaction is for: the staff-names policy to apply, and texts written about the call (a trainer's title and
// notes) to anonymise in the same pass as its transcript, so that a person keeps one pseudonym across all of them.
struct RedactRequest
{
    bool silence = false;
    Anonymise::StaffPolicy staff = Anonymise::StaffPolicy::Keep;
    QStringList texts;
};

// Makes a call's redacted audio (on the cache's worker thread): decrypts, anonymises the transcript with the
// call's redaction set, decodes and bleeps (or silences) every redacted span.
class AudioRedactor
{
public:
    explicit AudioRedactor(Cache& cache);

    Result<RedactedAudio> redact(const QString& callId, bool silence);
    Result<RedactedAudio> redact(const QString& callId, const RedactRequest& request);

private:
    Cache& m_cache;
};

} // namespace Earmark
