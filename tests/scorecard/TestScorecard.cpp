#include "TestSupport.h"
#include "scorecard/Scoring.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Earmark;
using namespace Earmark::Scorecard;

namespace {
QByteArray example()
{
    return Test::readFile(Test::sourcePath(QStringLiteral("scorecard/worked-example.json")));
}

Template exampleTemplate()
{
    return Template::parse(example(), nullptr).value();
}

QJsonObject answers(const char* json)
{
    return QJsonDocument::fromJson(json).object();
}

// Replaces the value at a JSON path like "sections.0.questions.1.min" (undefined removes it).
QJsonValue edit(const QJsonValue& node, QStringList path, const QJsonValue& value)
{
    if (path.isEmpty()) {
        return value;
    }
    const QString key = path.takeFirst();
    bool isIndex = false;
    const int index = key.toInt(&isIndex);
    if (isIndex) {
        QJsonArray a = node.toArray();
        a[index] = edit(a.at(index), path, value);
        return a;
    }
    QJsonObject o = node.toObject();
    if (path.isEmpty() && value.isUndefined()) {
        o.remove(key);
    } else {
        o[key] = edit(o.value(key), path, value);
    }
    return o;
}
} // namespace

class TestScorecard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Worked by hand from the rules (docs in the comments). Section A weight 2: q1 yes/no (w1, fail_section),
    // q2 scale 1-5 (w2), q3 choice good 10 / ok 5 / poor 0 fail section (w1), q4 text. Section B weight 1:
    // q5 yes/no (w1, fail_form), q6 yes/no shown if q5 = yes, "na" not allowed. Pass mark 80.
    void workedExamples_data()
    {
        QTest::addColumn<QByteArray>("given");
        QTest::addColumn<QVariant>("score");
        QTest::addColumn<QString>("result");
        QTest::addColumn<QString>("autoFail");
        QTest::addColumn<QVariant>("a");
        QTest::addColumn<QVariant>("b");
        // A = (1x1 + 0.75x2 + 0.5x1) / 4 = 0.75; B = (1 + 0) / 2 = 0.5; form = (0.75x2 + 0.5x1) / 3 = 66.67
        QTest::newRow("weights") << QByteArray(R"({"q1":"yes","q2":4,"q3":"ok","q5":"yes","q6":"no"})")
                                 << QVariant(66.7) << "fail"
                                 << "" << QVariant(75.0) << QVariant(50.0);
        // Everything right: 100, pass.
        QTest::newRow("all right") << QByteArray(R"({"q1":"yes","q2":5,"q3":"good","q5":"yes","q6":"yes"})")
                                   << QVariant(100.0) << "pass"
                                   << "" << QVariant(100.0) << QVariant(100.0);
        // q1 "no" triggers fail_section: A = 0 but stays applicable; B = 1; form = (0x2 + 1x1) / 3 = 33.3
        QTest::newRow("fail_section") << QByteArray(R"({"q1":"no","q2":5,"q3":"good","q5":"yes","q6":"yes"})")
                                      << QVariant(33.3) << "fail"
                                      << "" << QVariant(0.0) << QVariant(100.0);
        // The poor option fails its section too.
        QTest::newRow("option fails section")
            << QByteArray(R"({"q1":"yes","q2":5,"q3":"poor","q5":"yes","q6":"yes"})") << QVariant(33.3) << "fail"
            << "" << QVariant(0.0) << QVariant(100.0);
        // q5 "no" triggers fail_form: 0, fail, auto_fail q5; q6 is hidden (not applicable): B = 0/1 = 0
        QTest::newRow("fail_form") << QByteArray(R"({"q1":"yes","q2":5,"q3":"good","q5":"no"})") << QVariant(0.0)
                                   << "fail"
                                   << "q5" << QVariant(100.0) << QVariant(0.0);
        // N/A leaves questions out: A = q1 only = 1; B = 1: 100, pass.
        QTest::newRow("na") << QByteArray(R"({"q1":"yes","q2":"na","q3":"na","q5":"yes","q6":"yes"})")
                            << QVariant(100.0) << "pass"
                            << "" << QVariant(100.0) << QVariant(100.0);
        // Section A wholly N/A: not applicable; the form is B alone: (1 + 0) / 2 = 50.
        QTest::newRow("section not applicable")
            << QByteArray(R"({"q1":"na","q2":"na","q3":"na","q5":"yes","q6":"no"})") << QVariant(50.0) << "fail"
            << "" << QVariant() << QVariant(50.0);
        // Scale: (2 - 1) / 4 = 0.25; A = (1 + 0.5 + 1) / 4 = 0.625; B = 1; form = (1.25 + 1) / 3 = 75.0
        QTest::newRow("scale") << QByteArray(R"({"q1":"yes","q2":2,"q3":"good","q5":"yes","q6":"yes"})")
                               << QVariant(75.0) << "fail"
                               << "" << QVariant(62.5) << QVariant(100.0);
    }

    void workedExamples()
    {
        QFETCH(QByteArray, given);
        QFETCH(QVariant, score);
        QFETCH(QString, result);
        QFETCH(QString, autoFail);
        QFETCH(QVariant, a);
        QFETCH(QVariant, b);
        const Template t = exampleTemplate();
        const QJsonObject ans = QJsonDocument::fromJson(given).object();
        QVERIFY2(checkAnswers(t, ans).isEmpty(), qPrintable(checkAnswers(t, ans).value(0).text()));
        const ScoreResult r = Scorecard::score(t, ans);
        QCOMPARE(r.score.value_or(-1), score.toDouble());
        QCOMPARE(r.pass ? QStringLiteral("pass") : QStringLiteral("fail"), result);
        QCOMPARE(r.autoFail, autoFail);
        QCOMPARE(r.sections.size(), 2);
        QCOMPARE(r.sections.at(0).second.has_value(), a.isValid());
        QCOMPARE(r.sections.at(0).second.value_or(-1), a.isValid() ? a.toDouble() : -1.0);
        QCOMPARE(r.sections.at(1).second.value_or(-1), b.isValid() ? b.toDouble() : -1.0);
    }

    void roundingIsHalfAwayFromZeroAtTheEndOnly()
    {
        QCOMPARE(roundOneDecimal(12.45), 12.5);
        QCOMPARE(roundOneDecimal(12.44), 12.4);
        QCOMPARE(roundOneDecimal(66.66666), 66.7);
        QCOMPARE(roundOneDecimal(0.05), 0.1);
        QCOMPARE(roundOneDecimal(-0.05), -0.1);
        QCOMPARE(roundOneDecimal(80.0), 80.0);
        // A choice worth 2490 of 20000 points: 12.45 exactly in decimal, rounded once at the end.
        const QByteArray t = R"({"schema":"earmark.scorecard/1","id":"r","version":1,"title":"R","pass_mark":12.5,
            "sections":[{"id":"s","title":"S","questions":[{"id":"c","text":"C","type":"choice","options":[
            {"id":"x","label":"x","points":2490},{"id":"y","label":"y","points":20000}]}]}]})";
        const Template tpl = Template::parse(t, nullptr).value();
        const ScoreResult r = Scorecard::score(tpl, answers(R"({"c":"x"})"));
        QCOMPARE(*r.score, 12.5);
        QVERIFY(r.pass); // 12.5 >= 12.5
    }

    void showIfAnyAndAll()
    {
        Question q;
        q.showIf = QJsonDocument::fromJson(
            R"({"any":[{"question":"a","answer":"no"},{"all":[{"question":"b","answer":3},{"question":"c","answer":"x"}]}]})")
                       .object();
        QVERIFY(isShown(q, answers(R"({"a":"no"})")));
        QVERIFY(isShown(q, answers(R"({"a":"yes","b":3,"c":"x"})")));
        QVERIFY(!isShown(q, answers(R"({"a":"yes","b":3,"c":"y"})")));
        QVERIFY(!isShown(q, answers(R"({})")));
    }

    void answersThatDoNotFit()
    {
        const Template t = exampleTemplate();
        const auto problems
            = checkAnswers(t, answers(R"({"q1":"maybe","q2":7,"q3":"great","q4":3,"zz":"yes","q5":"yes","q6":"na"})"));
        QStringList text;
        for (const auto& p : problems) {
            text << p.text();
        }
        const QString all = text.join(QLatin1Char('\n'));
        for (const char* expected :
            {"$.answers.q1: must be \"yes\", \"no\" or \"na\"", "$.answers.q2: must be a whole number from 1 to 5",
                "$.answers.q3: must be one of good, ok, poor", "$.answers.q4: must be text",
                "$.answers.zz: no question \"zz\"", "$.answers.q6: \"na\" is not allowed"}) {
            QVERIFY2(all.contains(QLatin1String(expected)), qPrintable(all));
        }
        // Required and shown, but unanswered; a hidden question is not required.
        const auto missing = checkAnswers(t, answers(R"({"q1":"yes","q2":3,"q3":"ok","q5":"no"})"));
        QCOMPARE(missing.size(), 0);
        const auto missingQ6 = checkAnswers(t, answers(R"({"q1":"yes","q2":3,"q3":"ok","q5":"yes"})"));
        QCOMPARE(missingQ6.size(), 1);
        QCOMPARE(missingQ6.first().text(), QStringLiteral("$.answers.q6: required, not answered"));
    }

    void everyTemplateErrorNamesItsPath_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("expected");
        const QJsonValue gone(QJsonValue::Undefined);
        QTest::newRow("schema") << "schema" << QJsonValue(QStringLiteral("earmark.scorecard/2"))
                                << "$.schema: must be \"earmark.scorecard/1\"";
        QTest::newRow("id") << "id" << QJsonValue(QStringLiteral("Bad Id")) << "$.id: must match";
        QTest::newRow("version zero") << "version" << QJsonValue(0) << "$.version: must be a positive integer";
        QTest::newRow("version fraction") << "version" << QJsonValue(1.5) << "$.version: must be a positive integer";
        QTest::newRow("pass mark") << "pass_mark" << QJsonValue(101) << "$.pass_mark: must be a number from 0 to 100";
        QTest::newRow("title") << "title" << gone << "$.title: must be a non-empty string";
        QTest::newRow("no sections") << "sections" << QJsonValue(QJsonArray())
                                     << "$.sections: must be a non-empty array";
        QTest::newRow("section weight") << "sections.0.weight" << QJsonValue(-1)
                                        << "$.sections[0].weight: must be a number >= 0";
        QTest::newRow("duplicate id") << "sections.1.questions.0.id" << QJsonValue(QStringLiteral("q1"))
                                      << "$.sections[1].questions[0].id: \"q1\" is used twice";
        QTest::newRow("section and question share ids")
            << "sections.1.id" << QJsonValue(QStringLiteral("q2")) << "$.sections[1].id: \"q2\" is used twice";
        QTest::newRow("type") << "sections.0.questions.0.type" << QJsonValue(QStringLiteral("stars"))
                              << "$.sections[0].questions[0].type: must be yes_no, scale, choice or text";
        QTest::newRow("scale min max") << "sections.0.questions.1.max" << QJsonValue(1)
                                       << "$.sections[0].questions[1].max: must be greater than min";
        QTest::newRow("scale not integer")
            << "sections.0.questions.1.min" << QJsonValue(0.5) << "$.sections[0].questions[1]: a scale needs integer";
        QTest::newRow("question weight") << "sections.0.questions.1.weight" << QJsonValue(QStringLiteral("2"))
                                         << "$.sections[0].questions[1].weight: must be a number >= 0";
        QTest::newRow("no options") << "sections.0.questions.2.options" << QJsonValue(QJsonArray())
                                    << "$.sections[0].questions[2].options: a choice needs";
        QTest::newRow("negative points") << "sections.0.questions.2.options.0.points" << QJsonValue(-5)
                                         << "$.sections[0].questions[2].options[0].points: must be a number >= 0";
        QTest::newRow("duplicate option") << "sections.0.questions.2.options.1.id" << QJsonValue(QStringLiteral("good"))
                                          << "$.sections[0].questions[2].options[1].id: \"good\" is used twice";
        QTest::newRow("option fail") << "sections.0.questions.2.options.2.fail" << QJsonValue(QStringLiteral("call"))
                                     << "$.sections[0].questions[2].options[2].fail: must be \"form\" or \"section\"";
        QTest::newRow("critical value")
            << "sections.0.questions.0.critical" << QJsonValue(QStringLiteral("fatal"))
            << "$.sections[0].questions[0].critical: must be \"fail_form\" or \"fail_section\"";
        QTest::newRow("critical on scale")
            << "sections.0.questions.1.critical" << QJsonValue(QStringLiteral("fail_form"))
            << "only a yes_no question can be critical";
        QTest::newRow("na_allowed type") << "sections.0.questions.0.na_allowed" << QJsonValue(QStringLiteral("no"))
                                         << "$.sections[0].questions[0].na_allowed: must be true or false";
        QTest::newRow("show_if unknown") << "sections.1.questions.1.show_if.question"
                                         << QJsonValue(QStringLiteral("q99"))
                                         << "$.sections[1].questions[1].show_if.question: names no question";
        QTest::newRow("show_if shape") << "sections.1.questions.1.show_if" << QJsonValue(QStringLiteral("q5"))
                                       << "$.sections[1].questions[1].show_if: must be an object";
        QTest::newRow("auto check") << "sections.0.questions.0.auto"
                                    << QJsonValue(QJsonObject {{QStringLiteral("check"), QStringLiteral("sentiment")}})
                                    << "$.sections[0].questions[0].auto.check: unknown check";
        QTest::newRow("question text") << "sections.0.questions.0.text" << gone
                                       << "$.sections[0].questions[0].text: must be a non-empty string";
    }

    void everyTemplateErrorNamesItsPath()
    {
        QFETCH(QString, path);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        const QJsonValue edited
            = edit(QJsonDocument::fromJson(example()).object(), path.split(QLatin1Char('.')), value);
        QList<Problem> problems;
        QVERIFY(!Template::parse(QJsonDocument(edited.toObject()).toJson(), &problems).ok());
        QStringList text;
        for (const auto& p : problems) {
            text << p.text();
        }
        QVERIFY2(text.join(QLatin1Char('\n')).contains(expected), qPrintable(text.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestScorecard)
#include "TestScorecard.moc"
