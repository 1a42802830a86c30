#pragma once

#include "core/Result.h"
#include "retention/CallDestruction.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Earmark {

class Cache;

// What a destruction certificate says of one destroyed call (no personal data), read back from its tombstone.
struct DestroyedCall
{
    QString callId;
    qint64 startUtc = 0;
    qint64 dueUtc = 0; // when the rule made it due (retention: start + period; erasure: when the notice was applied)
    QString audioSha256; // the store's audio file the cache held (empty when it was never cached)
};

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
    int destroyedCount() const { return m_destroyed; }

    // After the last commit: the tidy-up, then the certificate when anything was destroyed.
    // certifyHeld: a run that destroyed nothing but found due calls kept by holds is certified too (what a person or a
    // cron job started), so the certificate shows which holds kept them.
    Result<DestructionOutcome> finish(bool certifyHeld = false);

    // Certifies runs a killed process left without a certificate (their tombstones say what they destroyed), so that
    // every destruction is certified; returns the certificates' paths.
    static Result<QStringList> certifyInterrupted(Cache& cache);

private:
    QString rule() const;
    // The certificate of run runId from its tombstones.
    static Result<QString> certify(Cache& cache, const QString& runId, const QString& rule, qint64 asOfUtc,
        qint64 startedUtc, const QList<HeldCall>& held, bool interrupted);

    Cache& m_cache;
    Kind m_kind;
    qint64 m_asOfUtc;
    int m_retentionDays;
    qint64 m_startedUtc;
    QString m_runId;
    int m_destroyed = 0;
    QList<HeldCall> m_held;
};

} // namespace Earmark
