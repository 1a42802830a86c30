#include "TestSupport.h"
#include "audio/AudioDecoder.h"
#include "demo/DemoRandom.h"
#include "demo/DemoStoreWriter.h"
#include "demo/OggSerial.h"
#include "demo/SpokenForms.h"
#include "store/Sidecar.h"
#include "store/Transcript.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace Earmark;

namespace {
QMap<QString, QByteArray> filesOf(const QString& root)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString p = it.next();
        out.insert(p.mid(root.size()), Test::readFile(p));
    }
    return out;
}

double rms(const QVector<qint16>& s, int channels, int channel, qint64 from, qint64 to)
{
    double sum = 0;
    qint64 n = 0;
    for (qint64 f = std::max<qint64>(0, from); f < to && f * channels + channel < s.size(); ++f) {
        const double v = s.at(f * channels + channel) / 32768.0;
        sum += v * v;
        ++n;
    }
    return n ? std::sqrt(sum / n) : 0;
}
} // namespace

class TestDemoStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QString m_store; // the default demo store: 60 calls, seed 1
    QList<QJsonObject> m_sidecars;
    QMap<QString, QByteArray> m_transcripts; // call id -> transcript bytes

    QString dayDir(const QJsonObject& s) const
    {
        const QString start = s.value(QStringLiteral("start_utc")).toString();
        return m_store + QStringLiteral("/v1/") + start.left(4) + QLatin1Char('/') + start.mid(5, 2) + QLatin1Char('/')
            + start.mid(8, 2);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_store = m_root.filePath(QStringLiteral("default"));
        auto r = Test::runCli({QStringLiteral("demo-store"), QStringLiteral("--out"), m_store});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.startsWith("Wrote a demo store"));
        QDirIterator it(
            m_store + QStringLiteral("/v1"), {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString p = it.next();
            if (p.endsWith(QLatin1String(".transcript.json"))) {
                m_transcripts.insert(QFileInfo(p).fileName().section(QLatin1Char('.'), 0, 0), Test::readFile(p));
            } else if (!p.endsWith(QLatin1String("store.json"))) {
                m_sidecars << QJsonDocument::fromJson(Test::readFile(p)).object();
            }
        }
    }

    void sameSeedSameBytesOtherSeedOtherBytes()
    {
        const QString a = m_root.filePath(QStringLiteral("a"));
        const QString b = m_root.filePath(QStringLiteral("b"));
        const QString c = m_root.filePath(QStringLiteral("c"));
        for (const auto& [dir, seed] : {std::pair {a, 42}, std::pair {b, 42}, std::pair {c, 43}}) {
            auto r = Test::runCli({QStringLiteral("demo-store"), QStringLiteral("--out"), dir,
                QStringLiteral("--calls"), QStringLiteral("9"), QStringLiteral("--seed"), QString::number(seed),
                QStringLiteral("--days"), QStringLiteral("5")});
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        const auto fa = filesOf(a);
        QCOMPARE(fa.size(), filesOf(b).size());
        QVERIFY(fa == filesOf(b)); // byte for byte, Opus included
        QVERIFY(fa != filesOf(c));
    }

    void sixtyValidCallsByDefault()
    {
        QCOMPARE(m_sidecars.size(), 60);
        for (const QJsonObject& s : m_sidecars) {
            const QString id = s.value(QStringLiteral("call_id")).toString();
            auto parsed = Sidecar::parse(QJsonDocument(s).toJson(), id);
            QVERIFY2(parsed.ok(), qPrintable(id + QStringLiteral(": ") + parsed.errorMessage()));
            if (s.contains(QStringLiteral("transcript"))) {
                auto t = Transcript::parse(m_transcripts.value(id), id);
                QVERIFY2(t.ok(), qPrintable(id + QStringLiteral(": ") + t.errorMessage()));
                for (const auto& seg : t->segments) {
                    QCOMPARE(seg.words.size(), seg.text.split(QLatin1Char(' '), Qt::SkipEmptyParts).size());
                }
            }
        }
        // Most calls have transcripts, not all.
        QVERIFY(m_transcripts.size() >= 42 && m_transcripts.size() < 60);
    }

    void aRealisticMix()
    {
        QSet<QString> codecs;
        QSet<QString> agents;
        QSet<QString> clients;
        QMap<QString, int> dispositions;
        int stereo = 0;
        static const QRegularExpression drama(QStringLiteral("^(\\+447700900\\d{3}|\\+441632960\\d{3})?$"));
        for (const QJsonObject& s : m_sidecars) {
            codecs << s.value(QStringLiteral("audio")).toObject().value(QStringLiteral("codec")).toString();
            agents << s.value(QStringLiteral("agent")).toObject().value(QStringLiteral("id")).toString();
            clients << s.value(QStringLiteral("client")).toString();
            dispositions[s.value(QStringLiteral("disposition")).toObject().value(QStringLiteral("code")).toString()]
                += 1;
            stereo += s.value(QStringLiteral("audio")).toObject().value(QStringLiteral("channels")).toInt() == 2;
            const QString phone
                = s.value(QStringLiteral("respondent")).toObject().value(QStringLiteral("phone_e164")).toString();
            QVERIFY2(drama.match(phone).hasMatch(), qPrintable(phone));
        }
        for (const char* c : {"pcm_s16le", "mulaw", "alaw", "gsm610", "mp3", "opus"}) {
            QVERIFY2(codecs.contains(QLatin1String(c)), c);
        }
        QVERIFY(agents.size() >= 4);
        QVERIFY(clients.size() >= 3);
        QVERIFY(dispositions.value(QStringLiteral("complaint")) >= 1);
        QVERIFY(dispositions.value(QStringLiteral("abusive")) >= 1);
        QVERIFY(dispositions.value(QStringLiteral("complete")) >= 30);
        QVERIFY(stereo >= 30 && stereo < 60);
    }

    void theRecordingNoticeIsInMostCallsAndMissingInAFew()
    {
        int with = 0;
        int without = 0;
        for (const QByteArray& t : m_transcripts) {
            (t.contains("recorded for") || t.contains("being recorded") || t.contains("calls are recorded"))
                ? ++with
                : ++without;
        }
        QVERIFY2(with >= m_transcripts.size() * 0.75,
            qPrintable(QStringLiteral("%1 with, %2 without").arg(with).arg(without)));
        QVERIFY(without >= 2);
    }

    void personalDataIsSpokenAsPeopleSayIt()
    {
        int phones = 0;
        int emails = 0;
        int postcodes = 0;
        for (const QByteArray& t : m_transcripts) {
            phones
                += t.contains("seven seven double oh") || t.contains("seven seven oh oh") || t.contains("six three two")
                ? 1
                : 0;
            emails += t.contains(" dot ") && t.contains(" at example dot ") ? 1 : 0;
            postcodes += t.contains("your postcode") ? 1 : 0;
        }
        QVERIFY(phones >= 5);
        QVERIFY(emails >= 5);
        QVERIFY(postcodes >= 5);
        Demo::DemoRandom rng(1);
        QCOMPARE(Demo::SpokenForms::postcode(QStringLiteral("LS1 4AP")), QStringLiteral("L S one, four A P"));
        QCOMPARE(Demo::SpokenForms::email(QStringLiteral("jane.smith@example.com")),
            QStringLiteral("jane dot smith at example dot com"));
        const QString spoken = Demo::SpokenForms::phoneDigits(QStringLiteral("07700 900111"), rng);
        QVERIFY2(spoken.contains(QLatin1String("seven seven")) && spoken.contains(QLatin1String("nine")),
            qPrintable(spoken));
    }

    void everyCodecDecodesAndEachSpeakerHasAChannel()
    {
        int checkedStereo = 0;
        for (const QJsonObject& s : m_sidecars) {
            const QJsonObject a = s.value(QStringLiteral("audio")).toObject();
            const QString file = dayDir(s) + QLatin1Char('/') + a.value(QStringLiteral("file")).toString();
            const QByteArray bytes = Test::readFile(file);
            QCOMPARE(bytes.size(), a.value(QStringLiteral("size_bytes")).toInteger());
            QCOMPARE(Test::sha256Hex(bytes), a.value(QStringLiteral("sha256")).toString());
            auto decoded = AudioDecoder::decode(bytes);
            QVERIFY2(decoded.ok(), qPrintable(file + decoded.errorMessage()));
            QCOMPARE(decoded->sampleRate, 8000);
            QCOMPARE(decoded->channels, a.value(QStringLiteral("channels")).toInt());
            QVERIFY(std::abs(decoded->frames / 8000.0 - s.value(QStringLiteral("duration_s")).toDouble()) < 0.1);
            const QString id = s.value(QStringLiteral("call_id")).toString();
            if (decoded->channels != 2 || !m_transcripts.contains(id)) {
                continue;
            }
            // In stereo calls each speaker is on the channel the layout names: louder there while speaking.
            const QJsonArray layout = a.value(QStringLiteral("channel_layout")).toArray();
            const int agentChannel = layout.at(0).toString() == QLatin1String("agent") ? 0 : 1;
            int agree = 0;
            int segments = 0;
            for (const auto& seg :
                QJsonDocument::fromJson(m_transcripts.value(id)).object().value(QStringLiteral("segments")).toArray()) {
                const QJsonObject o = seg.toObject();
                const qint64 from = qint64(o.value(QStringLiteral("start_s")).toDouble() * 8000);
                const qint64 to = qint64(o.value(QStringLiteral("end_s")).toDouble() * 8000);
                const int own = o.value(QStringLiteral("speaker")).toString() == QLatin1String("agent")
                    ? agentChannel
                    : 1 - agentChannel;
                agree += rms(decoded->samples, 2, own, from, to) > 3 * rms(decoded->samples, 2, 1 - own, from, to) ? 1
                                                                                                                   : 0;
                ++segments;
            }
            // Segments that overlap another (talk-over) are heard on both channels.
            QVERIFY2(agree >= segments - 3,
                qPrintable(QStringLiteral("%1: %2 of %3 segments on their channel").arg(id).arg(agree).arg(segments)));
            ++checkedStereo;
        }
        QVERIFY(checkedStereo >= 20);
    }

    void oggSerialRewriteKeepsTheFileValid()
    {
        QByteArray opus;
        for (const QJsonObject& s : m_sidecars) {
            const QJsonObject a = s.value(QStringLiteral("audio")).toObject();
            if (a.value(QStringLiteral("codec")).toString() == QLatin1String("opus")) {
                opus = Test::readFile(dayDir(s) + QLatin1Char('/') + a.value(QStringLiteral("file")).toString());
                break;
            }
        }
        QVERIFY(opus.startsWith("OggS"));
        QByteArray copy = opus;
        QVERIFY(Demo::setOggSerial(copy, 0x12345678));
        QVERIFY(copy != opus);
        QCOMPARE(copy.mid(14, 4), QByteArray("\x78\x56\x34\x12", 4));
        // libsndfile/libogg check every page's CRC: the rewritten file still decodes in full.
        QCOMPARE(AudioDecoder::probe(copy)->frames, AudioDecoder::probe(opus)->frames);
        QByteArray broken = copy;
        broken[30] = static_cast<char>(broken.at(30) ^ 0x01);
        QVERIFY(!AudioDecoder::probe(broken).ok()
            || AudioDecoder::probe(broken)->frames != AudioDecoder::probe(opus)->frames);
        QByteArray notOgg("RIFF0000WAVE");
        QVERIFY(!Demo::setOggSerial(notOgg, 1));
        QCOMPARE(notOgg, QByteArray("RIFF0000WAVE"));
        QByteArray truncated = opus.left(opus.size() - 10);
        const QByteArray before = truncated;
        QVERIFY(!Demo::setOggSerial(truncated, 1));
        QCOMPARE(truncated, before);
    }
};

QTEST_GUILESS_MAIN(TestDemoStore)
#include "TestDemoStore.moc"
