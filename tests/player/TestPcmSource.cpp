#include "audio/AudioDecoder.h"
#include "audio/CallAudio.h"
#include "player/PcmSource.h"

#include <QTest>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

using namespace Earmark;

namespace {
// Left (agent) carries the frame number, right (respondent) its negative: any output frame names its source.
std::shared_ptr<CallAudio> rampAudio(qint64 frames)
{
    auto a = std::make_shared<CallAudio>();
    a->sampleRate = 8000;
    a->channels = 2;
    a->frames = frames;
    a->agentChannel = 0;
    a->respondentChannel = 1;
    a->samples.resize(frames * 2);
    for (qint64 f = 0; f < frames; ++f) {
        a->samples[2 * f] = static_cast<qint16>(f % 30000);
        a->samples[2 * f + 1] = static_cast<qint16>(-(f % 30000));
    }
    return a;
}

std::shared_ptr<CallAudio> sineAudio(double hz, double seconds)
{
    auto a = std::make_shared<CallAudio>();
    a->sampleRate = 8000;
    a->channels = 1;
    a->frames = qint64(seconds * 8000);
    a->samples.resize(a->frames);
    for (qint64 f = 0; f < a->frames; ++f) {
        a->samples[f] = static_cast<qint16>(12000 * std::sin(2 * M_PI * hz * f / 8000.0));
    }
    return a;
}

// The bytes of a WAV file, served up to a gate that holds the decoder (on its own thread) until it is opened: a
// streaming decode caught part way, deterministically.
class GatedSource final : public ByteSource
{
public:
    GatedSource(QByteArray bytes, qint64 gate)
        : m_bytes(std::move(bytes))
        , m_gate(gate)
    { }
    qint64 size() const override { return m_bytes.size(); }
    qint64 readAt(qint64 offset, char* data, qint64 length) override
    {
        if (offset + length > m_gate) {
            std::unique_lock lock(m_mutex);
            m_held = true;
            m_changed.notify_all();
            m_changed.wait(lock, [this] { return m_open; });
        }
        const qint64 n = std::max<qint64>(0, std::min(length, m_bytes.size() - offset));
        std::memcpy(data, m_bytes.constData() + offset, size_t(n));
        return n;
    }
    QString error() const override { return {}; }
    void waitUntilHeld()
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_held; });
    }
    void open()
    {
        std::lock_guard lock(m_mutex);
        m_open = true;
        m_changed.notify_all();
    }

private:
    QByteArray m_bytes;
    qint64 m_gate;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_held = false;
    bool m_open = false;
};

QVector<qint16> pull(PcmSource& s, qint64 frames)
{
    QVector<qint16> out(frames * 2);
    qint64 got = 0;
    while (got < frames) {
        const qint64 n = s.read(reinterpret_cast<char*>(out.data() + 2 * got), (frames - got) * 4) / 4;
        if (n <= 0) {
            break;
        }
        got += n;
    }
    out.resize(got * 2);
    return out;
}

double zeroCrossingHz(const QVector<qint16>& stereo, int rate)
{
    int crossings = 0;
    const qint64 frames = stereo.size() / 2;
    for (qint64 f = 1; f < frames; ++f) {
        crossings += (stereo[2 * (f - 1)] < 0) != (stereo[2 * f] < 0) ? 1 : 0;
    }
    return crossings / 2.0 / (double(frames) / rate);
}
} // namespace

class TestPcmSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seekGivesTheSamplesAtThatFrame()
    {
        PcmSource s(rampAudio(80000));
        QVERIFY(s.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
        s.setMix(StereoMix::Split); // the samples as recorded, one speaker per ear
        for (qint64 start : {0LL, 1LL, 12345LL, 79000LL}) {
            s.restartAt(start);
            const QVector<qint16> out = pull(s, 500);
            QCOMPARE(out.size(), 2 * std::min<qint64>(500, 80000 - start));
            for (qint64 i = 0; i < out.size() / 2; ++i) {
                QCOMPARE(out[2 * i], static_cast<qint16>((start + i) % 30000));
                QCOMPARE(out[2 * i + 1], static_cast<qint16>(-((start + i) % 30000)));
            }
            // The position map is exact at 1x.
            QCOMPARE(s.sourceFrameAt(0), start);
            QCOMPARE(s.sourceFrameAt(250), start + 250);
        }
    }

    void aheadOfAStreamingDecodeItPlaysSilenceAndHoldsTheClock()
    {
        // Ten seconds of the ramp as a WAV file, decoded on another thread that is held a third of the way in.
        const auto ramp = rampAudio(80000);
        auto wav = AudioDecoder::encodeWav(DecodedAudio {8000, 2, ramp->frames, ramp->samples});
        QVERIFY(wav);
        auto source = std::make_shared<GatedSource>(wav.value(), wav->size() / 3);
        auto opened = CallAudio::open(source, QStringLiteral("[\"agent\",\"respondent\"]"), DurationBound {10});
        QVERIFY2(opened, qPrintable(opened.errorMessage()));
        std::shared_ptr<CallAudio> audio = opened.value();
        std::thread decoder([audio] { (void)audio->decodeRest(); });
        source->waitUntilHeld();
        const qint64 available = audio->availableFrames();
        QVERIFY(available > 0 && available < 80000 / 3);

        PcmSource s(audio);
        QVERIFY(s.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
        s.setMix(StereoMix::Split);
        // Played from just before where the decode stands: the decoded frames, then silence with the clock held there.
        s.restartAt(available - 100);
        QVector<qint16> out = pull(s, 400);
        QCOMPARE(out.size(), 800);
        QCOMPARE(out[0], qint16((available - 100) % 30000));
        QCOMPARE(out[2 * 99 + 1], qint16(-((available - 1) % 30000)));
        for (int i = 100; i < 400; ++i) {
            QCOMPARE(out[2 * i], qint16(0));
        }
        QCOMPARE(s.sourceFrameAt(50), available - 50);
        QCOMPARE(s.sourceFrameAt(100), available);
        QCOMPARE(s.sourceFrameAt(400), available);
        QVERIFY(!s.finished());
        // A seek beyond the decode waits there too.
        s.restartAt(60000);
        out = pull(s, 200);
        QVERIFY(std::all_of(out.cbegin(), out.cend(), [](qint16 v) { return v == 0; }));
        QCOMPARE(s.sourceFrameAt(200), qint64(60000));

        // The decode goes on: the sound resumes at the frame where the clock was held, none skipped.
        source->open();
        decoder.join();
        QVERIFY(audio->complete());
        out = pull(s, 300);
        QCOMPARE(out[0], qint16(60000 % 30000));
        QCOMPARE(out[2 * 299], qint16(60299 % 30000));
        QCOMPARE(s.sourceFrameAt(200 + 150), qint64(60150));
    }

    void aSeekToAPartOfALongCallNoLongerHeldWaitsThereAndResumesExactly()
    {
        // Four minutes of the ramp through a window of eight blocks (32 s): its end is not held once decoded.
        const auto ramp = rampAudio(8000 * 240);
        auto wav = AudioDecoder::encodeWav(DecodedAudio {8000, 2, ramp->frames, ramp->samples});
        QVERIFY(wav);
        auto opened = CallAudio::open(std::make_shared<MemoryByteSource>(wav.value()),
            QStringLiteral("[\"agent\",\"respondent\"]"), DurationBound {240}, 1 << 20);
        QVERIFY2(opened, qPrintable(opened.errorMessage()));
        QVERIFY(opened.value()->decodeRest().ok());
        QVERIFY(opened.value()->heldSampleBytes() <= 1 << 20);
        PcmSource s(opened.value());
        QVERIFY(s.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
        s.setMix(StereoMix::Split);
        const qint64 far = 8000 * 230 + 17;
        s.restartAt(far);
        QVector<qint16> out = pull(s, 200);
        QVERIFY(std::all_of(out.cbegin(), out.cend(), [](qint16 v) { return v == 0; })); // being decoded again
        QCOMPARE(s.sourceFrameAt(200), far); // the clock held where the seek went
        QVERIFY(!s.finished());
        qint64 waited = 200;
        for (int i = 0; i < 500 && out[0] == 0; ++i) {
            QTest::qSleep(5);
            out = pull(s, 100);
            waited += out[0] == 0 ? 100 : 0;
        }
        // The sound starts at the very frame sought, none skipped, and the clock runs on from it.
        QCOMPARE(out[0], qint16(far % 30000));
        QCOMPARE(out[1], qint16(-(far % 30000)));
        QCOMPARE(out[2 * 99], qint16((far + 99) % 30000));
        QCOMPARE(s.sourceFrameAt(waited + 50), far + 50);
    }

    void soloPutsOneSpeakerInBothEars()
    {
        PcmSource s(rampAudio(8000));
        s.open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        s.setMix(StereoMix::Split); // the samples as recorded, one speaker per ear
        s.setListen(Listen::Respondent);
        s.restartAt(100);
        QVector<qint16> out = pull(s, 10);
        QCOMPARE(out[0], qint16(-100));
        QCOMPARE(out[1], qint16(-100));
        s.setListen(Listen::Agent);
        out = pull(s, 10);
        QCOMPARE(out[0], qint16(110));
        QCOMPARE(out[1], qint16(110));
    }

    void bothSpeakersAreCentredSpreadOrSplit()
    {
        // Frame 100: agent (left) 100, respondent (right) -100; frame 20000: 20000 and -20000.
        auto audio = rampAudio(30000);
        audio->samples[2 * 200] = 30000; // both loud at once: clipped, not wrapped
        audio->samples[2 * 200 + 1] = 30000;
        PcmSource s(audio);
        s.open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        // Centred by default: each speaker in both ears at their own level.
        s.restartAt(100);
        QVector<qint16> out = pull(s, 1);
        QCOMPARE(out[0], qint16(0)); // 100 + -100
        QCOMPARE(out[1], qint16(0));
        s.restartAt(200);
        out = pull(s, 1);
        QCOMPARE(out[0], qint16(32767));
        QCOMPARE(out[1], qint16(32767));
        s.setMix(StereoMix::Spread); // a third of each on the far side
        s.restartAt(20000);
        out = pull(s, 1);
        QCOMPARE(out[0], qint16(20000 - 20000 / 3));
        QCOMPARE(out[1], qint16(-20000 + 20000 / 3));
        s.setMix(StereoMix::Split); // as recorded
        s.restartAt(20000);
        out = pull(s, 1);
        QCOMPARE(out[0], qint16(20000));
        QCOMPARE(out[1], qint16(-20000));
    }

    void loopsWithoutAGap()
    {
        PcmSource s(rampAudio(80000));
        s.open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        s.setMix(StereoMix::Split); // the samples as recorded, one speaker per ear
        s.restartAt(1000);
        s.setLoop(1000, 2000);
        const QVector<qint16> out = pull(s, 2500);
        for (qint64 i = 0; i < 2500; ++i) {
            QCOMPARE(out[2 * i], static_cast<qint16>(1000 + i % 1000));
        }
        QCOMPARE(s.sourceFrameAt(1500), 1500);
        QCOMPARE(s.sourceFrameAt(2499), 1499);
        s.clearLoop();
        s.restartAt(79990);
        QCOMPARE(pull(s, 100).size(), 20); // the end of the call
        QVERIFY(s.finished());
    }

    void doubleSpeedKeepsThePitch()
    {
        PcmSource s(sineAudio(440, 6));
        s.open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        s.setMix(StereoMix::Split); // the samples as recorded, one speaker per ear
        s.setSpeed(2.0);
        s.restartAt(0);
        const QVector<qint16> out = pull(s, 20000);
        QVERIFY(out.size() / 2 >= 19000);
        const double hz = zeroCrossingHz(out.mid(4000, 30000), 8000);
        QVERIFY2(std::abs(hz - 440) < 15, qPrintable(QString::number(hz)));
        // About twice as much source consumed as output produced.
        const qint64 source = s.sourceFrameAt(20000);
        QVERIFY2(std::abs(source - 40000) < 800, qPrintable(QString::number(source)));
    }

    void halfSpeedKeepsThePitchAndChangesSpeedSmoothly()
    {
        PcmSource s(sineAudio(300, 6));
        s.open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        s.setMix(StereoMix::Split); // the samples as recorded, one speaker per ear
        s.restartAt(8000);
        pull(s, 4000); // 0.5 s at 1x
        QCOMPARE(s.sourceFrameAt(4000), 12000);
        s.setSpeed(0.5);
        const QVector<qint16> slow = pull(s, 16000);
        const double hz = zeroCrossingHz(slow.mid(2000, 28000), 8000);
        QVERIFY2(std::abs(hz - 300) < 12, qPrintable(QString::number(hz)));
        const qint64 at = s.sourceFrameAt(20000);
        QVERIFY2(std::abs(at - (12000 + 8000)) < 800, qPrintable(QString::number(at)));
    }

    void turnsFromTheSpeakersChannels()
    {
        // Agent speaks 0-2 s, respondent 2.5-4 s, agent again 5-6 s.
        auto a = std::make_shared<CallAudio>();
        a->sampleRate = 8000;
        a->channels = 2;
        a->frames = 6 * 8000;
        a->agentChannel = 1;
        a->respondentChannel = 0;
        a->samples.resize(a->frames * 2);
        for (qint64 f = 0; f < a->frames; ++f) {
            const double t = f / 8000.0;
            const qint16 v = static_cast<qint16>(9000 * std::sin(2 * M_PI * 200 * t));
            a->samples[2 * f + 1] = (t < 2.0 || t >= 5.0) ? v : 0;
            a->samples[2 * f] = (t >= 2.5 && t < 4.0) ? v : 0;
        }
        a->computePeaks();
        const QList<double> turns = a->turnStarts();
        QCOMPARE(turns.size(), 3);
        QVERIFY(std::abs(turns.at(0) - 0.0) < 0.05);
        QVERIFY(std::abs(turns.at(1) - 2.5) < 0.05);
        QVERIFY(std::abs(turns.at(2) - 5.0) < 0.05);
    }
};

QTEST_GUILESS_MAIN(TestPcmSource)
#include "TestPcmSource.moc"
