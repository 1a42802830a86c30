#pragma once

#include "cache/AuditLog.h"
#include "cache/BlobFiles.h"
#include "cache/CacheFolder.h"
#include "cache/CallRepository.h"
#include "cache/Database.h"
#include "crypto/KeyHierarchy.h"

#include <memory>

namespace Earmark {

// An open encrypted cache: the database, the blob files and the keys derived from the master key.
// Used by one thread: the one that opened it (the CLI's main thread, the GUI's database worker).
class Cache
{
public:
    // Opens the cache in folder with the master key, creating the database when create is true, and migrates it.
    static Result<std::unique_ptr<Cache>> open(const CacheFolder& folder, const SecretKey& master, bool create);

    const CacheFolder& folder() const { return m_folder; }
    Database& database() { return *m_db; }
    const KeyHierarchy& keys() const { return m_keys; }
    BlobFiles& blobs() { return m_blobs; }
    CallRepository& calls() { return m_calls; }
    AuditLog& audit() { return m_audit; }

    // Non-secret settings kept in the cache (e.g. "store": where it was last synced from).
    QString setting(const QString& key);
    Status setSetting(const QString& key, const QString& value);

    // Deletes blob files no call refers to (left by an interrupted sync; unreadable without their keys).
    Result<int> collectGarbage();

    // Checks the whole cache: every page of the database, every call key, personal field, transcript and audio
    // blob, and the audit chain. Returns the first problem found.
    Status verify();

private:
    Cache(CacheFolder folder, std::unique_ptr<Database> db, const SecretKey& master);

    CacheFolder m_folder;
    std::unique_ptr<Database> m_db;
    KeyHierarchy m_keys;
    BlobFiles m_blobs;
    CallRepository m_calls;
    AuditLog m_audit;
};

} // namespace Earmark
