#include "sync/SyncReport.h"

#include <QJsonArray>

namespace Earmark {

QJsonObject SyncReport::toJson() const
{
    QJsonArray rejects;
    for (const Rejection& r : rejected) {
        rejects.append(QJsonObject {{QStringLiteral("item"), r.item}, {QStringLiteral("reason"), r.reason}});
    }
    QJsonObject o {{QStringLiteral("imported"), imported}, {QStringLiteral("updated"), updated},
        {QStringLiteral("unchanged"), unchanged}, {QStringLiteral("erased"), erased},
        {QStringLiteral("rejected"), rejects}};
    if (erasuresDeferred > 0) {
        o.insert(QStringLiteral("erasures_deferred"), erasuresDeferred);
    }
    if (cancelled) {
        o.insert(QStringLiteral("cancelled"), true);
    }
    return o;
}

QString SyncReport::summary() const
{
    QString s = QStringLiteral("%1 imported, %2 updated, %3 unchanged, %4 erased, %5 rejected")
                    .arg(imported)
                    .arg(updated)
                    .arg(unchanged)
                    .arg(erased)
                    .arg(rejected.size());
    if (erasuresDeferred > 0) {
        s += QStringLiteral("; %1 erasure notices wait for legal holds to be released").arg(erasuresDeferred);
    }
    if (cancelled) {
        s += QStringLiteral(" (cancelled: the next sync finishes the job)");
    }
    return s;
}

} // namespace Earmark
