#include "requests/SarDeadline.h"

#include "requests/BankHolidays.h"

namespace Earmark {

QDate SarDeadline::calendarMonthsLater(const QDate& start, int months)
{
    const QDate first = QDate(start.year(), start.month(), 1).addMonths(months);
    return QDate(first.year(), first.month(), qMin(start.day(), first.daysInMonth()));
}

SarDeadline SarDeadline::compute(const QDate& start, int months, const BankHolidays& holidays)
{
    SarDeadline d;
    d.unadjusted = calendarMonthsLater(start, months);
    const QDate first = QDate(start.year(), start.month(), 1).addMonths(months);
    if (start.day() > first.daysInMonth()) {
        d.why << QStringLiteral("%1 %2 does not exist: the last day of the month, %3")
                     .arg(start.day())
                     .arg(first.toString(QStringLiteral("MMMM")), d.unadjusted.toString(QStringLiteral("d MMMM yyyy")));
    }
    QDate day = d.unadjusted;
    while (!holidays.isWorkingDay(day)) {
        if (!holidays.covers(day.year())) {
            d.beyondTable = true;
        }
        d.why << (day.dayOfWeek() >= 6
                ? QStringLiteral("%1 is a %2").arg(day.toString(Qt::ISODate), day.toString(QStringLiteral("dddd")))
                : QStringLiteral("%1 is a bank holiday").arg(day.toString(Qt::ISODate)));
        day = day.addDays(1);
    }
    if (!holidays.covers(day.year())) {
        d.beyondTable = true;
    }
    if (d.beyondTable) {
        d.why << QStringLiteral("the bank-holiday table (%1 to %2) does not cover %3: only weekends were counted")
                     .arg(holidays.firstYear())
                     .arg(holidays.lastYear())
                     .arg(day.year());
    }
    d.date = day;
    return d;
}

} // namespace Earmark
