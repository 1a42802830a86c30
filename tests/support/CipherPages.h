#pragma once

#include <QByteArray>
#include <QString>

namespace Earmark::Test {

// Every page of a SQLCipher database file and of its WAL, decrypted with the database's raw 256-bit key, free pages
// and stale WAL frames included: what someone holding the key could read off the disk, beyond what SQL shows. The
// page layout (page size, reserved IV+HMAC bytes) follows the SQLCipher major version. Each decrypted page 1 must
// carry a valid SQLite header (else the key or layout is wrong and error says so), so a scan that finds nothing
// proves absence, not a failed decryption.
struct CipherPages
{
    QByteArray plaintext; // all pages, concatenated
    int pages = 0;
    int walFrames = 0;
    QString error;

    static CipherPages read(const QString& dbPath, const QByteArray& rawKey, int sqlcipherMajor);
};

} // namespace Earmark::Test
