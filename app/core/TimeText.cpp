#include "core/TimeText.h"

#include <QDateTime>
#include <QTimeZone>

namespace Earmark {

QString clockText(double seconds)
{
    const int t = static_cast<int>(seconds);
    return QStringLiteral("%1:%2").arg(t / 60).arg(t % 60, 2, 10, QLatin1Char('0'));
}

QString utcText(qint64 secondsSinceEpoch)
{
    return QDateTime::fromSecsSinceEpoch(secondsSinceEpoch, QTimeZone::utc())
               .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"))
        + QLatin1Char('Z');
}

} // namespace Earmark
