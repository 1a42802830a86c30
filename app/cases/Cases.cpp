#include "cases/Cases.h"

#include "cache/AuditLog.h"
#include "cache/Cache.h"
#include "cache/Statement.h"
#include "core/Phone.h"
#include "core/TimeText.h"
#include "crypto/Blob.h"
#include "crypto/RandomId.h"
#include "retention/Holds.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

namespace Earmark {

namespace {

qint64 now()
{
    return QDateTime::currentSecsSinceEpoch();
}

const QString CaseColumns = QStringLiteral(
    "c.id, c.case_id, c.reference, c.type, c.phone_hint, c.owner, c.opened_by, c.opened_utc, c.hold_id, c.closed_by, "
    "c.closed_utc, c.close_reason");

CaseRecord readCase(Statement& s)
{
    CaseRecord c;
    c.caseId = s.text(1);
    c.reference = s.text(2);
    c.type = s.text(3);
    c.phoneHint = s.text(4);
    c.owner = s.text(5);
    c.openedBy = s.text(6);
    c.openedUtc = s.int64(7);
    c.holdId = s.text(8);
    c.closedBy = s.text(9);
    c.closedUtc = s.int64(10);
    c.closeReason = s.text(11);
    return c;
}
} // namespace

Cases::Cases(Cache& cache)
    : m_cache(cache)
{ }

Result<QStringList> Cases::callsOfNumber(const QString& e164)
{
    CallQuery q;
    q.phoneE164 = e164;
    auto calls = m_cache.calls().query(q);
    if (!calls) {
        return calls.error();
    }
    QStringList out;
    for (const CallRecord& c : calls.value()) {
        out << c.callId;
    }
    return out;
}

Result<CaseRecord> Cases::create(const NewCase& request)
{
    if (auto st = m_cache.roles().require(Permission::ManageCases); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    if (!types().contains(request.type)) {
        return makeError(
            QStringLiteral("A case is a query, a complaint or a safety case (--type query|complaint|safety), "
                           "not \"%1\".")
                .arg(request.type));
    }
    static const QRegularExpression Reference(QStringLiteral("\\A[A-Za-z0-9][A-Za-z0-9._/-]{0,63}\\z"));
    if (!Reference.match(request.reference).hasMatch()) {
        return makeError(
            QStringLiteral("A case reference is 1 to 64 letters, digits and ._/- (e.g. CMP-2026-0142), not "
                           "\"%1\".")
                .arg(request.reference));
    }
    if (auto existing = get(request.reference); existing) {
        return makeError(QStringLiteral("There is already a case %1 (%2): add the calls to it with earmark-cli case "
                                        "add-call %2 CALL_ID.")
                             .arg(request.reference, existing->caseId));
    }
    QString e164;
    if (!request.phone.trimmed().isEmpty()) {
        auto n = Phone::normalise(request.phone);
        if (!n) {
            return n.error();
        }
        e164 = n.value();
    }
    const auto cached = [this](const QString& id) -> Result<CallRecord> {
        auto found = m_cache.calls().find(id);
        if (!found || !found.value()) {
            return found ? makeError(QStringLiteral("Call %1 is not in the cache: check the id with earmark-cli "
                                                    "calls, or sync first.")
                                         .arg(id))
                         : found.error();
        }
        return *found.value();
    };
    if (e164.isEmpty() && !request.numberOfCall.isEmpty()) {
        auto call = cached(request.numberOfCall);
        auto personal = call ? m_cache.calls().personal(*call) : Result<CallPersonal>(call.error());
        if (!personal) {
            return personal.error();
        }
        e164 = personal->phoneE164; // empty for a withheld number: the selected calls alone are linked
    }
    QStringList calls = request.callIds;
    for (const QString& id : request.callIds) {
        if (auto call = cached(id); !call) {
            return call.error();
        }
    }
    if (!e164.isEmpty()) {
        auto ofNumber = callsOfNumber(e164);
        if (!ofNumber) {
            return ofNumber.error();
        }
        for (const QString& id : ofNumber.value()) {
            if (!calls.contains(id)) {
                calls << id;
            }
        }
    }

    const QString caseId = randomId(QStringLiteral("K-"));
    const SecretKey key = SecretKey::random();
    Database& db = m_cache.database();
    Transaction tx(db);
    if (auto st = tx.begin(); !st) {
        return st.error();
    }
    QString holdId;
    if (!calls.isEmpty()) {
        auto held = Holds(m_cache).place(
            calls, QStringLiteral("Open %1 case %2").arg(request.type, request.reference), request.reference);
        if (!held) {
            return held.error();
        }
        holdId = held.value();
    }
    auto ins = db.prepare(QStringLiteral("INSERT INTO cases(case_id, reference, type, wrapped_key, phone_sealed, "
                                         "phone_index, phone_hint, owner, opened_by, "
                                         "opened_utc, hold_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
    if (!ins) {
        return ins.error();
    }
    const QString actor = AuditLog::currentActor();
    ins->bind(1, caseId).bind(2, request.reference).bind(3, request.type);
    ins->bind(4, m_cache.keys().wrapDataKey(key, Cache::caseKeyName(caseId)));
    if (e164.isEmpty()) {
        ins->bindNull(5).bindNull(6).bind(7, QString(QLatin1String("")));
    } else {
        ins->bind(5, Blob::seal(key, Cache::casePhoneBinding(caseId), Blob::Kind::Personal, e164.toUtf8()));
        ins->bind(6, m_cache.keys().phoneIndex(e164)).bind(7, Phone::masked(e164));
    }
    ins->bind(8, request.owner.trimmed().isEmpty() ? actor : request.owner.trimmed()).bind(9, actor).bind(10, now());
    ins->bind(11, holdId.isEmpty() ? QString() : holdId);
    if (auto st = ins->run(); !st) {
        return st.error();
    }
    const qint64 caseRow = db.lastInsertId();
    if (auto st = link(caseRow, caseId, calls); !st) {
        return st.error();
    }
    if (auto st = commitAudited(tx, QStringLiteral("case.create"), caseId,
            QStringLiteral("%1 case, %2 call(s)").arg(request.type).arg(calls.size()));
        !st) {
        return st.error();
    }
    return get(caseId);
}

Status Cases::link(qint64 caseRow, const QString& caseId, const QStringList& callIds)
{
    auto ins = m_cache.database().prepare(
        QStringLiteral("INSERT OR IGNORE INTO case_calls(\"case\", call_id, added_by, added_utc) VALUES (?,?,?,?)"));
    if (!ins) {
        return ins.error();
    }
    for (const QString& id : callIds) {
        ins->bind(1, caseRow).bind(2, id).bind(3, AuditLog::currentActor()).bind(4, now());
        if (auto st = ins->run(); !st) {
            return st;
        }
        ins->reset();
        if (auto st = m_cache.audit().append(QStringLiteral("case.add-call"), id, caseId); !st) {
            return st;
        }
    }
    return {};
}

QJsonObject Cases::toJson(const CaseRecord& c)
{
    QJsonArray notes;
    for (const CaseNote& n : c.notes) {
        notes << QJsonObject {{QStringLiteral("at_utc"), utcText(n.atUtc)}, {QStringLiteral("author"), n.author},
            {QStringLiteral("text"), n.text}};
    }
    QJsonArray flags;
    for (const SafetyFlag& f : c.flags) {
        flags << QJsonObject {{QStringLiteral("call_id"), f.callId}, {QStringLiteral("at_s"), f.atMs / 1000.0},
            {QStringLiteral("kind"), f.kind}, {QStringLiteral("note"), f.note}, {QStringLiteral("by"), f.flaggedBy},
            {QStringLiteral("at_utc"), utcText(f.flaggedUtc)}};
    }
    return QJsonObject {{QStringLiteral("schema"), QStringLiteral("earmark.case/1")},
        {QStringLiteral("case_id"), c.caseId}, {QStringLiteral("reference"), c.reference},
        {QStringLiteral("type"), c.type}, {QStringLiteral("respondent_phone"), c.phoneHint},
        {QStringLiteral("owner"), c.owner}, {QStringLiteral("opened_by"), c.openedBy},
        {QStringLiteral("opened_utc"), utcText(c.openedUtc)},
        {QStringLiteral("status"), c.isOpen() ? QStringLiteral("open") : QStringLiteral("closed")},
        {QStringLiteral("closed_utc"), c.closedUtc ? utcText(c.closedUtc) : QString()},
        {QStringLiteral("close_reason"), c.closeReason}, {QStringLiteral("hold_id"), c.holdId},
        {QStringLiteral("calls"), QJsonArray::fromStringList(c.callIds)}, {QStringLiteral("notes"), notes},
        {QStringLiteral("safety_flags"), flags}};
}

Status Cases::commitAudited(Transaction& tx, const QString& action, const QString& subject, const QString& detail)
{
    if (auto st = m_cache.audit().append(action, subject, detail); !st) {
        return st;
    }
    if (auto st = tx.commit(); !st) {
        return st;
    }
    return m_cache.audit().checkpoint();
}

Result<qint64> Cases::row(const QString& caseId)
{
    auto s = m_cache.database().prepare(QStringLiteral("SELECT id FROM cases WHERE case_id = ? OR reference = ?"));
    if (!s) {
        return s.error();
    }
    s->bind(1, caseId).bind(2, caseId);
    return s->requiredRow([&] { return s->int64(0); },
        QStringLiteral("There is no case %1: earmark-cli case list shows the cases.").arg(caseId));
}

Result<CaseRecord> Cases::get(const QString& caseIdOrReference)
{
    if (auto st = m_cache.roles().require(Permission::ManageCases); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    Database& db = m_cache.database();
    auto s = db.prepare(QStringLiteral("SELECT ") + CaseColumns
        + QStringLiteral(" FROM cases c WHERE c.case_id = ? OR c.reference = ?"));
    if (!s) {
        return s.error();
    }
    s->bind(1, caseIdOrReference).bind(2, caseIdOrReference);
    qint64 id = 0;
    auto found = s->requiredRow(
        [&] {
            id = s->int64(0);
            return readCase(*s);
        },
        QStringLiteral("There is no case %1: earmark-cli case list shows the cases.").arg(caseIdOrReference));
    if (!found) {
        return found.error();
    }
    CaseRecord c = found.value();
    auto calls
        = db.prepare(QStringLiteral("SELECT call_id FROM case_calls WHERE \"case\" = ? ORDER BY added_utc, call_id"));
    auto notes
        = db.prepare(QStringLiteral("SELECT at_utc, author, text FROM case_notes WHERE \"case\" = ? ORDER BY id"));
    auto flags = db.prepare(QStringLiteral(
        "SELECT f.id, k.call_id, f.at_ms, f.kind, f.note, f.flagged_by, f.flagged_utc FROM safety_flags f JOIN calls k "
        "ON k.id = f.call WHERE f.\"case\" = ? ORDER BY f.flagged_utc, f.id"));
    if (!calls || !notes || !flags) {
        return makeError(db.lastError());
    }
    calls->bind(1, id);
    notes->bind(1, id);
    flags->bind(1, id);
    Status st = calls->forEachRow([&] { c.callIds << calls->text(0); });
    if (st) {
        st = notes->forEachRow([&] { c.notes << CaseNote {notes->int64(0), notes->text(1), notes->text(2)}; });
    }
    if (st) {
        st = flags->forEachRow([&] {
            c.flags << SafetyFlag {flags->int64(0), flags->text(1), flags->int64(2), flags->text(3), flags->text(4),
                flags->text(5), flags->int64(6)};
        });
    }
    if (!st) {
        return st.error();
    }
    return c;
}

Result<QList<CaseRecord>> Cases::list(const CaseFilter& filter)
{
    if (auto st = m_cache.roles().require(Permission::ManageCases); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    QString sql = QStringLiteral("SELECT ") + CaseColumns
        + QStringLiteral(
            ", (SELECT group_concat(call_id, ' ') FROM case_calls WHERE \"case\" = c.id) FROM cases c WHERE 1");
    if (filter.status == CaseFilter::Status::Open) {
        sql += QStringLiteral(" AND c.closed_utc IS NULL");
    } else if (filter.status == CaseFilter::Status::Closed) {
        sql += QStringLiteral(" AND c.closed_utc IS NOT NULL");
    }
    if (!filter.type.isEmpty()) {
        sql += QStringLiteral(" AND c.type = :type");
    }
    if (!filter.text.isEmpty()) {
        sql += QStringLiteral(
            " AND (instr(lower(c.reference), lower(:text)) OR instr(lower(c.case_id), lower(:text)) OR "
            "EXISTS (SELECT 1 FROM case_calls cc WHERE cc.\"case\" = c.id AND cc.call_id = :text))");
    }
    sql += QStringLiteral(" ORDER BY c.closed_utc IS NOT NULL, c.opened_utc DESC, c.id DESC");
    auto s = m_cache.database().prepare(sql);
    if (!s) {
        return s.error();
    }
    int pos = 1;
    if (!filter.type.isEmpty()) {
        s->bind(pos++, filter.type);
    }
    if (!filter.text.isEmpty()) {
        s->bind(pos++, filter.text);
    }
    QList<CaseRecord> out;
    auto rows = s->forEachRow([&] {
        CaseRecord c = readCase(*s);
        c.callIds = s->text(12).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        out << c;
    });
    if (!rows) {
        return rows.error();
    }
    return out;
}

Status Cases::addCall(const QString& caseId, const QString& callId)
{
    if (auto st = m_cache.roles().require(Permission::ManageCases); !st) {
        return st;
    }
    const Roles::Scope inside(m_cache.roles());
    auto c = get(caseId);
    if (!c) {
        return c.error();
    }
    if (!c->isOpen()) {
        return makeError(
            QStringLiteral("Case %1 was closed on %2: calls can be added to open cases only.")
                .arg(c->reference, QDateTime::fromSecsSinceEpoch(c->closedUtc, Qt::UTC).date().toString(Qt::ISODate)));
    }
    if (c->callIds.contains(callId)) {
        return {};
    }
    auto caseRow = row(c->caseId);
    if (!caseRow) {
        return caseRow.error();
    }
    Database& db = m_cache.database();
    Transaction tx(db);
    if (auto st = tx.begin(); !st) {
        return st;
    }
    Holds holds(m_cache);
    if (c->holdId.isEmpty()) {
        auto held = holds.place({callId}, QStringLiteral("Open %1 case %2").arg(c->type, c->reference), c->reference);
        if (!held) {
            return held.error();
        }
        auto upd = db.prepare(QStringLiteral("UPDATE cases SET hold_id = ? WHERE id = ?"));
        if (!upd) {
            return upd.error();
        }
        upd->bind(1, held.value()).bind(2, caseRow.value());
        if (auto st = upd->run(); !st) {
            return st;
        }
    } else if (auto st = holds.addCalls(c->holdId, {callId}); !st) {
        return st;
    }
    if (auto st = link(caseRow.value(), c->caseId, {callId}); !st) {
        return st;
    }
    if (auto st = tx.commit(); !st) {
        return st;
    }
    return m_cache.audit().checkpoint();
}

Result<QStringList> Cases::linkRespondentCalls(const QString& caseId)
{
    if (auto st = m_cache.roles().require(Permission::ManageCases); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto c = get(caseId);
    if (!c) {
        return c.error();
    }
    auto s = m_cache.database().prepare(QStringLiteral(
        "SELECT k.call_id FROM calls k JOIN cases c ON c.phone_index = k.phone_index WHERE c.case_id = ? AND NOT "
        "EXISTS "
        "(SELECT 1 FROM case_calls cc WHERE cc.\"case\" = c.id AND cc.call_id = k.call_id) ORDER BY k.start_utc"));
    if (!s) {
        return s.error();
    }
    s->bind(1, c->caseId);
    QStringList found;
    if (auto st = s->forEachRow([&] { found << s->text(0); }); !st) {
        return st.error();
    }
    for (const QString& id : found) {
        if (auto st = addCall(c->caseId, id); !st) {
            return st.error();
        }
    }
    return found;
}

Status Cases::addNote(const QString& caseId, const QString& text)
{
    if (auto st = m_cache.roles().require(Permission::ManageCases); !st) {
        return st;
    }
    const Roles::Scope inside(m_cache.roles());
    if (text.trimmed().isEmpty()) {
        return makeError(QStringLiteral("A note needs some text."));
    }
    auto caseRow = row(caseId);
    if (!caseRow) {
        return caseRow.error();
    }
    Database& db = m_cache.database();
    Transaction tx(db);
    if (auto st = tx.begin(); !st) {
        return st;
    }
    auto ins = db.prepare(QStringLiteral("INSERT INTO case_notes(\"case\", at_utc, author, text) VALUES (?,?,?,?)"));
    if (!ins) {
        return ins.error();
    }
    ins->bind(1, caseRow.value()).bind(2, now()).bind(3, AuditLog::currentActor()).bind(4, text.trimmed());
    if (auto st = ins->run(); !st) {
        return st;
    }
    auto c = get(caseId);
    if (!c) {
        return c.error();
    }
    return commitAudited(tx, QStringLiteral("case.note"), c->caseId, {});
}

Status Cases::close(const QString& caseId, const QString& reason)
{
    if (auto st = m_cache.roles().require(Permission::ManageCases); !st) {
        return st;
    }
    const Roles::Scope inside(m_cache.roles());
    if (reason.trimmed().isEmpty()) {
        return makeError(
            QStringLiteral("Closing a case needs a reason (--reason TEXT): it is given when its calls' hold "
                           "is released."));
    }
    auto c = get(caseId);
    if (!c) {
        return c.error();
    }
    if (!c->isOpen()) {
        return makeError(QStringLiteral("Case %1 is already closed.").arg(c->reference));
    }
    // The hold first: if it cannot be released the case stays open as it was. A hold already released (a close
    // stopped between the two) is not released again.
    if (!c->holdId.isEmpty()) {
        auto open = Holds(m_cache).list(false);
        if (!open) {
            return open.error();
        }
        if (std::any_of(open->begin(), open->end(), [&](const Hold& h) { return h.holdId == c->holdId; })) {
            Holds holds(m_cache);
            holds.setReleasingForCase(true);
            auto released
                = holds.release(c->holdId, QStringLiteral("Case %1 closed: %2").arg(c->reference, reason.trimmed()));
            if (!released) {
                return released.error();
            }
        }
    }
    Database& db = m_cache.database();
    Transaction tx(db);
    if (auto st = tx.begin(); !st) {
        return st;
    }
    auto upd = db.prepare(
        QStringLiteral("UPDATE cases SET closed_by = ?, closed_utc = ?, close_reason = ? WHERE case_id = ?"));
    if (!upd) {
        return upd.error();
    }
    upd->bind(1, AuditLog::currentActor()).bind(2, now()).bind(3, reason.trimmed()).bind(4, c->caseId);
    if (auto st = upd->run(); !st) {
        return st;
    }
    return commitAudited(tx, QStringLiteral("case.close"), c->caseId, {});
}

Result<QString> Cases::flagSafety(const QString& callId, qint64 atMs, const QString& kind, const QString& note)
{
    if (auto st = m_cache.roles().require(Permission::FlagSafety); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    if (kind != QLatin1String("threatening") && kind != QLatin1String("abusive")) {
        return makeError(
            QStringLiteral("A safety flag marks a moment as threatening or abusive, not \"%1\".").arg(kind));
    }
    auto call = m_cache.calls().find(callId);
    if (!call) {
        return call.error();
    }
    if (!call.value()) {
        return makeError(QStringLiteral("Call %1 is not in the cache.").arg(callId));
    }
    Database& db = m_cache.database();
    // One transaction for the case, the hold and the flag: all of them or none.
    Transaction tx(db);
    if (auto st = tx.begin(); !st) {
        return st.error();
    }
    // The open safety case that has this call, else one of the same respondent.
    auto s = db.prepare(QStringLiteral(
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
    QString caseId;
    if (joined.value()) {
        caseId = *joined.value();
        if (auto st = addCall(caseId, callId); !st) {
            return st.error();
        }
    } else {
        auto personal = m_cache.calls().personal(*call.value());
        if (!personal) {
            return personal.error();
        }
        NewCase n;
        n.type = QStringLiteral("safety");
        n.reference = randomId(
            QStringLiteral("SAFETY-%1-").arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd"))));
        n.phone = personal->phoneE164;
        n.callIds = {callId};
        auto created = create(n);
        if (!created) {
            return created.error();
        }
        caseId = created->caseId;
    }
    auto caseRow = row(caseId);
    if (!caseRow) {
        return caseRow.error();
    }
    auto ins = db.prepare(QStringLiteral(
        "INSERT INTO safety_flags(\"case\", call, at_ms, kind, note, flagged_by, flagged_utc) VALUES (?,?,?,?,?,?,?)"));
    if (!ins) {
        return ins.error();
    }
    ins->bind(1, caseRow.value()).bind(2, call.value()->id).bind(3, qMax<qint64>(0, atMs)).bind(4, kind);
    const QString text = note.trimmed();
    ins->bind(5, text.isNull() ? QStringLiteral("") : text).bind(6, AuditLog::currentActor()).bind(7, now());
    if (auto st = ins->run(); !st) {
        return st.error();
    }
    if (auto st = commitAudited(tx, QStringLiteral("safety.flag"), callId,
            QStringLiteral("%1 at %2 ms, case %3").arg(kind).arg(atMs).arg(caseId));
        !st) {
        return st.error();
    }
    return caseId;
}

} // namespace Earmark
