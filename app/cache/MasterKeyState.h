#pragma once

#include "core/Result.h"
#include "crypto/SecretKey.h"

#include <QByteArray>

namespace Earmark {

class Cache;

// The open cache's master key as the window's key rotation needs it (a repository for CacheWorker::run): which
// master it uses, whether a destruction asks for a new one, and the rotation itself (Cache::rotateMaster).
class MasterKeyState
{
public:
    explicit MasterKeyState(Cache& cache);

    QByteArray masterCheck() const;
    bool rotationDue();
    Status rotate(const SecretKey& newMaster);

private:
    Cache& m_cache;
};

} // namespace Earmark
