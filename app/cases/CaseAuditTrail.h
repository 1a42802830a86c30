#pragma once

#include "cache/AuditTrail.h"

namespace Earmark {

class Cache;

// The audit log as the audit window searches it (a repository for CacheWorker::run). A subject that is a case's
// reference or id stands for every entry about the case: its own (opened, notes, closed, evidence packs), its calls
// being linked, and its hold placed and released. A hold, run or request id finds the entries about it or naming it;
// any other text (a call id) the entries about it.
class CaseAuditTrail
{
public:
    explicit CaseAuditTrail(Cache& cache);

    // filter with its subjects and mentions set for subject (trimmed; empty: every entry).
    Result<AuditFilter> resolve(AuditFilter filter, const QString& subject);
    Result<AuditPage> read(const AuditFilter& filter, const QString& subject, int limit);
    Result<QByteArray> exportCsv(const AuditFilter& filter, const QString& subject, const QString& destination);

private:
    Cache& m_cache;
};

} // namespace Earmark
