// Lengths and moments as the views show them: one rule, so that the list, the call's header and the player agree.
#include "core/TimeText.h"

#include <QTest>

using namespace Earmark;

class TestTimeText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void durations_data()
    {
        QTest::addColumn<double>("seconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("cut, not rounded") << 72.6 << "1:12"; // the player shows 1:12.6
        QTest::newRow("whole") << 73.0 << "1:13";
        QTest::newRow("under a minute") << 52.4 << "0:52";
        QTest::newRow("zero") << 0.0 << "0:00";
        QTest::newRow("negative is zero") << -3.0 << "0:00";
        QTest::newRow("an hour and more") << 3725.9 << "1:02:05";
    }

    void durations()
    {
        QFETCH(double, seconds);
        QFETCH(QString, text);
        QCOMPARE(durationText(seconds), text);
    }

    void aMomentAndALengthAgreeBelowAnHour() { QCOMPARE(durationText(72.6), clockText(72.6)); }
};

QTEST_GUILESS_MAIN(TestTimeText)
#include "TestTimeText.moc"
