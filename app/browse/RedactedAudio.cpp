#include "browse/RedactedAudio.h"

#include "anonymise/AudioRedaction.h"
#include "browse/CallMedia.h"
#include "cache/Cache.h"
#include "core/Files.h"

namespace Earmark {

Result<RedactedAudio> RedactedAudio::make(Cache& cache, const QString& callId, bool silence)
{
    CallMedia media = CallMedia::load(cache, callId);
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
    Anonymise::Options options;
    if (auto personal = cache.calls().personal(media.call); personal && !personal->respondentName.isEmpty()) {
        options.knownNames << personal->respondentName;
    }
    if (!media.call.agentName.isEmpty()) {
        options.agentNames << media.call.agentName;
    }
    auto anonymised = Anonymise::Anonymiser(options).anonymise(media.transcript);
    Files::wipe(media.transcript);
    if (!anonymised) {
        Files::wipe(media.audio);
        return anonymised.error();
    }
    auto decoded = AudioDecoder::decode(media.audio);
    Files::wipe(media.audio);
    if (!decoded) {
        return decoded.error();
    }
    RedactedAudio out;
    out.audio = std::move(decoded.value());
    out.redactions = anonymised->redactions;
    out.transcript = anonymised->transcript;
    out.options = options;
    out.channelLayout = media.call.channelLayout;
    Anonymise::redactAudio(out.audio.samples, out.audio.channels, out.audio.sampleRate, out.redactions, silence);
    return out;
}

} // namespace Earmark
