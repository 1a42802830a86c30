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
        QTest::qWait(1000);
        const double p1 = engine.position();
        QVERIFY2(p1 > 0.75 && p1 < 1.15, qPrintable(QString::number(p1)));
        engine.pause();
        const double paused = engine.position();
        QTest::qWait(300);
        QVERIFY(std::abs(engine.position() - paused) < 0.02);
        engine.seek(3.0);
        QCOMPARE(engine.position(), 3.0);
        engine.play();
        QTest::qWait(500);
        const double p2 = engine.position();
        QVERIFY2(p2 > 3.3 && p2 < 3.65, qPrintable(QString::number(p2)));
        // Seeking while playing goes on playing from there.
        engine.seek(1.0);
        QTest::qWait(400);
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
        QTest::qWait(1000);
        const double p = engine.position();
        QVERIFY2(p > 1.5 && p < 2.3, qPrintable(QString::number(p)));
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
        QTest::qWait(300);
        QVERIFY(engine.position() < 0.5);
    }

    void loopsARegion()
    {
        PlayerEngine engine;
        engine.load(tone(6));
        engine.seek(2.0);
        engine.setLoop(2.0, 2.5);
        engine.play();
        for (int i = 0; i < 8; ++i) {
            QTest::qWait(150);
            const double p = engine.position();
            QVERIFY2(p >= 1.99 && p <= 2.51, qPrintable(QString::number(p)));
        }
        engine.clearLoop();
        QTest::qWait(900);
        QVERIFY(engine.position() > 2.5);
    }
};

QTEST_GUILESS_MAIN(TestPlayerEngine)
#include "TestPlayerEngine.moc"
