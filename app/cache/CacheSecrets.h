#pragma once

#include "core/Result.h"
#include "crypto/SigningKey.h"

namespace Earmark {

class Database;
class KeyHierarchy;

// The cache's long-lived secrets in cache_secrets, wrapped by the master key: today the Ed25519 signing key, made
// once per cache on first open. They outlive a rotation of the master key (re-wrapped, never replaced), so that the
// public key sent to recipients stays valid.
class CacheSecrets
{
public:
    // Loads the signing key, making and storing it when the cache has none yet.
    static Result<SigningKey> signingKey(Database& db, const KeyHierarchy& keys);
    // Re-wraps every secret from one master's keys to another's (inside the caller's transaction).
    static Status rewrap(Database& db, const KeyHierarchy& from, const KeyHierarchy& to);
};

} // namespace Earmark
