#include "TestSupport.h"
#include "anonymise/AudioRedaction.h"
#include "audio/AudioDecoder.h"
#include "demo/DemoScript.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;
using namespace Earmark::Anonymise;

// Redacted audio: inside every redacted span the samples are the tone (or silence) on every channel; outside,
// every sample is the original's. On synthetic audio, then end to end with earmark-cli on demo calls.
class TestAudioRedaction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void spansAreToneOrSilenceAndTheRestIsUntouched()
    {
        const int rate = 8000;
        const int channels = 2;
        QVector<qint16> original(rate * 3 * channels);
        for (int i = 0; i < original.size(); ++i) {
            original[i] = qint16((i * 7919) % 20000 - 10000);
        }
        const QList<Redaction> spans {{0, Entity::Phone, 0.5, 0.75}, {1, Entity::Person, 2.9, 3.5}};
        const double level = bleepLevel(original, channels, rate, spans);
        for (bool silence : {false, true}) {
            QVector<qint16> s = original;
            redactAudio(s, channels, rate, spans, silence);
            for (qint64 f = 0; f < rate * 3; ++f) {
                const bool inFirst = f >= 4000 && f < 6000;
                const bool inSecond = f >= 23200; // to the end: the span runs past it
                for (int c = 0; c < channels; ++c) {
                    const qint16 v = s[f * channels + c];
                    if (inFirst || inSecond) {
                        const qint16 expected
                            = silence ? 0 : toneSample(f - (inFirst ? 4000 : 23200), inFirst ? 2000 : 800, rate, level);
                        QCOMPARE(v, expected);
                    } else {
                        QCOMPARE(v, original[f * channels + c]);
                    }
                }
            }
        }
    }

    void theBleepIsAsLoudAsTheSpeech()
    {
        // A call whose speech is bursts of noise-like tone at a given RMS, with quiet pauses: the bleep's RMS matches
        // the speech's (within 1 dB) whether they speak softly or loudly, fades in and out, and the redacted audio
        // gives the same level as the original (the spans are left out of the measure).
        const int rate = 8000;
        for (const double speechDb : {-30.0, -24.0, -18.0, -16.0}) {
            const double rms = 32767 * std::pow(10.0, speechDb / 20);
            QVector<qint16> audio(rate * 20);
            for (qint64 f = 0; f < audio.size(); ++f) {
                const bool speaking = (f / 4000) % 3 != 2;
                audio[f] = speaking
                    ? qint16(std::lround(rms * std::sqrt(2.0) * std::sin(f * 0.7 + std::sin(f * 0.013))))
                    : qint16((f * 7919) % 41 - 20);
            }
            const QList<Redaction> spans {{0, Entity::Phone, 5.0, 7.0}};
            QVector<qint16> redacted = audio;
            redactAudio(redacted, 1, rate, spans, false);
            double sum = 0;
            for (qint64 f = 5 * rate + 400; f < 7 * rate - 400; ++f) {
                sum += double(redacted[f]) * redacted[f];
            }
            const double bleepDb = 20 * std::log10(std::sqrt(sum / (2 * rate - 800)) / 32767);
            QVERIFY2(std::abs(bleepDb - speechDb) < 1.0,
                qPrintable(QStringLiteral("speech %1 dBFS, bleep %2 dBFS").arg(speechDb).arg(bleepDb)));
            QCOMPARE(bleepLevel(redacted, 1, rate, spans), bleepLevel(audio, 1, rate, spans));
            QVERIFY(std::abs(redacted[5 * rate]) < 50); // faded in, no click
            QVERIFY(std::abs(redacted[7 * rate - 1]) < 50);
        }
        // Never louder than -12 dBFS, never quieter than -30; -20 dBFS when nobody speaks.
        QVector<qint16> shouting(rate * 2);
        for (qint64 f = 0; f < shouting.size(); ++f) {
            shouting[f] = qint16(std::lround(30000 * std::sin(f * 0.7)));
        }
        QCOMPARE(bleepLevel(shouting, 1, rate, {}), 0.25 * 32767);
        QCOMPARE(bleepLevel(QVector<qint16>(rate * 2), 1, rate, {}), 0.1 * 32767);
    }

    void demoCallsEndToEnd()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("store"));
        const QString cache = dir.filePath(QStringLiteral("cache"));
        const QString pass = dir.filePath(QStringLiteral("pass"));
        Test::writeFile(pass, "otter velvet cinnamon harbour 31\n");
        auto r = Test::runCli({QStringLiteral("demo-store"), QStringLiteral("--out"), store, QStringLiteral("--calls"),
            QStringLiteral("12")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QStringList base {QStringLiteral("--cache"), cache, QStringLiteral("--passphrase-file"), pass};
        r = Test::runCli(base + QStringList {QStringLiteral("sync"), QStringLiteral("--store"), store});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        int checked = 0;
        for (int i = 0; i < 12 && checked < 3; ++i) {
            const Demo::CallPlan plan = Demo::planCall(i, 1, 14);
            if (!plan.hasTranscript || plan.spokenPersonal.isEmpty()) {
                continue;
            }
            QDirIterator it(
                store, {plan.callId + QStringLiteral(".transcript.json")}, QDir::Files, QDirIterator::Subdirectories);
            QVERIFY(it.hasNext());
            Options options;
            options.knownNames = {plan.respondentName};
            options.agentNames = {plan.agent.name};
            auto anonymised = Anonymiser(options).anonymise(Test::readFile(it.next()));
            QVERIFY(anonymised.ok());
            const QList<Redaction> spans = anonymised->redactions;
            QVERIFY(!spans.isEmpty());

            const QString original = dir.filePath(plan.callId + QStringLiteral(".orig"));
            const QString redacted = dir.filePath(plan.callId + QStringLiteral(".wav"));
            r = Test::runCli(
                base + QStringList {QStringLiteral("export-audio"), plan.callId, QStringLiteral("--out"), original});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            r = Test::runCli(
                base + QStringList {QStringLiteral("anonymise-audio"), plan.callId, QStringLiteral("--out"), redacted});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QVERIFY(r.out.contains(QByteArray(QByteArray::number(spans.size()) + " redacted span")));

            auto a = AudioDecoder::decode(Test::readFile(original));
            auto b = AudioDecoder::decode(Test::readFile(redacted));
            QVERIFY(a.ok() && b.ok());
            QCOMPARE(b->sampleRate, a->sampleRate);
            QCOMPARE(b->channels, a->channels);
            QCOMPARE(b->samples.size(), a->samples.size());
            QVector<qint16> expected = a->samples;
            redactAudio(expected, a->channels, a->sampleRate, spans, false);
            QVERIFY(expected == b->samples); // tone inside every span, the original everywhere else
            qint64 inside = 0;
            for (const Redaction& s : spans) {
                inside += qint64((s.endS - s.startS) * a->sampleRate);
            }
            QVERIFY(inside > a->sampleRate / 2); // at least half a second of the call was bleeped
            ++checked;
        }
        QVERIFY(checked >= 2);
        // Audio cannot be redacted without knowing where the words are.
        r = Test::runCli(base
            + QStringList {QStringLiteral("anonymise-audio"), QStringLiteral("C-NOPE"), QStringLiteral("--out"),
                dir.filePath(QStringLiteral("x.wav"))});
        QCOMPARE(r.exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestAudioRedaction)
#include "TestAudioRedaction.moc"
