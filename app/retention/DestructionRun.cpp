#include "retention/DestructionRun.h"

#include "cache/Cache.h"
#include "cache/Statement.h"
#include "core/TimeText.h"
#include "crypto/Minisign.h"
#include "retention/DestructionCertificate.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSysInfo>
#include <QTimeZone>
#include <sodium.h>

namespace Earmark {

namespace {
QString iso(qint64 utc)
{
    return utcText(utc);
}

QString newRunId(qint64 now)
{
    unsigned char bytes[3];
    randombytes_buf(bytes, sizeof bytes);
    return QStringLiteral("D-%1-%2").arg(
        QDateTime::fromSecsSinceEpoch(now, QTimeZone::utc()).toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")),
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
    auto outcome = CallDestruction(m_cache).destroy(callId, rule(), m_runId, dueUtc);
    if (!outcome) {
        return outcome.error();
    }
    if (outcome.value() == CallDestruction::Outcome::Destroyed) {
        ++m_destroyed;
        if (auto st = m_cache.audit().append(QStringLiteral("destroy"), callId,
                (m_kind == Kind::Retention ? QStringLiteral("retention ") : QStringLiteral("erasure ")) + m_runId);
            !st) {
            return st.error();
        }
    }
    return outcome;
}

Result<DestructionOutcome> DestructionRun::finish(bool certifyHeld)
{
    DestructionOutcome out;
    out.runId = m_runId;
    out.destroyed = m_destroyed;
    out.held = static_cast<int>(m_held.size());
    if (m_destroyed == 0 && (!certifyHeld || m_held.isEmpty())) {
        return out;
    }
    if (m_destroyed > 0) {
        if (auto st = CallDestruction(m_cache).finish(); !st) {
            return st.error();
        }
    }
    auto path = certify(m_cache, m_runId, rule(), m_asOfUtc, m_startedUtc, m_held, false);
    if (!path) {
        return path.error();
    }
    out.certificatePath = path.value();
    return out;
}

Result<QStringList> DestructionRun::certifyInterrupted(Cache& cache)
{
    auto s = cache.database().prepare(QStringLiteral(
        "SELECT run_id, min(rule), min(destroyed_utc) FROM tombstones WHERE run_id IS NOT NULL AND run_id NOT IN "
        "(SELECT run_id FROM destruction_runs) GROUP BY run_id ORDER BY min(destroyed_utc)"));
    if (!s) {
        return s.error();
    }
    struct Orphan
    {
        QString runId;
        QString rule;
        qint64 started;
    };
    QList<Orphan> orphans;
    auto rows = s->forEachRow([&]() -> Status {
        orphans << Orphan {s->text(0), s->text(1), s->int64(2)};
        return {};
    });
    if (!rows) {
        return rows.error();
    }
    if (auto restored = DestructionCertificate::restoreFiles(cache); !restored) {
        return restored.error();
    }
    QStringList paths;
    for (const Orphan& o : orphans) {
        if (auto st = cache.purgeDestroyed(); !st) {
            return st.error();
        }
        auto path = certify(cache, o.runId, o.rule, o.started, o.started, {}, true);
        if (!path) {
            return path.error();
        }
        paths << path.value();
    }
    return paths;
}

Result<QString> DestructionRun::certify(Cache& cache, const QString& runId, const QString& rule, qint64 asOfUtc,
    qint64 startedUtc, const QList<HeldCall>& heldCalls, bool interrupted)
{
    auto s = cache.database().prepare(QStringLiteral(
        "SELECT call_id, start_utc, due_utc, audio_sha256 FROM tombstones WHERE run_id = ? ORDER BY due_utc, call_id"));
    if (!s) {
        return s.error();
    }
    s->bind(1, runId);
    QJsonArray destroyed;
    auto rows = s->forEachRow([&]() -> Status {
        const QString sha = s->text(3);
        destroyed.append(QJsonObject {{QStringLiteral("call_id"), s->text(0)},
            {QStringLiteral("start_utc"), iso(s->int64(1))}, {QStringLiteral("due_utc"), iso(s->int64(2))},
            {QStringLiteral("audio_sha256"), sha.isEmpty() ? QJsonValue() : QJsonValue(sha)}});
        return {};
    });
    if (!rows) {
        return rows.error();
    }
    QJsonArray held;
    for (const HeldCall& h : heldCalls) {
        held.append(QJsonObject {{QStringLiteral("call_id"), h.callId}, {QStringLiteral("due_utc"), iso(h.dueUtc)},
            {QStringLiteral("hold_ids"), QJsonArray::fromStringList(h.holdIds)}});
    }
    QJsonObject body {
        {QStringLiteral("schema"), QStringLiteral("earmark.destruction-certificate/1")},
        {QStringLiteral("run_id"), runId},
        {QStringLiteral("rule"), rule},
        {QStringLiteral("as_of_utc"), iso(asOfUtc)},
        {QStringLiteral("started_utc"), iso(startedUtc)},
        {QStringLiteral("finished_utc"), iso(QDateTime::currentSecsSinceEpoch())},
        {QStringLiteral("by"), AuditLog::currentActor()},
        {QStringLiteral("host"), QSysInfo::machineHostName()},
        {QStringLiteral("method"), DestructionCertificate::method()},
        {QStringLiteral("signing_key"), Minisign::publicKeyText(cache.signingKey())},
        {QStringLiteral("destroyed"), destroyed},
        {QStringLiteral("held"), held},
    };
    if (interrupted) {
        body.insert(QStringLiteral("interrupted"),
            QStringLiteral(
                "The run was stopped before it finished (the process ended); this certificate was issued "
                "afterwards from the run's tombstones. Calls it had not reached were left for the next run."));
    }
    return DestructionCertificate::issue(
        cache, runId, body, static_cast<int>(destroyed.size()), static_cast<int>(heldCalls.size()));
}

} // namespace Earmark
