#include "core/TimeText.h"

#include <QDateTime>
#include <QTimeZone>
#include <algorithm>

namespace Earmark {

QString clockText(double seconds)
{
    const int t = static_cast<int>(seconds);
    return QStringLiteral("%1:%2").arg(t / 60).arg(t % 60, 2, 10, QLatin1Char('0'));
}

QString durationText(double seconds)
{
    const int s = static_cast<int>(std::max(0.0, seconds));
    if (s >= 3600) {
        return QStringLiteral("%1:%2:%3")
            .arg(s / 3600)
            .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    }
    return clockText(s);
}

QString utcText(qint64 secondsSinceEpoch)
{
    return QDateTime::fromSecsSinceEpoch(secondsSinceEpoch, QTimeZone::utc())
               .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"))
        + QLatin1Char('Z');
}

} // namespace Earmark
