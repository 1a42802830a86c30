#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QDate>
#include <QSet>
#include <QString>

namespace Earmark {

// Bank holidays of one division of the UK, kept as data (resources/requests/, with its source and the years it
// covers): a working day is neither a Saturday, a Sunday nor one of these.
class BankHolidays
{
public:
    // England and Wales, from the resource built in (GOV.UK's list).
    static const BankHolidays& englandAndWales();
    // Reads the resource's format: {"division", "source", "years": [...], "events": [{"date", "title"}]}.
    static Result<BankHolidays> parse(const QByteArray& json);

    bool isHoliday(const QDate& day) const { return m_days.contains(day); }
    bool isWorkingDay(const QDate& day) const;
    // Whether the table lists that year's holidays (outside it only weekends are known).
    bool covers(int year) const { return year >= m_firstYear && year <= m_lastYear; }
    QString source() const { return m_source; }
    int firstYear() const { return m_firstYear; }
    int lastYear() const { return m_lastYear; }

private:
    QSet<QDate> m_days;
    QString m_source;
    int m_firstYear = 0;
    int m_lastYear = -1;
};

} // namespace Earmark
