#include "store/StoreInfo.h"

#include "store/JsonFields.h"

#include <QJsonValue>
#include <cmath>

namespace Earmark {

Result<StoreInfo> StoreInfo::parse(const QByteArray& bytes)
{
    auto o = JsonFields::parseObject(bytes);
    if (!o) {
        return o.error();
    }
    StoreInfo info;
    info.name = o->value(QStringLiteral("name")).toString();
    const QJsonValue days = o->value(QStringLiteral("retention_days"));
    if (days.isUndefined() || days.isNull()) {
        return info;
    }
    const double d = days.toDouble(-1);
    if (!days.isDouble() || d != std::floor(d) || d < 1 || d > MaxRetentionDays) {
        return makeError(QStringLiteral("field \"retention_days\" must be a whole number of days from 1 to %1 (the "
                                        "privacy statement's two years are 730)")
                             .arg(MaxRetentionDays));
    }
    info.retentionDays = static_cast<int>(d);
    info.retentionGiven = true;
    return info;
}

} // namespace Earmark
