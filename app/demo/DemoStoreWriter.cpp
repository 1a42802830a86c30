#include "demo/DemoStoreWriter.h"

#include "core/Files.h"
#include "demo/DemoRandom.h"
#include "demo/DemoScript.h"
#include "demo/OggSerial.h"
#include "demo/SpeechSynth.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <cmath>
#include <sndfile.h>

namespace Earmark::Demo {

namespace {
constexpr int Rate = SpeechSynth::SampleRate;

double round2(double v)
{
    return std::round(v * 100.0) / 100.0;
}

struct Recorded
{
    QVector<float> agent;
    QVector<float> respondent;
    QJsonArray segments;
};

void place(QVector<float>& channel, const QVector<float>& samples, qsizetype at, float gain)
{
    if (channel.size() < at + samples.size()) {
        channel.resize(at + samples.size());
    }
    for (qsizetype i = 0; i < samples.size(); ++i) {
        channel[at + i] += samples.at(i) * gain;
    }
}

Result<Recorded> perform(const CallPlan& plan, DemoRandom& rng)
{
    Recorded r;
    double cursor = 0.4;
    double previousStart = 0;
    Speaker previous = Speaker::Respondent;
    for (const Turn& turn : plan.turns) {
        const bool agent = turn.who == Speaker::Agent;
        auto u = SpeechSynth::speak(
            turn.text, agent ? plan.agent.voice : plan.respondentVoice, agent ? 168 : 160 + rng.bounded(20));
        if (!u) {
            return u.error();
        }
        double start = cursor;
        if (turn.who != previous && rng.chance(0.08)) {
            start = std::max(previousStart + 0.5, cursor - 0.6); // talking over the other speaker
        }
        place(agent ? r.agent : r.respondent, u->samples, static_cast<qsizetype>(start * Rate), agent ? 0.7f : 0.6f);
        QJsonArray words;
        for (const SpokenWord& w : u->words) {
            words.append(
                QJsonObject {{QStringLiteral("w"), w.text}, {QStringLiteral("start_s"), round2(start + w.startS)},
                    {QStringLiteral("end_s"), round2(start + w.endS)},
                    {QStringLiteral("conf"), round2(0.82 + rng.bounded(17) / 100.0)}});
        }
        const double end = start + (u->words.isEmpty() ? u->durationS() : u->words.constLast().endS);
        r.segments.append(
            QJsonObject {{QStringLiteral("speaker"), agent ? QStringLiteral("agent") : QStringLiteral("respondent")},
                {QStringLiteral("start_s"), round2(start + (u->words.isEmpty() ? 0 : u->words.first().startS))},
                {QStringLiteral("end_s"), round2(end)}, {QStringLiteral("text"), turn.text},
                {QStringLiteral("words"), words}});
        previousStart = start;
        previous = turn.who;
        cursor = start + u->durationS() + 0.25 + rng.bounded(50) / 100.0;
    }
    const qsizetype total = static_cast<qsizetype>((cursor + 0.5) * Rate);
    r.agent.resize(total);
    r.respondent.resize(total);
    // A little line noise, so silence sounds like a telephone line and not like digital zero.
    for (qsizetype i = 0; i < total; ++i) {
        r.agent[i] += static_cast<float>((rng.unit() - 0.5) * 0.002);
        r.respondent[i] += static_cast<float>((rng.unit() - 0.5) * 0.002);
    }
    return r;
}

int formatOf(const QString& codec)
{
    if (codec == QLatin1String("mulaw")) {
        return SF_FORMAT_WAV | SF_FORMAT_ULAW;
    }
    if (codec == QLatin1String("alaw")) {
        return SF_FORMAT_WAV | SF_FORMAT_ALAW;
    }
    if (codec == QLatin1String("gsm610")) {
        return SF_FORMAT_WAV | SF_FORMAT_GSM610;
    }
    if (codec == QLatin1String("mp3")) {
        return SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
    }
    if (codec == QLatin1String("opus")) {
        return SF_FORMAT_OGG | SF_FORMAT_OPUS;
    }
    if (codec == QLatin1String("flac")) {
        return SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
    }
    return SF_FORMAT_WAV | SF_FORMAT_PCM_16;
}

QString extensionOf(const QString& codec)
{
    if (codec == QLatin1String("mp3") || codec == QLatin1String("opus") || codec == QLatin1String("flac")) {
        return codec;
    }
    return QStringLiteral("wav");
}

Result<QByteArray> encode(const CallPlan& plan, const Recorded& r, const QString& partPath, quint32 serial)
{
    SF_INFO info {};
    info.samplerate = Rate;
    info.channels = plan.stereo ? 2 : 1;
    info.format = formatOf(plan.codec);
    SNDFILE* sf = sf_open(QFile::encodeName(partPath).constData(), SFM_WRITE, &info);
    if (!sf) {
        return makeError(QStringLiteral("cannot write %1: %2").arg(partPath, QString::fromUtf8(sf_strerror(nullptr))));
    }
    const qsizetype frames = r.agent.size();
    QVector<float> interleaved(frames * info.channels);
    for (qsizetype i = 0; i < frames; ++i) {
        if (plan.stereo) {
            interleaved[2 * i] = plan.agentOnLeft ? r.agent.at(i) : r.respondent.at(i);
            interleaved[2 * i + 1] = plan.agentOnLeft ? r.respondent.at(i) : r.agent.at(i);
        } else {
            interleaved[i] = std::clamp(r.agent.at(i) + r.respondent.at(i), -1.0f, 1.0f);
        }
    }
    const sf_count_t written = sf_writef_float(sf, interleaved.constData(), frames);
    sf_close(sf);
    if (written != frames) {
        return makeError(QStringLiteral("cannot encode %1 audio").arg(plan.codec));
    }
    QFile f(partPath);
    if (!f.open(QIODevice::ReadOnly)) {
        return makeError(QStringLiteral("cannot read back %1").arg(partPath));
    }
    QByteArray bytes = f.readAll();
    f.close();
    QFile::remove(partPath);
    if (plan.codec == QLatin1String("opus") && !setOggSerial(bytes, serial)) {
        return makeError(QStringLiteral("libsndfile wrote a malformed Ogg file"));
    }
    return bytes;
}

QJsonObject rawFields(const CallPlan& plan, DemoRandom& rng)
{
    const QString digits = plan.phoneE164.mid(1);
    if (plan.client.platform == QLatin1String("asterisk")) {
        return QJsonObject {
            {QStringLiteral("uniqueid"), QStringLiteral("%1.%2").arg(plan.startUtc).arg(rng.bounded(900) + 100)},
            {QStringLiteral("dst"), digits},
            {QStringLiteral("channel"),
                QStringLiteral("PJSIP/trunk-%1").arg(rng.bounded(0xffff), 8, 16, QLatin1Char('0'))}};
    }
    if (plan.client.platform == QLatin1String("genesys")) {
        return QJsonObject {{QStringLiteral("conversationId"),
                                QStringLiteral("%1-%2")
                                    .arg(rng.next() % 0xffffffffu, 8, 16, QLatin1Char('0'))
                                    .arg(rng.bounded(0xffff), 4, 16, QLatin1Char('0'))},
            {QStringLiteral("division"), QStringLiteral("Research")}};
    }
    return QJsonObject {{QStringLiteral("ContactId"),
                            QStringLiteral("%1").arg(rng.next() % 0xffffffffffffull, 12, 16, QLatin1Char('0'))},
        {QStringLiteral("Queue"), QStringLiteral("Outbound-Surveys")},
        {QStringLiteral("CustomerEndpoint"), plan.phoneE164}};
}

QByteArray sha256Hex(const QByteArray& bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

Status writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size()) {
        return makeError(QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(path), f.errorString()));
    }
    return {};
}
} // namespace

QString DemoSummary::text() const
{
    QStringList parts;
    for (auto it = codecs.begin(); it != codecs.end(); ++it) {
        parts << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
    }
    return QStringLiteral("%1 calls (%2 with transcripts, %3 stereo; %4), %5 MB")
        .arg(calls)
        .arg(withTranscript)
        .arg(stereo)
        .arg(parts.join(QStringLiteral(", ")))
        .arg(double(bytes) / (1024 * 1024), 0, 'f', 1);
}

Result<DemoSummary> writeDemoStore(const DemoOptions& options, const std::function<void(int, int)>& progress)
{
    if (options.calls < 1 || options.calls > 100000) {
        return makeError(QStringLiteral("--calls must be between 1 and 100000"));
    }
    if (options.days < 1 || options.days > 730) {
        return makeError(QStringLiteral("--days must be between 1 and 730"));
    }
    const QDir root(options.outDir);
    if (!QDir().mkpath(root.filePath(QStringLiteral("v1")))) {
        return makeError(QStringLiteral("cannot create %1").arg(QDir::toNativeSeparators(options.outDir)));
    }
    if (auto st = writeFile(root.filePath(QStringLiteral("v1/store.json")),
            QByteArrayLiteral("{\"name\": \"Earmark demo store\", \"retention_days\": 730}\n"));
        !st) {
        return st.error();
    }
    DemoSummary summary;
    for (int i = 0; i < options.calls; ++i) {
        const CallPlan plan = planCall(i, options.seed, options.days);
        DemoRandom rng(options.seed ^ (0xA5A5A5A5ull + static_cast<quint64>(i) * 7919ull));
        auto recorded = perform(plan, rng);
        if (!recorded) {
            return recorded.error();
        }
        const QDateTime start = QDateTime::fromSecsSinceEpoch(plan.startUtc, QTimeZone::utc());
        const QString dayDir = root.filePath(QStringLiteral("v1/") + start.toString(QStringLiteral("yyyy/MM/dd")));
        QDir().mkpath(dayDir);
        const QString audioName = plan.callId + QLatin1Char('.') + extensionOf(plan.codec);
        auto audio = encode(plan, recorded.value(), dayDir + QLatin1Char('/') + audioName + QStringLiteral(".part"),
            static_cast<quint32>(rng.next()));
        if (!audio) {
            return audio.error();
        }
        if (auto st = writeFile(dayDir + QLatin1Char('/') + audioName, audio.value()); !st) {
            return st.error();
        }
        const double duration = round2(recorded->agent.size() / double(Rate));
        QJsonObject sidecar {
            {QStringLiteral("schema"), QStringLiteral("earmark.call/1")},
            {QStringLiteral("call_id"), plan.callId},
            {QStringLiteral("start_utc"),
                QString(start.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + QLatin1Char('Z'))},
            {QStringLiteral("duration_s"), duration},
            {QStringLiteral("direction"), QStringLiteral("outbound")},
            {QStringLiteral("respondent"),
                QJsonObject {
                    {QStringLiteral("phone_e164"), plan.phoneE164}, {QStringLiteral("name"), plan.respondentName}}},
            {QStringLiteral("agent"),
                QJsonObject {{QStringLiteral("id"), plan.agent.id}, {QStringLiteral("name"), plan.agent.name}}},
            {QStringLiteral("client"), plan.client.name},
            {QStringLiteral("campaign"), plan.client.campaign},
            {QStringLiteral("disposition"), QJsonObject {{QStringLiteral("code"), plan.disposition}}},
            {QStringLiteral("tags"), QJsonArray::fromStringList(plan.tags)},
            {QStringLiteral("source"),
                QJsonObject {
                    {QStringLiteral("platform"), plan.client.platform}, {QStringLiteral("raw"), rawFields(plan, rng)}}},
        };
        QJsonObject consent {
            {QStringLiteral("recorded"), plan.consentFlag ? QJsonValue(*plan.consentFlag) : QJsonValue()}};
        sidecar.insert(QStringLiteral("consent"), consent);
        const QJsonArray layout = plan.agentOnLeft ? QJsonArray {QStringLiteral("agent"), QStringLiteral("respondent")}
                                                   : QJsonArray {QStringLiteral("respondent"), QStringLiteral("agent")};
        sidecar.insert(QStringLiteral("audio"),
            QJsonObject {{QStringLiteral("file"), audioName},
                {QStringLiteral("sha256"), QString::fromLatin1(sha256Hex(audio.value()))},
                {QStringLiteral("size_bytes"), audio->size()}, {QStringLiteral("codec"), plan.codec},
                {QStringLiteral("sample_rate"), Rate}, {QStringLiteral("channels"), plan.stereo ? 2 : 1},
                {QStringLiteral("channel_layout"),
                    plan.stereo ? QJsonValue(layout) : QJsonValue(QStringLiteral("mixed"))}});
        if (plan.hasTranscript) {
            const QJsonObject transcript {{QStringLiteral("schema"), QStringLiteral("earmark.transcript/1")},
                {QStringLiteral("call_id"), plan.callId}, {QStringLiteral("language"), QStringLiteral("en-GB")},
                {QStringLiteral("engine"), QStringLiteral("provider-asr")},
                {QStringLiteral("segments"), recorded->segments}};
            const QByteArray tbytes = QJsonDocument(transcript).toJson(QJsonDocument::Indented);
            const QString tname = plan.callId + QStringLiteral(".transcript.json");
            if (auto st = writeFile(dayDir + QLatin1Char('/') + tname, tbytes); !st) {
                return st.error();
            }
            sidecar.insert(QStringLiteral("transcript"),
                QJsonObject {{QStringLiteral("file"), tname},
                    {QStringLiteral("sha256"), QString::fromLatin1(sha256Hex(tbytes))}});
            summary.bytes += tbytes.size();
            ++summary.withTranscript;
        }
        // The sidecar is written last: it commits the call.
        if (auto st = writeFile(dayDir + QLatin1Char('/') + plan.callId + QStringLiteral(".json"),
                QJsonDocument(sidecar).toJson(QJsonDocument::Indented));
            !st) {
            return st.error();
        }
        summary.bytes += audio->size();
        ++summary.calls;
        summary.stereo += plan.stereo ? 1 : 0;
        summary.codecs[plan.codec] += 1;
        if (progress) {
            progress(i + 1, options.calls);
        }
    }
    return summary;
}

} // namespace Earmark::Demo
