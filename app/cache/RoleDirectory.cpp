#include "cache/RoleDirectory.h"

#include "cache/Cache.h"

namespace Earmark {

RoleDirectory::RoleDirectory(Cache& cache)
    : m_cache(cache)
{ }

MyRoles RoleDirectory::mine() const
{
    const Roles& roles = m_cache.roles();
    return MyRoles {roles.user(), roles.current(), true};
}

} // namespace Earmark
