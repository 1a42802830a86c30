#include "DemoWindow.h"
#include "PlaybackClock.h"
#include "TestSupport.h"
#include "audio/AudioDecoder.h"
#include "audio/CallAudio.h"
#include "browse/CallListModel.h"
#include "ui/browse/CallDetailPane.h"
#include "ui/player/PlayerWidget.h"
#include "ui/player/WaveformWidget.h"
#include "ui/shell/MainWindow.h"
#include "ui/transcript/TranscriptView.h"

#include <QAction>
#include <QComboBox>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>
#include <cmath>

using namespace Earmark;
using namespace Earmark::Gui;

namespace {
// How long a wait for playback may take on a loaded machine: each ends as soon as what it waits for has happened.
constexpr int Patience = 10000;

using Clock = Test::PlaybackClock<PlayerEngine>;
} // namespace

// The review player in the real main window, on a real demo call, playing to the PulseAudio null sink.
class TestReviewPlayer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    Test::DemoWindow m_demo;
    MainWindow* m_window = nullptr;

    PlayerWidget* player() const { return m_window->detailPane()->player(); }
    PlayerEngine* engine() const { return player()->engine(); }
    QAction* action(const char* name) const { return player()->action(QLatin1String(name)); }

    // Selects the first stereo call with a transcript and waits until its audio is ready.
    void openAReviewableCall()
    {
        QSignalSpy count(m_window->model(), &CallListModel::countChanged);
        if (m_window->model()->rowCount() == 0) {
            QVERIFY(count.wait(15000));
        }
        for (int row = 0; row < m_window->model()->rowCount(); ++row) {
            if (!m_window->model()->rowAt(row)) {
                QSignalSpy page(m_window->model(), &CallListModel::pageLoaded);
                QVERIFY(page.wait(10000));
            }
            if (m_window->model()->index(row, static_cast<int>(CallColumn::Transcript)).data().toString().isEmpty()) {
                continue;
            }
            QSignalSpy ready(m_window->detailPane(), &CallDetailPane::audioReady);
            m_window->callView()->setCurrentIndex(m_window->model()->index(row, 0));
            QVERIFY(ready.wait(20000));
            QVERIFY(ready.first().at(1).toBool());
            if (engine()->audio()->speakersSeparable()) {
                return;
            }
        }
        QFAIL("no stereo call with a transcript in the demo store");
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Metadata only: the player fetches, verifies and encrypts the audio when the call is opened.
        const QString error = m_demo.makeCache(m_root.path(), 12);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void init()
    {
        const QString error = m_demo.open();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_window = m_demo.window.get();
        openAReviewableCall();
    }

    void cleanup()
    {
        m_window = nullptr;
        m_demo.close();
    }

    void playPauseAndSeekOnTheWaveform()
    {
        action("playPause")->trigger();
        QCOMPARE(engine()->state(), PlayerEngine::State::Playing);
        QTRY_VERIFY_WITH_TIMEOUT(engine()->position() > 0.4, Patience);
        const double played = engine()->position();
        QVERIFY2(played > 0.4 && played < 0.95, qPrintable(QString::number(played)));
        QVERIFY(player()->timeText().startsWith(QLatin1String("0:00.")));
        action("playPause")->trigger();
        QCOMPARE(engine()->state(), PlayerEngine::State::Paused);
        const double paused = engine()->position();
        QTest::qWait(300); // nothing to wait for: time passes, and the position must not move meanwhile
        QVERIFY(std::abs(engine()->position() - paused) < 0.02);
        // A click in the middle of the waveform seeks to the middle of the call.
        WaveformWidget* wave = player()->waveform();
        QTest::mouseClick(wave, Qt::LeftButton, {}, QPoint(wave->width() / 2, wave->height() / 2));
        QVERIFY2(
            std::abs(engine()->position() - engine()->duration() / 2) < engine()->duration() / wave->width() + 0.01,
            qPrintable(QString::number(engine()->position())));
        action("playPause")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(engine()->position() > engine()->duration() / 2 + 0.2, Patience);
        // Skips.
        const double before = engine()->position();
        action("back5")->trigger();
        QVERIFY(std::abs(engine()->position() - (before - 5)) < 0.3);
    }

    void aCallPlaysWhileItDecodesAndTheWaveformFillsIn()
    {
        // A call opened for streaming and not yet decoded: the player takes it at once, plays silence with the clock
        // held at 0:00 while nothing is decoded, and the sound and the waveform follow the decoder.
        DecodedAudio recorded {8000, 2, 40 * 8000, {}};
        recorded.samples.resize(recorded.frames * 2);
        for (qint64 f = 0; f < recorded.frames; ++f) {
            const qint16 v = qint16(8000 * std::sin(f * 0.3) * ((f / 800) % 3 != 0));
            recorded.samples[2 * f + (f / 24000) % 2] = v;
        }
        auto wav = AudioDecoder::encodeWav(recorded);
        QVERIFY(wav);
        auto opened = CallAudio::open(std::make_shared<MemoryByteSource>(wav.value()),
            QStringLiteral("[\"agent\",\"respondent\"]"), DurationBound {40});
        QVERIFY2(opened, qPrintable(opened.errorMessage()));
        std::shared_ptr<CallAudio> audio = opened.value();
        PlayerWidget w;
        w.resize(900, 300);
        w.show();
        w.load(audio);
        QCOMPARE(w.waveform()->drawnFrames(), qint64(0));
        w.action(QStringLiteral("playPause"))->trigger();
        QCOMPARE(w.engine()->state(), PlayerEngine::State::Playing);
        QCOMPARE(w.engine()->position(), 0.0);

        QFuture<Status> decoding = QtConcurrent::run([audio] { return audio->decodeRest(); });
        QTRY_VERIFY_WITH_TIMEOUT(w.engine()->position() > 0.2, Patience);
        QTRY_COMPARE_WITH_TIMEOUT(w.waveform()->drawnFrames(), audio->frames, Patience);
        decoding.waitForFinished();
        QVERIFY(decoding.result().ok());
        w.audioDecoded();
        // Turns come from the channels once every frame is there: the next turn is the respondent's, at 3 s.
        w.engine()->pause();
        w.engine()->seek(0.5);
        w.action(QStringLiteral("nextTurn"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(w.engine()->position() - 3.0) < 0.1, Patience);
    }

    void speedAndSoloFromTheKeyboard()
    {
        auto* speed = player()->findChild<QComboBox*>(QStringLiteral("speed"));
        QCOMPARE(engine()->speed(), 1.0);
        QTest::keyClick(m_window, Qt::Key_4, Qt::ControlModifier); // faster
        QTest::keyClick(m_window, Qt::Key_4, Qt::ControlModifier);
        QCOMPARE(engine()->speed(), 1.25);
        QCOMPARE(speed->currentData().toDouble(), 1.25);
        QTest::keyClick(m_window, Qt::Key_3, Qt::ControlModifier); // slower
        QCOMPARE(engine()->speed(), 1.125);
        action("playPause")->trigger();
        // Played a little faster than real time.
        const Clock clock(*engine());
        QTRY_VERIFY_WITH_TIMEOUT(engine()->position() > 0.3, Patience);
        const Clock::Reading started = clock.read();
        QTRY_VERIFY_WITH_TIMEOUT(engine()->position() > 0.9, Patience);
        const Clock::Reading reached = clock.read();
        const double p = reached.position;
        QVERIFY2(p > 0.9 && p < 1.35, qPrintable(QString::number(p)));
        const double faster = Clock::speed(started, reached);
        QVERIFY2(faster > 0.9 && faster < 1.35, qPrintable(QString::number(faster)));
        // The lane not heard says so.
        QTest::keyClick(m_window, Qt::Key_1, Qt::AltModifier);
        QCOMPARE(engine()->listen(), Listen::Agent);
        QCOMPARE(player()->waveform()->laneLabels(),
            (QStringList {QStringLiteral("Agent"), QStringLiteral("Respondent (muted)")}));
        QTest::keyClick(m_window, Qt::Key_2, Qt::AltModifier);
        QCOMPARE(engine()->listen(), Listen::Respondent);
        QCOMPARE(player()->waveform()->laneLabels(),
            (QStringList {QStringLiteral("Agent (muted)"), QStringLiteral("Respondent")}));
        QTest::keyClick(m_window, Qt::Key_0, Qt::AltModifier);
        QCOMPARE(engine()->listen(), Listen::Both);
        // Both speakers are centred unless the reviewer chooses otherwise, and the choice is kept for the next start.
        auto* mix = player()->findChild<QComboBox*>(QStringLiteral("mix"));
        QVERIFY(mix && mix->isEnabled());
        QCOMPARE(engine()->mix(), StereoMix::Centred);
        mix->setCurrentIndex(mix->findData(int(StereoMix::Spread)));
        QCOMPARE(engine()->mix(), StereoMix::Spread);
        QCOMPARE(QSettings().value(QStringLiteral("player/mix")).toInt(), int(StereoMix::Spread));
        mix->setCurrentIndex(mix->findData(int(StereoMix::Centred)));
        QCOMPARE(
            player()->waveform()->laneLabels(), (QStringList {QStringLiteral("Agent"), QStringLiteral("Respondent")}));
    }

    void loopADraggedRegion()
    {
        WaveformWidget* wave = player()->waveform();
        const int x0 = wave->xAt(2.0);
        const int x1 = wave->xAt(3.5);
        const int y = wave->height() / 2;
        QTest::mousePress(wave, Qt::LeftButton, {}, QPoint(x0, y));
        QTest::mouseMove(wave, QPoint((x0 + x1) / 2, y));
        QTest::mouseMove(wave, QPoint(x1, y));
        QTest::mouseRelease(wave, Qt::LeftButton, {}, QPoint(x1, y));
        QVERIFY(wave->hasSelection());
        // Its start, end and length are shown.
        const QString shown = player()->selectionText();
        QVERIFY2(QRegularExpression(QStringLiteral("^0:0[12]\\.\\d – 0:0[34]\\.\\d \\(1\\.[3-7] s\\)$"))
                     .match(shown)
                     .hasMatch(),
            qPrintable(shown));
        action("loop")->setChecked(true);
        QVERIFY(engine()->looping());
        QVERIFY(std::abs(engine()->loopStart() - 2.0) < 0.2);
        action("playPause")->trigger();
        // Every position read is inside the region, until playback has gone back to its start.
        bool wentRound = false;
        for (double last = engine()->position(); !wentRound;) {
            QTRY_VERIFY_WITH_TIMEOUT(engine()->position() != last, Patience);
            const double p = engine()->position();
            QVERIFY2(
                p >= engine()->loopStart() - 0.01 && p <= engine()->loopEnd() + 0.01, qPrintable(QString::number(p)));
            wentRound = p < last;
            last = p;
        }
        action("loop")->setChecked(false);
        QVERIFY(!engine()->looping());
    }

    void clickingATranscriptWordSeeksThereAndTheWordFollows()
    {
        TranscriptView* t = m_window->detailPane()->transcript();
        QVERIFY(t->wordCount() > 20);
        const int target = t->wordCount() / 2;
        t->setFollowing(false);
        t->verticalScrollBar()->setValue(0);
        // Bring the word into view, then click it like a person would.
        QTextCursor c(t->document());
        c.setPosition(0);
        QRect r = t->wordRect(target);
        if (r.bottom() > t->viewport()->height()) {
            t->verticalScrollBar()->setValue(t->verticalScrollBar()->value() + r.top() - 20);
            r = t->wordRect(target);
        }
        QTest::mouseClick(t->viewport(), Qt::LeftButton, {}, r.center());
        QVERIFY(t->following());
        QCOMPARE(t->currentWord(), target);
        const double at = engine()->position();
        action("playPause")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(engine()->position() > at + 0.8, Patience);
        QTRY_VERIFY_WITH_TIMEOUT(t->currentWord() > target, Patience); // the highlight moved on with playback
    }

    void nextAndPreviousSpeakerTurnAndFind()
    {
        action("nextTurn")->trigger();
        const double first = engine()->position();
        QVERIFY(first > 0.05); // the first turn after the start
        action("nextTurn")->trigger();
        const double second = engine()->position();
        QVERIFY(second > first + 0.5);
        action("previousTurn")->trigger();
        QVERIFY(std::abs(engine()->position() - first) < 0.01);
        // Find in transcript: Ctrl+F, type, Return selects the next match.
        QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
        auto* find = m_window->findChild<QLineEdit*>(QStringLiteral("findInTranscript"));
        QVERIFY(find->hasFocus());
        QTest::keyClicks(find, QStringLiteral("Fieldline Research"));
        QTest::keyClick(find, Qt::Key_Return);
        QCOMPARE(
            m_window->detailPane()->transcript()->textCursor().selectedText(), QStringLiteral("Fieldline Research"));
        QVERIFY(!m_window->detailPane()->transcript()->following()); // reading elsewhere: not dragged back
    }

    void everyPlayerActionHasAShortcutListedInTheDialog()
    {
        for (QAction* a : player()->actions()) {
            QVERIFY2(!a->shortcuts().isEmpty(), qPrintable(a->text()));
        }
        QTest::keyClick(m_window, Qt::Key_Slash, Qt::ControlModifier);
        auto* table = m_window->findChild<QTableWidget*>(QStringLiteral("shortcuts"));
        QVERIFY(table);
        QVERIFY(table->rowCount() >= player()->actions().size());
        // A stereo call shows a lane per speaker, labelled.
        QVERIFY(engine()->audio()->speakersSeparable());
        QCOMPARE(engine()->audio()->channels, 2);
    }

    void nothingIsWrittenToDiskWhilePlaying()
    {
        action("playPause")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(engine()->position() > 1.5, Patience);
        action("stop")->trigger();
        // Personal values of the call just played and the audio formats of the store: in no file of the cache or temp.
        QList<QByteArray> needles = Test::audioSignatures();
        QDirIterator it(m_demo.store, {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QJsonObject o = QJsonDocument::fromJson(Test::readFile(it.next())).object();
            const QString phone
                = o.value(QStringLiteral("respondent")).toObject().value(QStringLiteral("phone_e164")).toString();
            if (!phone.isEmpty()) {
                needles << phone.toUtf8() << phone.mid(3).toUtf8();
            }
            const QString name
                = o.value(QStringLiteral("respondent")).toObject().value(QStringLiteral("name")).toString();
            if (!name.isEmpty()) {
                needles << name.toUtf8();
            }
        }
        needles << m_window->detailPane()->transcriptText().section(QLatin1Char('\n'), 1, 1).toUtf8();
        const QStringList cacheHits = Test::filesContaining(m_demo.cache, needles);
        QVERIFY2(cacheHits.isEmpty(), qPrintable(cacheHits.join(QLatin1Char('\n'))));
        QStringList tmpHits = Test::filesContaining(QDir::tempPath(), needles);
        tmpHits.removeIf([this](const QString& hit) { return hit.startsWith(m_root.path()); }); // the store itself
        QVERIFY2(tmpHits.isEmpty(), qPrintable(tmpHits.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestReviewPlayer)
#include "TestReviewPlayer.moc"
