#include "requests/RequestCalls.h"

#include "cache/AuditLog.h"
#include "cache/Cache.h"
#include "cache/CallRepository.h"
#include "cache/Statement.h"
#include "core/PersonName.h"
#include "crypto/Blob.h"
#include "retention/Holds.h"

#include <QDateTime>

namespace Earmark {

namespace {

RequestCall::Decision decisionOf(const QString& text)
{
    return text == QLatin1String("excluded") ? RequestCall::Decision::Excluded
        : text == QLatin1String("confirmed") ? RequestCall::Decision::Confirmed
                                             : RequestCall::Decision::None;
}

// Which undecided calls are doubtful: with the requester's name, those whose recorded name is plainly someone else's;
// without it, all the named ones when they name more than one person (nobody can tell whose is whose).
void markDoubtful(SubjectRequest& r)
{
    QList<RequestCall*> open;
    for (RequestCall& c : r.numberCalls) {
        c.doubtful = false;
        if (c.decision == RequestCall::Decision::None && !c.respondentName.trimmed().isEmpty()) {
            open << &c;
        }
    }
    if (!r.requesterName.trimmed().isEmpty()) {
        for (RequestCall* c : open) {
            c->doubtful = PersonName::compare(r.requesterName, c->respondentName) == PersonName::Match::Different;
        }
        return;
    }
    bool several = false;
    for (const RequestCall* a : open) {
        for (const RequestCall* b : open) {
            several
                = several || PersonName::compare(a->respondentName, b->respondentName) == PersonName::Match::Different;
        }
    }
    for (RequestCall* c : open) {
        c->doubtful = several;
    }
}
} // namespace

RequestCalls::RequestCalls(Cache& cache)
    : m_cache(cache)
{ }

Status RequestCalls::fill(SubjectRequest& r, qint64 row, const QByteArray& wrappedKey, const QByteArray& nameSealed)
{
    if (!nameSealed.isEmpty()) {
        auto key = m_cache.keys().unwrapDataKey(wrappedKey, Cache::requestKeyName(r.requestId));
        auto name = key ? Blob::open(key.value(), Cache::requestNameBinding(r.requestId), nameSealed)
                        : Result<QByteArray>(key.error());
        if (!name) {
            return makeError(
                QStringLiteral("The requester's name of %1 cannot be read: %2").arg(r.requestId, name.errorMessage()));
        }
        r.requesterName = QString::fromUtf8(name.value());
    }
    auto s = m_cache.database().prepare(QStringLiteral(
        "SELECT k.call_id, x.decision, x.reason, x.decided_by, x.decided_utc FROM subject_requests r JOIN calls k ON "
        "k.phone_index = r.phone_index LEFT JOIN subject_request_calls x ON x.request = r.id AND x.call_id = k.call_id "
        "WHERE r.id = ? ORDER BY k.start_utc, k.call_id"));
    if (!s) {
        return s.error();
    }
    s->bind(1, row);
    QList<RequestCall> calls;
    if (auto st = s->forEachRow([&] {
            RequestCall c;
            c.callId = s->text(0);
            c.decision = decisionOf(s->text(1));
            c.reason = s->text(2);
            c.decidedBy = s->text(3);
            c.decidedUtc = s->int64(4);
            calls << c;
        });
        !st) {
        return st;
    }
    for (RequestCall& c : calls) {
        auto record = m_cache.calls().get(c.callId);
        auto personal = record ? m_cache.calls().personal(record.value()) : Result<CallPersonal>(record.error());
        if (!personal) {
            return personal.error();
        }
        c.startUtc = record->startUtc;
        c.durationS = record->durationS;
        c.respondentName = personal->respondentName;
    }
    r.numberCalls = calls;
    markDoubtful(r);
    return {};
}

Status RequestCalls::decide(
    const SubjectRequest& request, const QString& callId, RequestCall::Decision decision, const QString& reason)
{
    const SubjectRequest* r = &request;
    const bool exclude = decision == RequestCall::Decision::Excluded;
    Database& db = m_cache.database();
    Transaction tx(db);
    if (auto st = tx.begin(); !st) {
        return st;
    }
    auto rowOf = db.prepare(QStringLiteral("SELECT id FROM subject_requests WHERE request_id = ?"));
    if (!rowOf) {
        return rowOf.error();
    }
    rowOf->bind(1, r->requestId);
    auto row
        = rowOf->requiredRow([&] { return rowOf->int64(0); }, QStringLiteral("Request %1 is gone.").arg(r->requestId));
    if (!row) {
        return row.error();
    }
    auto del = db.prepare(QStringLiteral("DELETE FROM subject_request_calls WHERE request = ? AND call_id = ?"));
    auto ins = db.prepare(QStringLiteral("INSERT INTO subject_request_calls(request, call_id, decision, reason, "
                                         "decided_by, decided_utc) VALUES (?,?,?,?,?,?)"));
    if (!del || !ins) {
        return makeError(db.lastError());
    }
    del->bind(1, row.value()).bind(2, callId);
    ins->bind(1, row.value())
        .bind(2, callId)
        .bind(3, exclude ? QStringLiteral("excluded") : QStringLiteral("confirmed"));
    ins->bind(4, reason.trimmed()).bind(5, AuditLog::currentActor()).bind(6, QDateTime::currentSecsSinceEpoch());
    if (auto st = del->run(); !st) {
        return st;
    }
    if (auto st = ins->run(); !st) {
        return st;
    }
    if (auto st = m_cache.audit().append(
            exclude ? QStringLiteral("request.exclude-call") : QStringLiteral("request.confirm-call"), callId,
            r->requestId);
        !st) {
        return st;
    }
    if (auto st = tx.commit(); !st) {
        return st;
    }
    if (auto st = m_cache.audit().checkpoint(); !st) {
        return st;
    }
    if (!exclude) {
        return {};
    }
    // No longer held by the request: an erasure notice that waited for it applies now, unless something else holds it.
    auto applied = Holds(m_cache).applyWaitingErasures({callId});
    return applied ? Status {} : Status(applied.error());
}

QString RequestCalls::doubtfulProblem(const SubjectRequest& r)
{
    QStringList named;
    for (const RequestCall& c : r.numberCalls) {
        if (c.doubtful) {
            named << QStringLiteral("%1 (%2)").arg(c.callId, c.respondentName);
        }
    }
    if (named.isEmpty()) {
        return {};
    }
    const QString ways = QStringLiteral("Take out each call that is not theirs (earmark-cli dsar exclude-call %1 "
                                        "CALL_ID --reason TEXT), or confirm one that is (earmark-cli dsar confirm-call "
                                        "%1 CALL_ID --reason TEXT)")
                             .arg(r.requestId);
    if (!r.requesterName.trimmed().isEmpty()) {
        return QStringLiteral("The number of %1 is shared: %2 someone other than the requester (%3): %4. %5.")
            .arg(r.requestId,
                named.size() == 1 ? QStringLiteral("a call names") : QStringLiteral("%1 calls name").arg(named.size()),
                r.requesterName, named.join(QStringLiteral(", ")), ways);
    }
    return QStringLiteral("The calls of %1's number name more than one person: %2. Record the requester's name "
                          "(earmark-cli dsar name %1 --name TEXT). %3.")
        .arg(r.requestId, named.join(QStringLiteral(", ")), ways);
}

} // namespace Earmark
