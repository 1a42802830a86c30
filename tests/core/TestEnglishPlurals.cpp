// The English plural forms of %n texts, through Qt's own translate() as every tr() call reaches them.
#include "core/EnglishPlurals.h"

#include <QCoreApplication>
#include <QTest>

using namespace Earmark;

class TestEnglishPlurals : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(QCoreApplication::installTranslator(&m_plurals)); }

    void resolvesEachMarkerForOneAndForMany_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one") << "%n call(s) held" << 1 << "1 call held";
        QTest::newRow("many") << "%n call(s) held" << 3 << "3 calls held";
        QTest::newRow("none") << "%n call(s) held" << 0 << "0 calls held";
        QTest::newRow("two markers") << "%n day(s) left in %n request(s)" << 2 << "2 days left in 2 requests";
        QTest::newRow("es") << "%n match(es) found" << 1 << "1 match found";
        QTest::newRow("es many") << "%n match(es) found" << 5 << "5 matches found";
        QTest::newRow("own parenthesis kept") << "%n call(s) (held)" << 2 << "2 calls (held)";
        QTest::newRow("spaced marker kept") << "%n item (s)" << 2 << "2 item (s)";
        QTest::newRow("no count") << "%n day(s) overdue" << -1 << "%n day(s) overdue"; // n = -1: tr() without a count
    }

    void resolvesEachMarkerForOneAndForMany()
    {
        QFETCH(QString, source);
        QFETCH(int, n);
        QFETCH(QString, expected);
        QCOMPARE(QCoreApplication::translate("ctx", source.toUtf8().constData(), nullptr, n), expected);
    }

    void textsWithoutACountAreLeftAlone()
    {
        QCOMPARE(QCoreApplication::translate("ctx", "Show (s) as it is"), QStringLiteral("Show (s) as it is"));
        QCOMPARE(QCoreApplication::translate("ctx", "No markers: %n", nullptr, 4), QStringLiteral("No markers: 4"));
    }

private:
    EnglishPlurals m_plurals;
};

QTEST_GUILESS_MAIN(TestEnglishPlurals)
#include "TestEnglishPlurals.moc"
