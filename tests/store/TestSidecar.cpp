#include "store/Sidecar.h"
#include "store/Transcript.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

using namespace Earmark;

namespace {
QJsonObject valid()
{
    return QJsonDocument::fromJson(R"({
      "schema": "earmark.call/1", "call_id": "C-20260314-000123", "start_utc": "2026-03-14T10:21:07Z",
      "duration_s": 184.5, "direction": "outbound",
      "respondent": {"phone_e164": "+447700900123", "name": "Jane Example"},
      "agent": {"id": "TR014", "name": "Sam Agent"}, "client": "Acme", "campaign": "ACM-1",
      "disposition": {"code": "complete"}, "consent": {"recorded": true, "at_s": 12.5},
      "audio": {"file": "C-20260314-000123.wav", "sha256": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "size_bytes": 1000, "codec": "pcm_s16le", "sample_rate": 8000, "channels": 2,
                "channel_layout": ["respondent", "agent"]},
      "transcript": {"file": "C-20260314-000123.transcript.json"},
      "tags": ["complaint"], "source": {"platform": "genesys", "raw": {"x": 1}}, "future_field": {"ignored": true}
    })")
        .object();
}

QJsonObject withValue(QJsonObject o, const QString& path, const QJsonValue& v)
{
    const QStringList parts = path.split(QLatin1Char('.'));
    if (parts.size() == 1) {
        if (v.isUndefined()) {
            o.remove(path);
        } else {
            o.insert(path, v);
        }
        return o;
    }
    o.insert(parts.first(), withValue(o.value(parts.first()).toObject(), parts.mid(1).join(QLatin1Char('.')), v));
    return o;
}

Result<Sidecar> parse(const QJsonObject& o)
{
    return Sidecar::parse(QJsonDocument(o).toJson(), QStringLiteral("C-20260314-000123"));
}
} // namespace

class TestSidecar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validSidecarParses()
    {
        auto s = parse(valid());
        QVERIFY2(s.ok(), qPrintable(s.errorMessage()));
        const CallRecord& c = s->call;
        QCOMPARE(c.callId, QStringLiteral("C-20260314-000123"));
        QCOMPARE(c.startUtc, QDateTime(QDate(2026, 3, 14), QTime(10, 21, 7), QTimeZone::utc()).toSecsSinceEpoch());
        QCOMPARE(c.durationS, 184.5);
        QCOMPARE(c.personal.phoneE164, QStringLiteral("+447700900123"));
        QCOMPARE(c.personal.respondentName, QStringLiteral("Jane Example"));
        QCOMPARE(c.agentName, QStringLiteral("Sam Agent"));
        QCOMPARE(c.disposition, QStringLiteral("complete"));
        QVERIFY(c.consentRecorded && *c.consentRecorded);
        QCOMPARE(*c.consentAtS, 12.5);
        QCOMPARE(c.channelLayout, QStringLiteral("[\"respondent\",\"agent\"]"));
        QCOMPARE(c.tags, QStringList {QStringLiteral("complaint")});
        QCOMPARE(s->transcriptFile, QStringLiteral("C-20260314-000123.transcript.json"));
        QCOMPARE(c.personal.sourceRaw.value(QStringLiteral("x")).toInt(), 1);
    }

    void optionalFieldsMayBeAbsentOrNull()
    {
        QJsonObject o = valid();
        for (const char* f : {"client", "campaign", "disposition", "consent", "transcript", "tags", "source"}) {
            o.remove(QLatin1String(f));
        }
        o = withValue(o, QStringLiteral("respondent.name"), QJsonValue::Undefined);
        o = withValue(o, QStringLiteral("respondent.phone_e164"), QStringLiteral(""));
        auto s = parse(o);
        QVERIFY2(s.ok(), qPrintable(s.errorMessage()));
        QVERIFY(s->call.personal.phoneE164.isEmpty());
        QVERIFY(!s->call.consentRecorded);
        o = withValue(valid(), QStringLiteral("consent.recorded"), QJsonValue::Null);
        QVERIFY(parse(o).ok());
    }

    void lenientWhereTheContractIsInformative()
    {
        // audio.codec is informative: an unknown label is kept.
        auto s = parse(withValue(valid(), QStringLiteral("audio.codec"), QStringLiteral("aac-lc")));
        QVERIFY2(s.ok(), qPrintable(s.errorMessage()));
        QCOMPARE(s->call.audioCodec, QStringLiteral("aac-lc"));
        // RFC 3339 lower-case separators and fractions.
        s = parse(withValue(valid(), QStringLiteral("start_utc"), QStringLiteral("2026-03-14t10:21:07.250z")));
        QVERIFY2(s.ok(), qPrintable(s.errorMessage()));
        // A UTF-8 byte order mark.
        QVERIFY(
            Sidecar::parse("\xEF\xBB\xBF" + QJsonDocument(valid()).toJson(), QStringLiteral("C-20260314-000123")).ok());
    }

    void errorsNameTheFieldAndTheFix_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("expected");
        const QJsonValue gone(QJsonValue::Undefined);
        QTest::newRow("schema") << "schema" << QJsonValue(QStringLiteral("earmark.call/2")) << "\"earmark.call/1\"";
        QTest::newRow("missing schema") << "schema" << gone << "required field \"schema\" is missing";
        QTest::newRow("missing agent.id") << "agent.id" << gone << "required field \"agent.id\" is missing";
        QTest::newRow("missing phone") << "respondent.phone_e164" << gone << "\"respondent.phone_e164\" is missing";
        QTest::newRow("missing audio.sha256") << "audio.sha256" << gone << "\"audio.sha256\" is missing";
        QTest::newRow("missing size") << "audio.size_bytes" << gone << "\"audio.size_bytes\" is missing";
        QTest::newRow("missing start") << "start_utc" << gone << "\"start_utc\" is missing";
        QTest::newRow("duration is a string")
            << "duration_s" << QJsonValue(QStringLiteral("184")) << "\"duration_s\" must be a number, not a string";
        QTest::newRow("duration zero") << "duration_s" << QJsonValue(0) << "more than 0 and at most 86400";
        QTest::newRow("duration too long") << "duration_s" << QJsonValue(86401) << "at most 86400";
        QTest::newRow("agent id is a number")
            << "agent.id" << QJsonValue(14) << "\"agent.id\" must be a string, not a number";
        QTest::newRow("respondent is a string")
            << "respondent" << QJsonValue(QStringLiteral("x")) << "\"respondent.phone_e164\" is missing";
        QTest::newRow("direction") << "direction" << QJsonValue(QStringLiteral("sideways"))
                                   << "outbound, inbound or internal";
        QTest::newRow("start not UTC") << "start_utc" << QJsonValue(QStringLiteral("2026-03-14T10:21:07+01:00"))
                                       << "RFC 3339 UTC";
        QTest::newRow("start impossible")
            << "start_utc" << QJsonValue(QStringLiteral("2026-02-30T10:21:07Z")) << "RFC 3339 UTC";
        QTest::newRow("phone not E.164") << "respondent.phone_e164" << QJsonValue(QStringLiteral("07700900123"))
                                         << "E.164";
        QTest::newRow("bad call_id") << "call_id" << QJsonValue(QStringLiteral("bad id!")) << "bad call_id";
        QTest::newRow("call_id differs") << "call_id" << QJsonValue(QStringLiteral("C-other"))
                                         << "differs from the file name";
        QTest::newRow("audio path") << "audio.file" << QJsonValue(QStringLiteral("../../etc/passwd"))
                                    << "bare file name";
        QTest::newRow("audio dotdot") << "audio.file" << QJsonValue(QStringLiteral("..")) << "bare file name";
        QTest::newRow("sha upper case") << "audio.sha256" << QJsonValue(QString(64, QLatin1Char('A')))
                                        << "64 lowercase hexadecimal";
        QTest::newRow("size fraction") << "audio.size_bytes" << QJsonValue(10.5) << "whole number";
        QTest::newRow("size negative") << "audio.size_bytes" << QJsonValue(-1) << "more than 0";
        QTest::newRow("channels 3") << "audio.channels" << QJsonValue(3) << "1 or 2";
        QTest::newRow("layout size") << "audio.channel_layout" << QJsonValue(QJsonArray {QStringLiteral("agent")})
                                     << "one role per channel";
        QTest::newRow("transcript path") << "transcript.file" << QJsonValue(QStringLiteral("a/b.json"))
                                         << "bare file name";
        QTest::newRow("consent not bool")
            << "consent.recorded" << QJsonValue(QStringLiteral("yes")) << "true, false or null";
        QTest::newRow("tags not strings") << "tags" << QJsonValue(QJsonArray {1, 2}) << "array of strings";
        QTest::newRow("raw not object") << "source.raw" << QJsonValue(QStringLiteral("x")) << "must be an object";
        // A pattern that ends in $ also matches before a final newline: ids, numbers, checksums and times are
        // anchored at the very end of the text.
        QTest::newRow("call_id with a newline")
            << "call_id" << QJsonValue(QStringLiteral("C-20260314-000123\n")) << "bad call_id";
        QTest::newRow("phone with a newline")
            << "respondent.phone_e164" << QJsonValue(QStringLiteral("+447700900123\n")) << "E.164";
        QTest::newRow("sha with a newline")
            << "audio.sha256" << QJsonValue(QString(64, QLatin1Char('a')) + u'\n') << "64 lowercase hexadecimal";
        QTest::newRow("start with a newline")
            << "start_utc" << QJsonValue(QStringLiteral("2026-03-14T10:21:07Z\n")) << "RFC 3339 UTC";
    }

    void errorsNameTheFieldAndTheFix()
    {
        QFETCH(QString, path);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        auto s = parse(withValue(valid(), path, value));
        QVERIFY(!s.ok());
        QVERIFY2(s.errorMessage().contains(expected), qPrintable(s.errorMessage()));
    }

    void malformedJsonTooLargeAndInvalidUtf8()
    {
        auto s = Sidecar::parse("{\"schema\": \"earmark.call/1\",", QStringLiteral("C-1"));
        QVERIFY(s.errorMessage().startsWith(QLatin1String("malformed JSON at byte")));
        s = Sidecar::parse("[1, 2]", QStringLiteral("C-1"));
        QVERIFY(s.errorMessage().contains(QLatin1String("JSON object")));
        QByteArray bad = QJsonDocument(valid()).toJson();
        bad.replace("Jane Example", "Jane \xff\xfe Example");
        s = Sidecar::parse(bad, QStringLiteral("C-20260314-000123"));
        QVERIFY2(s.errorMessage().contains(QLatin1String("not valid UTF-8")), qPrintable(s.errorMessage()));
        QByteArray big = QJsonDocument(valid()).toJson();
        big.append(QByteArray(Sidecar::MaxBytes, ' '));
        s = Sidecar::parse(big, QStringLiteral("C-20260314-000123"));
        QVERIFY(s.errorMessage().contains(QLatin1String("over the 1 MiB limit")));
    }

    void transcriptValidation()
    {
        const QByteArray good = R"({"schema": "earmark.transcript/1", "call_id": "C-1", "segments": [
            {"speaker": "agent", "start_s": 0.42, "end_s": 4.10, "text": "Good afternoon, this call is recorded.",
             "words": [{"w": "Good", "start_s": 0.42, "end_s": 0.61, "conf": 0.98},
                       {"w": "afternoon", "start_s": 0.61, "end_s": 1.2}]},
            {"speaker": "respondent", "start_s": 4.5, "end_s": 5.0, "text": "Hello there"}]})";
        auto t = Transcript::parse(good, QStringLiteral("C-1"));
        QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
        QCOMPARE(t->segments.size(), 2);
        QCOMPARE(t->segments.at(0).words.size(), 2);
        QCOMPARE(t->wordCount(), 4);
        QVERIFY(
            Transcript::parse(good, QStringLiteral("C-2")).errorMessage().contains(QLatin1String("not the call's id")));
        QByteArray speaker = good;
        speaker.replace("\"respondent\"", "\"caller\"");
        QVERIFY(Transcript::parse(speaker, QStringLiteral("C-1")).errorMessage().contains(QLatin1String("segment 2")));
        QByteArray order = good;
        order.replace("\"start_s\": 0.61, \"end_s\": 1.2", "\"start_s\": 0.30, \"end_s\": 1.2");
        QVERIFY(Transcript::parse(order, QStringLiteral("C-1")).errorMessage().contains(QLatin1String("out of order")));
        QByteArray outside = good;
        outside.replace("\"end_s\": 1.2", "\"end_s\": 9.0");
        QVERIFY(Transcript::parse(outside, QStringLiteral("C-1"))
                    .errorMessage()
                    .contains(QLatin1String("outside its segment")));
    }
};

QTEST_GUILESS_MAIN(TestSidecar)
#include "TestSidecar.moc"
