#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace Earmark::Files {

// Creates the folder (and parents) and sets it to 0700.
Status ensurePrivateDir(const QString& path);

// Writes the file atomically (temporary file in the same folder, fsync, rename) with mode 0600.
Status writeAtomically(const QString& path, const QByteArray& bytes);

// Reads a whole file, refusing files larger than maxBytes.
Result<QByteArray> readAll(const QString& path, qint64 maxBytes);

// Overwrites a QByteArray's bytes with zeros (for decrypted material leaving scope).
void wipe(QByteArray& bytes);
// The same for text (passphrases): zeroes the characters when this is the last owner, then clears.
void wipe(QString& text);

// Flushes the folder entry itself so a rename survives a crash.
void syncDir(const QString& dirPath);

} // namespace Earmark::Files

namespace Earmark::Files {
// Sets the process umask to 077 so that every file Earmark creates is private to the user.
void restrictUmask();
} // namespace Earmark::Files
