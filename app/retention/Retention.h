#pragma once

#include "core/Result.h"
#include "retention/DestructionRun.h"

#include <QList>
#include <QString>
#include <atomic>
#include <functional>

namespace Earmark {

class Cache;
struct StoreInfo;

struct RetentionPolicy
{
    int days = 730;
    bool fromStore = false; // false: the store gave no retention_days, the default applies
};

struct DueCall
{
    QString callId;
    qint64 startUtc = 0;
    qint64 dueUtc = 0;
};

struct RetentionPreview
{
    qint64 asOfUtc = 0;
    RetentionPolicy policy;
    QList<DueCall> due; // what a run would destroy
    QList<HeldCall> held; // due, but kept by holds
    QStringList erasuresWaiting; // calls whose erasure notice waits for their holds to be released
};

// The retention rule: a call is due when start_utc + retention_days has been reached (a call exactly at the limit is
// due), and every due call that no hold covers is destroyed through the one destruction path.
class Retention
{
public:
    explicit Retention(Cache& cache);

    // The period the store's v1/store.json gave at the last sync (default 730 days).
    Result<RetentionPolicy> policy();
    // Called by the sync with what the store says.
    static Status recordStorePolicy(Cache& cache, const StoreInfo& info);

    Result<RetentionPreview> preview(qint64 asOfUtc);
    // Destroys every due call no hold covers, in batches (a killed run leaves whole calls and finishes its tidy-up at
    // the next open), then issues the signed certificate. progress(done, total) is called between batches; a set
    // cancel flag stops after the current batch (what was destroyed is certified).
    Result<DestructionOutcome> run(
        qint64 asOfUtc, const std::function<void(int, int)>& progress = {}, const std::atomic_bool* cancel = nullptr);

    // Whether a run that destroyed nothing but found due calls under holds issues a certificate (default: yes, as
    // `earmark-cli retention run` does; the window's automatic runs certify only runs that destroyed something).
    void setCertifyHeldOnlyRuns(bool certify) { m_certifyHeld = certify; }
    // A scheduled run (at open, after a sync, daily; applying the rule as of now): made whatever the user's role.
    void setScheduled(bool scheduled) { m_scheduled = scheduled; }

    static qint64 dueUtc(qint64 startUtc, int days) { return startUtc + qint64(days) * 86400; }

private:
    Cache& m_cache;
    bool m_certifyHeld = true;
    bool m_scheduled = false;
};

} // namespace Earmark
