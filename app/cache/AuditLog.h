#pragma once

#include "core/Result.h"

#include <QString>
#include <optional>

namespace Earmark {

class Database;
class KeyHierarchy;

// Tamper-evident audit log: each entry's HMAC (audit subkey) covers its fields and the previous entry's MAC,
// and the newest (sequence, MAC) is anchored in a file outside the database, so editing, deleting, reordering
// or rolling back entries is detected by verify().
class AuditLog
{
public:
    AuditLog(Database& db, const KeyHierarchy& keys, QString anchorPath);

    // Appends an entry by the signed-in OS user. Inside an open transaction the anchor is written by
    // syncAnchor() after the commit; otherwise at once.
    Status append(const QString& action, const QString& subject = {}, const QString& detail = {});
    // Writes the newest entry to the anchor file.
    Status syncAnchor();
    // Checks the whole chain and the anchor.
    Status verify();
    qint64 count();

    static QString currentActor();

private:
    struct Entry
    {
        qint64 seq;
        QByteArray mac;
    };
    Result<std::optional<Entry>> newest();
    QByteArray macFor(const QByteArray& previous, qint64 seq, qint64 at, const QString& actor, const QString& action,
        const QString& subject, const QString& detail) const;

    Database& m_db;
    const KeyHierarchy& m_keys;
    QString m_anchorPath;
};

} // namespace Earmark
