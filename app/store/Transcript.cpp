#include "store/Transcript.h"

#include "store/JsonFields.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Earmark {

namespace {
constexpr double Tolerance = 0.05; // seconds: ASR engines round word times

Error at(int segment, const QString& message)
{
    return makeError(QStringLiteral("segment %1: %2").arg(segment + 1).arg(message));
}
} // namespace

int Transcript::wordCount() const
{
    int n = 0;
    for (const auto& s : segments) {
        n += s.words.isEmpty() ? static_cast<int>(s.text.split(QLatin1Char(' '), Qt::SkipEmptyParts).size())
                               : static_cast<int>(s.words.size());
    }
    return n;
}

QByteArray Transcript::toJson() const
{
    QJsonArray segs;
    for (const TranscriptSegment& s : segments) {
        QJsonObject so {{QStringLiteral("speaker"), s.speaker}, {QStringLiteral("start_s"), s.startS},
            {QStringLiteral("end_s"), s.endS}, {QStringLiteral("text"), s.text}};
        if (!s.words.isEmpty()) {
            QJsonArray words;
            for (const TranscriptWord& w : s.words) {
                QJsonObject wo {{QStringLiteral("w"), w.text}, {QStringLiteral("start_s"), w.startS},
                    {QStringLiteral("end_s"), w.endS}};
                if (w.confidence >= 0) {
                    wo.insert(QStringLiteral("conf"), w.confidence);
                }
                words.append(wo);
            }
            so.insert(QStringLiteral("words"), words);
        }
        segs.append(so);
    }
    QJsonObject o {{QStringLiteral("schema"), QStringLiteral("earmark.transcript/1")},
        {QStringLiteral("call_id"), callId}, {QStringLiteral("segments"), segs}};
    if (!language.isEmpty()) {
        o.insert(QStringLiteral("language"), language);
    }
    if (!engine.isEmpty()) {
        o.insert(QStringLiteral("engine"), engine);
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Result<Transcript> Transcript::parse(const QByteArray& bytes, const QString& expectedCallId)
{
    using namespace JsonFields;
    if (bytes.size() > MaxBytes) {
        return makeError(QStringLiteral("the transcript is over the 32 MiB limit"));
    }
    auto parsed = parseObject(bytes);
    if (!parsed) {
        return parsed.error();
    }
    const QJsonObject& o = parsed.value();
    auto schema = requiredString(o, QStringLiteral("schema"));
    if (!schema) {
        return schema.error();
    }
    if (schema.value() != QLatin1String("earmark.transcript/1")) {
        return makeError(QStringLiteral("field \"schema\" must be \"earmark.transcript/1\""));
    }
    Transcript t;
    auto callId = optionalString(o, QStringLiteral("call_id"));
    if (!callId) {
        return callId.error();
    }
    if (callId.value() && !expectedCallId.isNull() && *callId.value() != expectedCallId) {
        return makeError(
            QStringLiteral("call_id \"%1\" is not the call's id \"%2\"").arg(*callId.value(), expectedCallId));
    }
    t.callId = expectedCallId.isNull() ? callId.value().value_or(QString()) : expectedCallId;
    t.language = o.value(QStringLiteral("language")).toString();
    t.engine = o.value(QStringLiteral("engine")).toString();
    const QJsonValue segs = o.value(QStringLiteral("segments"));
    if (!segs.isArray()) {
        return makeError(QStringLiteral("field \"segments\" must be an array, not %1").arg(typeName(segs)));
    }
    const QJsonArray arr = segs.toArray();
    for (int i = 0; i < arr.size(); ++i) {
        if (!arr.at(i).isObject()) {
            return at(i, QStringLiteral("must be an object"));
        }
        const QJsonObject so = arr.at(i).toObject();
        TranscriptSegment s;
        auto speaker = requiredString(so, QStringLiteral("speaker"));
        auto start = requiredNumber(so, QStringLiteral("start_s"));
        auto end = requiredNumber(so, QStringLiteral("end_s"));
        auto text = requiredString(so, QStringLiteral("text"));
        for (const QString& e :
            {speaker.errorMessage(), start.errorMessage(), end.errorMessage(), text.errorMessage()}) {
            if (!e.isEmpty()) {
                return at(i, e);
            }
        }
        s.speaker = speaker.value();
        if (s.speaker != QLatin1String("agent") && s.speaker != QLatin1String("respondent")
            && s.speaker != QLatin1String("other")) {
            return at(i, QStringLiteral("speaker must be agent, respondent or other, not \"%1\"").arg(s.speaker));
        }
        s.startS = start.value();
        s.endS = end.value();
        s.text = text.value();
        if (s.startS < 0 || s.endS < s.startS) {
            return at(i, QStringLiteral("end_s must not be before start_s"));
        }
        const QJsonValue words = so.value(QStringLiteral("words"));
        if (!words.isUndefined() && !words.isNull()) {
            if (!words.isArray()) {
                return at(i, QStringLiteral("\"words\" must be an array"));
            }
            double previous = s.startS - Tolerance;
            for (const QJsonValue& wv : words.toArray()) {
                const QJsonObject wo = wv.toObject();
                auto w = requiredString(wo, QStringLiteral("w"));
                auto ws = requiredNumber(wo, QStringLiteral("start_s"));
                auto we = requiredNumber(wo, QStringLiteral("end_s"));
                if (!w || !ws || !we) {
                    return at(i, QStringLiteral("each word needs \"w\", \"start_s\" and \"end_s\""));
                }
                if (ws.value() < previous || we.value() < ws.value() || ws.value() < s.startS - Tolerance
                    || we.value() > s.endS + Tolerance) {
                    return at(
                        i, QStringLiteral("word \"%1\" has times outside its segment or out of order").arg(w.value()));
                }
                previous = ws.value();
                s.words << TranscriptWord {
                    w.value(), ws.value(), we.value(), wo.value(QStringLiteral("conf")).toDouble(-1)};
            }
        }
        t.segments << s;
    }
    return t;
}

} // namespace Earmark
