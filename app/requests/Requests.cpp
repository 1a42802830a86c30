#include "requests/Requests.h"

#include "cache/AuditLog.h"
#include "cache/Cache.h"
#include "cache/CallRepository.h"
#include "cache/Statement.h"
#include "core/Phone.h"
#include "crypto/Blob.h"
#include "crypto/RandomId.h"
#include "requests/BankHolidays.h"
#include "requests/RequestCalls.h"
#include "requests/SarDeadline.h"
#include "retention/Holds.h"

#include <QDateTime>
#include <algorithm>

namespace Earmark {

namespace {

QString iso(const QDate& d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

QDate date(const QString& text)
{
    return QDate::fromString(text, Qt::ISODate);
}

const QString Columns = QStringLiteral(
    "r.request_id, r.reference, r.phone_hint, r.received_date, r.channel, r.identity_note, r.identity_asked, "
    "r.identity_date, r.status, r.deadline, r.extension_reason, r.outcome, r.created_by, r.created_utc, r.closed_utc, "
    "(SELECT group_concat(k.call_id, ' ') FROM calls k WHERE k.phone_index = r.phone_index AND NOT EXISTS (SELECT 1 "
    "FROM subject_request_calls x WHERE x.request = r.id AND x.call_id = k.call_id AND x.decision = 'excluded')), "
    "r.id, r.wrapped_key, r.name_sealed");

// A request as read, with what fillCalls needs to open its name and list the number's calls.
struct ReadRow
{
    SubjectRequest request;
    qint64 row = 0;
    QByteArray wrappedKey;
    QByteArray nameSealed;
};

SubjectRequest read(Statement& s)
{
    SubjectRequest r;
    r.requestId = s.text(0);
    r.reference = s.text(1);
    r.phoneHint = s.text(2);
    r.received = date(s.text(3));
    r.channel = s.text(4);
    r.identityNote = s.text(5);
    r.identityAsked = s.int64(6) != 0;
    r.identityDate = date(s.text(7));
    r.status = s.text(8);
    r.deadline = date(s.text(9));
    r.extensionReason = s.text(10);
    r.outcome = s.text(11);
    r.createdBy = s.text(12);
    r.createdUtc = s.int64(13);
    r.closedUtc = s.int64(14);
    r.callIds = s.text(15).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    r.callIds.sort();
    return r;
}

ReadRow readRow(Statement& s)
{
    return ReadRow {read(s), s.int64(16), s.blob(17), s.isNull(18) ? QByteArray() : s.blob(18)};
}

} // namespace

QStringList SubjectRequest::doubtfulCallIds() const
{
    QStringList out;
    for (const RequestCall& c : numberCalls) {
        if (c.doubtful) {
            out << c.callId;
        }
    }
    return out;
}

Requests::Requests(Cache& cache)
    : m_cache(cache)
{ }

Result<SubjectRequest> Requests::create(const NewSubjectRequest& request, const QDate& today)
{
    if (auto st = m_cache.roles().require(Permission::SubjectRequests); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto e164 = Phone::normalise(request.phone);
    if (!e164) {
        return e164.error();
    }
    if (!request.received.isValid() || request.received > today) {
        return makeError(
            QStringLiteral("A request's received date is the day it arrived (YYYY-MM-DD), not a day in the "
                           "future."));
    }
    if (!channels().contains(request.channel)) {
        return makeError(QStringLiteral("A request arrives by letter, email, phone or in-person (a request made by "
                                        "phone or in person counts too), not \"%1\".")
                             .arg(request.channel));
    }
    if (!request.reference.trimmed().isEmpty()) {
        if (auto existing = get(request.reference.trimmed()); existing) {
            return makeError(QStringLiteral("There is already a request with the reference %1 (%2).")
                                 .arg(request.reference.trimmed(), existing->requestId));
        }
    }
    const QString id = randomId(QStringLiteral("D-"));
    const SecretKey key = SecretKey::random();
    const QString status = request.identityPending ? QStringLiteral("identity-pending") : QStringLiteral("received");
    const SarDeadline deadline = SarDeadline::compute(request.received, 1, BankHolidays::englandAndWales());
    Database& db = m_cache.database();
    Transaction tx(db);
    if (auto st = tx.begin(); !st) {
        return st.error();
    }
    auto ins = db.prepare(QStringLiteral(
        "INSERT INTO subject_requests(request_id, reference, wrapped_key, phone_sealed, phone_index, phone_hint, "
        "received_date, channel, identity_note, identity_asked, status, deadline, created_by, created_utc, "
        "name_sealed) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    if (!ins) {
        return ins.error();
    }
    ins->bind(1, id).bind(2, request.reference.trimmed().isNull() ? QStringLiteral("") : request.reference.trimmed());
    ins->bind(3, m_cache.keys().wrapDataKey(key, Cache::requestKeyName(id)));
    ins->bind(4, Blob::seal(key, Cache::requestPhoneBinding(id), Blob::Kind::Personal, e164->toUtf8()));
    ins->bind(5, m_cache.keys().phoneIndex(e164.value())).bind(6, Phone::masked(e164.value()));
    ins->bind(7, iso(request.received)).bind(8, request.channel);
    ins->bind(9, request.identityNote.trimmed().isNull() ? QStringLiteral("") : request.identityNote.trimmed());
    ins->bind(10, request.identityPending ? 1 : 0).bind(11, status);
    ins->bind(12, request.identityPending ? QString() : iso(deadline.date));
    ins->bind(13, AuditLog::currentActor()).bind(14, QDateTime::currentSecsSinceEpoch());
    if (request.name.trimmed().isEmpty()) {
        ins->bindNull(15);
    } else {
        ins->bind(
            15, Blob::seal(key, Cache::requestNameBinding(id), Blob::Kind::Personal, request.name.trimmed().toUtf8()));
    }
    if (auto st = ins->run(); !st) {
        return st.error();
    }
    if (auto st = m_cache.audit().append(QStringLiteral("request.create"), id,
            QStringLiteral("received %1 by %2").arg(iso(request.received), request.channel));
        !st) {
        return st.error();
    }
    if (auto st = tx.commit(); !st) {
        return st.error();
    }
    if (auto st = m_cache.audit().checkpoint(); !st) {
        return st.error();
    }
    return get(id);
}

Result<SubjectRequest> Requests::get(const QString& requestIdOrReference)
{
    if (auto st = m_cache.roles().require(Permission::SubjectRequests); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto s = m_cache.database().prepare(QStringLiteral("SELECT ") + Columns
        + QStringLiteral(
            " FROM subject_requests r WHERE r.request_id = ?1 OR (r.reference <> '' AND r.reference = ?1)"));
    if (!s) {
        return s.error();
    }
    s->bind(1, requestIdOrReference);
    auto found = s->requiredRow([&] { return readRow(*s); },
        QStringLiteral("There is no subject access request %1: earmark-cli dsar list shows them.")
            .arg(requestIdOrReference));
    if (!found) {
        return found.error();
    }
    ReadRow r = found.value();
    if (auto st = RequestCalls(m_cache).fill(r.request, r.row, r.wrappedKey, r.nameSealed); !st) {
        return st.error();
    }
    return r.request;
}

Result<QList<SubjectRequest>> Requests::list(bool openOnly)
{
    if (auto st = m_cache.roles().require(Permission::SubjectRequests); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto s
        = m_cache.database().prepare(QStringLiteral("SELECT ") + Columns + QStringLiteral(" FROM subject_requests r ")
            + (openOnly ? QStringLiteral("WHERE r.closed_utc IS NULL ") : QString())
            + QStringLiteral("ORDER BY r.closed_utc IS NOT NULL, r.deadline IS NULL, r.deadline, r.received_date"));
    if (!s) {
        return s.error();
    }
    QList<ReadRow> rows;
    if (auto st = s->forEachRow([&] { rows << readRow(*s); }); !st) {
        return st.error();
    }
    QList<SubjectRequest> out;
    for (ReadRow& r : rows) {
        if (auto st = RequestCalls(m_cache).fill(r.request, r.row, r.wrappedKey, r.nameSealed); !st) {
            return st.error();
        }
        out << r.request;
    }
    return out;
}

Result<SubjectRequest> Requests::openRequest(const QString& requestIdOrReference)
{
    auto r = get(requestIdOrReference);
    if (!r) {
        return r.error();
    }
    if (!r->isOpen()) {
        return makeError(QStringLiteral("Request %1 is closed (%2).").arg(r->requestId, r->status));
    }
    return r;
}

Status Requests::update(const QString& requestId, const QString& assignments, const QVariantList& values,
    const QString& action, const QString& detail)
{
    Database& db = m_cache.database();
    Transaction tx(db);
    if (auto st = tx.begin(); !st) {
        return st;
    }
    auto upd = db.prepare(QStringLiteral("UPDATE subject_requests SET %1 WHERE request_id = ?").arg(assignments));
    if (!upd) {
        return upd.error();
    }
    int pos = 1;
    for (const QVariant& v : values) {
        upd->bindVariant(pos++, v);
    }
    upd->bind(pos, requestId);
    if (auto st = upd->run(); !st) {
        return st;
    }
    if (auto st = m_cache.audit().append(action, requestId, detail); !st) {
        return st;
    }
    if (auto st = tx.commit(); !st) {
        return st;
    }
    return m_cache.audit().checkpoint();
}

Status Requests::confirmIdentity(const QString& requestId, const QDate& day, const QString& note)
{
    if (auto st = m_cache.roles().require(Permission::SubjectRequests); !st) {
        return st;
    }
    const Roles::Scope inside(m_cache.roles());
    auto r = openRequest(requestId);
    if (!r) {
        return r.error();
    }
    if (!r->isOpen() || r->identityDate.isValid()) {
        return makeError(
            QStringLiteral("Request %1 is %2%3: there is no identity to confirm.")
                .arg(r->requestId, r->status,
                    r->identityDate.isValid()
                        ? QStringLiteral(", its requester's identity confirmed on %1").arg(iso(r->identityDate))
                        : QString()));
    }
    if (!day.isValid() || day < r->received || day > QDate::currentDate()) {
        return makeError(QStringLiteral("The identity was confirmed on a day between the request (%1) and today "
                                        "(YYYY-MM-DD).")
                             .arg(iso(r->received)));
    }
    if (r->status != QLatin1String("identity-pending")) {
        // Not asked for when the request came: its month already runs from then, and stays.
        return update(r->requestId, QStringLiteral("identity_date = ?, identity_note = ?"),
            {iso(day), note.trimmed().isNull() ? QStringLiteral("") : note.trimmed()},
            QStringLiteral("request.identity"),
            QStringLiteral("confirmed %1, deadline stays %2").arg(iso(day), iso(r->deadline)));
    }
    const SarDeadline deadline = SarDeadline::compute(day, 1, BankHolidays::englandAndWales());
    return update(r->requestId,
        QStringLiteral("identity_date = ?, identity_note = ?, status = 'in-progress', deadline = ?"),
        {iso(day), note.trimmed().isNull() ? QStringLiteral("") : note.trimmed(), iso(deadline.date)},
        QStringLiteral("request.identity"), QStringLiteral("confirmed %1").arg(iso(day)));
}

Status Requests::extend(const QString& requestId, const QString& reason, const QDate& today)
{
    if (auto st = m_cache.roles().require(Permission::SubjectRequests); !st) {
        return st;
    }
    const Roles::Scope inside(m_cache.roles());
    auto r = get(requestId);
    if (!r) {
        return r.error();
    }
    if (!r->isOpen()) {
        return makeError(QStringLiteral("Request %1 is closed.").arg(r->requestId));
    }
    if (reason.trimmed().isEmpty()) {
        return makeError(QStringLiteral("An extension needs its reason (--reason TEXT): it is told to the requester."));
    }
    if (r->status == QLatin1String("extended")) {
        return makeError(
            QStringLiteral("Request %1 was already extended (to %2): it can be extended once, by up to two "
                           "months.")
                .arg(r->requestId, iso(r->deadline)));
    }
    if (!r->deadline.isValid()) {
        return makeError(QStringLiteral("Request %1 waits for the requester's identity: its month has not started.")
                             .arg(r->requestId));
    }
    if (today > r->deadline) {
        return makeError(QStringLiteral("The first month of request %1 ended on %2: an extension must be told to the "
                                        "requester within it.")
                             .arg(r->requestId, iso(r->deadline)));
    }
    const QDate start = r->identityDate.isValid() ? r->identityDate : r->received;
    const SarDeadline extended = SarDeadline::compute(start, 3, BankHolidays::englandAndWales());
    return update(r->requestId, QStringLiteral("status = 'extended', deadline = ?, extension_reason = ?"),
        {iso(extended.date), reason.trimmed()}, QStringLiteral("request.extend"),
        QStringLiteral("to %1").arg(iso(extended.date)));
}

Status Requests::close(const QString& requestId, const QString& outcome, bool refused)
{
    if (auto st = m_cache.roles().require(Permission::SubjectRequests); !st) {
        return st;
    }
    const Roles::Scope inside(m_cache.roles());
    auto r = openRequest(requestId);
    if (!r) {
        return r.error();
    }
    if (outcome.trimmed().isEmpty()) {
        return makeError(refused ? QStringLiteral("Refusing a request needs the reason (--outcome TEXT), as the "
                                                  "requester is told.")
                                 : QStringLiteral("Closing a request needs its outcome (--outcome TEXT, e.g. \"pack "
                                                  "sent by post\")."));
    }
    if (auto st = update(r->requestId, QStringLiteral("status = ?, outcome = ?, closed_by = ?, closed_utc = ?"),
            {refused ? QStringLiteral("refused") : QStringLiteral("completed"), outcome.trimmed(),
                AuditLog::currentActor(), QDateTime::currentSecsSinceEpoch()},
            QStringLiteral("request.close"), refused ? QStringLiteral("refused") : QStringLiteral("completed"));
        !st) {
        return st;
    }
    // Erasure notices that waited for the request (the requester may have asked for both) are applied now.
    auto applied = Holds(m_cache).applyWaitingErasures(r->callIds);
    return applied ? Status {} : Status(applied.error());
}

Status Requests::setRequesterName(const QString& requestId, const QString& name)
{
    if (auto st = m_cache.roles().require(Permission::SubjectRequests); !st) {
        return st;
    }
    const Roles::Scope inside(m_cache.roles());
    if (name.trimmed().isEmpty()) {
        return makeError(QStringLiteral("Give the requester's name as they gave it (--name TEXT)."));
    }
    auto r = openRequest(requestId);
    if (!r) {
        return r.error();
    }
    const QString id = r->requestId;
    auto s
        = m_cache.database().prepare(QStringLiteral("SELECT wrapped_key FROM subject_requests WHERE request_id = ?"));
    if (!s) {
        return s.error();
    }
    s->bind(1, id);
    auto wrapped = s->requiredRow([&] { return s->blob(0); }, QStringLiteral("Request %1 is gone.").arg(id));
    auto key = wrapped ? m_cache.keys().unwrapDataKey(wrapped.value(), Cache::requestKeyName(id))
                       : Result<SecretKey>(wrapped.error());
    if (!key) {
        return key.error();
    }
    const QByteArray sealed
        = Blob::seal(key.value(), Cache::requestNameBinding(id), Blob::Kind::Personal, name.trimmed().toUtf8());
    return update(id, QStringLiteral("name_sealed = ?"), {sealed}, QStringLiteral("request.name"), {});
}

Status Requests::decideCall(
    const QString& requestId, const QString& callId, RequestCall::Decision decision, const QString& reason)
{
    if (auto st = m_cache.roles().require(Permission::SubjectRequests); !st) {
        return st;
    }
    const Roles::Scope inside(m_cache.roles());
    if (decision == RequestCall::Decision::None) {
        return makeError(QStringLiteral("A call of a request is excluded (not the requester's) or confirmed as "
                                        "theirs."));
    }
    auto r = openRequest(requestId);
    if (!r) {
        return r.error();
    }
    const auto call = std::find_if(
        r->numberCalls.cbegin(), r->numberCalls.cend(), [&](const RequestCall& c) { return c.callId == callId; });
    if (call == r->numberCalls.cend()) {
        return makeError(QStringLiteral("Call %1 is not a call of %2's number (%3): earmark-cli dsar show %2 lists "
                                        "them.")
                             .arg(callId, r->requestId, r->phoneHint));
    }
    const bool exclude = decision == RequestCall::Decision::Excluded;
    if (reason.trimmed().isEmpty()) {
        return makeError(exclude ? QStringLiteral("Say why call %1 is not the requester's (--reason TEXT, e.g. \"the "
                                                  "requester's son, named on the call\"): it is kept with the request.")
                                       .arg(callId)
                                 : QStringLiteral("Say why call %1 is the requester's (--reason TEXT, e.g. \"maiden "
                                                  "name, confirmed by phone\"): it is kept with the request.")
                                       .arg(callId));
    }
    return RequestCalls(m_cache).decide(r.value(), callId, decision, reason);
}

QString Requests::deadlineWarning(const SubjectRequest& request)
{
    const BankHolidays& holidays = BankHolidays::englandAndWales();
    if (!request.deadline.isValid() || holidays.covers(request.deadline.year())) {
        return {};
    }
    return QStringLiteral("The bank-holiday table covers %1 to %2: this deadline counts weekends only. Check it "
                          "against https://www.gov.uk/bank-holidays, and update resources/requests/ with a newer "
                          "Earmark.")
        .arg(holidays.firstYear())
        .arg(holidays.lastYear());
}

int Requests::dueWithin(const QList<SubjectRequest>& requests, const QDate& today, int days)
{
    return int(std::count_if(requests.cbegin(), requests.cend(), [&](const SubjectRequest& r) {
        return r.isOpen() && r.deadline.isValid() && SarDeadline::daysLeft(today, r.deadline) <= days;
    }));
}

} // namespace Earmark
