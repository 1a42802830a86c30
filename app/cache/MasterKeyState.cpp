#include "cache/MasterKeyState.h"

#include "cache/Cache.h"

namespace Earmark {

MasterKeyState::MasterKeyState(Cache& cache)
    : m_cache(cache)
{ }

QByteArray MasterKeyState::masterCheck() const
{
    return m_cache.masterCheck();
}

bool MasterKeyState::rotationDue()
{
    return m_cache.rotationDue();
}

Status MasterKeyState::rotate(const SecretKey& newMaster)
{
    return m_cache.rotateMaster(newMaster);
}

} // namespace Earmark
