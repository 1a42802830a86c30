#include "cases/CaseCallLinks.h"

#include "cache/AuditLog.h"
#include "cache/Cache.h"
#include "cache/CallRepository.h"
#include "cache/Statement.h"
#include "cases/Cases.h"
#include "core/PersonName.h"

#include <QDateTime>

namespace Earmark {

CaseCallLinks::CaseCallLinks(Cache& cache)
    : m_cache(cache)
{ }

QString CaseCallLinks::sharedNumberReason()
{
    return QStringLiteral("Of the respondent's number, but it names someone other than the case's calls (a shared "
                          "number)");
}

Status CaseCallLinks::link(qint64 caseRow, const QString& caseId, const QStringList& callIds)
{
    auto ins = m_cache.database().prepare(
        QStringLiteral("INSERT OR IGNORE INTO case_calls(\"case\", call_id, added_by, added_utc) VALUES (?,?,?,?)"));
    if (!ins) {
        return ins.error();
    }
    auto back = m_cache.database().prepare(
        QStringLiteral("DELETE FROM case_call_exclusions WHERE \"case\" = ? AND call_id = ?"));
    if (!back) {
        return back.error();
    }
    for (const QString& id : callIds) {
        back->bind(1, caseRow).bind(2, id);
        if (auto st = back->run(); !st) {
            return st;
        }
        back->reset();
        ins->bind(1, caseRow).bind(2, id).bind(3, AuditLog::currentActor()).bind(4, QDateTime::currentSecsSinceEpoch());
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

Status CaseCallLinks::unlink(qint64 caseRow, const QString& callId)
{
    auto del = m_cache.database().prepare(QStringLiteral("DELETE FROM case_calls WHERE \"case\" = ? AND call_id = ?"));
    if (!del) {
        return del.error();
    }
    del->bind(1, caseRow).bind(2, callId);
    return del->run();
}

Status CaseCallLinks::setAside(qint64 caseRow, const QString& caseId, const QString& callId, const QString& reason)
{
    auto ins = m_cache.database().prepare(QStringLiteral("INSERT OR REPLACE INTO case_call_exclusions(\"case\", "
                                                         "call_id, reason, excluded_by, excluded_utc) VALUES "
                                                         "(?,?,?,?,?)"));
    if (!ins) {
        return ins.error();
    }
    ins->bind(1, caseRow).bind(2, callId).bind(3, reason).bind(4, AuditLog::currentActor());
    ins->bind(5, QDateTime::currentSecsSinceEpoch());
    if (auto st = ins->run(); !st) {
        return st;
    }
    return m_cache.audit().append(QStringLiteral("case.set-aside"), callId, caseId);
}

Result<CaseCallLinks::NumberCalls> CaseCallLinks::ofNumber(
    const QString& e164, const QString& anchorCallId, const QStringList& taken)
{
    CallQuery q;
    q.phoneE164 = e164;
    auto calls = m_cache.calls().query(q);
    if (!calls) {
        return calls.error();
    }
    auto anchorName = anchorCallId.isEmpty() ? Result<QString>(QString()) : respondentName(anchorCallId);
    if (!anchorName) {
        return anchorName.error();
    }
    NumberCalls out;
    for (const CallRecord& call : calls.value()) {
        if (taken.contains(call.callId)) {
            continue;
        }
        auto personal = m_cache.calls().personal(call);
        if (!personal) {
            return personal.error();
        }
        if (PersonName::compare(anchorName.value(), personal->respondentName) == PersonName::Match::Different) {
            out.othersNamed << call.callId;
        } else {
            out.same << call.callId;
        }
    }
    return out;
}

Result<QStringList> CaseCallLinks::unlinkedOfNumber(const QString& caseId)
{
    auto s = m_cache.database().prepare(QStringLiteral(
        "SELECT k.call_id FROM calls k JOIN cases c ON c.phone_index = k.phone_index WHERE c.case_id = ? AND NOT "
        "EXISTS (SELECT 1 FROM case_calls cc WHERE cc.\"case\" = c.id AND cc.call_id = k.call_id) AND NOT EXISTS "
        "(SELECT 1 FROM case_call_exclusions x WHERE x.\"case\" = c.id AND x.call_id = k.call_id) ORDER BY "
        "k.start_utc"));
    if (!s) {
        return s.error();
    }
    s->bind(1, caseId);
    QStringList found;
    if (auto st = s->forEachRow([&] { found << s->text(0); }); !st) {
        return st.error();
    }
    return found;
}

bool CaseCallLinks::namesSomeoneElse(const QMap<QString, QString>& known, const QString& name)
{
    bool anyNamed = false;
    for (const QString& k : known) {
        if (k.trimmed().isEmpty()) {
            continue;
        }
        anyNamed = true;
        if (PersonName::compare(k, name) != PersonName::Match::Different) {
            return false;
        }
    }
    return anyNamed;
}

Status CaseCallLinks::load(qint64 caseRow, CaseRecord& c)
{
    Database& db = m_cache.database();
    auto calls
        = db.prepare(QStringLiteral("SELECT call_id FROM case_calls WHERE \"case\" = ? ORDER BY added_utc, call_id"));
    if (!calls) {
        return calls.error();
    }
    auto aside = db.prepare(QStringLiteral("SELECT call_id, reason, excluded_by, excluded_utc FROM "
                                           "case_call_exclusions WHERE \"case\" = ? ORDER BY excluded_utc, call_id"));
    if (!aside) {
        return aside.error();
    }
    calls->bind(1, caseRow);
    aside->bind(1, caseRow);
    Status st = calls->forEachRow([&] { c.callIds << calls->text(0); });
    if (st) {
        st = aside->forEachRow([&] {
            c.setAside << CaseSetAside {aside->text(0), aside->text(1), aside->text(2), aside->int64(3)};
        });
    }
    if (!st) {
        return st;
    }
    // The names the calls record, for telling people apart on a shared number (a destroyed call has none).
    QStringList named = c.callIds;
    for (const CaseSetAside& a : c.setAside) {
        named << a.callId;
    }
    for (const QString& callId : named) {
        auto call = m_cache.calls().find(callId);
        if (!call) {
            return call.error();
        }
        if (call.value()) {
            auto personal = m_cache.calls().personal(*call.value());
            if (!personal) {
                return personal.error();
            }
            c.respondentNames.insert(callId, personal->respondentName);
        }
    }
    return {};
}

Result<QString> CaseCallLinks::respondentName(const QString& callId)
{
    auto record = m_cache.calls().get(callId);
    auto personal = record ? m_cache.calls().personal(record.value()) : Result<CallPersonal>(record.error());
    if (!personal) {
        return personal.error();
    }
    return personal->respondentName;
}

} // namespace Earmark
