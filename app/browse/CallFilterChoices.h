#pragma once

#include "core/Result.h"

#include <QList>
#include <QPair>
#include <QStringList>

namespace Earmark {

class Cache;

// What the call filter offers to choose from: the agents (id and a label with their name), and the clients,
// campaigns and dispositions the cached calls have.
struct FilterChoices
{
    QList<QPair<QString, QString>> agents; // id, label
    QStringList clients;
    QStringList campaigns;
    QStringList dispositions;
};

// Reads the filter's choices from the cache, by index seeks (fast for a million calls).
class CallFilterChoices
{
public:
    explicit CallFilterChoices(Cache& cache);

    Result<FilterChoices> load();

private:
    // The distinct values of an indexed column of calls, one index seek per value (a DISTINCT would walk every
    // row).
    Result<QStringList> distinct(const QString& column);

    Cache& m_cache;
};

} // namespace Earmark
