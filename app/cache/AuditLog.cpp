#include "cache/AuditLog.h"

#include "cache/Database.h"
#include "cache/Statement.h"
#include "core/Files.h"
#include "core/TimeText.h"
#include "crypto/KeyHierarchy.h"
#include "crypto/Minisign.h"
#include "crypto/SigningKey.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>
#include <pwd.h>
#include <sqlcipher/sqlite3.h>
#include <unistd.h>

namespace Earmark {

namespace {
void appendField(QByteArray& out, const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    const quint32 be = qToBigEndian<quint32>(static_cast<quint32>(utf8.size()));
    out.append(reinterpret_cast<const char*>(&be), 4);
    out.append(utf8);
}

void appendNumber(QByteArray& out, qint64 value)
{
    const quint64 be = qToBigEndian<quint64>(static_cast<quint64>(value));
    out.append(reinterpret_cast<const char*>(&be), 8);
}

QByteArray fields(const AuditEntry& e)
{
    QByteArray msg;
    appendNumber(msg, e.seq);
    appendNumber(msg, e.atUtc);
    appendField(msg, e.actor);
    appendField(msg, e.action);
    appendField(msg, e.subject);
    appendField(msg, e.detail);
    return msg;
}

// Empty, never NULL: the hash covers exactly what is read back.
QString nonNull(const QString& s)
{
    return s.isNull() ? QString(QLatin1String("")) : s;
}

const QString WhatToDoRestore = QStringLiteral(
    " Earmark will not open a cache whose audit log may have been rolled back. If you restored this cache from a "
    "backup on purpose, an administrator can accept it with: earmark-cli audit accept --reason TEXT (the acceptance "
    "is recorded in the log). Otherwise keep the cache folder as it is and report it.");
const QString WhatToDoEdited = QStringLiteral(
    " Earmark will not open a cache whose audit log was edited: keep the cache folder as it is and report it; "
    "earmark-cli audit export still reads the log for an investigation.");
} // namespace

QByteArray AuditCheckpoint::text(const QByteArray& keyId) const
{
    return QByteArrayLiteral("earmark-audit-checkpoint/1\nkey ") + Minisign::keyIdText(keyId).toLatin1() + "\nsize "
        + QByteArray::number(size) + "\nhead " + head.toHex() + "\nat " + QByteArray::number(atUtc) + '\n';
}

QByteArray AuditCheckpoint::toAnchor() const
{
    return QJsonDocument(
        QJsonObject {{QStringLiteral("format"), QStringLiteral("earmark.audit-anchor/2")},
            {QStringLiteral("size"), size}, {QStringLiteral("head"), QString::fromLatin1(head.toHex())},
            {QStringLiteral("at"), atUtc}, {QStringLiteral("signature"), QString::fromLatin1(signature)}})
        .toJson(QJsonDocument::Indented);
}

std::optional<AuditCheckpoint> AuditCheckpoint::fromAnchor(const QByteArray& bytes)
{
    const QJsonObject o = QJsonDocument::fromJson(bytes).object();
    if (o.value(QStringLiteral("format")).toString() != QLatin1String("earmark.audit-anchor/2")) {
        return std::nullopt;
    }
    AuditCheckpoint c;
    c.size = o.value(QStringLiteral("size")).toInteger(-1);
    c.head = QByteArray::fromHex(o.value(QStringLiteral("head")).toString().toLatin1());
    c.atUtc = o.value(QStringLiteral("at")).toInteger();
    c.signature = o.value(QStringLiteral("signature")).toString().toLatin1();
    if (c.size < 1 || c.head.size() != 32 || c.signature.isEmpty()) {
        return std::nullopt;
    }
    return c;
}

AuditLog::AuditLog(Database& db, const KeyHierarchy& keys, QString anchorPath)
    : m_db(db)
    , m_keys(keys)
    , m_anchorPath(std::move(anchorPath))
{ }

QString AuditLog::currentActor()
{
    // The account the process runs as, from the account database: never an environment variable (USER and
    // LOGNAME are whatever the caller sets). Looked up once: the effective user does not change.
    static const QString actor = [] {
        if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name && *pw->pw_name) {
            return QString::fromLocal8Bit(pw->pw_name);
        }
        return QStringLiteral("uid-%1").arg(geteuid());
    }();
    return actor;
}

QByteArray AuditLog::entryHash(const QByteArray& previous, const AuditEntry& entry)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(QByteArrayLiteral("earmark-audit/2"));
    h.addData(previous);
    h.addData(fields(entry));
    return h.result();
}

Result<std::optional<AuditEntry>> AuditLog::newest()
{
    auto last = m_db.prepare(QStringLiteral("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
    if (!last) {
        return last.error();
    }
    return last->firstRow([&] {
        AuditEntry e;
        e.seq = last->int64(0);
        e.hash = last->blob(1);
        return e;
    });
}

Status AuditLog::append(const QString& action, const QString& subject, const QString& detail)
{
    auto last = newest();
    if (!last) {
        return last.error();
    }
    AuditEntry e;
    e.seq = last.value() ? last.value()->seq + 1 : 1;
    e.atUtc = QDateTime::currentSecsSinceEpoch();
    e.actor = currentActor();
    e.action = action;
    e.subject = nonNull(subject);
    e.detail = nonNull(detail);
    e.hash = entryHash(last.value() ? last.value()->hash : QByteArray(), e);
    auto insert = m_db.prepare(QStringLiteral(
        "INSERT INTO audit_log(seq, at_utc, actor, action, subject, detail, mac, hash) VALUES (?,?,?,?,?,?,x'',?)"));
    if (!insert) {
        return insert.error();
    }
    insert->bind(1, e.seq).bind(2, e.atUtc).bind(3, e.actor).bind(4, e.action).bind(5, e.subject);
    insert->bind(6, e.detail).bind(7, e.hash);
    if (auto st = insert->run(); !st) {
        return st;
    }
    if (sqlite3_get_autocommit(m_db.handle())) {
        return checkpoint();
    }
    return {};
}

Result<std::optional<AuditCheckpoint>> AuditLog::latestCheckpoint()
{
    auto s = m_db.prepare(
        QStringLiteral("SELECT size, head, at_utc, signature FROM audit_checkpoints ORDER BY size DESC LIMIT 1"));
    if (!s) {
        return s.error();
    }
    return s->firstRow([&] { return AuditCheckpoint {s->int64(0), s->blob(1), s->int64(2), s->blob(3)}; });
}

Status AuditLog::checkpoint()
{
    if (!m_signer) {
        qFatal("AuditLog::checkpoint before the signing key was set");
    }
    if (!sqlite3_get_autocommit(m_db.handle())) {
        // Inside a transaction (a repository used by another's transaction): a checkpoint now could name entries
        // that a rollback then removes. The owner of the outermost transaction checkpoints after its commit.
        return {};
    }
    auto last = newest();
    if (!last) {
        return last.error();
    }
    auto current = latestCheckpoint();
    if (!current) {
        return current.error();
    }
    if (!last.value()) {
        return {};
    }
    AuditCheckpoint c;
    if (current.value() && current.value()->size == last.value()->seq) {
        c = *current.value(); // nothing new: make sure the anchor says so
    } else {
        c.size = last.value()->seq;
        c.head = last.value()->hash;
        c.atUtc = QDateTime::currentSecsSinceEpoch();
        c.signature = Minisign::sign(*m_signer, c.text(m_signer->keyId()),
            QStringLiteral("earmark audit checkpoint: %1 entries, %2").arg(c.size).arg(utcText(c.atUtc)));
        auto insert = m_db.prepare(
            QStringLiteral("INSERT INTO audit_checkpoints(size, head, at_utc, signature) VALUES (?,?,?,?)"));
        if (!insert) {
            return insert.error();
        }
        insert->bind(1, c.size).bind(2, c.head).bind(3, c.atUtc).bind(4, c.signature);
        if (auto st = insert->run(); !st) {
            return st;
        }
    }
    const QByteArray anchor = c.toAnchor();
    if (auto st = Files::writeAtomically(m_anchorPath, anchor); !st) {
        return st;
    }
    if (m_keychainAnchor) {
        *m_keychainAnchor = anchor; // what the listener gives the keychain
    }
    if (m_listener) {
        m_listener(anchor);
    }
    return {};
}

qint64 AuditLog::count()
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT count(*) FROM audit_log"));
    if (!stmt || !stmt->step()) {
        return -1;
    }
    return stmt->int64(0);
}

Result<QList<AuditEntry>> AuditLog::entries(const AuditFilter& filter)
{
    QString sql = QStringLiteral("SELECT seq, at_utc, actor, action, subject, detail, hash FROM audit_log WHERE 1");
    if (filter.fromUtc > 0) {
        sql += QStringLiteral(" AND at_utc >= :from");
    }
    if (filter.toUtc > 0) {
        sql += QStringLiteral(" AND at_utc < :to");
    }
    const auto placeholders = [](const char* name, qsizetype n) {
        QStringList names;
        for (qsizetype i = 0; i < n; ++i) {
            names << QStringLiteral(":%1%2").arg(QLatin1String(name)).arg(i);
        }
        return names.join(u',');
    };
    QStringList about;
    if (!filter.subjects.isEmpty()) {
        about << QStringLiteral("subject IN (%1)").arg(placeholders("s", filter.subjects.size()));
    }
    if (!filter.mentions.isEmpty()) {
        about << QStringLiteral("detail IN (%1)").arg(placeholders("m", filter.mentions.size()));
    }
    if (!about.isEmpty()) {
        sql += QStringLiteral(" AND (%1)").arg(about.join(QStringLiteral(" OR ")));
    }
    if (!filter.actor.isEmpty()) {
        sql += QStringLiteral(" AND actor = :actor");
    }
    if (!filter.actionPrefix.isEmpty()) {
        sql += QStringLiteral(" AND substr(action, 1, length(:action)) = :action");
    }
    sql += filter.newest > 0 ? QStringLiteral(" ORDER BY seq DESC LIMIT %1").arg(filter.newest)
                             : QStringLiteral(" ORDER BY seq");
    auto s = m_db.prepare(sql);
    if (!s) {
        return s.error();
    }
    int pos = 1;
    if (filter.fromUtc > 0) {
        s->bind(pos++, filter.fromUtc);
    }
    if (filter.toUtc > 0) {
        s->bind(pos++, filter.toUtc);
    }
    for (const QString& subject : filter.subjects) {
        s->bind(pos++, subject);
    }
    for (const QString& mention : filter.mentions) {
        s->bind(pos++, mention);
    }
    if (!filter.actor.isEmpty()) {
        s->bind(pos++, filter.actor);
    }
    if (!filter.actionPrefix.isEmpty()) {
        s->bind(pos++, filter.actionPrefix);
    }
    QList<AuditEntry> out;
    auto rows = s->forEachRow([&]() -> Status {
        out << AuditEntry {s->int64(0), s->int64(1), s->text(2), s->text(3), s->text(4), s->text(5), s->blob(6)};
        return {};
    });
    if (!rows) {
        return rows.error();
    }
    if (filter.newest > 0) {
        std::reverse(out.begin(), out.end());
    }
    return out;
}

Status AuditLog::verify(Depth depth, bool* onlyTheAnchor)
{
    if (onlyTheAnchor) {
        *onlyTheAnchor = false;
    }
    if (!m_signer) {
        qFatal("AuditLog::verify before the signing key was set");
    }
    // The checkpoints, newest first: their heads are compared with the chain as it is recomputed.
    QList<AuditCheckpoint> checkpoints;
    {
        auto s = m_db.prepare(
            QStringLiteral("SELECT size, head, at_utc, signature FROM audit_checkpoints ORDER BY size DESC"));
        if (!s) {
            return s.error();
        }
        auto rows = s->forEachRow([&]() -> Status {
            checkpoints << AuditCheckpoint {s->int64(0), s->blob(1), s->int64(2), s->blob(3)};
            return {};
        });
        if (!rows) {
            return rows.error();
        }
    }
    std::optional<AuditCheckpoint> anchor;
    bool anchorDamaged = false;
    if (QFile::exists(m_anchorPath)) {
        auto bytes = Files::readAll(m_anchorPath, 64 * 1024);
        anchor = bytes ? AuditCheckpoint::fromAnchor(bytes.value()) : std::nullopt;
        anchorDamaged = !anchor;
    }
    QHash<qint64, QByteArray> wanted; // size -> head hash found in the chain
    for (const AuditCheckpoint& c : checkpoints) {
        wanted.insert(c.size, {});
    }
    if (anchor) {
        wanted.insert(anchor->size, {});
    }
    const std::optional<AuditCheckpoint> kept
        = m_keychainAnchor ? AuditCheckpoint::fromAnchor(*m_keychainAnchor) : std::nullopt;
    if (kept) {
        wanted.insert(kept->size, {});
    }

    auto stmt = m_db.prepare(
        QStringLiteral("SELECT seq, at_utc, actor, action, subject, detail, hash FROM audit_log ORDER BY seq"));
    if (!stmt) {
        return stmt.error();
    }
    QByteArray previous;
    qint64 expected = 1;
    auto rows = stmt->forEachRow([&]() -> Status {
        AuditEntry e {
            stmt->int64(0), stmt->int64(1), stmt->text(2), stmt->text(3), stmt->text(4), stmt->text(5), stmt->blob(6)};
        if (e.seq != expected) {
            return makeError(
                QStringLiteral("The audit log has a gap: entry %1 is missing.").arg(expected) + WhatToDoEdited);
        }
        const QByteArray hash = entryHash(previous, e);
        if (hash != e.hash) {
            return makeError(QStringLiteral("The audit log was altered: entry %1 does not match its hash.").arg(e.seq)
                + WhatToDoEdited);
        }
        if (wanted.contains(e.seq)) {
            wanted.insert(e.seq, hash);
        }
        previous = hash;
        ++expected;
        return {};
    });
    if (!rows) {
        return rows.error();
    }
    const qint64 size = expected - 1;
    const auto pk = Minisign::PublicKey {m_signer->keyId(), m_signer->publicKey()};
    for (qsizetype i = 0; i < checkpoints.size(); ++i) {
        const AuditCheckpoint& c = checkpoints.at(i);
        if (c.size > size) {
            return makeError(QStringLiteral("The audit log was cut short: its checkpoint covers %1 entries, the log "
                                            "ends at entry %2.")
                                 .arg(c.size)
                                 .arg(size)
                + WhatToDoEdited);
        }
        if (wanted.value(c.size) != c.head) {
            return makeError(
                QStringLiteral("The audit log was altered: it does not match its checkpoint at entry %1.").arg(c.size)
                + WhatToDoEdited);
        }
        if ((depth == Depth::Full || i < 2) && !Minisign::verify(pk, c.text(pk.keyId), c.signature)) {
            return makeError(
                QStringLiteral("The audit checkpoint at entry %1 is not signed by this cache's key.").arg(c.size)
                + WhatToDoEdited);
        }
    }

    // The anchor outside the database: what this log last wrote. It may lag one checkpoint (a crash between the
    // checkpoint and the anchor write), never more, and never lead.
    const qint64 anchoredAtLeast = checkpoints.size() >= 2 ? checkpoints.at(1).size : 0;
    if (onlyTheAnchor) {
        *onlyTheAnchor = true; // the database itself is consistent: whatever is wrong from here is the anchor
    }
    if (auto st = checkKeychainAnchor(wanted, size); !st) {
        return st;
    }
    if (anchorDamaged) {
        return makeError(
            QStringLiteral("The audit anchor file %1 is damaged or was reset.").arg(m_anchorPath) + WhatToDoRestore);
    }
    if (!anchor) {
        if (anchoredAtLeast > 0) {
            return makeError(QStringLiteral("The audit anchor file %1 is missing while the log has %2 entries.")
                                 .arg(m_anchorPath)
                                 .arg(size)
                + WhatToDoRestore);
        }
        return {};
    }
    if (!Minisign::verify(pk, anchor->text(pk.keyId), anchor->signature)) {
        return makeError(QStringLiteral("The audit anchor file %1 is not signed by this cache's key.").arg(m_anchorPath)
            + WhatToDoRestore);
    }
    if (anchor->size > size) {
        return makeError(QStringLiteral("The audit log was rolled back: the anchor names entry %1, the log ends at "
                                        "entry %2 (an older copy of the database, or its newest entries deleted).")
                             .arg(anchor->size)
                             .arg(size)
            + WhatToDoRestore);
    }
    if (wanted.value(anchor->size) != anchor->head) {
        return makeError(
            QStringLiteral("The audit log does not match its anchor at entry %1.").arg(anchor->size) + WhatToDoRestore);
    }
    if (anchor->size < anchoredAtLeast) {
        return makeError(QStringLiteral("The audit anchor was reset to an older state: it names entry %1, while this "
                                        "log was anchored at entry %2 or later.")
                             .arg(anchor->size)
                             .arg(anchoredAtLeast)
            + WhatToDoRestore);
    }
    return {};
}

Status AuditLog::checkKeychainAnchor(const QHash<qint64, QByteArray>& heads, qint64 size) const
{
    if (!m_keychainAnchor) {
        return {}; // passphrase mode: the keychain keeps nothing
    }
    if (m_keychainAnchor->isEmpty()) {
        if (m_keychainRequired) {
            return makeError(
                QStringLiteral("The OS keychain's copy of this cache's audit checkpoint is missing, although "
                               "this cache was checked against it before (the keychain entry was deleted, "
                               "or keyinfo.json was replaced).")
                + WhatToDoRestore);
        }
        return {}; // not kept yet: the first checkpoint after this open writes it
    }
    const auto kept = AuditCheckpoint::fromAnchor(*m_keychainAnchor);
    const auto pk = Minisign::PublicKey {m_signer->keyId(), m_signer->publicKey()};
    if (!kept || !Minisign::verify(pk, kept->text(pk.keyId), kept->signature)) {
        return makeError(QStringLiteral("The OS keychain's copy of this cache's audit checkpoint is damaged or not "
                                        "signed by this cache's key.")
            + WhatToDoRestore);
    }
    if (kept->size > size) {
        return makeError(QStringLiteral("The audit log was rolled back: the OS keychain's copy of its checkpoint names "
                                        "entry %1, the log ends at entry %2 (an older copy of the cache folder, "
                                        "database and anchor file together).")
                             .arg(kept->size)
                             .arg(size)
            + WhatToDoRestore);
    }
    if (heads.value(kept->size) != kept->head) {
        return makeError(
            QStringLiteral("The audit log does not match the OS keychain's copy of its checkpoint at entry "
                           "%1.")
                .arg(kept->size)
            + WhatToDoRestore);
    }
    return {};
}

Status AuditLog::upgrade()
{
    auto legacy = m_db.prepare(QStringLiteral("SELECT count(*) FROM audit_log WHERE hash IS NULL"));
    if (!legacy) {
        return legacy.error();
    }
    auto n = legacy->requiredRow([&] { return legacy->int64(0); }, QStringLiteral("no count"));
    if (!n) {
        return n.error();
    }
    if (n.value() == 0) {
        return {};
    }
    if (auto st = verifyLegacy(); !st) {
        return st;
    }
    auto read = m_db.prepare(
        QStringLiteral("SELECT seq, at_utc, actor, action, subject, detail FROM audit_log ORDER BY seq"));
    if (!read) {
        return read.error();
    }
    QList<AuditEntry> all;
    auto rows = read->forEachRow([&]() -> Status {
        all << AuditEntry {
            read->int64(0), read->int64(1), read->text(2), read->text(3), read->text(4), read->text(5), {}};
        return {};
    });
    if (!rows) {
        return rows.error();
    }
    Transaction tx(m_db);
    if (auto st = tx.begin(); !st) {
        return st;
    }
    auto write = m_db.prepare(QStringLiteral("UPDATE audit_log SET hash = ? WHERE seq = ?"));
    if (!write) {
        return write.error();
    }
    QByteArray previous;
    for (AuditEntry& e : all) {
        previous = entryHash(previous, e);
        write->bind(1, previous).bind(2, e.seq);
        if (auto st = write->run(); !st) {
            return st;
        }
        write->reset();
    }
    if (auto st = tx.commit(); !st) {
        return st;
    }
    // The old anchor file ("seq mac") is replaced by the first signed checkpoint.
    return checkpoint();
}

Status AuditLog::verifyLegacy()
{
    // Format 1: each entry's HMAC (audit subkey) covered its fields and the previous MAC; the anchor file held
    // "seq machex".
    auto stmt = m_db.prepare(
        QStringLiteral("SELECT seq, at_utc, actor, action, subject, detail, mac FROM audit_log ORDER BY seq"));
    if (!stmt) {
        return stmt.error();
    }
    QByteArray previous;
    qint64 expected = 1;
    QHash<qint64, QByteArray> macs;
    auto rows = stmt->forEachRow([&]() -> Status {
        AuditEntry e {stmt->int64(0), stmt->int64(1), stmt->text(2), stmt->text(3), stmt->text(4), stmt->text(5), {}};
        if (e.seq != expected) {
            return makeError(
                QStringLiteral("The audit log has a gap: entry %1 is missing.").arg(expected) + WhatToDoEdited);
        }
        const QByteArray mac = m_keys.auditMac(QByteArrayLiteral("earmark-audit/1") + previous + fields(e));
        if (mac != stmt->blob(6)) {
            return makeError(QStringLiteral("The audit log was altered: entry %1 does not match its MAC.").arg(e.seq)
                + WhatToDoEdited);
        }
        previous = mac;
        macs.insert(e.seq, mac);
        ++expected;
        return {};
    });
    if (!rows) {
        return rows.error();
    }
    auto bytes = Files::readAll(m_anchorPath, 64 * 1024);
    const QList<QByteArray> parts = bytes ? bytes.value().trimmed().split(' ') : QList<QByteArray>();
    const qint64 anchored = parts.size() == 2 ? parts.at(0).toLongLong() : -1;
    if (anchored < 1 || anchored >= expected || macs.value(anchored) != QByteArray::fromHex(parts.at(1))) {
        return makeError(QStringLiteral("The audit log does not match its anchor file %1 (entry %2, the log ends at "
                                        "%3).")
                             .arg(m_anchorPath)
                             .arg(anchored)
                             .arg(expected - 1)
            + WhatToDoRestore);
    }
    return {};
}

} // namespace Earmark
