#include "core/TimeText.h"

namespace Earmark {

QString clockText(double seconds)
{
    const int t = static_cast<int>(seconds);
    return QStringLiteral("%1:%2").arg(t / 60).arg(t % 60, 2, 10, QLatin1Char('0'));
}

} // namespace Earmark
