// Player figures. Run with an audio output (scripts/with-test-services.sh starts a PulseAudio null sink):
//   scripts/with-test-services.sh build/release/tests/bench/bench_player
#include "audio/CallAudio.h"
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

// A speech-like stereo call: bursts of tone on alternating channels, with line noise.
QByteArray encode(int minutes, int format, int channels)
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
            const short v = short(6000 * std::sin(f * 0.3) * ((f / 800) % 3 != 0) + (f * 7919 % 61) - 30);
            for (int c = 0; c < channels; ++c) {
                block[i * channels + c] = (channels == 1 || (c == 0) == agent) ? v : short((f * 31 % 41) - 20);
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

// A 10-minute call in an encrypted cache, from "open this call" to its first audio leaving the sink.
void BM_FirstAudio10Minutes(benchmark::State& state)
{
    const QString store = g_dir.filePath(QStringLiteral("store"));
    const QString day = store + QStringLiteral("/v1/2026/11/20");
    QDir().mkpath(day);
    const QByteArray wav = encode(10, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 2);
    QFile a(day + QStringLiteral("/C-long.wav"));
    a.open(QIODevice::WriteOnly);
    a.write(wav);
    a.close();
    QJsonObject side {{QStringLiteral("schema"), QStringLiteral("earmark.call/1")},
        {QStringLiteral("call_id"), QStringLiteral("C-long")},
        {QStringLiteral("start_utc"), QStringLiteral("2026-11-20T10:00:00Z")}, {QStringLiteral("duration_s"), 600},
        {QStringLiteral("direction"), QStringLiteral("outbound")},
        {QStringLiteral("respondent"), QJsonObject {{QStringLiteral("phone_e164"), QStringLiteral("+447700900001")}}},
        {QStringLiteral("agent"), QJsonObject {{QStringLiteral("id"), QStringLiteral("TR1")}}},
        {QStringLiteral("audio"),
            QJsonObject {{QStringLiteral("file"), QStringLiteral("C-long.wav")},
                {QStringLiteral("sha256"),
                    QString::fromLatin1(QCryptographicHash::hash(wav, QCryptographicHash::Sha256).toHex())},
                {QStringLiteral("size_bytes"), wav.size()}, {QStringLiteral("channels"), 2},
                {QStringLiteral("channel_layout"),
                    QJsonArray {QStringLiteral("agent"), QStringLiteral("respondent")}}}}};
    QFile s(day + QStringLiteral("/C-long.json"));
    s.open(QIODevice::WriteOnly);
    s.write(QJsonDocument(side).toJson());
    s.close();
    const SecretKey key = SecretKey::random();
    {
        auto cache = Cache::open(CacheFolder(g_dir.filePath(QStringLiteral("cache"))), key, true);
        auto st = openStore(store);
        (void)SyncEngine(*cache.value(), *st.value()).run(SyncOptions {true});
    }
    CacheWorker worker;
    {
        QEventLoop loop;
        worker.open(
            g_dir.filePath(QStringLiteral("cache")), key.clone(), false, &loop, [&](const QString&) { loop.quit(); });
        loop.exec();
    }
    for (auto _ : state) {
        PlayerEngine engine;
        QEventLoop loop;
        QObject context;
        worker.post<CallMedia>(
            &context, [](Cache& c) { return CallMediaLoader(c).load(QStringLiteral("C-long")); },
            [&](CallMedia m) {
                auto audio = CallAudio::decode(m.audio, m.call.channelLayout);
                Files::wipe(m.audio);
                engine.load(audio.value());
                engine.play();
                loop.quit();
            });
        loop.exec();
        // First audio: the sink has played its first frames.
        while (engine.position() <= 0.0) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        }
        engine.stop();
    }
}
BENCHMARK(BM_FirstAudio10Minutes)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
