#pragma once

#include "core/Result.h"
#include "quality/Sampling.h"

#include <QDate>
#include <QList>
#include <QStringList>

namespace Earmark {

class Cache;

struct SamplingPlanRecord
{
    qint64 id = 0;
    QString name;
    SamplePlan plan; // its seed is not used: each draw records its own
    QStringList reviewers; // sampled calls are shared among them in turn; empty: the user who draws
    QString createdBy;
    qint64 createdUtc = 0;
};

// A sample drawn for one period: the seed and the plan as they were, so an auditor can see it drawn again.
struct DrawnSample
{
    qint64 id = 0;
    qint64 planId = 0;
    QString planName;
    QString period;
    quint64 seed = 0;
    SamplePlan plan;
    int considered = 0; // calls in the period
    int items = 0;
    QString drawnBy;
    qint64 drawnUtc = 0;
};

// A call in a reviewer's queue, with how far its evaluation got.
struct QueueItem
{
    QString callId;
    QString agentId;
    QString agentName; // "" when the sidecars give none
    QString period;
    QString planName;
    qint64 callStartUtc = 0;
    double durationS = 0;
    qint64 evaluationId = 0; // 0: not started
    QString evaluationState; // "" (to do), "draft", "submitted", ...
    bool audioCached = false;
};

// What the sampling dialog lists: every plan (by name) and every sample drawn (newest first).
struct SamplingOverview
{
    QList<SamplingPlanRecord> plans;
    QList<DrawnSample> samples;
    QDate newestCall; // the day of the newest call in the cache (invalid: none), the period a draw starts from
};

// A recorded sample drawn again from its seed: the calls it holds and the calls the draw gives now, both sorted.
struct SampleCheck
{
    QStringList recorded;
    QStringList redrawn;
    bool reproducible() const { return recorded == redrawn; }
};

// Sampling plans, the samples drawn from them and the queues they make.
class SamplingRepository
{
public:
    explicit SamplingRepository(Cache& cache);

    // Saves a plan under a new name, or changes the plan of that name (samples already drawn keep their copy).
    Result<qint64> savePlan(const QString& name, const SamplePlan& plan, const QStringList& reviewers);
    Result<QList<SamplingPlanRecord>> plans();
    Result<SamplingPlanRecord> plan(qint64 id);
    Status removePlan(qint64 id); // with its samples

    // Draws the plan's sample for the period that holds day, with a fresh random seed unless one is given.
    // A period is drawn once per plan.
    Result<DrawnSample> draw(qint64 planId, const QDate& day, std::optional<quint64> seed = std::nullopt);
    Result<QList<DrawnSample>> samples();
    Result<QStringList> sampleCalls(qint64 sampleId);
    // Draws a recorded sample again from its seed and plan: the calls it gives now (calls destroyed since are gone).
    Result<QStringList> redraw(qint64 sampleId);
    // The sample's calls and its draw again side by side, for an auditor.
    Result<SampleCheck> checkSample(qint64 sampleId);
    Result<SamplingOverview> overview();
    // The day (UTC) of the newest call in the cache; invalid when there is none.
    Result<QDate> newestCallDay();

    Result<QList<QueueItem>> queue(const QString& reviewer);

private:
    Result<QList<SampleCandidate>> candidates(const SamplePlan& plan, const QDate& day);
    Result<DrawnSample> readSample(qint64 id);

    Cache& m_cache;
};

} // namespace Earmark
