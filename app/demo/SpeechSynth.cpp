#include "demo/SpeechSynth.h"

#include <QMutex>
#include <cmath>
#include <espeak-ng/speak_lib.h>
#include <samplerate.h>

namespace Earmark::Demo::SpeechSynth {

namespace {
QMutex g_mutex;
int g_inputRate = 0;

struct Collector
{
    QVector<short> samples;
    struct Event
    {
        int textPosition;
        int length;
        int ms;
    };
    QList<Event> words;
};
Collector* g_collector = nullptr;

int onSynth(short* wav, int count, espeak_EVENT* events)
{
    if (!g_collector) {
        return 1;
    }
    if (wav && count > 0) {
        const qsizetype old = g_collector->samples.size();
        g_collector->samples.resize(old + count);
        std::copy(wav, wav + count, g_collector->samples.begin() + old);
    }
    for (espeak_EVENT* e = events; e && e->type != espeakEVENT_LIST_TERMINATED; ++e) {
        if (e->type == espeakEVENT_WORD) {
            g_collector->words << Collector::Event {e->text_position, e->length, e->audio_position};
        }
    }
    return 0;
}

Status initialise()
{
    if (g_inputRate > 0) {
        return {};
    }
    g_inputRate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, 0);
    if (g_inputRate <= 0) {
        g_inputRate = 0;
        return makeError(QStringLiteral("espeak-ng could not start: install espeak-ng-data (scripts/deps.sh does)."));
    }
    espeak_SetSynthCallback(onSynth);
    return {};
}

double lastSoundBefore(const QVector<float>& s, qsizetype from, qsizetype to)
{
    constexpr float Threshold = 0.015f;
    for (qsizetype i = std::min<qsizetype>(to, s.size()) - 1; i > from; --i) {
        if (std::fabs(s.at(i)) > Threshold) {
            return std::min<double>(i + SampleRate / 50, to) / double(SampleRate);
        }
    }
    return to / double(SampleRate);
}
} // namespace

Result<Utterance> speak(const QString& text, const QString& voice, int wordsPerMinute)
{
    QMutexLocker lock(&g_mutex);
    if (auto st = initialise(); !st) {
        return st.error();
    }
    if (espeak_SetVoiceByName(voice.toUtf8().constData()) != EE_OK) {
        return makeError(QStringLiteral("espeak-ng has no voice \"%1\"").arg(voice));
    }
    espeak_SetParameter(espeakRATE, wordsPerMinute, 0);
    Collector collector;
    g_collector = &collector;
    const QByteArray utf8 = text.toUtf8();
    const espeak_ERROR rc
        = espeak_Synth(utf8.constData(), utf8.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, nullptr);
    g_collector = nullptr;
    if (rc != EE_OK) {
        return makeError(QStringLiteral("espeak-ng failed to speak \"%1\"").arg(text.left(40)));
    }

    // Resample to telephone rate.
    QVector<float> in(collector.samples.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        in[i] = collector.samples.at(i) / 32768.0f;
    }
    const double ratio = double(SampleRate) / g_inputRate;
    Utterance u;
    u.samples.resize(static_cast<qsizetype>(in.size() * ratio) + 16);
    SRC_DATA data {};
    data.data_in = in.constData();
    data.input_frames = in.size();
    data.data_out = u.samples.data();
    data.output_frames = u.samples.size();
    data.src_ratio = ratio;
    if (src_simple(&data, SRC_SINC_FASTEST, 1) != 0) {
        return makeError(QStringLiteral("resampling speech failed"));
    }
    u.samples.resize(data.output_frames_gen);

    // Every word of the text gets a time. espeak-ng reports word starts (byte offsets into the UTF-8 text, times
    // in ms) but folds some short words into their neighbour ("out of"): such a group shares its span, split by
    // length, and each span ends where the sound stops.
    struct Token
    {
        QString text;
        int offset; // byte offset, 0-based
        int length;
    };
    QList<Token> tokens;
    {
        int i = 0;
        while (i < utf8.size()) {
            while (i < utf8.size() && utf8.at(i) == ' ') {
                ++i;
            }
            const int begin = i;
            while (i < utf8.size() && utf8.at(i) != ' ') {
                ++i;
            }
            QString word = QString::fromUtf8(utf8.mid(begin, i - begin));
            while (!word.isEmpty() && !word.back().isLetterOrNumber()) {
                word.chop(1);
            }
            while (!word.isEmpty() && !word.front().isLetterOrNumber()) {
                word.remove(0, 1);
            }
            if (!word.isEmpty()) {
                tokens << Token {word, begin, i - begin};
            }
        }
    }
    // Start sample of each token that an event names; -1 for folded tokens.
    QVector<qsizetype> starts(tokens.size(), -1);
    for (const auto& e : collector.words) {
        const int pos = e.textPosition - 1;
        for (int t = 0; t < tokens.size(); ++t) {
            if (pos >= tokens.at(t).offset && pos < tokens.at(t).offset + tokens.at(t).length && starts[t] < 0) {
                starts[t] = qsizetype(e.ms) * SampleRate / 1000;
                break;
            }
        }
    }
    if (!tokens.isEmpty() && starts[0] < 0) {
        starts[0] = 0;
    }
    int t = 0;
    while (t < tokens.size()) {
        int groupEnd = t + 1;
        while (groupEnd < tokens.size() && starts[groupEnd] < 0) {
            ++groupEnd;
        }
        const qsizetype from = starts[t];
        const qsizetype next = groupEnd < tokens.size() ? starts[groupEnd] : u.samples.size();
        const double soundEnd = lastSoundBefore(u.samples, from, std::max(next, from + 1));
        const double span = soundEnd - from / double(SampleRate);
        int chars = 0;
        for (int k = t; k < groupEnd; ++k) {
            chars += static_cast<int>(tokens.at(k).text.size());
        }
        double at = from / double(SampleRate);
        for (int k = t; k < groupEnd; ++k) {
            const double share = chars > 0 ? span * tokens.at(k).text.size() / chars : span;
            u.words << SpokenWord {tokens.at(k).text, at, at + share};
            at += share;
        }
        t = groupEnd;
    }
    return u;
}

} // namespace Earmark::Demo::SpeechSynth
