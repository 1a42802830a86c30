#include "TestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;

// earmark-cli scorecard check and score, run as a process: exit statuses, one line per problem, the score as JSON.
class TestCliScorecard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cliCheckAndScore()
    {
        QTemporaryDir dir;
        const QString tpl = Test::sourcePath(QStringLiteral("scorecard/worked-example.json"));
        auto r = Test::runCli({QStringLiteral("scorecard"), QStringLiteral("check"), tpl});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("Valid: Demo"));
        const QString ans = dir.filePath(QStringLiteral("a.json"));
        Test::writeFile(
            ans, R"({"scorecard":"demo","version":1,"answers":{"q1":"yes","q2":4,"q3":"ok","q5":"yes","q6":"no"}})");
        r = Test::runCli({QStringLiteral("scorecard"), QStringLiteral("score"), tpl, ans, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object(),
            QJsonDocument::fromJson(R"({"score":66.7,"result":"fail","auto_fail":null,"sections":{"a":75.0,"b":50.0}})")
                .object());
        // A bad template: exit 1, one line per problem with its path.
        const QString bad = dir.filePath(QStringLiteral("bad.json"));
        Test::writeFile(
            bad, R"({"schema":"earmark.scorecard/1","id":"X","version":0,"title":"","pass_mark":120,"sections":[]})");
        r = Test::runCli({QStringLiteral("scorecard"), QStringLiteral("check"), bad});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count('\n'), 5);
        QVERIFY(r.err.contains("$.pass_mark: must be a number from 0 to 100"));
        // Answers that do not fit: exit 1, one line per problem.
        Test::writeFile(
            ans, R"({"scorecard":"demo","version":1,"answers":{"q1":"maybe","q2":3,"q3":"ok","q5":"yes"}})");
        r = Test::runCli({QStringLiteral("scorecard"), QStringLiteral("score"), tpl, ans});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count('\n'), 2); // q1 wrong, q6 required
        Test::writeFile(ans, R"({"scorecard":"other","version":1,"answers":{}})");
        r = Test::runCli({QStringLiteral("scorecard"), QStringLiteral("score"), tpl, ans});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("the answers are for other version 1"));
    }
};

QTEST_GUILESS_MAIN(TestCliScorecard)
#include "TestCliScorecard.moc"
