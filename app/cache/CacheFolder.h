#pragma once

#include "core/Result.h"

#include <QString>

namespace Earmark {

// The cache folder's layout. Nothing in it reveals a phone number or name, and outside certificates/ no call id: blob
// files have random names.
//   earmark.db (+ -wal, -shm)   SQLCipher database
//   keyinfo.json               key mode, key id, check value (and, in passphrase mode, the wrapped master key)
//   audit.anchor               the newest signed audit checkpoint (rollback detection)
//   certificates/<run>.json    signed destruction certificates (+ .minisig): opaque call ids and audio hashes
//   blobs/xx/<random>          encrypted audio
//   CACHEDIR.TAG               keeps well-behaved backup tools out
class CacheFolder
{
public:
    explicit CacheFolder(QString root);

    // The folder given, else $EARMARK_CACHE, else the platform's app data location.
    static QString resolve(const QString& given);

    QString root() const { return m_root; }
    QString databasePath() const;
    QString keyInfoPath() const;
    QString anchorPath() const;
    QString blobsPath() const;
    // Signed destruction certificates written by destruction runs (also kept in the database).
    QString certificatesPath() const;

    // True when a cache was ever created here (a database or key info exists).
    bool exists() const;
    // Creates the folder 0700 with its CACHEDIR.TAG, and tightens existing files to 0600.
    Status prepare() const;

private:
    QString m_root;
};

} // namespace Earmark
