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

    static Result<RedactedAudio> make(Cache& cache, const QString& callId, bool silence);
};

} // namespace Earmark
