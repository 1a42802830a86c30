#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Earmark {

struct Rejection
{
    QString item; // store key, e.g. "v1/2026/03/14/C-1.json"
    QString reason;
};

struct SyncProgress
{
    qint64 callsDone = 0;
    qint64 callsTotal = 0;
    qint64 bytesDone = 0;
    QString phase;
};

struct SyncReport
{
    int imported = 0;
    int updated = 0;
    int unchanged = 0;
    int erased = 0;
    int erasuresDeferred = 0; // erasure notices for held calls, waiting for their holds to be released
    QString erasureCertificate; // the destruction certificate of this sync's erasures, when any were destroyed
    QList<Rejection> rejected;
    bool cancelled = false;
    qint64 bytesRead = 0;
    qint64 audioBytesRead = 0;

    // {"imported": n, "updated": n, "unchanged": n, "erased": n, "rejected": [{"item": ..., "reason": ...}]}, plus
    // "erasures_deferred" when not zero.
    QJsonObject toJson() const;
    QString summary() const;
};

} // namespace Earmark
