#include "core/Progress.h"

namespace Earmark {

void Progress::report(qint64 done, qint64 total)
{
    m_total.store(total);
    m_done.store(done);
}

QString Progress::cancelledMessage(const QString& notDone)
{
    return QStringLiteral("Cancelled: %1.").arg(notDone);
}

bool Progress::isCancelledMessage(const QString& message)
{
    return message.startsWith(QLatin1String("Cancelled: "));
}

} // namespace Earmark
