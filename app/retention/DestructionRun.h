#pragma once

#include "core/Result.h"
#include "retention/CallDestruction.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Earmark {

class Cache;

// A call a rule made due that a hold kept.
struct HeldCall
{
    QString callId;
    qint64 dueUtc = 0;
    QStringList holdIds;
};

struct DestructionOutcome
{
    QString runId;
    int destroyed = 0;
    int held = 0;
    QString certificatePath; // empty when nothing was destroyed
};

// One destruction run: a batch of calls destroyed by one rule (retention, or erasure notices), then the tidy-up and
// a signed destruction certificate (DestructionCertificate) that lists what was destroyed and what holds kept.
class DestructionRun
{
public:
    enum class Kind
    {
        Retention,
        Erasure,
    };

    // asOfUtc: the moment the rule was applied for (retention run --now), retentionDays for the certificate's rule.
    DestructionRun(Cache& cache, Kind kind, qint64 asOfUtc, int retentionDays = 0);

    QString runId() const { return m_runId; }
    // Inside the caller's transaction: destroys one call (audited) unless a hold keeps it.
    Result<CallDestruction::Outcome> destroy(const QString& callId, qint64 dueUtc);
    void addHeld(const HeldCall& held) { m_held << held; }
    int destroyedCount() const { return static_cast<int>(m_destroyed.size()); }

    // After the last commit: the tidy-up, then the certificate when anything was destroyed.
    Result<DestructionOutcome> finish();

private:
    QString rule() const;

    Cache& m_cache;
    Kind m_kind;
    qint64 m_asOfUtc;
    int m_retentionDays;
    qint64 m_startedUtc;
    QString m_runId;
    QList<DestroyedCall> m_destroyed;
    QList<HeldCall> m_held;
};

} // namespace Earmark
