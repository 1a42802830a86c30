#pragma once

#include "cache/AuditLog.h"

#include <optional>

namespace Earmark {

class Cache;

struct AuditPage
{
    QList<AuditEntry> entries;
    bool truncated = false; // more entries matched than were read
    std::optional<AuditCheckpoint> checkpoint; // the newest signed checkpoint
    QString checkpointText; // what its signature covers
    QString publicKey; // the cache's key, as minisign -P takes it
};

// The audit log as administrators and auditors read it in the window (a repository for CacheWorker::run): filtered
// pages of entries, the full check, and the CSV export, which is itself audited.
class AuditTrail
{
public:
    explicit AuditTrail(Cache& cache);

    Result<AuditPage> read(const AuditFilter& filter, int limit);
    Status verify();
    // Records a read or export of personal data made outside the cache's own code (a file the window wrote):
    // action names what ("report.export", "evaluation.pdf"), subject the opaque id it is about.
    Status record(const QString& action, const QString& subject, const QString& detail);
    // The entries filter selects, as CSV (seq,at_utc,actor,action,subject,detail,hash); records the export.
    Result<QByteArray> exportCsv(const AuditFilter& filter, const QString& destination);
    static QByteArray csv(const QList<AuditEntry>& entries);

private:
    Cache& m_cache;
};

} // namespace Earmark
