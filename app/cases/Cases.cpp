#include "cases/Cases.h"

#include "cache/AuditLog.h"
#include "cache/Cache.h"
#include "cache/CallRepository.h"
#include "cache/Statement.h"
#include "cases/CaseCallLinks.h"
#include "cases/SafetyFlags.h"
#include "core/Phone.h"
#include "core/TimeText.h"
#include "crypto/Blob.h"
#include "crypto/RandomId.h"
#include "retention/Holds.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>

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
    // The number's other calls, but not those that name someone other than the call the case was opened from: a
    // shared number (a household's landline) must not put another person's calls in the case.
    CaseCallLinks links(m_cache);
    QStringList othersNamed;
    if (!e164.isEmpty()) {
        const QString anchor = !request.numberOfCall.isEmpty() ? request.numberOfCall : request.callIds.value(0);
        auto ofNumber = links.ofNumber(e164, anchor, calls);
        if (!ofNumber) {
            return ofNumber.error();
        }
        calls << ofNumber->same;
        othersNamed = ofNumber->othersNamed;
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
    if (auto st = links.link(caseRow, caseId, calls); !st) {
        return st.error();
    }
    for (const QString& id : othersNamed) {
        if (auto st = links.setAside(caseRow, caseId, id, CaseCallLinks::sharedNumberReason()); !st) {
            return st.error();
        }
    }
    if (auto st = commitAudited(tx, QStringLiteral("case.create"), caseId,
            QStringLiteral("%1 case, %2 call(s)").arg(request.type).arg(calls.size()));
        !st) {
        return st.error();
    }
    return get(caseId);
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
            {QStringLiteral("at_utc"), utcText(f.flaggedUtc)}, {QStringLiteral("case_id"), f.caseId},
            {QStringLiteral("case_reference"), f.caseReference}};
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
    if (auto st = CaseCallLinks(m_cache).load(id, c); !st) {
        return st.error();
    }
    // Its own flags, and those on its calls in other (safety) cases: a complaint's pack lists them too.
    auto flags = db.prepare(QStringLiteral("SELECT ") + SafetyFlags::Columns
        + QStringLiteral(" WHERE f.\"case\" = ? OR k.call_id IN (SELECT call_id FROM case_calls WHERE \"case\" = ?) "
                         "ORDER BY f.flagged_utc, f.id"));
    auto notes
        = db.prepare(QStringLiteral("SELECT at_utc, author, text FROM case_notes WHERE \"case\" = ? ORDER BY id"));
    if (!notes || !flags) {
        return makeError(db.lastError());
    }
    notes->bind(1, id);
    flags->bind(1, id).bind(2, id);
    Status st = notes->forEachRow([&] { c.notes << CaseNote {notes->int64(0), notes->text(1), notes->text(2)}; });
    if (st) {
        st = flags->forEachRow([&] { c.flags << SafetyFlags::read(*flags); });
    }
    if (!st) {
        return st.error();
    }
    c.flagCount = int(c.flags.size());
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
            ", (SELECT group_concat(call_id, ' ') FROM case_calls WHERE \"case\" = c.id), (SELECT count(*) FROM "
            "safety_flags f JOIN calls k ON k.id = f.call WHERE f.\"case\" = c.id OR k.call_id IN (SELECT call_id FROM "
            "case_calls WHERE \"case\" = c.id)) FROM cases c WHERE 1");
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
        c.flagCount = int(s->int64(13));
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
    if (auto st = CaseCallLinks(m_cache).link(caseRow.value(), c->caseId, {callId}); !st) {
        return st;
    }
    if (auto st = tx.commit(); !st) {
        return st;
    }
    return m_cache.audit().checkpoint();
}

Status Cases::removeCall(const QString& caseId, const QString& callId, const QString& reason)
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
        return makeError(QStringLiteral("Case %1 is closed: its calls stay as they were.").arg(c->reference));
    }
    if (!c->callIds.contains(callId)) {
        return makeError(QStringLiteral("Call %1 is not a call of case %2.").arg(callId, c->reference));
    }
    if (reason.trimmed().isEmpty()) {
        return makeError(QStringLiteral("Say why call %1 is not the case's (--reason TEXT, e.g. \"another person on "
                                        "the same number\"): it is kept with the case.")
                             .arg(callId));
    }
    if (std::any_of(c->flags.cbegin(), c->flags.cend(), [&](const SafetyFlag& f) { return f.callId == callId; })) {
        return makeError(QStringLiteral("Call %1 has a flagged moment in case %2: the flag is evidence, so the call "
                                        "stays.")
                             .arg(callId, c->reference));
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
    CaseCallLinks links(m_cache);
    Status st = links.unlink(caseRow.value(), callId);
    if (st) {
        st = links.setAside(caseRow.value(), c->caseId, callId, reason.trimmed());
    }
    if (st && !c->holdId.isEmpty()) {
        st = Holds(m_cache).removeCalls(c->holdId, {callId}, QStringLiteral("Taken out of case %1").arg(c->reference));
    }
    if (st) {
        st = commitAudited(tx, QStringLiteral("case.remove-call"), callId, c->caseId);
    }
    if (!st) {
        return st;
    }
    auto applied = Holds(m_cache).applyWaitingErasures({callId});
    return applied ? Status {} : Status(applied.error());
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
    CaseCallLinks links(m_cache);
    auto found = links.unlinkedOfNumber(c->caseId);
    if (!found) {
        return found.error();
    }
    // A newer call that names someone other than every linked call of the case is another person's: set aside.
    QMap<QString, QString> linkedNames;
    for (const QString& id : std::as_const(c->callIds)) {
        linkedNames.insert(id, c->respondentNames.value(id));
    }
    QStringList linked;
    for (const QString& id : found.value()) {
        auto name = links.respondentName(id);
        if (!name) {
            return name.error();
        }
        if (CaseCallLinks::namesSomeoneElse(linkedNames, name.value())) {
            auto caseRow = row(c->caseId);
            Transaction tx(m_cache.database());
            Status st = caseRow ? tx.begin() : Status(caseRow.error());
            if (st) {
                st = links.setAside(caseRow.value(), c->caseId, id, CaseCallLinks::sharedNumberReason());
            }
            if (st) {
                st = tx.commit();
            }
            if (!st) {
                return st.error();
            }
            continue;
        }
        if (auto st = addCall(c->caseId, id); !st) {
            return st.error();
        }
        linked << id;
    }
    if (auto st = m_cache.audit().checkpoint(); !st) {
        return st.error();
    }
    return linked;
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

} // namespace Earmark
