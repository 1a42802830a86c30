#include "cache/CallDocuments.h"

#include "cache/AuditLog.h"
#include "cache/CallRepository.h"
#include "cache/Database.h"
#include "cache/Statement.h"
#include "crypto/Blob.h"

#include <QDateTime>

namespace Earmark {

namespace {
QByteArray purposeOf(const char* kind, int revision)
{
    return QByteArray(kind) + "/r" + QByteArray::number(revision);
}

const char* Columns = "revision, by_user, at_utc, summary";

CallDocument rowOf(const Statement& s)
{
    return CallDocument {int(s.int64(0)), s.text(1), s.int64(2), s.text(3), {}};
}
} // namespace

CallDocuments::CallDocuments(Database& db, CallRepository& calls)
    : m_db(db)
    , m_calls(calls)
{ }

Result<int> CallDocuments::append(
    const CallRecord& call, const char* kind, const QByteArray& content, const QString& summary)
{
    auto key = m_calls.dataKey(call.id, call.callId);
    if (!key) {
        return key.error();
    }
    auto next = m_db.prepare(
        QStringLiteral("SELECT coalesce(max(revision), 0) + 1 FROM call_documents WHERE call = ? AND kind = ?"));
    if (!next) {
        return next.error();
    }
    next->bind(1, call.id).bind(2, QString::fromLatin1(kind));
    if (auto row = next->step(); !row || !row.value()) {
        return makeError(QStringLiteral("Cannot number the new revision: %1").arg(row.errorMessage()));
    }
    const int revision = int(next->int64(0));
    auto s = m_db.prepare(QStringLiteral("INSERT INTO call_documents(call, kind, revision, by_user, at_utc, summary, "
                                         "sealed) VALUES (?,?,?,?,?,?,?)"));
    if (!s) {
        return s.error();
    }
    const QByteArray binding = CallRepository::binding(call.callId, purposeOf(kind, revision).constData());
    s->bind(1, call.id).bind(2, QString::fromLatin1(kind)).bind(3, qint64(revision));
    s->bind(4, AuditLog::currentActor()).bind(5, QDateTime::currentSecsSinceEpoch()).bind(6, summary);
    s->bind(7, Blob::seal(key.value(), binding, Blob::Kind::Transcript, content));
    if (auto st = s->run(); !st) {
        return st.error();
    }
    return revision;
}

Result<int> CallDocuments::appendAudited(AuditLog& audit, const CallRecord& call, const char* kind,
    const QByteArray& content, const QString& summary, const QString& action, const std::function<Status()>& within)
{
    Transaction tx(m_db);
    if (auto st = tx.begin(); !st) {
        return st.error();
    }
    auto revision = append(call, kind, content, summary);
    if (!revision) {
        return revision.error();
    }
    if (within) {
        if (auto st = within(); !st) {
            return st.error();
        }
    }
    if (auto st
        = audit.append(action, call.callId, QStringLiteral("revision %1: %2").arg(revision.value()).arg(summary));
        !st) {
        return st.error();
    }
    if (auto st = tx.commit(); !st) {
        return st.error();
    }
    if (auto st = audit.checkpoint(); !st) {
        return st.error();
    }
    return revision.value();
}

Result<CallDocument> CallDocuments::open(
    const CallRecord& call, const char* kind, CallDocument doc, const QByteArray& sealed)
{
    auto key = m_calls.dataKey(call.id, call.callId);
    if (!key) {
        return key.error();
    }
    auto plain = Blob::open(
        key.value(), CallRepository::binding(call.callId, purposeOf(kind, doc.revision).constData()), sealed);
    if (!plain) {
        return makeError(QStringLiteral("Revision %1 of the %2 of call %3 cannot be opened: %4")
                             .arg(doc.revision)
                             .arg(QString::fromLatin1(kind), call.callId, plain.errorMessage()));
    }
    doc.content = std::move(plain.value());
    return doc;
}

Result<std::optional<CallDocument>> CallDocuments::latest(const CallRecord& call, const char* kind)
{
    auto s = m_db.prepare(QStringLiteral("SELECT %1, sealed FROM call_documents WHERE call = ? AND kind = ? "
                                         "ORDER BY revision DESC LIMIT 1")
                              .arg(QLatin1String(Columns)));
    if (!s) {
        return s.error();
    }
    s->bind(1, call.id).bind(2, QString::fromLatin1(kind));
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    if (!row.value()) {
        return std::optional<CallDocument>();
    }
    auto doc = open(call, kind, rowOf(*s), s->blob(4));
    if (!doc) {
        return doc.error();
    }
    return std::optional<CallDocument>(std::move(doc.value()));
}

Result<CallDocument> CallDocuments::revision(const CallRecord& call, const char* kind, int revision)
{
    auto s = m_db.prepare(
        QStringLiteral("SELECT %1, sealed FROM call_documents WHERE call = ? AND kind = ? AND revision = ?")
            .arg(QLatin1String(Columns)));
    if (!s) {
        return s.error();
    }
    s->bind(1, call.id).bind(2, QString::fromLatin1(kind)).bind(3, qint64(revision));
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    if (!row.value()) {
        return makeError(QStringLiteral("Call %1 has no revision %2 of its %3.")
                             .arg(call.callId)
                             .arg(revision)
                             .arg(QString::fromLatin1(kind)));
    }
    return open(call, kind, rowOf(*s), s->blob(4));
}

Result<QList<CallDocument>> CallDocuments::history(const CallRecord& call, const char* kind)
{
    auto s = m_db.prepare(QStringLiteral("SELECT %1 FROM call_documents WHERE call = ? AND kind = ? ORDER BY revision")
                              .arg(QLatin1String(Columns)));
    if (!s) {
        return s.error();
    }
    s->bind(1, call.id).bind(2, QString::fromLatin1(kind));
    QList<CallDocument> out;
    if (auto st = s->forEachRow([&] { out << rowOf(*s); }); !st) {
        return st.error();
    }
    return out;
}

} // namespace Earmark
