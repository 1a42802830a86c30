#include "requests/BankHolidays.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

static void initRequestsResource()
{
    Q_INIT_RESOURCE(requests);
}

namespace Earmark {

Result<BankHolidays> BankHolidays::parse(const QByteArray& json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    const QJsonArray years = o.value(QStringLiteral("years")).toArray();
    const QJsonArray events = o.value(QStringLiteral("events")).toArray();
    if (years.isEmpty() || events.isEmpty() || o.value(QStringLiteral("source")).toString().isEmpty()) {
        return makeError(QStringLiteral("The bank-holiday table needs a source, its years and its dates."));
    }
    BankHolidays b;
    b.m_source = o.value(QStringLiteral("source")).toString();
    b.m_firstYear = years.first().toInt();
    b.m_lastYear = years.last().toInt();
    for (const auto& e : events) {
        const QDate d = QDate::fromString(e.toObject().value(QStringLiteral("date")).toString(), Qt::ISODate);
        if (!d.isValid() || !b.covers(d.year())) {
            return makeError(QStringLiteral("The bank-holiday table has a date it cannot read or outside its years: %1")
                                 .arg(e.toObject().value(QStringLiteral("date")).toString()));
        }
        b.m_days.insert(d);
    }
    return b;
}

const BankHolidays& BankHolidays::englandAndWales()
{
    static const BankHolidays table = [] {
        initRequestsResource();
        QFile f(QStringLiteral(":/earmark/requests/bank-holidays-england-and-wales.json"));
        if (!f.open(QIODevice::ReadOnly)) {
            qFatal("the bank-holiday table is not built in");
        }
        auto parsed = parse(f.readAll());
        if (!parsed) {
            qFatal("the built-in bank-holiday table is broken: %s", qPrintable(parsed.errorMessage()));
        }
        return std::move(parsed.value());
    }();
    return table;
}

bool BankHolidays::isWorkingDay(const QDate& day) const
{
    return day.dayOfWeek() < 6 && !isHoliday(day);
}

} // namespace Earmark
