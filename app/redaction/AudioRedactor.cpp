#include "redaction/AudioRedactor.h"

#include "anonymise/AudioRedaction.h"
#include "browse/CallMediaLoader.h"
#include "cache/Cache.h"
#include "core/Files.h"
#include "redaction/RedactionReviews.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Earmark {

AudioRedactor::AudioRedactor(Cache& cache)
    : m_cache(cache)
{ }

namespace {
// The transcript with the texts appended as segments of their own (after the call's end, so that none of their spans
// lands on the audio), for one pass of the anonymiser over both.
QByteArray withTexts(const QByteArray& transcript, const QStringList& texts)
{
    QJsonObject doc = QJsonDocument::fromJson(transcript).object();
    QJsonArray segments = doc.value(QStringLiteral("segments")).toArray();
    double end = 0;
    for (const QJsonValue v : std::as_const(segments)) {
        end = std::max(end, v.toObject().value(QStringLiteral("end_s")).toDouble());
    }
    for (const QString& text : texts) {
        segments.append(
            QJsonObject {{QStringLiteral("speaker"), QStringLiteral("other")}, {QStringLiteral("start_s"), end},
                {QStringLiteral("end_s"), end}, {QStringLiteral("text"), text.isEmpty() ? QStringLiteral(" ") : text}});
    }
    doc.insert(QStringLiteral("segments"), segments);
    return QJsonDocument(doc).toJson(QJsonDocument::Compact);
}
} // namespace

Result<RedactedAudio> AudioRedactor::redact(const QString& callId, bool silence)
{
    RedactRequest request;
    request.silence = silence;
    return redact(callId, request);
}

Result<RedactedAudio> AudioRedactor::redact(const QString& callId, const RedactRequest& request)
{
    const bool silence = request.silence;
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
    options->staff = request.staff;
    int stale = 0;
    if (auto transcript = Transcript::parse(media.transcript, callId)) {
        stale = RedactionReviews::staleSegments(options->review, transcript.value());
    }
    const qsizetype callSegments
        = QJsonDocument::fromJson(media.transcript).object().value(QStringLiteral("segments")).toArray().size();
    QByteArray input = request.texts.isEmpty() ? media.transcript : withTexts(media.transcript, request.texts);
    auto anonymised = Anonymise::Anonymiser(options.value()).anonymise(input);
    Files::wipe(media.transcript);
    Files::wipe(input);
    if (!anonymised) {
        Files::wipe(media.audio);
        return anonymised.error();
    }
    QStringList texts;
    if (!request.texts.isEmpty()) {
        // The texts come back out of the transcript, and their spans out of the redactions.
        QJsonArray segments = anonymised->transcript.value(QStringLiteral("segments")).toArray();
        for (qsizetype i = callSegments; i < segments.size(); ++i) {
            texts << segments.at(i).toObject().value(QStringLiteral("text")).toString().trimmed();
        }
        while (segments.size() > callSegments) {
            segments.removeLast();
        }
        anonymised->transcript.insert(QStringLiteral("segments"), segments);
        QJsonArray kept;
        for (const QJsonValue v : anonymised->transcript.value(QStringLiteral("redactions")).toArray()) {
            if (v.toObject().value(QStringLiteral("segment")).toInt() < callSegments) {
                kept.append(v);
            }
        }
        anonymised->transcript.insert(QStringLiteral("redactions"), kept);
        anonymised->redactions.removeIf([&](const Anonymise::Redaction& r) { return r.segment >= callSegments; });
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
    out.texts = texts;
    out.reviewRequired = RedactionReviews(m_cache).reviewRequired();
    if (auto history
        = CallDocuments(m_cache.database(), m_cache.calls()).history(media.call, CallDocuments::Redactions);
        history && !history->isEmpty()) {
        out.review = history->last();
        out.staleSegments = stale;
    }
    Anonymise::redactAudio(out.audio.samples, out.audio.channels, out.audio.sampleRate, out.redactions, silence);
    return out;
}

} // namespace Earmark
