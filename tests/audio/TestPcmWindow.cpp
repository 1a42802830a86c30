#include "audio/AudioDecoder.h"
#include "audio/CallAudio.h"
#include "audio/PcmWindow.h"
#include "audio/StreamDecoder.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <cmath>
#include <sndfile.h>

using namespace Earmark;

namespace {
// A frame's value on each channel, different everywhere in the call, so that a frame from the wrong place shows.
qint16 valueAt(qint64 frame, int channel)
{
    return qint16((frame * 7 + channel * 3001) % 20000 - 10000);
}

DecodedAudio ramp(qint64 frames, int channels)
{
    DecodedAudio a {8000, channels, frames, {}};
    a.samples.resize(frames * channels);
    for (qint64 f = 0; f < frames; ++f) {
        for (int c = 0; c < channels; ++c) {
            a.samples[f * channels + c] = valueAt(f, c);
        }
    }
    return a;
}

// Speech-like audio in a codec (lossy codecs do not keep the ramp), as libsndfile writes it.
QByteArray encode(const QString& path, int format, int channels, qint64 frames)
{
    SF_INFO info {};
    info.samplerate = 8000;
    info.channels = channels;
    info.format = format;
    SNDFILE* sf = sf_open(QFile::encodeName(path).constData(), SFM_WRITE, &info);
    if (!sf) {
        return {};
    }
    std::vector<short> block(size_t(frames * channels));
    for (qint64 f = 0; f < frames; ++f) {
        for (int c = 0; c < channels; ++c) {
            block[f * channels + c] = short(6000 * std::sin(f * 0.3 + c) * ((f / 800) % 3 != 0));
        }
    }
    sf_writef_short(sf, block.data(), frames);
    sf_close(sf);
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

std::shared_ptr<ByteSource> memory(const QByteArray& bytes)
{
    return std::make_shared<MemoryByteSource>(bytes);
}

// A stereo ramp call of `seconds`, opened for streaming with a window of windowBytes and decoded once through.
std::shared_ptr<CallAudio> decodedThrough(qint64 seconds, qint64 windowBytes)
{
    auto wav = AudioDecoder::encodeWav(ramp(8000 * seconds, 2));
    if (!wav) {
        return {};
    }
    auto opened = CallAudio::open(memory(wav.value()), QStringLiteral("[\"agent\",\"respondent\"]"),
        DurationBound {double(seconds)}, windowBytes);
    if (!opened || !opened.value()->decodeRest().ok()) {
        return {};
    }
    return opened.value();
}

// Copies frames from audio, waiting (without an event loop: the window's fills run on the pool) until they are there.
qint64 copyWhenHeld(const CallAudio& audio, qint64 from, qint64 count, qint16* out)
{
    qint64 got = 0;
    for (int tries = 0; tries < 500 && got < count; ++tries) {
        got = audio.copyFrames(from, count, out);
        if (got < count) {
            QTest::qSleep(10);
        }
    }
    return got;
}
} // namespace

class TestPcmWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seekingIsExactToTheFrameInEveryCodec_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("channels");
        QTest::newRow("wav pcm") << int(SF_FORMAT_WAV | SF_FORMAT_PCM_16) << 2;
        QTest::newRow("wav mu-law") << int(SF_FORMAT_WAV | SF_FORMAT_ULAW) << 2;
        QTest::newRow("wav a-law") << int(SF_FORMAT_WAV | SF_FORMAT_ALAW) << 2;
        QTest::newRow("wav gsm 6.10 (no seek in libsndfile)") << int(SF_FORMAT_WAV | SF_FORMAT_GSM610) << 1;
        QTest::newRow("flac") << int(SF_FORMAT_FLAC | SF_FORMAT_PCM_16) << 2;
        QTest::newRow("mp3") << int(SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III) << 2;
        QTest::newRow("opus") << int(SF_FORMAT_OGG | SF_FORMAT_OPUS) << 2;
    }

    void seekingIsExactToTheFrameInEveryCodec()
    {
        QFETCH(int, format);
        QFETCH(int, channels);
        QTemporaryDir dir;
        const qint64 frames = 8000 * 60;
        const QByteArray bytes = encode(dir.filePath(QStringLiteral("call")), format, channels, frames);
        QVERIFY(!bytes.isEmpty());
        auto d = StreamDecoder::open(memory(bytes), DurationBound {60});
        QVERIFY2(d, qPrintable(d.errorMessage()));
        std::vector<qint16> all(size_t(frames * channels));
        qint64 decoded = 0;
        while (decoded < frames) {
            auto got = d.value()->read(all.data() + decoded * channels, frames - decoded);
            QVERIFY2(got, qPrintable(got.errorMessage()));
            if (got.value() == 0) {
                break;
            }
            decoded += got.value();
        }
        QCOMPARE(decoded, frames);
        // Back, forward, to the middle of a block and to its start: the frames there, as the straight decode had them.
        for (const qint64 at : {PcmWindow::BlockFrames * 3, qint64(123457), PcmWindow::BlockFrames * 11, qint64(0)}) {
            QVERIFY2(d.value()->seek(at).ok(), qPrintable(QString::number(at)));
            QCOMPARE(d.value()->decodedFrames(), at);
            std::vector<qint16> here(size_t(4096 * channels));
            auto got = d.value()->read(here.data(), 4096);
            QVERIFY(got);
            QCOMPARE(got.value(), qint64(4096));
            for (size_t i = 0; i < here.size(); ++i) {
                QVERIFY2(std::abs(here[i] - all[size_t(at * channels) + i]) <= 1,
                    qPrintable(QStringLiteral("frame %1 after a seek to %2").arg(at + qint64(i) / channels).arg(at)));
            }
        }
    }

    void aLongCallIsHeldInAWindowAndItsFarPartsDecodedAgain()
    {
        // Five minutes of stereo (2.4 M frames, 9.2 MiB decoded) through a window of 1 MiB (eight blocks).
        const qint64 frames = 8000 * 300;
        const qint64 window = qint64(1) << 20;
        const auto decoded = decodedThrough(300, window);
        QVERIFY(decoded);
        const CallAudio& audio = *decoded;
        QVERIFY(audio.complete());
        const qint64 blockBytes = PcmWindow::BlockFrames * 2 * 2;
        QVERIFY(audio.heldSampleBytes() <= window);
        QVERIFY(audio.heldSampleBytes() >= window - blockBytes);
        // The peaks cover the whole call, every frame of it decoded once.
        const qint64 lastBlock = audio.peakBlocks - 2;
        qint16 highest = 0;
        for (qint64 f = lastBlock * CallAudio::PeakBlock; f < (lastBlock + 1) * CallAudio::PeakBlock; ++f) {
            highest = std::max(highest, valueAt(f, 0));
        }
        QCOMPARE(audio.peaks.at(lastBlock * 2 + 1), highest);

        // The start is held; the end is not, and is decoded again when asked for (meanwhile: nothing to play).
        std::vector<qint16> out(4096 * 2);
        QCOMPARE(audio.copyFrames(1000, 4096, out.data()), qint64(4096));
        QCOMPARE(out[0], valueAt(1000, 0));
        QCOMPARE(out[4095 * 2 + 1], valueAt(5095, 1));
        const qint64 far = frames - 20000;
        QCOMPARE(audio.copyFrames(far, 4096, out.data()), qint64(0));
        QCOMPARE(copyWhenHeld(audio, far, 4096, out.data()), qint64(4096));
        for (qint64 i = 0; i < 4096; ++i) {
            QCOMPARE(out[i * 2], valueAt(far + i, 0));
            QCOMPARE(out[i * 2 + 1], valueAt(far + i, 1));
        }
        // Still within the window: the far start made room by dropping blocks away from where it plays.
        QThreadPool::globalInstance()->waitForDone();
        QVERIFY(audio.heldSampleBytes() <= window);
        QCOMPARE(audio.copyFrames(1000, 16, out.data()), qint64(0));
        // Back to the start: decoded again, the same frames.
        QCOMPARE(copyWhenHeld(audio, 1000, 16, out.data()), qint64(16));
        QCOMPARE(out[0], valueAt(1000, 0));
    }

    void playingOnThroughTheWindowNeverWaits()
    {
        // Played straight through from a far seek: the blocks ahead are decoded before the player reaches them.
        const qint64 frames = 8000 * 240;
        const auto decoded = decodedThrough(240, 1 << 20);
        QVERIFY(decoded);
        const CallAudio& audio = *decoded;
        std::vector<qint16> out(2048 * 2);
        qint64 at = frames / 2;
        QCOMPARE(copyWhenHeld(audio, at, 2048, out.data()), qint64(2048));
        QThreadPool::globalInstance()->waitForDone(); // the quarter of the window ahead is there now
        int shortReads = 0;
        for (int i = 0; i < 200; ++i, at += 2048) { // 51 s at 8 kHz: further than the blocks decoded ahead
            const qint64 got = audio.copyFrames(at, 2048, out.data());
            if (got < 2048) {
                ++shortReads;
                QCOMPARE(copyWhenHeld(audio, at, 2048, out.data()), qint64(2048));
            }
            QCOMPARE(out[0], valueAt(at, 0));
            QThreadPool::globalInstance()->waitForDone(); // as real time would: 0.26 s between reads
        }
        QCOMPARE(shortReads, 0);
    }

    void aCallThatFitsIsHeldWholeAndItsSourceLetGo()
    {
        const QByteArray bytes = AudioDecoder::encodeWav(ramp(8000 * 60, 2)).value_or(QByteArray());
        auto source = std::make_shared<MemoryByteSource>(bytes);
        std::weak_ptr<ByteSource> watched = source;
        auto opened = CallAudio::open(std::move(source), QStringLiteral("\"mixed\""), DurationBound {60});
        QVERIFY(opened);
        QVERIFY(opened.value()->decodeRest().ok());
        QCOMPARE(opened.value()->heldSampleBytes(), qint64(8000 * 60 * 2 * 2));
        QVERIFY(watched.expired()); // nothing will be decoded again: the file's bytes are gone
    }

    void aWindowReleasedWhileItDecodesAgainStopsCleanly()
    {
        const qint64 frames = 8000 * 300;
        auto audio = decodedThrough(300, 1 << 20);
        QVERIFY(audio);
        std::vector<qint16> out(64);
        QCOMPARE(audio->copyFrames(frames - 100, 16, out.data()), qint64(0)); // a fill starts
        audio.reset(); // the call is closed while it runs
        QThreadPool::globalInstance()->waitForDone();
    }
};

QTEST_GUILESS_MAIN(TestPcmWindow)
#include "TestPcmWindow.moc"
