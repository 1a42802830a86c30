// Subject access deadlines (ICO): one calendar month, the month's last day when the day does not exist, then past
// weekends and England and Wales bank holidays to the next working day; three months when extended.
#include "requests/BankHolidays.h"
#include "requests/SarDeadline.h"

#include <QTest>

using namespace Earmark;

class TestSarDeadline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theBuiltInTableIsGovUks()
    {
        const BankHolidays& b = BankHolidays::englandAndWales();
        QVERIFY(b.source().contains(QLatin1String("gov.uk")));
        QVERIFY(b.covers(2024) && b.covers(2027) && !b.covers(2028));
        QVERIFY(b.isHoliday(QDate(2026, 12, 28))); // Boxing Day's substitute
        QVERIFY(!b.isHoliday(QDate(2026, 12, 26)));
        QVERIFY(b.isHoliday(QDate(2027, 3, 26))); // Good Friday
        QVERIFY(!b.isWorkingDay(QDate(2026, 12, 5))); // a Saturday
        QVERIFY(b.isWorkingDay(QDate(2026, 12, 2)));
        QVERIFY(!BankHolidays::parse("{\"years\": [2026], \"events\": []}"));
        QVERIFY(
            !BankHolidays::parse("{\"source\": \"x\", \"years\": [2026], \"events\": [{\"date\": \"2025-12-25\"}]}"));
    }

    void deadlines_data()
    {
        QTest::addColumn<QDate>("start");
        QTest::addColumn<int>("months");
        QTest::addColumn<QDate>("deadline");
        QTest::addColumn<QDate>("unadjusted");
        QTest::addColumn<bool>("beyondTable");
        QTest::newRow("an ordinary day") << QDate(2026, 10, 14) << 1 << QDate(2026, 11, 16) << QDate(2026, 11, 14)
                                         << false;
        QTest::newRow("31 January, February of a common year ends on a Saturday")
            << QDate(2026, 1, 31) << 1 << QDate(2026, 3, 2) << QDate(2026, 2, 28) << false;
        QTest::newRow("31 January in a leap year: 29 February")
            << QDate(2024, 1, 31) << 1 << QDate(2024, 2, 29) << QDate(2024, 2, 29) << false;
        QTest::newRow("29 January in a leap year")
            << QDate(2024, 1, 29) << 1 << QDate(2024, 2, 29) << QDate(2024, 2, 29) << false;
        QTest::newRow("29 January, no 29 February: the 28th")
            << QDate(2025, 1, 29) << 1 << QDate(2025, 2, 28) << QDate(2025, 2, 28) << false;
        QTest::newRow("29 February to 29 March")
            << QDate(2024, 2, 29) << 1 << QDate(2024, 4, 2) << QDate(2024, 3, 29) << false;
        QTest::newRow("31 August: no 31 September")
            << QDate(2025, 8, 31) << 1 << QDate(2025, 9, 30) << QDate(2025, 9, 30) << false;
        QTest::newRow("into the summer bank holiday")
            << QDate(2026, 7, 31) << 1 << QDate(2026, 9, 1) << QDate(2026, 8, 31) << false;
        QTest::newRow("Christmas, a weekend and Boxing Day's substitute")
            << QDate(2026, 11, 25) << 1 << QDate(2026, 12, 29) << QDate(2026, 12, 25) << false;
        QTest::newRow("Good Friday to Easter Monday")
            << QDate(2026, 3, 3) << 1 << QDate(2026, 4, 7) << QDate(2026, 4, 3) << false;
        QTest::newRow("received today") << QDate(2026, 12, 2) << 1 << QDate(2027, 1, 4) << QDate(2027, 1, 2) << false;
        QTest::newRow("extended by two months")
            << QDate(2026, 1, 31) << 3 << QDate(2026, 4, 30) << QDate(2026, 4, 30) << false;
        QTest::newRow("extended over a month end: 30 November to 28 February")
            << QDate(2026, 11, 30) << 3 << QDate(2027, 3, 1) << QDate(2027, 2, 28) << false;
        QTest::newRow("past the table: weekends only, and it says so")
            << QDate(2027, 12, 15) << 1 << QDate(2028, 1, 17) << QDate(2028, 1, 15) << true;
    }

    void deadlines()
    {
        QFETCH(QDate, start);
        QFETCH(int, months);
        QFETCH(QDate, deadline);
        QFETCH(QDate, unadjusted);
        QFETCH(bool, beyondTable);
        const SarDeadline d = SarDeadline::compute(start, months, BankHolidays::englandAndWales());
        QCOMPARE(d.unadjusted, unadjusted);
        QCOMPARE(d.date, deadline);
        QCOMPARE(d.beyondTable, beyondTable);
        QVERIFY(BankHolidays::englandAndWales().isWorkingDay(d.date));
        if (d.date != d.unadjusted) {
            QVERIFY(!d.why.isEmpty());
        }
    }

    void daysLeftCountsDownAndGoesNegative()
    {
        QCOMPARE(SarDeadline::daysLeft(QDate(2026, 12, 2), QDate(2027, 1, 4)), 33);
        QCOMPARE(SarDeadline::daysLeft(QDate(2027, 1, 4), QDate(2027, 1, 4)), 0);
        QCOMPARE(SarDeadline::daysLeft(QDate(2027, 1, 6), QDate(2027, 1, 4)), -2);
    }
};

QTEST_GUILESS_MAIN(TestSarDeadline)
#include "TestSarDeadline.moc"
