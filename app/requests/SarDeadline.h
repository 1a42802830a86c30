#pragma once

#include <QDate>
#include <QStringList>

namespace Earmark {

class BankHolidays;

// When a subject access request must be answered (ICO guidance on the UK GDPR, Art. 12(3)): one calendar month from
// the day it was received (or the day the requester's identity was confirmed, when it was asked for), that is the
// same day of the next month; when that day does not exist, the last day of that month; when the day found is a
// Saturday, a Sunday or a bank holiday, the next working day. Extended by up to two further months: the same rule,
// three months from the start.
struct SarDeadline
{
    QDate date;
    QDate unadjusted; // the day before moving past weekends and holidays
    bool beyondTable = false; // the bank-holiday table did not cover a day looked at: weekends only
    QStringList why; // how the date was found, in words ("30 February does not exist: 28 February", ...)

    static SarDeadline compute(const QDate& start, int months, const BankHolidays& holidays);
    // The same day months later, or the month's last day when it has no such day.
    static QDate calendarMonthsLater(const QDate& start, int months);
    // Calendar days from today to the deadline: 0 on the day, negative when overdue.
    static int daysLeft(const QDate& today, const QDate& deadline) { return int(today.daysTo(deadline)); }
};

} // namespace Earmark
