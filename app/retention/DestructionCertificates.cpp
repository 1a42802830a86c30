#include "retention/DestructionCertificates.h"

#include "cache/Cache.h"
#include "cache/Roles.h"

namespace Earmark {

DestructionCertificates::DestructionCertificates(Cache& cache)
    : m_cache(cache)
{ }

Result<QList<CertificateInfo>> DestructionCertificates::list()
{
    if (auto st = m_cache.roles().require(Permission::ReadAudit); !st) {
        return st.error();
    }
    return DestructionCertificate::list(m_cache);
}

Result<QString> DestructionCertificates::exportTo(const QString& runId, const QString& folder)
{
    if (auto st = m_cache.roles().require(Permission::ReadAudit); !st) {
        return st.error();
    }
    return DestructionCertificate::exportTo(m_cache, runId, folder);
}

Result<QString> DestructionCertificates::verify(const QString& path)
{
    if (auto st = m_cache.roles().require(Permission::ReadAudit); !st) {
        return st.error();
    }
    return DestructionCertificate::verify(m_cache, path);
}

} // namespace Earmark
