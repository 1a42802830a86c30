#pragma once

#include "core/Result.h"

#include <QHash>
#include <QString>

namespace Earmark {

class Cache;

// The cache's non-secret settings, each behind a named method, so that a key is spelled in one place.
class CacheSettings
{
public:
    explicit CacheSettings(Cache& cache);

    // Where the cache was last synced from: an absolute folder path or an s3:// URL ("" before the first sync).
    QString storeLocation();
    // Remembers the store; a folder path is made absolute first (a cron job and the window then agree).
    Status setStoreLocation(const QString& location);
    static QString normalisedStoreLocation(const QString& location);

    // The store's name from its store.json (the organisation packs name as their source; "" when it gives none).
    QString storeName();
    Status setStoreName(const QString& name);

    // The display name a reviewer (an OS user) chose, asked once.
    QString reviewerName(const QString& user);
    Status setReviewerName(const QString& user, const QString& name);
    // Every reviewer's display name, by OS user.
    Result<QHash<QString, QString>> reviewerNames();

private:
    Cache& m_cache;
};

// How a person is named wherever the window or a document names who did something: "Ann Reviewer (ann)" when they
// chose a display name, else their OS account.
QString reviewerLabel(const QHash<QString, QString>& names, const QString& user);

} // namespace Earmark
