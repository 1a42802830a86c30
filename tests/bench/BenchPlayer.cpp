// Player figures. Run with an audio output (scripts/with-test-services.sh starts a PulseAudio null sink):
//   scripts/with-test-services.sh build/release/tests/bench/bench_player
#include "audio/CallAudio.h"
#include "browse/CallAudioStream.h"
#include "browse/CallMediaLoader.h"
#include "cache/Cache.h"
#include "cache/CacheWorker.h"
#include "core/Files.h"
#include "player/PlayerEngine.h"
#include "store/RecordingStore.h"
#include "sync/SyncEngine.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTimer>
#include <benchmark/benchmark.h>
#include <cmath>
#include <sndfile.h>

using namespace Earmark;

namespace {
QTemporaryDir g_dir;

// A speech-like stereo call: bursts of tone on alternating channels, with line noise (or digital silence).
QByteArray encode(int minutes, int format, int channels, bool silence = false)
{
    const QString path = g_dir.filePath(QStringLiteral("enc.bin"));
    SF_INFO info {};
    info.samplerate = 8000;
    info.channels = channels;
    info.format = format;
    SNDFILE* sf = sf_open(QFile::encodeName(path).constData(), SFM_WRITE, &info);
    const qint64 frames = qint64(minutes) * 60 * 8000;
    std::vector<short> block(8000 * channels);
    for (qint64 start = 0; start < frames; start += 8000) {
        for (int i = 0; i < 8000; ++i) {
            const qint64 f = start + i;
            const bool agent = (f / 24000) % 2 == 0;
            const short v
                = silence ? short(0) : short(6000 * std::sin(f * 0.3) * ((f / 800) % 3 != 0) + (f * 7919 % 61) - 30);
            for (int c = 0; c < channels; ++c) {
                block[i * channels + c]
                    = (channels == 1 || (c == 0) == agent || silence) ? v : short((f * 31 % 41) - 20);
            }
        }
        sf_writef_short(sf, block.data(), 8000);
    }
    sf_close(sf);
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

void BM_Waveform60Minutes(benchmark::State& state, int format, int channels)
{
    const QByteArray bytes = encode(60, format, channels);
    for (auto _ : state) {
        auto audio = CallAudio::decode(bytes, QStringLiteral("[\"agent\",\"respondent\"]"));
        if (!audio || audio.value()->peakBlocks == 0) {
            state.SkipWithError("decode failed");
        }
    }
    state.counters["MB"] = double(bytes.size()) / (1 << 20);
}
BENCHMARK_CAPTURE(BM_Waveform60Minutes, wav_pcm16_stereo, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 2)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);
BENCHMARK_CAPTURE(BM_Waveform60Minutes, wav_mulaw_stereo, SF_FORMAT_WAV | SF_FORMAT_ULAW, 2)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);
BENCHMARK_CAPTURE(BM_Waveform60Minutes, wav_gsm610_mono, SF_FORMAT_WAV | SF_FORMAT_GSM610, 1)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_Waveform60Minutes, mp3_stereo, SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 2)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

// One 60-minute call per codec in a store, synced into an encrypted cache (the sync probes every frame of each).
struct Codec
{
    const char* callId;
    const char* file;
    int format;
    int channels;
};
constexpr Codec Codecs[] = {
    {"C-wav", "C-wav.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 2},
    {"C-ulaw", "C-ulaw.wav", SF_FORMAT_WAV | SF_FORMAT_ULAW, 2},
    {"C-alaw", "C-alaw.wav", SF_FORMAT_WAV | SF_FORMAT_ALAW, 2},
    {"C-gsm", "C-gsm.wav", SF_FORMAT_WAV | SF_FORMAT_GSM610, 1},
    {"C-flac", "C-flac.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 2},
    {"C-mp3", "C-mp3.mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 2},
    {"C-opus", "C-opus.opus", SF_FORMAT_OGG | SF_FORMAT_OPUS, 2},
};

struct Fixture
{
    SecretKey key = SecretKey::random();
    CacheWorker worker;
    QHash<QString, qint64> fileBytes;
};

Fixture& fixture()
{
    static Fixture* f = [] {
        auto* fx = new Fixture;
        const QString store = g_dir.filePath(QStringLiteral("store"));
        const QString day = store + QStringLiteral("/v1/2026/11/20");
        QDir().mkpath(day);
        for (const Codec& c : Codecs) {
            const QByteArray audio = encode(60, c.format, c.channels);
            fx->fileBytes.insert(QString::fromLatin1(c.callId), audio.size());
            QFile a(day + QLatin1Char('/') + QString::fromLatin1(c.file));
            a.open(QIODevice::WriteOnly);
            a.write(audio);
            a.close();
            const QJsonValue layout = c.channels == 2
                ? QJsonValue(QJsonArray {QStringLiteral("agent"), QStringLiteral("respondent")})
                : QJsonValue(QStringLiteral("mixed"));
            QJsonObject side {{QStringLiteral("schema"), QStringLiteral("earmark.call/1")},
                {QStringLiteral("call_id"), QString::fromLatin1(c.callId)},
                {QStringLiteral("start_utc"), QStringLiteral("2026-11-20T10:00:00Z")},
                {QStringLiteral("duration_s"), 3600}, {QStringLiteral("direction"), QStringLiteral("outbound")},
                {QStringLiteral("respondent"),
                    QJsonObject {{QStringLiteral("phone_e164"), QStringLiteral("+447700900001")}}},
                {QStringLiteral("agent"), QJsonObject {{QStringLiteral("id"), QStringLiteral("TR1")}}},
                {QStringLiteral("audio"),
                    QJsonObject {{QStringLiteral("file"), QString::fromLatin1(c.file)},
                        {QStringLiteral("sha256"),
                            QString::fromLatin1(QCryptographicHash::hash(audio, QCryptographicHash::Sha256).toHex())},
                        {QStringLiteral("size_bytes"), audio.size()}, {QStringLiteral("channels"), c.channels},
                        {QStringLiteral("channel_layout"), layout}}}};
            QFile s(day + QLatin1Char('/') + QString::fromLatin1(c.callId) + QStringLiteral(".json"));
            s.open(QIODevice::WriteOnly);
            s.write(QJsonDocument(side).toJson());
            s.close();
        }
        {
            auto cache = Cache::open(CacheFolder(g_dir.filePath(QStringLiteral("cache"))), fx->key, true);
            auto st = openStore(store);
            auto report = SyncEngine(*cache.value(), *st.value()).run(SyncOptions {true});
            if (!report || report->imported != int(std::size(Codecs))) {
                qFatal("bench_player: the 60-minute calls did not sync: %s",
                    qPrintable(report ? report->rejected.value(0).reason : report.errorMessage()));
            }
        }
        QEventLoop loop;
        fx->worker.open(g_dir.filePath(QStringLiteral("cache")), fx->key.clone(), false, &loop,
            [&](const QString&) { loop.quit(); });
        loop.exec();
        return fx;
    }();
    return *f;
}

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    status.open(QIODevice::ReadOnly);
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return 0;
}

// A 60-minute call in an encrypted cache, as the review window opens it: the worker looks the call up and opens its
// blob; a pool thread reads the header; the player starts on the first decoded frames while the decode, and the
// whole-file check, go on beside it. Timed until the sink has played its first frames.
void BM_FirstAudio60Minutes(benchmark::State& state, const char* callId)
{
    Fixture& fx = fixture();
    const QString id = QString::fromLatin1(callId);
    double heldMB = 0;
    double residentGrowthMB = 0;
    double wholeDecodeMs = 0;
    double farSeekMs = 0;
    double heldAfterSeekMB = 0;
    for (auto _ : state) {
        const qint64 before = residentKiB();
        QElapsedTimer clock;
        clock.start();
        PlayerEngine engine;
        CallAudioStream stream;
        bool done = false;
        QString failure;
        QObject::connect(&stream, &CallAudioStream::opened, &engine, [&](std::shared_ptr<const CallAudio> audio) {
            engine.load(std::move(audio));
            engine.play();
        });
        QObject::connect(&stream, &CallAudioStream::decoded, &engine, [&] { done = true; });
        QObject::connect(&stream, &CallAudioStream::failed, &engine, [&](const QString& m) {
            failure = m;
            done = true;
        });
        QObject context;
        fx.worker.post<CallMedia>(
            &context, [id](Cache& c) { return CallMediaLoader(c).load(id, AudioDelivery::Stream); },
            [&](CallMedia m) {
                if (!m.audioSource) {
                    failure = m.audioError + m.error;
                    done = true;
                    return;
                }
                auto source = m.audioSource;
                stream.start(
                    source, m.call.channelLayout, m.call.durationS, [source] { return source->matchesFetchedFile(); });
            });
        while (engine.position() <= 0.0 && failure.isEmpty()) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        }
        state.SetIterationTime(clock.nsecsElapsed() / 1e9);
        // Not timed: the rest of the decode, for the memory it holds and how long the waveform takes to fill.
        while (!done) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        }
        if (!failure.isEmpty()) {
            state.SkipWithError(qPrintable(failure));
            break;
        }
        wholeDecodeMs = clock.nsecsElapsed() / 1e6;
        const auto audio = stream.audio();
        heldMB = double(audio->heldSampleBytes() + audio->peaks.size() * 2) / (1 << 20);
        residentGrowthMB = double(residentKiB() - before) / 1024;
        // A jump to 50 minutes in (beyond the window held while it played from the start): until the clock moves on
        // from there, the block decoded again.
        QElapsedTimer seekClock;
        seekClock.start();
        engine.seek(3000);
        while (engine.position() < 3000.05 && seekClock.elapsed() < 10000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        }
        farSeekMs = seekClock.nsecsElapsed() / 1e6 - 50; // the 50 ms heard before the clock passes the mark
        heldAfterSeekMB = double(audio->heldSampleBytes() + audio->peaks.size() * 2) / (1 << 20);
        engine.stop();
    }
    state.counters["file_MB"] = double(fx.fileBytes.value(id)) / (1 << 20);
    state.counters["held_MB"] = heldMB;
    state.counters["rss_growth_MB"] = residentGrowthMB;
    state.counters["decoded_in_ms"] = wholeDecodeMs;
    state.counters["far_seek_ms"] = farSeekMs;
    state.counters["held_after_seek_MB"] = heldAfterSeekMB;
}
BENCHMARK_CAPTURE(BM_FirstAudio60Minutes, wav_pcm16_stereo, "C-wav")
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_FirstAudio60Minutes, wav_mulaw_stereo, "C-ulaw")
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_FirstAudio60Minutes, wav_alaw_stereo, "C-alaw")
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_FirstAudio60Minutes, wav_gsm610_mono, "C-gsm")
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_FirstAudio60Minutes, flac_stereo, "C-flac")
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_FirstAudio60Minutes, mp3_stereo, "C-mp3")
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_FirstAudio60Minutes, opus_stereo, "C-opus")
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(3);

// The store's hour of silence behind a sidecar that says 22.7 s (FLAC, 8 kHz mono): refused by the bound, with the
// memory it took.
void BM_BoundedDecodeHourBehind22Seconds(benchmark::State& state, bool headerKnowsLength)
{
    QByteArray flac = encode(60, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 1, true);
    if (!headerKnowsLength) {
        flac[21] = char(flac.at(21) & 0xf0); // STREAMINFO total samples: unknown
        std::fill(flac.begin() + 22, flac.begin() + 26, char(0));
    }
    double growthMB = 0;
    for (auto _ : state) {
        const qint64 before = residentKiB();
        auto audio = CallAudio::decode(flac, QStringLiteral("\"mixed\""), DurationBound {22.7});
        if (audio) {
            state.SkipWithError("an hour behind a 22.7 s sidecar was accepted");
        }
        growthMB = double(residentKiB() - before) / 1024;
    }
    state.counters["file_MB"] = double(flac.size()) / (1 << 20);
    state.counters["rss_growth_MB"] = growthMB;
}
BENCHMARK_CAPTURE(BM_BoundedDecodeHourBehind22Seconds, header_gives_length, true)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_BoundedDecodeHourBehind22Seconds, length_unknown, false)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
