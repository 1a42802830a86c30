#include "retention/Holds.h"

#include "cache/AuditLog.h"
#include "cache/Cache.h"
#include "cache/Statement.h"
#include "core/TimeText.h"
#include "crypto/RandomId.h"
#include "retention/DestructionRun.h"

#include <QDateTime>
#include <algorithm>

namespace Earmark {

namespace {
// A call of an open request's number that the handler took out of the request (not the requester's) is not held by it.
const QString RequestCallNotExcluded = QStringLiteral(
    "NOT EXISTS (SELECT 1 FROM subject_request_calls x WHERE x.request = r.id AND x.call_id = k.call_id AND "
    "x.decision = 'excluded') ");
} // namespace

Holds::Holds(Cache& cache)
    : m_cache(cache)
{ }

Result<QString> Holds::place(const QStringList& callIds, const QString& reason, const QString& caseRef)
{
    if (auto st = m_cache.roles().require(Permission::ManageHolds); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    if (reason.trimmed().isEmpty() || caseRef.trimmed().isEmpty()) {
        return makeError(QStringLiteral("A hold needs a reason and a case reference (--reason TEXT --case REF)."));
    }
    if (callIds.isEmpty()) {
        return makeError(QStringLiteral("A hold needs at least one call."));
    }
    if (auto st = checkCached(callIds); !st) {
        return st.error();
    }
    Database& db = m_cache.database();
    Transaction tx(db);
    if (auto st = tx.begin(); !st) {
        return st.error();
    }
    const QString holdId = randomId(QStringLiteral("H-"));
    auto ins = db.prepare(
        QStringLiteral("INSERT INTO holds(hold_id, reason, case_ref, placed_by, placed_utc) VALUES (?, ?, ?, ?, ?)"));
    if (!ins) {
        return ins.error();
    }
    ins->bind(1, holdId).bind(2, reason.trimmed()).bind(3, caseRef.trimmed()).bind(4, AuditLog::currentActor());
    ins->bind(5, QDateTime::currentSecsSinceEpoch());
    if (auto st = ins->run(); !st) {
        return st.error();
    }
    if (auto st = link(db.lastInsertId(), holdId, callIds); !st) {
        return st.error();
    }
    if (auto st = tx.commit(); !st) {
        return st.error();
    }
    if (auto st = m_cache.audit().checkpoint(); !st) {
        return st.error();
    }
    return holdId;
}

Status Holds::checkCached(const QStringList& callIds)
{
    for (const QString& id : callIds) {
        auto call = m_cache.calls().find(id);
        if (!call) {
            return call.error();
        }
        if (!call.value()) {
            return makeError(QStringLiteral("Call %1 is not in the cache (never synced, or already destroyed): only a "
                                            "cached call can be held.")
                                 .arg(id));
        }
    }
    return {};
}

Status Holds::link(qint64 row, const QString& holdId, const QStringList& callIds)
{
    auto ins
        = m_cache.database().prepare(QStringLiteral("INSERT OR IGNORE INTO hold_calls(hold, call_id) VALUES (?, ?)"));
    if (!ins) {
        return ins.error();
    }
    for (const QString& id : callIds) {
        ins->bind(1, row).bind(2, id);
        if (auto st = ins->run(); !st) {
            return st;
        }
        ins->reset();
        if (auto st = m_cache.audit().append(QStringLiteral("hold.place"), id, holdId); !st) {
            return st;
        }
    }
    return {};
}

Status Holds::addCalls(const QString& holdId, const QStringList& callIds)
{
    if (auto st = m_cache.roles().require(Permission::ManageHolds); !st) {
        return st;
    }
    if (auto st = checkCached(callIds); !st) {
        return st;
    }
    Database& db = m_cache.database();
    Transaction tx(db);
    if (auto st = tx.begin(); !st) {
        return st;
    }
    auto row = openRow(holdId);
    if (!row) {
        return row.error();
    }
    if (auto st = link(row.value(), holdId, callIds); !st) {
        return st;
    }
    if (auto st = tx.commit(); !st) {
        return st;
    }
    return m_cache.audit().checkpoint();
}

Result<qint64> Holds::openRow(const QString& holdId)
{
    auto find
        = m_cache.database().prepare(QStringLiteral("SELECT id FROM holds WHERE hold_id = ? AND released_utc IS NULL"));
    if (!find) {
        return find.error();
    }
    find->bind(1, holdId);
    return find->requiredRow([&] { return find->int64(0); },
        QStringLiteral("There is no open hold %1: earmark-cli hold list shows the open holds.").arg(holdId));
}

Status Holds::removeCalls(const QString& holdId, const QStringList& callIds, const QString& reason)
{
    if (auto st = m_cache.roles().require(Permission::ManageHolds); !st) {
        return st;
    }
    if (reason.trimmed().isEmpty()) {
        return makeError(QStringLiteral("Taking a call out of a hold needs a reason."));
    }
    Database& db = m_cache.database();
    Transaction tx(db);
    if (auto st = tx.begin(); !st) {
        return st;
    }
    auto row = openRow(holdId);
    if (!row) {
        return row.error();
    }
    auto del = db.prepare(QStringLiteral("DELETE FROM hold_calls WHERE hold = ? AND call_id = ?"));
    if (!del) {
        return del.error();
    }
    for (const QString& id : callIds) {
        del->bind(1, row.value()).bind(2, id);
        if (auto st = del->run(); !st) {
            return st;
        }
        del->reset();
        if (auto st = m_cache.audit().append(QStringLiteral("hold.remove-call"), id, holdId); !st) {
            return st;
        }
    }
    if (auto st = tx.commit(); !st) {
        return st;
    }
    return m_cache.audit().checkpoint();
}

Result<HoldRelease> Holds::release(const QString& holdId, const QString& reason)
{
    if (auto st = m_cache.roles().require(Permission::ManageHolds); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    if (reason.trimmed().isEmpty()) {
        return makeError(QStringLiteral("Releasing a hold needs a reason (--reason TEXT)."));
    }
    auto all = list(true);
    if (!all) {
        return all.error();
    }
    const Hold* hold = nullptr;
    for (const Hold& h : all.value()) {
        if (h.holdId == holdId) {
            hold = &h;
        }
    }
    if (!hold) {
        return makeError(
            QStringLiteral("There is no hold %1: earmark-cli hold list shows the open holds.").arg(holdId));
    }
    if (!hold->isOpen()) {
        return makeError(QStringLiteral("Hold %1 was already released on %2 by %3.")
                             .arg(holdId, utcText(hold->releasedUtc), hold->releasedBy));
    }
    // A hold is released by whoever placed it or by an administrator: a legal hold one person placed is not another
    // role's to lift (a case's hold goes with the case, whoever closes it).
    if (!m_releasingForCase && hold->placedBy != AuditLog::currentActor()
        && !m_cache.roles().current().contains(Role::Administrator)) {
        return makeError(QStringLiteral("Hold %1 was placed by %2 on %3: only %2 or an administrator may release it.")
                             .arg(holdId, hold->placedBy, utcText(hold->placedUtc)));
    }
    if (!m_releasingForCase) {
        auto owner = m_cache.database().prepare(
            QStringLiteral("SELECT reference FROM cases WHERE hold_id = ? AND closed_utc IS NULL"));
        if (!owner) {
            return owner.error();
        }
        owner->bind(1, holdId);
        auto ref = owner->firstRow([&] { return owner->text(0); });
        if (!ref) {
            return ref.error();
        }
        if (ref.value()) {
            return makeError(QStringLiteral("Hold %1 belongs to the open case %2: close the case instead (Cases › "
                                            "Close case…, or earmark-cli case close %2 --reason TEXT), which releases "
                                            "it.")
                                 .arg(holdId, *ref.value()));
        }
    }
    Database& db = m_cache.database();
    HoldRelease outcome;
    DestructionRun erasures(m_cache, DestructionRun::Kind::Erasure, QDateTime::currentSecsSinceEpoch());
    {
        Transaction tx(db);
        if (auto st = tx.begin(); !st) {
            return st.error();
        }
        auto upd = db.prepare(
            QStringLiteral("UPDATE holds SET released_by = ?, released_utc = ?, release_reason = ? WHERE hold_id = ?"));
        if (!upd) {
            return upd.error();
        }
        upd->bind(1, AuditLog::currentActor()).bind(2, QDateTime::currentSecsSinceEpoch());
        upd->bind(3, reason.trimmed()).bind(4, holdId);
        if (auto st = upd->run(); !st) {
            return st.error();
        }
        for (const QString& id : hold->callIds) {
            if (auto st = m_cache.audit().append(QStringLiteral("hold.release"), id, holdId); !st) {
                return st.error();
            }
            auto others = holdsOn(id);
            if (!others) {
                return others.error();
            }
            if (!others.value().isEmpty()) {
                outcome.stillHeld << id;
                continue;
            }
            // An erasure notice that waited for this hold is applied now.
            auto erased = eraseIfWaiting(id, erasures);
            if (!erased) {
                return erased.error();
            }
            outcome.erasuresApplied += erased.value() ? 1 : 0;
        }
        if (auto st = tx.commit(); !st) {
            return st.error();
        }
    }
    if (auto st = finishErasures(erasures); !st) {
        return st.error();
    }
    return outcome;
}

Status Holds::finishErasures(DestructionRun& erasures)
{
    if (auto st = m_cache.audit().checkpoint(); !st) {
        return st;
    }
    auto done = erasures.finish();
    return done ? Status {} : Status(done.error());
}

Result<bool> Holds::eraseIfWaiting(const QString& callId, DestructionRun& erasures)
{
    auto deferred = m_cache.database().prepare(QStringLiteral("SELECT 1 FROM deferred_erasures WHERE call_id = ?"));
    if (!deferred) {
        return deferred.error();
    }
    deferred->bind(1, callId);
    auto waiting = deferred->step();
    if (!waiting) {
        return waiting.error();
    }
    if (!waiting.value()) {
        return false;
    }
    deferred->reset();
    auto destroyed = erasures.destroy(callId, QDateTime::currentSecsSinceEpoch());
    if (!destroyed) {
        return destroyed.error();
    }
    return destroyed.value() == CallDestruction::Outcome::Destroyed;
}

Result<int> Holds::applyWaitingErasures(const QStringList& callIds)
{
    DestructionRun erasures(m_cache, DestructionRun::Kind::Erasure, QDateTime::currentSecsSinceEpoch());
    int applied = 0;
    {
        Transaction tx(m_cache.database());
        if (auto st = tx.begin(); !st) {
            return st.error();
        }
        for (const QString& id : callIds) {
            auto others = holdsOn(id);
            if (!others) {
                return others.error();
            }
            if (!others->isEmpty()) {
                continue;
            }
            auto erased = eraseIfWaiting(id, erasures);
            if (!erased) {
                return erased.error();
            }
            applied += erased.value() ? 1 : 0;
        }
        if (auto st = tx.commit(); !st) {
            return st.error();
        }
    }
    if (auto st = finishErasures(erasures); !st) {
        return st.error();
    }
    return applied;
}

Result<QList<Hold>> Holds::list(bool includeReleased)
{
    if (auto st = m_cache.roles().requireAny(Permission::ManageHolds, Permission::ReadAudit); !st) {
        return st.error();
    }
    auto s = m_cache.database().prepare(
        QStringLiteral(
            "SELECT h.hold_id, h.reason, h.case_ref, h.placed_by, h.placed_utc, h.released_by, "
            "h.released_utc, h.release_reason, hc.call_id, (SELECT c.reference FROM cases c WHERE c.hold_id = "
            "h.hold_id AND c.closed_utc IS NULL) FROM holds h JOIN hold_calls hc ON hc.hold = h.id ")
        + (includeReleased ? QString() : QStringLiteral("WHERE h.released_utc IS NULL "))
        + QStringLiteral("ORDER BY h.placed_utc, h.id, hc.call_id"));
    if (!s) {
        return s.error();
    }
    QList<Hold> out;
    auto rows = s->forEachRow([&]() -> Status {
        if (out.isEmpty() || out.last().holdId != s->text(0)) {
            const bool owned = !s->isNull(9);
            out << Hold {s->text(0), s->text(1), s->text(2), s->text(3), s->int64(4), {}, s->text(5), s->int64(6),
                s->text(7), owned ? Hold::Owner::Case : Hold::Owner::None, owned ? s->text(9) : QString()};
        }
        out.last().callIds << s->text(8);
        return {};
    });
    if (!rows) {
        return rows.error();
    }
    // The subject access requests' holds: not rows of their own, but kept the same way (heldCalls), so listed too.
    auto r = m_cache.database().prepare(
        QStringLiteral("SELECT r.request_id, r.reference, r.received_date, r.created_by, r.created_utc, r.closed_by, "
                       "r.closed_utc, r.status, k.call_id FROM subject_requests r JOIN calls k ON k.phone_index = "
                       "r.phone_index WHERE ")
        + RequestCallNotExcluded + (includeReleased ? QString() : QStringLiteral("AND r.closed_utc IS NULL "))
        + QStringLiteral("ORDER BY r.created_utc, r.id, k.call_id"));
    if (!r) {
        return r.error();
    }
    QList<Hold> requests;
    rows = r->forEachRow([&]() -> Status {
        if (requests.isEmpty() || requests.last().holdId != r->text(0)) {
            Hold h;
            h.holdId = r->text(0);
            h.caseRef = r->text(1).isEmpty() ? r->text(0) : r->text(1);
            h.reason = QStringLiteral("Subject access request received %1: every call of the requester's number is "
                                      "kept while it is open (DPA 2018 s.173)")
                           .arg(r->text(2));
            h.placedBy = r->text(3);
            h.placedUtc = r->int64(4);
            if (!r->isNull(6)) {
                h.releasedBy = r->text(5);
                h.releasedUtc = r->int64(6);
                h.releaseReason = QStringLiteral("request %1").arg(r->text(7));
            } else {
                h.owner = Hold::Owner::Request;
                h.ownerRef = h.caseRef;
            }
            requests << h;
        }
        requests.last().callIds << r->text(8);
        return {};
    });
    if (!rows) {
        return rows.error();
    }
    out += requests;
    std::stable_sort(out.begin(), out.end(), [](const Hold& a, const Hold& b) { return a.placedUtc < b.placedUtc; });
    return out;
}

Result<QSet<QString>> Holds::heldCalls()
{
    // Open subject access requests hold every call of the requester's number, found by the blind index.
    auto s = m_cache.database().prepare(
        QStringLiteral(
            "SELECT DISTINCT hc.call_id FROM hold_calls hc JOIN holds h ON h.id = hc.hold WHERE h.released_utc IS NULL "
            "UNION SELECT k.call_id FROM calls k JOIN subject_requests r ON r.phone_index = k.phone_index WHERE "
            "r.closed_utc IS NULL AND ")
        + RequestCallNotExcluded);
    if (!s) {
        return s.error();
    }
    QSet<QString> out;
    auto rows = s->forEachRow([&]() -> Status {
        out.insert(s->text(0));
        return {};
    });
    if (!rows) {
        return rows.error();
    }
    return out;
}

Result<QStringList> Holds::holdsOn(const QString& callId)
{
    auto s = m_cache.database().cached(QStringLiteral("SELECT h.hold_id FROM hold_calls hc JOIN holds h ON h.id = "
                                                      "hc.hold WHERE hc.call_id = ?1 AND h.released_utc IS "
                                                      "NULL UNION ALL SELECT r.request_id FROM subject_requests r JOIN "
                                                      "calls k ON k.phone_index = r.phone_index WHERE "
                                                      "k.call_id = ?1 AND r.closed_utc IS NULL AND ")
        + RequestCallNotExcluded);
    if (!s) {
        return s.error();
    }
    (*s)->bind(1, callId);
    QStringList out;
    auto rows = (*s)->forEachRow([&]() -> Status {
        out << (*s)->text(0);
        return {};
    });
    if (!rows) {
        return rows.error();
    }
    return out;
}

} // namespace Earmark
