#include "audio/AudioDecoder.h"
#include "audio/CallAudio.h"
#include "audio/StreamDecoder.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <sndfile.h>

using namespace Earmark;

namespace {
// Mono audio at 8 kHz: a quiet saw (so that every frame is not silence), seconds long.
DecodedAudio saw(double seconds)
{
    DecodedAudio a {8000, 1, qint64(seconds * 8000), {}};
    a.samples.resize(a.frames);
    for (qint64 f = 0; f < a.frames; ++f) {
        a.samples[f] = qint16((f * 37) % 2000 - 1000);
    }
    return a;
}

QByteArray wav(double seconds)
{
    auto bytes = AudioDecoder::encodeWav(saw(seconds));
    return bytes ? bytes.value() : QByteArray();
}

// An hour of silence as FLAC at 8 kHz: a few hundred kilobytes, as in the store that found this.
QByteArray flacHourOfSilence(const QString& path)
{
    SF_INFO info {};
    info.samplerate = 8000;
    info.channels = 1;
    info.format = SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
    SNDFILE* sf = sf_open(QFile::encodeName(path).constData(), SFM_WRITE, &info);
    if (!sf) {
        return {};
    }
    const std::vector<short> block(8000 * 60, 0);
    for (int minute = 0; minute < 60; ++minute) {
        sf_writef_short(sf, block.data(), sf_count_t(block.size()));
    }
    sf_close(sf);
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Decodes the whole of a source the way playback does, a block at a time; the frames decoded, or the error.
Result<qint64> drain(StreamDecoder& d)
{
    std::vector<qint16> block(4096 * size_t(d.channels()));
    for (;;) {
        auto got = d.read(block.data(), 4096);
        if (!got) {
            return got.error();
        }
        if (got.value() == 0) {
            return d.decodedFrames();
        }
    }
}

std::shared_ptr<ByteSource> memory(const QByteArray& bytes)
{
    return std::make_shared<MemoryByteSource>(bytes);
}

// A source whose bytes stop being readable at a point, as a damaged chunk of a blob would.
class FailingSource final : public ByteSource
{
public:
    FailingSource(QByteArray bytes, qint64 failAt)
        : m_bytes(std::move(bytes))
        , m_failAt(failAt)
    { }
    qint64 size() const override { return m_bytes.size(); }
    qint64 readAt(qint64 offset, char* data, qint64 length) override
    {
        if (offset + length > m_failAt) {
            return -1;
        }
        const qint64 n = std::min(length, m_bytes.size() - offset);
        std::memcpy(data, m_bytes.constData() + offset, size_t(n));
        return n;
    }
    QString error() const override { return QStringLiteral("Call C-9 audio: chunk 3 does not authenticate"); }

private:
    QByteArray m_bytes;
    qint64 m_failAt;
};
} // namespace

class TestStreamDecoder : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void theBoundAllowsFivePercentOrTwoSeconds()
    {
        QCOMPARE(DurationBound {20}.maxFrames(8000), qint64(22 * 8000));
        QCOMPARE(DurationBound {20}.minFrames(8000), qint64(18 * 8000));
        QCOMPARE(DurationBound {600}.maxFrames(8000), qint64(630 * 8000));
        QCOMPARE(DurationBound {600}.minFrames(8000), qint64(570 * 8000));
        // Nothing stated: only the store's limit of a day.
        QCOMPARE(DurationBound {}.maxFrames(8000), qint64(86400 * 8000));
        QCOMPARE(DurationBound {}.minFrames(8000), qint64(1));
    }

    void anHourOfSilenceBehindAShortSidecarIsRefusedBeforeDecoding()
    {
        const QByteArray flac = flacHourOfSilence(m_dir.filePath(QStringLiteral("silence.flac")));
        QVERIFY(flac.size() > 1000 && flac.size() < 2000000);
        auto d = StreamDecoder::open(memory(flac), DurationBound {22.7});
        QVERIFY(!d);
        QVERIFY2(
            d.errorMessage().contains(QLatin1String("long but its sidecar says 22.7 s")), qPrintable(d.errorMessage()));
        // Unbounded it is an hour, and decodes.
        auto whole = StreamDecoder::open(memory(flac));
        QVERIFY2(whole, qPrintable(whole.errorMessage()));
        QCOMPARE(whole.value()->expectedFrames(), qint64(3600 * 8000));
    }

    void aLengthTheHeaderDoesNotGiveStopsAtTheBound()
    {
        // The same hour with its STREAMINFO total zeroed ("unknown", which FLAC allows): nothing says how long it is
        // until it is decoded, and decoding stops at the bound, not at the hour.
        QByteArray flac = flacHourOfSilence(m_dir.filePath(QStringLiteral("unknown.flac")));
        QCOMPARE(flac.left(4), QByteArray("fLaC"));
        flac[21] = char(flac.at(21) & 0xf0);
        for (int i = 22; i < 26; ++i) {
            flac[i] = 0;
        }
        auto d = StreamDecoder::open(memory(flac), DurationBound {22.7});
        QVERIFY2(d, qPrintable(d.errorMessage()));
        QCOMPARE(d.value()->expectedFrames(), qint64(22.7 * 8000 + 0.5));
        auto drained = drain(*d.value());
        QVERIFY(!drained);
        QVERIFY2(
            drained.errorMessage().contains(QLatin1String("goes on past 24.7 s, longer than the 22.7 s its sidecar")),
            qPrintable(drained.errorMessage()));
        QVERIFY(d.value()->decodedFrames() <= DurationBound {22.7}.maxFrames(8000));
    }

    void withinTheSlackIsAcceptedBeyondItRefused_data()
    {
        QTest::addColumn<double>("actual");
        QTest::addColumn<QString>("error"); // empty: accepted
        QTest::newRow("exact") << 20.0 << "";
        QTest::newRow("1.5 s long") << 21.5 << "";
        QTest::newRow("1.5 s short") << 18.5 << "";
        QTest::newRow("2.5 s long") << 22.5 << "is 22.5 s long but its sidecar says 20.0 s";
        QTest::newRow("2.5 s short") << 17.5
                                     << "ends after 17.5 s of the 20.0 s its sidecar says: the file is cut short";
    }

    void withinTheSlackIsAcceptedBeyondItRefused()
    {
        QFETCH(double, actual);
        QFETCH(QString, error);
        auto audio = CallAudio::decode(wav(actual), QStringLiteral("\"mixed\""), DurationBound {20});
        if (error.isEmpty()) {
            QVERIFY2(audio, qPrintable(audio.errorMessage()));
            QCOMPARE(audio.value()->frames, qint64(actual * 8000));
            QVERIFY(audio.value()->complete());
            // The probe at sync agrees.
            QVERIFY(AudioDecoder::probe(wav(actual), DurationBound {20}));
        } else {
            QVERIFY(!audio);
            QVERIFY2(audio.errorMessage().contains(error), qPrintable(audio.errorMessage()));
            auto probed = AudioDecoder::probe(wav(actual), DurationBound {20});
            QVERIFY(!probed);
            QCOMPARE(probed.errorMessage(), audio.errorMessage());
        }
    }

    void aTruncatedFileIsReportedCutShort()
    {
        // The header says a minute; half the bytes are there (a checksum made of the cut file would match).
        QByteArray bytes = wav(60);
        bytes.truncate(bytes.size() / 2);
        auto audio = CallAudio::decode(bytes, QStringLiteral("\"mixed\""), DurationBound {60});
        QVERIFY(!audio);
        QVERIFY2(audio.errorMessage().contains(QLatin1String("ends after 30.0 s of the 1:00 its sidecar says: the file "
                                                             "is cut short")),
            qPrintable(audio.errorMessage()));
        // Without a stated length the half that is there plays.
        auto unbounded = CallAudio::decode(bytes, QStringLiteral("\"mixed\""));
        QVERIFY2(unbounded, qPrintable(unbounded.errorMessage()));
        QVERIFY(std::abs(unbounded.value()->frames - 30 * 8000) < 30); // half the bytes, less half the header
    }

    void streamingPublishesFramesAsTheyAreDecoded()
    {
        const QByteArray bytes = wav(10);
        auto streamed = CallAudio::open(memory(bytes), QStringLiteral("\"mixed\""), DurationBound {10});
        QVERIFY2(streamed, qPrintable(streamed.errorMessage()));
        CallAudio& a = *streamed.value();
        // Length, rate and peaks are there at once; no frame is yet.
        QCOMPARE(a.frames, qint64(80000));
        QCOMPARE(a.sampleRate, 8000);
        QCOMPARE(a.peakBlocks, qint64(80000 / CallAudio::PeakBlock + 1));
        QCOMPARE(a.availableFrames(), qint64(0));
        QVERIFY(!a.complete());
        std::vector<qint16> out(80000);
        QCOMPARE(a.copyFrames(0, 100, out.data()), qint64(0));
        QVERIFY(a.decodeRest().ok());
        QVERIFY(a.complete());
        // The same samples and peaks as a whole decode.
        auto whole = CallAudio::decode(bytes, QStringLiteral("\"mixed\""));
        QVERIFY(whole);
        QCOMPARE(a.copyFrames(0, 80000, out.data()), qint64(80000));
        QVERIFY(std::equal(out.cbegin(), out.cend(), whole.value()->samples.cbegin()));
        QCOMPARE(a.peaks, whole.value()->peaks);
        QVERIFY(a.peaks.at(1) > 900);
        // Ten seconds fit the window: held whole (and nothing more).
        QCOMPARE(a.heldSampleBytes(), qint64(80000 * 2));
    }

    void aCancelledDecodeStops()
    {
        auto streamed = CallAudio::open(memory(wav(10)), QStringLiteral("\"mixed\""), DurationBound {10});
        QVERIFY(streamed);
        streamed.value()->cancelDecode();
        const Status st = streamed.value()->decodeRest();
        QVERIFY(!st);
        QVERIFY(st.errorMessage().contains(QLatin1String("cancelled")));
        QVERIFY(!streamed.value()->complete());
    }

    void aSourceThatCannotBeReadSaysWhy()
    {
        const QByteArray bytes = wav(10);
        auto audio
            = CallAudio::open(std::make_shared<FailingSource>(bytes, bytes.size() / 2), QStringLiteral("\"mixed\""));
        QVERIFY2(audio, qPrintable(audio.errorMessage()));
        const Status st = audio.value()->decodeRest();
        QVERIFY(!st);
        QCOMPARE(st.errorMessage(), QStringLiteral("Call C-9 audio: chunk 3 does not authenticate"));
        QVERIFY(audio.value()->availableFrames() > 0);
        QVERIFY(!audio.value()->complete());
    }
};

QTEST_GUILESS_MAIN(TestStreamDecoder)
#include "TestStreamDecoder.moc"
