#include "TestSupport.h"
#include "scorecard/RecordingNoticeCheck.h"
#include "scorecard/Scorecard.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;
using namespace Earmark::Scorecard;

namespace {
// An agent turn at `at` seconds with one word every 0.3 s.
TranscriptSegment turn(const QString& speaker, double at, const QString& text)
{
    TranscriptSegment s;
    s.speaker = speaker;
    s.startS = at;
    s.text = text;
    double t = at;
    for (const QString& w : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        s.words << TranscriptWord {w, t, t + 0.25, 0.9};
        t += 0.3;
    }
    s.endS = t;
    return s;
}

Transcript call(const QList<TranscriptSegment>& segments)
{
    Transcript t;
    t.segments = segments;
    return t;
}
} // namespace

class TestRecordingNotice : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsTheWordingWithItsTime()
    {
        const auto e = findRecordingNotice(
            call({turn(QStringLiteral("agent"), 0.5, QStringLiteral("Hello, is that Jane?")),
                turn(QStringLiteral("respondent"), 2, QStringLiteral("Yes.")),
                turn(QStringLiteral("agent"), 4,
                    QStringLiteral("Before we start, this call is recorded for quality and training purposes."))}),
            30);
        QVERIFY(e);
        QCOMPARE(e->atS, 4.0 + 3 * 0.3); // "this" is the fourth word of the turn
        QVERIFY2(e->heard.startsWith(QLatin1String("this call is recorded")), qPrintable(e->heard));
    }

    void toleratesTranscriptionNoiseAndSmallChanges_data()
    {
        QTest::addColumn<QString>("said");
        QTest::newRow("asr noise") << QStringLiteral("just so you know this call is being record it for quality");
        QTest::newRow("other wording") << QStringLiteral("please note this call will be recorded today");
        QTest::newRow("word order of purposes")
            << QStringLiteral("it is recorded for training and quality purposes ok");
        QTest::newRow("a filler inside") << QStringLiteral("this um call is being recorded");
        QTest::newRow("plural calls") << QStringLiteral("all our calls are recorded");
    }

    void toleratesTranscriptionNoiseAndSmallChanges()
    {
        QFETCH(QString, said);
        QVERIFY2(findRecordingNotice(call({turn(QStringLiteral("agent"), 3, said)}), 30), qPrintable(said));
    }

    void noSuggestionWhenItIsNotThere_data()
    {
        QTest::addColumn<QString>("speaker");
        QTest::addColumn<double>("at");
        QTest::addColumn<QString>("said");
        QTest::newRow("never said") << "agent" << 3.0 << "we are doing a short survey about your energy bills";
        QTest::newRow("said by the respondent") << "respondent" << 3.0 << "is this call being recorded";
        QTest::newRow("said too late") << "agent" << 45.0 << "this call is being recorded";
        QTest::newRow("a different record") << "agent" << 3.0 << "we record your answers anonymously";
    }

    void noSuggestionWhenItIsNotThere()
    {
        QFETCH(QString, speaker);
        QFETCH(double, at);
        QFETCH(QString, said);
        QVERIFY2(!findRecordingNotice(call({turn(speaker, at, said)}), 30), qPrintable(said));
    }

    void theDemoCallsWithTheNoticeAndWithout()
    {
        QTemporaryDir dir;
        auto r = Test::runCli({QStringLiteral("demo-store"), QStringLiteral("--out"), dir.path()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        int with = 0;
        int without = 0;
        QDirIterator it(dir.path(), {QStringLiteral("*.transcript.json")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QByteArray bytes = Test::readFile(path);
            const QString id = QFileInfo(path).fileName().section(QLatin1Char('.'), 0, 0);
            auto t = Transcript::parse(bytes, id);
            QVERIFY(t.ok());
            // The generator's three notice wordings are the truth.
            const bool given = bytes.contains("call is recorded for") || bytes.contains("call is being recorded")
                || bytes.contains("calls are recorded");
            const auto found = findRecordingNotice(t.value(), 60);
            QVERIFY2(found.has_value() == given, qPrintable(id));
            (given ? with : without) += 1;
        }
        QVERIFY(with >= 30);
        QVERIFY(without >= 2);
    }

    void theDefaultScorecardIsValidAndUsesTheCheck()
    {
        QList<Problem> problems;
        auto t = Template::parse(
            Test::readFile(Test::sourcePath(QStringLiteral("../resources/scorecards/survey-call-quality.json"))),
            &problems);
        QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
        const Question* notice = t->question(QStringLiteral("recording-notice"));
        QVERIFY(notice);
        QCOMPARE(notice->critical, Fail::Form);
        QCOMPARE(notice->autoCheck, QStringLiteral("recording_notice"));
        QVERIFY(!notice->naAllowed);
    }
};

QTEST_GUILESS_MAIN(TestRecordingNotice)
#include "TestRecordingNotice.moc"
