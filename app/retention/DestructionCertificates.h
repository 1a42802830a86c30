#pragma once

#include "core/Result.h"
#include "retention/DestructionCertificate.h"

#include <QList>
#include <QString>

namespace Earmark {

class Cache;

// The destruction certificates for the window (a repository on the cache's worker): the list, a copy for an auditor
// and the check of a certificate file. Each needs the right to read the audit log (Permission::ReadAudit), as the
// CLI's certificate commands do.
class DestructionCertificates
{
public:
    explicit DestructionCertificates(Cache& cache);

    // Every certificate the cache has issued, newest first.
    Result<QList<CertificateInfo>> list();
    // Writes the certificate of runId and its .minisig into folder; returns the JSON file's path.
    Result<QString> exportTo(const QString& runId, const QString& folder);
    // Checks a certificate file (or its .minisig) against this cache; returns its run id.
    Result<QString> verify(const QString& path);

private:
    Cache& m_cache;
};

} // namespace Earmark
