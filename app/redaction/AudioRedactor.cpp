#include "redaction/AudioRedactor.h"

#include "anonymise/AudioRedaction.h"
#include "browse/CallMediaLoader.h"
#include "cache/Cache.h"
#include "core/Files.h"
#include "redaction/RedactionReviews.h"

namespace Earmark {

AudioRedactor::AudioRedactor(Cache& cache)
    : m_cache(cache)
{ }

Result<RedactedAudio> AudioRedactor::redact(const QString& callId, bool silence)
{
    if (auto st = m_cache.roles().require(Permission::AnonymisedView); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    CallMedia media = CallMediaLoader(m_cache).load(callId);
    if (!media.error.isEmpty()) {
        return makeError(media.error);
    }
    if (media.transcript.isEmpty()) {
        Files::wipe(media.audio);
        return makeError(QObject::tr("Call %1 has no transcript: its personal data cannot be located in the audio. "
                                     "Transcribe it first.")
                             .arg(callId));
    }
    if (media.audio.isEmpty()) {
        Files::wipe(media.transcript);
        return makeError(media.audioError);
    }
    auto options = RedactionReviews(m_cache).anonymiseOptions(media.call);
    if (!options) {
        Files::wipe(media.transcript);
        Files::wipe(media.audio);
        return options.error();
    }
    auto anonymised = Anonymise::Anonymiser(options.value()).anonymise(media.transcript);
    Files::wipe(media.transcript);
    if (!anonymised) {
        Files::wipe(media.audio);
        return anonymised.error();
    }
    auto decoded = AudioDecoder::decode(media.audio, DurationBound {media.call.durationS});
    Files::wipe(media.audio);
    if (!decoded) {
        return decoded.error();
    }
    RedactedAudio out;
    out.audio = std::move(decoded.value());
    out.redactions = anonymised->redactions;
    out.transcript = anonymised->transcript;
    out.options = std::move(options.value());
    out.channelLayout = media.call.channelLayout;
    if (auto history
        = CallDocuments(m_cache.database(), m_cache.calls()).history(media.call, CallDocuments::Redactions);
        history && !history->isEmpty()) {
        out.review = history->last();
    }
    Anonymise::redactAudio(out.audio.samples, out.audio.channels, out.audio.sampleRate, out.redactions, silence);
    return out;
}

} // namespace Earmark
