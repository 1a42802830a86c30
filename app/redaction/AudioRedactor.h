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
};

// Makes a call's redacted audio (on the cache's worker thread): decrypts, anonymises the transcript with the
// call's redaction set, decodes and bleeps (or silences) every redacted span.
class AudioRedactor
{
public:
    explicit AudioRedactor(Cache& cache);

    Result<RedactedAudio> redact(const QString& callId, bool silence);

private:
    Cache& m_cache;
};

} // namespace Earmark
