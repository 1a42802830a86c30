#pragma once

#include "core/Result.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Earmark {

class Cache;
class DestructionRun;

struct Hold
{
    QString holdId;
    QString reason;
    QString caseRef;
    QString placedBy;
    qint64 placedUtc = 0;
    QStringList callIds;
    QString releasedBy;
    qint64 releasedUtc = 0;
    QString releaseReason;
    // Released with what owns it, not by hand: an open case's hold (released when the case is closed), or an open
    // subject access request (holdId is the request's id: every call of the requester's number is kept while it is
    // open, and released when it is completed or refused).
    enum class Owner
    {
        None,
        Case,
        Request,
    };
    Owner owner = Owner::None;
    QString ownerRef; // the case's or the request's reference

    bool isOpen() const { return releasedUtc == 0; }
    // Whole days since it was placed.
    int ageDays(qint64 nowUtc) const { return static_cast<int>((nowUtc - placedUtc) / 86400); }
};

struct HoldRelease
{
    int erasuresApplied = 0; // deferred erasure notices applied because their call's last hold went
    QStringList stillHeld; // calls of this hold that other holds keep
};

// Legal holds (the cache's holds and hold_calls tables). A hold names its calls, a reason and a case reference; a call
// may have several, and any one open hold keeps it from retention and erasure. An open subject access request holds
// every call of the requester's number the same way (heldCalls() and holdsOn() name it by its request id). A hold never
// lapses: only release() ends it, with a reason, and every placement and release is audited.
class Holds
{
public:
    explicit Holds(Cache& cache);

    // Places a hold on cached calls; returns its id ("H-" and 8 hex digits). Refuses unknown or destroyed calls.
    Result<QString> place(const QStringList& callIds, const QString& reason, const QString& caseRef);
    // Adds cached calls to an open hold (a case that gained a call); each is audited like a placement.
    Status addCalls(const QString& holdId, const QStringList& callIds);
    // Takes calls out of an open hold (a call linked to a case by mistake), audited for each. The caller then applies
    // the erasure notices that waited for them (applyWaitingErasures), outside its transaction.
    Status removeCalls(const QString& holdId, const QStringList& callIds, const QString& reason);
    // Releases a hold. Erasure notices that waited for these calls are applied when no other hold keeps them (in
    // that case the caller runs CallDestruction::finish(), which release() reports via erasuresApplied).
    Result<HoldRelease> release(const QString& holdId, const QString& reason);

    // Erasure notices that waited for these calls are applied where nothing holds them any more (a subject access
    // request closed); returns how many calls were destroyed.
    Result<int> applyWaitingErasures(const QStringList& callIds);
    // An open case's hold is released by closing the case (Cases::close sets this), never on its own.
    void setReleasingForCase(bool forCase) { m_releasingForCase = forCase; }

    Result<QList<Hold>> list(bool includeReleased = false);
    // Every call an open hold covers.
    Result<QSet<QString>> heldCalls();
    // The open holds on one call (empty: not held).
    Result<QStringList> holdsOn(const QString& callId);

private:
    Status checkCached(const QStringList& callIds);
    Status link(qint64 row, const QString& holdId, const QStringList& callIds);
    Result<qint64> openRow(const QString& holdId);
    Result<bool> eraseIfWaiting(const QString& callId, DestructionRun& erasures);
    // After the transaction that applied waiting erasures: the checkpoint and the destruction's tidy-up.
    Status finishErasures(DestructionRun& erasures);

    Cache& m_cache;
    bool m_releasingForCase = false;
};

} // namespace Earmark
