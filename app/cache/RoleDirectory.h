#pragma once

#include "cache/Roles.h"

#include <QSet>
#include <QString>

namespace Earmark {

class Cache;

// The acting user and their roles, as the window needs them to show what each role may do.
struct MyRoles
{
    QString user;
    QSet<Role> roles;
    bool known = false; // false until the cache's roles were read
};

// The roles of the open cache for the window (a repository run through CacheWorker::run): who the acting user is and
// what they may do. The checks themselves stay in the core library (Roles::require); this only lets the window hide
// or disable what would be refused.
class RoleDirectory
{
public:
    explicit RoleDirectory(Cache& cache);

    MyRoles mine() const;

private:
    Cache& m_cache;
};

} // namespace Earmark
