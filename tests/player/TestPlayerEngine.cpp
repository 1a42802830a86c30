#include "PlaybackClock.h"
#include "player/PlayerEngine.h"

#include <QAudioDevice>
#include <QCoreApplication>
#include <QMediaDevices>
#include <QSignalSpy>
#include <QTest>
#include <cmath>

using namespace Earmark;

namespace {
std::shared_ptr<CallAudio> tone(double seconds)
{
    auto a = std::make_shared<CallAudio>();
    a->sampleRate = 8000;
    a->channels = 2;
    a->frames = qint64(seconds * 8000);
    a->agentChannel = 0;
    a->respondentChannel = 1;
    a->samples.resize(a->frames * 2);
    for (qint64 f = 0; f < a->frames; ++f) {
        a->samples[2 * f] = static_cast<qint16>(8000 * std::sin(2 * M_PI * 440 * f / 8000.0));
        a->samples[2 * f + 1] = static_cast<qint16>(8000 * std::sin(2 * M_PI * 660 * f / 8000.0));
    }
    return a;
}

// How long a wait for playback may take on a loaded machine: each ends as soon as what it waits for has happened.
constexpr int Patience = 10000;

using Clock = Test::PlaybackClock<PlayerEngine>;
} // namespace

// The engine on a real audio output: the PulseAudio null sink started by scripts/with-test-services.sh.
class TestPlayerEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (QMediaDevices::defaultAudioOutput().isNull()) {
            QFAIL("no audio output: run the tests through scripts/test (it starts a PulseAudio null sink)");
        }
    }

    void cleanupTestCase()
    {
        // The last sink's teardown is answered by PulseAudio on Qt Multimedia's own thread: let it arrive before the
        // process exits (libpulse aborts on a reply that comes while the context is being torn down).
        QTest::qWait(300);
    }

    void playPauseSeekAndPositionFollowRealTime()
    {
        PlayerEngine engine;
        engine.load(tone(6));
        QCOMPARE(engine.state(), PlayerEngine::State::Stopped);
        QCOMPARE(engine.duration(), 6.0);
        engine.play();
        QCOMPARE(engine.state(), PlayerEngine::State::Playing);
        // Once the output runs, the position follows real time: one second of the call a second.
        const Clock clock(engine);
        QTRY_VERIFY_WITH_TIMEOUT(engine.position() > 0.25, Patience);
        const Clock::Reading started = clock.read();
        QTRY_VERIFY_WITH_TIMEOUT(engine.position() > 0.75, Patience);
        const Clock::Reading r1 = clock.read();
        const double p1 = r1.position;
        QVERIFY2(p1 > 0.75 && p1 < 1.15, qPrintable(QString::number(p1)));
        const double s1 = Clock::speed(started, r1);
        QVERIFY2(s1 > 0.75 && s1 < 1.15, qPrintable(QString::number(s1)));
        engine.pause();
        const double paused = engine.position();
        QTest::qWait(300); // nothing to wait for: time passes, and the position must not move meanwhile
        QVERIFY(std::abs(engine.position() - paused) < 0.02);
        engine.seek(3.0);
        QCOMPARE(engine.position(), 3.0);
        engine.play();
        QTRY_VERIFY_WITH_TIMEOUT(engine.position() != 3.0, Patience);
        QVERIFY2(engine.position() > 3.0, qPrintable(QString::number(engine.position()))); // on from there
        QTRY_VERIFY_WITH_TIMEOUT(engine.position() > 3.3, Patience);
        const double p2 = engine.position();
        QVERIFY2(p2 > 3.3 && p2 < 3.65, qPrintable(QString::number(p2)));
        // Seeking while playing goes on playing from there. (For a moment after the seek, the output, restarting
        // on its own thread, may still report where it was: past 3 s.)
        engine.seek(1.0);
        QTRY_VERIFY_WITH_TIMEOUT(engine.position() > 1.2 && engine.position() < 3.0, Patience);
        const double p3 = engine.position();
        QVERIFY2(p3 > 1.2 && p3 < 1.55, qPrintable(QString::number(p3)));
        QCOMPARE(engine.state(), PlayerEngine::State::Playing);
    }

    void doubleSpeedAdvancesTwiceAsFast()
    {
        PlayerEngine engine;
        engine.load(tone(10));
        engine.setSpeed(2.0);
        engine.play();
        const Clock clock(engine);
        QTRY_VERIFY_WITH_TIMEOUT(engine.position() > 0.5, Patience);
        const Clock::Reading started = clock.read();
        QTRY_VERIFY_WITH_TIMEOUT(engine.position() > 1.5, Patience);
        const Clock::Reading r = clock.read();
        const double p = r.position;
        QVERIFY2(p > 1.5 && p < 2.3, qPrintable(QString::number(p)));
        const double s = Clock::speed(started, r);
        QVERIFY2(s > 1.5 && s < 2.3, qPrintable(QString::number(s)));
    }

    void reachesTheEndAndStops()
    {
        PlayerEngine engine;
        engine.load(tone(1.0));
        QSignalSpy finished(&engine, &PlayerEngine::finished);
        engine.seek(0.5);
        engine.play();
        QVERIFY(finished.wait(5000));
        QCOMPARE(engine.state(), PlayerEngine::State::Stopped);
        QVERIFY(std::abs(engine.position() - 1.0) < 0.01);
        // Play again starts from the beginning.
        engine.play();
        QTRY_VERIFY_WITH_TIMEOUT(engine.position() < 0.5, Patience);
    }

    void loopsARegion()
    {
        PlayerEngine engine;
        engine.load(tone(6));
        engine.seek(2.0);
        engine.setLoop(2.0, 2.5);
        engine.play();
        // Round and round the region: every position read is inside it, until it has gone back to the start twice.
        int rounds = 0;
        for (double last = engine.position(); rounds < 2;) {
            QTRY_VERIFY_WITH_TIMEOUT(engine.position() != last, Patience);
            const double p = engine.position();
            QVERIFY2(p >= 1.99 && p <= 2.51, qPrintable(QString::number(p)));
            rounds += p < last ? 1 : 0;
            last = p;
        }
        engine.clearLoop();
        QTRY_VERIFY_WITH_TIMEOUT(engine.position() > 2.5, Patience);
    }
};

QTEST_GUILESS_MAIN(TestPlayerEngine)
#include "TestPlayerEngine.moc"
