#include "store/Sidecar.h"

#include "core/Phone.h"
#include "store/JsonFields.h"
#include "store/RecordingStore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimeZone>

namespace Earmark {

namespace {
// Unwraps a Result into a variable, or returns its error from the enclosing function.
#define EARMARK_TRY(var, expr)                                                                                         \
    auto var##_r = (expr);                                                                                             \
    if (!var##_r) {                                                                                                    \
        return var##_r.error();                                                                                        \
    }                                                                                                                  \
    auto var = std::move(var##_r.value())

const QStringList Codecs
    = {QStringLiteral("pcm_s16le"), QStringLiteral("mulaw"), QStringLiteral("alaw"), QStringLiteral("gsm610"),
        QStringLiteral("mp3"), QStringLiteral("opus"), QStringLiteral("vorbis"), QStringLiteral("flac")};
} // namespace

bool isSha256Hex(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("\\A[0-9a-f]{64}\\z"));
    return re.match(text).hasMatch();
}

bool isBareFileName(const QString& text)
{
    return !text.isEmpty() && !text.contains(QLatin1Char('/')) && !text.contains(QLatin1Char('\\'))
        && text != QLatin1String(".") && text != QLatin1String("..") && !text.contains(QChar(0));
}

std::optional<qint64> parseUtc(const QString& text)
{
    // RFC 3339 allows a lower-case 't' and 'z'.
    static const QRegularExpression re(
        QStringLiteral("\\A\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?[Zz]\\z"));
    if (!re.match(text).hasMatch()) {
        return std::nullopt;
    }
    QString trimmed = text;
    trimmed.chop(1);
    const qsizetype dot = trimmed.indexOf(QLatin1Char('.'));
    if (dot > 0) {
        trimmed.truncate(dot);
    }
    // Date and time are parsed apart so that local-time DST gaps cannot make a valid UTC time invalid.
    const QDate date = QDate::fromString(trimmed.left(10), QStringLiteral("yyyy-MM-dd"));
    const QTime time = QTime::fromString(trimmed.mid(11, 8), QStringLiteral("HH:mm:ss"));
    if (!date.isValid() || !time.isValid()) {
        return std::nullopt;
    }
    const QDateTime dt(date, time, QTimeZone::utc());
    return dt.toSecsSinceEpoch();
}

Result<Sidecar> Sidecar::parse(const QByteArray& bytes, const QString& fileCallId)
{
    using namespace JsonFields;
    if (bytes.size() > MaxBytes) {
        return makeError(QStringLiteral("the sidecar is %1 bytes, over the 1 MiB limit").arg(bytes.size()));
    }
    EARMARK_TRY(o, parseObject(bytes));
    Sidecar s;
    CallRecord& c = s.call;

    EARMARK_TRY(schema, requiredString(o, QStringLiteral("schema")));
    if (schema != QLatin1String("earmark.call/1")) {
        return makeError(QStringLiteral("field \"schema\" must be \"earmark.call/1\", not \"%1\"").arg(schema));
    }
    EARMARK_TRY(callId, requiredString(o, QStringLiteral("call_id")));
    if (!RecordingStore::isValidCallId(callId)) {
        return makeError(QStringLiteral("bad call_id \"%1\": it must be 1 to 64 letters, digits, '.', '_' or '-', "
                                        "starting with a letter or digit")
                             .arg(callId));
    }
    if (callId != fileCallId) {
        return makeError(
            QStringLiteral("call_id \"%1\" differs from the file name \"%2.json\"").arg(callId, fileCallId));
    }
    c.callId = callId;

    EARMARK_TRY(start, requiredString(o, QStringLiteral("start_utc")));
    const auto startUtc = parseUtc(start);
    if (!startUtc) {
        return makeError(QStringLiteral("field \"start_utc\" must be an RFC 3339 UTC time such as "
                                        "2026-03-14T10:21:07Z, not \"%1\"")
                             .arg(start));
    }
    c.startUtc = *startUtc;

    EARMARK_TRY(duration, requiredNumber(o, QStringLiteral("duration_s")));
    if (!(duration > 0 && duration <= 86400)) {
        return makeError(
            QStringLiteral("field \"duration_s\" must be more than 0 and at most 86400, not %1").arg(duration));
    }
    c.durationS = duration;

    EARMARK_TRY(direction, requiredString(o, QStringLiteral("direction")));
    if (direction != QLatin1String("outbound") && direction != QLatin1String("inbound")
        && direction != QLatin1String("internal")) {
        return makeError(
            QStringLiteral("field \"direction\" must be outbound, inbound or internal, not \"%1\"").arg(direction));
    }
    c.direction = direction;

    EARMARK_TRY(phone, requiredString(o, QStringLiteral("respondent.phone_e164")));
    if (!phone.isEmpty() && !Phone::isE164(phone)) {
        return makeError(QStringLiteral("field \"respondent.phone_e164\" must be an E.164 number such as "
                                        "+447700900123, or \"\" when withheld"));
    }
    c.personal.phoneE164 = phone;
    EARMARK_TRY(name, optionalString(o, QStringLiteral("respondent.name")));
    c.personal.respondentName = name.value_or(QString());

    EARMARK_TRY(agentId, requiredString(o, QStringLiteral("agent.id")));
    if (agentId.trimmed().isEmpty()) {
        return makeError(QStringLiteral("field \"agent.id\" must not be empty"));
    }
    c.agentId = agentId;
    EARMARK_TRY(agentName, optionalString(o, QStringLiteral("agent.name")));
    c.agentName = agentName.value_or(QString());
    EARMARK_TRY(client, optionalString(o, QStringLiteral("client")));
    c.client = client.value_or(QString());
    EARMARK_TRY(campaign, optionalString(o, QStringLiteral("campaign")));
    c.campaign = campaign.value_or(QString());
    EARMARK_TRY(disposition, optionalString(o, QStringLiteral("disposition.code")));
    c.disposition = disposition.value_or(QString());
    EARMARK_TRY(consent, optionalBool(o, QStringLiteral("consent.recorded")));
    c.consentRecorded = consent;
    EARMARK_TRY(consentAt, optionalNumber(o, QStringLiteral("consent.at_s")));
    c.consentAtS = consentAt;

    EARMARK_TRY(audioFile, requiredString(o, QStringLiteral("audio.file")));
    if (!isBareFileName(audioFile)) {
        return makeError(QStringLiteral("field \"audio.file\" must be a bare file name in the same folder (no '/' or "
                                        "'..'), not \"%1\"")
                             .arg(audioFile));
    }
    c.audioFile = audioFile;
    EARMARK_TRY(audioSha, requiredString(o, QStringLiteral("audio.sha256")));
    if (!isSha256Hex(audioSha)) {
        return makeError(QStringLiteral("field \"audio.sha256\" must be 64 lowercase hexadecimal digits"));
    }
    c.audioSha256 = audioSha;
    EARMARK_TRY(audioSize, requiredInteger(o, QStringLiteral("audio.size_bytes")));
    if (audioSize <= 0) {
        return makeError(QStringLiteral("field \"audio.size_bytes\" must be more than 0, not %1").arg(audioSize));
    }
    c.audioSize = audioSize;
    // Informative only (audio is decoded by content): any label is kept, none is rejected.
    EARMARK_TRY(codec, optionalString(o, QStringLiteral("audio.codec")));
    c.audioCodec = codec.value_or(QString());
    EARMARK_TRY(rate, optionalInteger(o, QStringLiteral("audio.sample_rate")));
    Q_UNUSED(rate)
    EARMARK_TRY(channels, optionalInteger(o, QStringLiteral("audio.channels")));
    if (channels && *channels != 1 && *channels != 2) {
        return makeError(QStringLiteral("field \"audio.channels\" must be 1 or 2, not %1").arg(*channels));
    }
    if (channels) {
        s.declaredChannels = static_cast<int>(*channels);
    }
    const QJsonValue layout = at(o, QStringLiteral("audio.channel_layout"));
    if (layout.isString()) {
        if (layout.toString() != QLatin1String("mixed")) {
            return makeError(QStringLiteral("field \"audio.channel_layout\" must be \"mixed\" or an array such as "
                                            "[\"respondent\", \"agent\"]"));
        }
        c.channelLayout = QStringLiteral("\"mixed\"");
    } else if (layout.isArray()) {
        const QJsonArray a = layout.toArray();
        for (const QJsonValue& v : a) {
            const QString role = v.toString();
            if (role != QLatin1String("agent") && role != QLatin1String("respondent") && role != QLatin1String("other")
                && role != QLatin1String("mixed")) {
                return makeError(QStringLiteral("field \"audio.channel_layout\" must list agent, respondent, other "
                                                "or mixed per channel"));
            }
        }
        if (a.isEmpty() || a.size() > 2 || (channels && a.size() != *channels)) {
            return makeError(QStringLiteral("field \"audio.channel_layout\" must name one role per channel"));
        }
        c.channelLayout = QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
    } else if (!layout.isUndefined() && !layout.isNull()) {
        return makeError(QStringLiteral("field \"audio.channel_layout\" must be a string or an array, not %1")
                             .arg(typeName(layout)));
    }

    EARMARK_TRY(tFile, optionalString(o, QStringLiteral("transcript.file")));
    if (tFile) {
        if (!isBareFileName(*tFile)) {
            return makeError(QStringLiteral("field \"transcript.file\" must be a bare file name in the same folder, "
                                            "not \"%1\"")
                                 .arg(*tFile));
        }
        s.transcriptFile = *tFile;
    }
    EARMARK_TRY(tSha, optionalString(o, QStringLiteral("transcript.sha256")));
    if (tSha) {
        if (!isSha256Hex(*tSha)) {
            return makeError(QStringLiteral("field \"transcript.sha256\" must be 64 lowercase hexadecimal digits"));
        }
        s.transcriptSha256 = *tSha;
    }
    EARMARK_TRY(tags, optionalStringArray(o, QStringLiteral("tags")));
    c.tags = tags;
    EARMARK_TRY(platform, optionalString(o, QStringLiteral("source.platform")));
    Q_UNUSED(platform)
    EARMARK_TRY(raw, optionalObject(o, QStringLiteral("source.raw")));
    c.personal.sourceRaw = raw;
    return s;
}

} // namespace Earmark
