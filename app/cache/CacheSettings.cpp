#include "cache/CacheSettings.h"

#include "cache/Cache.h"
#include "cache/Statement.h"

#include <QFileInfo>

namespace Earmark {

namespace {
const QString kStore = QStringLiteral("store");
const QString kReviewerName = QStringLiteral("reviewer.name.");
} // namespace

CacheSettings::CacheSettings(Cache& cache)
    : m_cache(cache)
{ }

QString CacheSettings::storeLocation()
{
    return m_cache.setting(kStore);
}

QString CacheSettings::normalisedStoreLocation(const QString& location)
{
    if (location.isEmpty() || location.startsWith(QLatin1String("s3://"))) {
        return location;
    }
    return QFileInfo(location).absoluteFilePath();
}

Status CacheSettings::setStoreLocation(const QString& location)
{
    return m_cache.setSetting(kStore, normalisedStoreLocation(location));
}

QString CacheSettings::storeName()
{
    return m_cache.setting(QStringLiteral("store_name"));
}

Status CacheSettings::setStoreName(const QString& name)
{
    return m_cache.setSetting(QStringLiteral("store_name"), name.trimmed());
}

QString CacheSettings::reviewerName(const QString& user)
{
    return m_cache.setting(kReviewerName + user);
}

Status CacheSettings::setReviewerName(const QString& user, const QString& name)
{
    return m_cache.setSetting(kReviewerName + user, name);
}

Result<QHash<QString, QString>> CacheSettings::reviewerNames()
{
    auto s = m_cache.database().prepare(QStringLiteral("SELECT key, value FROM settings WHERE key LIKE ?"));
    if (!s) {
        return s.error();
    }
    s->bind(1, kReviewerName + QLatin1Char('%'));
    QHash<QString, QString> out;
    auto st = s->forEachRow([&] { out.insert(s->text(0).mid(kReviewerName.size()), s->text(1)); });
    if (!st) {
        return st.error();
    }
    return out;
}

QString reviewerLabel(const QHash<QString, QString>& names, const QString& user)
{
    const QString name = names.value(user);
    return name.isEmpty() ? user : QStringLiteral("%1 (%2)").arg(name, user);
}

} // namespace Earmark
