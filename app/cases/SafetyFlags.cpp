#include "cases/SafetyFlags.h"

#include "cache/AuditLog.h"
#include "cache/Cache.h"
#include "cache/CallRepository.h"
#include "cache/Statement.h"
#include "cases/Cases.h"
#include "crypto/RandomId.h"

#include <QDateTime>

namespace Earmark {

const QString SafetyFlags::Columns
    = QStringLiteral("f.id, k.call_id, f.at_ms, f.kind, f.note, f.flagged_by, f.flagged_utc, o.case_id, o.reference "
                     "FROM safety_flags f JOIN calls k "
                     "ON k.id = f.call JOIN cases o ON o.id = f.\"case\"");

SafetyFlag SafetyFlags::read(Statement& row)
{
    return SafetyFlag {row.int64(0), row.text(1), row.int64(2), row.text(3), row.text(4), row.text(5), row.int64(6),
        row.text(7), row.text(8)};
}

SafetyFlags::SafetyFlags(Cache& cache)
    : m_cache(cache)
{ }

Result<QString> SafetyFlags::safetyCaseFor(const QString& callId, const QString& phoneE164)
{
    // The open safety case that has this call, else one of the same respondent.
    auto s = m_cache.database().prepare(QStringLiteral(
        "SELECT c.case_id FROM cases c WHERE c.type = 'safety' AND c.closed_utc IS NULL AND (EXISTS (SELECT 1 FROM "
        "case_calls cc WHERE cc.\"case\" = c.id AND cc.call_id = ?) OR (c.phone_index IS NOT NULL AND c.phone_index = "
        "(SELECT phone_index FROM calls WHERE call_id = ?))) ORDER BY EXISTS (SELECT 1 FROM case_calls cc WHERE "
        "cc.\"case\" = c.id AND cc.call_id = ?) DESC, c.opened_utc LIMIT 1"));
    if (!s) {
        return s.error();
    }
    s->bind(1, callId).bind(2, callId).bind(3, callId);
    auto joined = s->firstRow([&] { return s->text(0); });
    if (!joined) {
        return joined.error();
    }
    Cases cases(m_cache);
    if (joined.value()) {
        if (auto st = cases.addCall(*joined.value(), callId); !st) {
            return st.error();
        }
        return *joined.value();
    }
    NewCase n;
    n.type = QStringLiteral("safety");
    n.reference = randomId(
        QStringLiteral("SAFETY-%1-").arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd"))));
    n.phone = phoneE164;
    n.callIds = {callId};
    auto created = cases.create(n);
    if (!created) {
        return created.error();
    }
    return created->caseId;
}

Result<SafetyFlag> SafetyFlags::flag(const QString& callId, qint64 atMs, const QString& kind, const QString& note)
{
    if (auto st = m_cache.roles().require(Permission::FlagSafety); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    if (!isKind(kind)) {
        return makeError(
            QStringLiteral("A safety flag marks a moment as threatening or abusive, not \"%1\".").arg(kind));
    }
    auto call = m_cache.calls().find(callId);
    if (!call) {
        return call.error();
    }
    if (!call.value()) {
        return makeError(QStringLiteral("Call %1 is not in the cache: sync first, or check the id with earmark-cli "
                                        "calls.")
                             .arg(callId));
    }
    auto personal = m_cache.calls().personal(*call.value());
    if (!personal) {
        return personal.error();
    }
    Database& db = m_cache.database();
    // One transaction for the case, the hold and the flag: all of them or none.
    Transaction tx(db);
    if (auto st = tx.begin(); !st) {
        return st.error();
    }
    auto caseId = safetyCaseFor(callId, personal->phoneE164);
    if (!caseId) {
        return caseId.error();
    }
    auto ins = db.prepare(
        QStringLiteral("INSERT INTO safety_flags(\"case\", call, at_ms, kind, note, flagged_by, flagged_utc) SELECT "
                       "id, ?, ?, ?, ?, ?, ? FROM cases WHERE case_id = ?"));
    if (!ins) {
        return ins.error();
    }
    ins->bind(1, call.value()->id).bind(2, qMax<qint64>(0, atMs)).bind(3, kind);
    const QString text = note.trimmed();
    ins->bind(4, text.isNull() ? QStringLiteral("") : text).bind(5, AuditLog::currentActor());
    ins->bind(6, QDateTime::currentSecsSinceEpoch()).bind(7, caseId.value());
    if (auto st = ins->run(); !st) {
        return st.error();
    }
    // The flag as it was written, with its case's reference (what the person who flagged it is told).
    auto back = db.prepare(QStringLiteral("SELECT ") + Columns + QStringLiteral(" WHERE f.id = ?"));
    if (!back) {
        return back.error();
    }
    back->bind(1, db.lastInsertId());
    auto written = back->firstRow([&] { return read(*back); });
    if (!written) {
        return written.error();
    }
    if (!written.value()) {
        return makeError(
            QStringLiteral("The safety flag on %1 was not written: its case %2 is gone.").arg(callId, caseId.value()));
    }
    Status st = m_cache.audit().append(
        QStringLiteral("safety.flag"), callId, QStringLiteral("%1 at %2 ms, case %3").arg(kind).arg(atMs).arg(*caseId));
    if (st) {
        st = tx.commit();
    }
    if (st) {
        st = m_cache.audit().checkpoint();
    }
    if (!st) {
        return st.error();
    }
    return *written.value();
}

Result<QList<SafetyFlag>> SafetyFlags::ofCall(const QString& callId)
{
    QList<SafetyFlag> out;
    if (!m_cache.roles().can(Permission::FlagSafety) && !m_cache.roles().can(Permission::ManageCases)) {
        return out;
    }
    auto s = m_cache.database().prepare(
        QStringLiteral("SELECT ") + Columns + QStringLiteral(" WHERE k.call_id = ? ORDER BY f.at_ms, f.id"));
    if (!s) {
        return s.error();
    }
    s->bind(1, callId);
    if (auto st = s->forEachRow([&] { out << read(*s); }); !st) {
        return st.error();
    }
    return out;
}

} // namespace Earmark
