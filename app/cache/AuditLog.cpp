#include "cache/AuditLog.h"

#include "cache/Database.h"
#include "cache/Statement.h"
#include "core/Files.h"
#include "crypto/KeyHierarchy.h"

#include <QDateTime>
#include <QFile>
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

struct Anchor
{
    qint64 seq = 0;
    QByteArray mac;
};

std::optional<Anchor> readAnchor(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    const QList<QByteArray> parts = f.readAll().trimmed().split(' ');
    if (parts.size() != 2) {
        return Anchor {-1, {}};
    }
    return Anchor {parts.at(0).toLongLong(), QByteArray::fromHex(parts.at(1))};
}
} // namespace

AuditLog::AuditLog(Database& db, const KeyHierarchy& keys, QString anchorPath)
    : m_db(db)
    , m_keys(keys)
    , m_anchorPath(std::move(anchorPath))
{ }

QString AuditLog::currentActor()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty()) {
        user = qEnvironmentVariable("LOGNAME");
    }
    if (user.isEmpty()) {
        // Services and containers often run without USER: the account database still knows the signed-in user.
        if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_name) {
            user = QString::fromLocal8Bit(pw->pw_name);
        }
    }
    return user.isEmpty() ? QStringLiteral("unknown") : user;
}

QByteArray AuditLog::macFor(const QByteArray& previous, qint64 seq, qint64 at, const QString& actor,
    const QString& action, const QString& subject, const QString& detail) const
{
    QByteArray msg = QByteArrayLiteral("earmark-audit/1");
    msg.append(previous);
    appendNumber(msg, seq);
    appendNumber(msg, at);
    appendField(msg, actor);
    appendField(msg, action);
    appendField(msg, subject);
    appendField(msg, detail);
    return m_keys.auditMac(msg);
}

Result<std::optional<AuditLog::Entry>> AuditLog::newest()
{
    auto last = m_db.prepare(QStringLiteral("SELECT seq, mac FROM audit_log ORDER BY seq DESC LIMIT 1"));
    if (!last) {
        return last.error();
    }
    return last->firstRow([&] { return Entry {last->int64(0), last->blob(1)}; });
}

Status AuditLog::append(const QString& action, const QString& subject, const QString& detail)
{
    auto last = newest();
    if (!last) {
        return last.error();
    }
    const qint64 seq = last.value() ? last.value()->seq + 1 : 1;
    const QByteArray previous = last.value() ? last.value()->mac : QByteArray();
    const qint64 at = QDateTime::currentSecsSinceEpoch();
    const QString actor = currentActor();
    auto insert = m_db.prepare(QStringLiteral(
        "INSERT INTO audit_log(seq, at_utc, actor, action, subject, detail, mac) VALUES (?,?,?,?,?,?,?)"));
    if (!insert) {
        return insert.error();
    }
    // Empty, never NULL: the MAC covers exactly what verify() reads back.
    const QString subjectText = subject.isNull() ? QString(QLatin1String("")) : subject;
    const QString detailText = detail.isNull() ? QString(QLatin1String("")) : detail;
    insert->bind(1, seq).bind(2, at).bind(3, actor).bind(4, action).bind(5, subjectText).bind(6, detailText);
    insert->bind(7, macFor(previous, seq, at, actor, action, subjectText, detailText));
    if (auto st = insert->run(); !st) {
        return st;
    }
    if (sqlite3_get_autocommit(m_db.handle())) {
        return syncAnchor();
    }
    return {};
}

Status AuditLog::syncAnchor()
{
    auto last = newest();
    if (!last) {
        return last.error();
    }
    if (!last.value()) {
        return {};
    }
    return Files::writeAtomically(
        m_anchorPath, QByteArray::number(last.value()->seq) + ' ' + last.value()->mac.toHex() + '\n');
}

qint64 AuditLog::count()
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT count(*) FROM audit_log"));
    if (!stmt || !stmt->step()) {
        return -1;
    }
    return stmt->int64(0);
}

Status AuditLog::verify()
{
    auto stmt = m_db.prepare(
        QStringLiteral("SELECT seq, at_utc, actor, action, subject, detail, mac FROM audit_log ORDER BY seq"));
    if (!stmt) {
        return stmt.error();
    }
    QByteArray previous;
    qint64 expected = 1;
    QHash<qint64, QByteArray> macs;
    auto rows = stmt->forEachRow([&]() -> Status {
        const qint64 seq = stmt->int64(0);
        if (seq != expected) {
            return makeError(QStringLiteral("The audit log has a gap: entry %1 is missing.").arg(expected));
        }
        const QByteArray mac = stmt->blob(6);
        if (macFor(previous, seq, stmt->int64(1), stmt->text(2), stmt->text(3), stmt->text(4), stmt->text(5)) != mac) {
            return makeError(QStringLiteral("The audit log was altered: entry %1 does not match its MAC.").arg(seq));
        }
        previous = mac;
        macs.insert(seq, mac);
        ++expected;
        return {};
    });
    if (!rows) {
        return rows.error();
    }
    const qint64 newest = expected - 1;
    const auto anchor = readAnchor(m_anchorPath);
    if (!anchor) {
        if (newest > 0) {
            return makeError(
                QStringLiteral("The audit anchor file is missing while the log has %1 entries.").arg(newest));
        }
        return {};
    }
    if (anchor->seq < 0 || anchor->seq > newest) {
        return makeError(QStringLiteral("The audit log was rolled back: the anchor names entry %1, the log ends at %2.")
                             .arg(anchor->seq)
                             .arg(newest));
    }
    if (anchor->seq > 0 && macs.value(anchor->seq) != anchor->mac) {
        return makeError(QStringLiteral("The audit log does not match its anchor at entry %1.").arg(anchor->seq));
    }
    return {};
}

} // namespace Earmark
