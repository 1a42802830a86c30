#include "retention/DestructionRun.h"

#include "cache/Cache.h"
#include "crypto/Minisign.h"
#include "retention/DestructionCertificate.h"

#include <QDateTime>
#include <QSysInfo>
#include <QJsonArray>
#include <sodium.h>

namespace Earmark {

namespace {
QString iso(qint64 utc)
{
    return QDateTime::fromSecsSinceEpoch(utc, Qt::UTC).toString(Qt::ISODate);
}

QString newRunId(qint64 now)
{
    unsigned char bytes[3];
    randombytes_buf(bytes, sizeof bytes);
    return QStringLiteral("D-%1-%2").arg(QDateTime::fromSecsSinceEpoch(now, Qt::UTC).toString(
                                              QStringLiteral("yyyyMMdd'T'HHmmss'Z'")),
        QString::fromLatin1(QByteArray(reinterpret_cast<char*>(bytes), 3).toHex()));
}
} // namespace

DestructionRun::DestructionRun(Cache& cache, Kind kind, qint64 asOfUtc, int retentionDays)
    : m_cache(cache)
    , m_kind(kind)
    , m_asOfUtc(asOfUtc)
    , m_retentionDays(retentionDays)
    , m_startedUtc(QDateTime::currentSecsSinceEpoch())
    , m_runId(newRunId(m_startedUtc))
{ }

QString DestructionRun::rule() const
{
    return m_kind == Kind::Retention
        ? QStringLiteral("retention: %1 days after start_utc (store.json retention_days)").arg(m_retentionDays)
        : QStringLiteral("erasure notice");
}

Result<CallDestruction::Outcome> DestructionRun::destroy(const QString& callId, qint64 dueUtc)
{
    DestroyedCall facts;
    auto outcome = CallDestruction(m_cache).destroy(callId, rule(), m_runId, &facts);
    if (!outcome) {
        return outcome.error();
    }
    if (outcome.value() == CallDestruction::Outcome::Destroyed) {
        facts.dueUtc = dueUtc;
        m_destroyed << facts;
        if (auto st = m_cache.audit().append(QStringLiteral("destroy"), callId,
                (m_kind == Kind::Retention ? QStringLiteral("retention ") : QStringLiteral("erasure ")) + m_runId);
            !st) {
            return st.error();
        }
    }
    return outcome;
}

Result<DestructionOutcome> DestructionRun::finish()
{
    DestructionOutcome out;
    out.runId = m_runId;
    out.destroyed = static_cast<int>(m_destroyed.size());
    out.held = static_cast<int>(m_held.size());
    if (m_destroyed.isEmpty()) {
        return out;
    }
    if (auto st = CallDestruction(m_cache).finish(); !st) {
        return st.error();
    }
    QJsonArray destroyed;
    for (const DestroyedCall& c : m_destroyed) {
        destroyed.append(QJsonObject {{QStringLiteral("call_id"), c.callId},
            {QStringLiteral("start_utc"), iso(c.startUtc)}, {QStringLiteral("due_utc"), iso(c.dueUtc)},
            {QStringLiteral("audio_sha256"), c.audioSha256.isEmpty() ? QJsonValue() : QJsonValue(c.audioSha256)}});
    }
    QJsonArray held;
    for (const HeldCall& h : m_held) {
        held.append(QJsonObject {{QStringLiteral("call_id"), h.callId}, {QStringLiteral("due_utc"), iso(h.dueUtc)},
            {QStringLiteral("hold_ids"), QJsonArray::fromStringList(h.holdIds)}});
    }
    const QJsonObject body {
        {QStringLiteral("schema"), QStringLiteral("earmark.destruction-certificate/1")},
        {QStringLiteral("run_id"), m_runId},
        {QStringLiteral("rule"), rule()},
        {QStringLiteral("as_of_utc"), iso(m_asOfUtc)},
        {QStringLiteral("started_utc"), iso(m_startedUtc)},
        {QStringLiteral("finished_utc"), iso(QDateTime::currentSecsSinceEpoch())},
        {QStringLiteral("by"), AuditLog::currentActor()},
        {QStringLiteral("host"), QSysInfo::machineHostName()},
        {QStringLiteral("method"), DestructionCertificate::method()},
        {QStringLiteral("signing_key"), Minisign::publicKeyText(m_cache.signingKey())},
        {QStringLiteral("destroyed"), destroyed},
        {QStringLiteral("held"), held},
    };
    auto path = DestructionCertificate::issue(m_cache, m_runId, body, out.destroyed, out.held);
    if (!path) {
        return path.error();
    }
    out.certificatePath = path.value();
    return out;
}

} // namespace Earmark
