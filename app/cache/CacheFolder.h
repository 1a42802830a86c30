#pragma once

#include "core/Result.h"

#include <QString>

namespace Earmark {

// The cache folder's layout. Nothing in it reveals a call id, phone number or name: blob files have random names.
//   earmark.db (+ -wal, -shm)   SQLCipher database
//   keyinfo.json               key mode, key id, check value (and, in passphrase mode, the wrapped master key)
//   audit.anchor               newest audit sequence number and MAC (rollback detection)
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

    // True when a cache was ever created here (a database or key info exists).
    bool exists() const;
    // Creates the folder 0700 with its CACHEDIR.TAG, and tightens existing files to 0600.
    Status prepare() const;

private:
    QString m_root;
};

} // namespace Earmark
