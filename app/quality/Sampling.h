#pragma once

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace Earmark {

// A call as the sampler sees it.
struct SampleCandidate
{
    QString callId;
    QString agentId;
    QDate day;
    QString campaign;
    QString disposition;
    double durationS = 0;
};

// A sampling plan: per agent and period, N calls (or a percentage with a minimum), restricted by campaign,
// disposition and duration; stratified by agent, random with a recorded seed so that a sample can be drawn again
// and shown to an auditor.
struct SamplePlan
{
    enum class Period
    {
        Day,
        Week,
        Month
    };
    Period period = Period::Week;
    int perAgent = 5; // used when percent is not set
    std::optional<double> percent; // of the agent's eligible calls in the period
    int minimum = 1; // with percent: at least this many (or all when fewer)
    QStringList campaigns; // empty: all
    QStringList dispositions; // empty: all
    double minDurationS = 0;
    double maxDurationS = 0; // 0: no limit
    quint64 seed = 0;

    // {"period": "week", "per_agent": 5, "percent": null, "minimum": 1, "campaigns": [], "dispositions": [],
    //  "min_duration_s": 0, "max_duration_s": 0, "seed": "123"} (the seed as a string: JSON numbers lose 64 bits)
    QJsonObject toJson() const;
    static SamplePlan fromJson(const QJsonObject& o);
};

struct SampleDraw
{
    QString callId;
    QString agentId;
    QString period; // e.g. "2026-W47", "2026-11", "2026-11-20"
};

// The days of the period a day falls in: [first, end).
QPair<QDate, QDate> periodRange(SamplePlan::Period period, const QDate& day);

// Draws the sample: the same plan (seed included) and calls give the same sample, whatever their order.
QList<SampleDraw> drawSample(const SamplePlan& plan, QList<SampleCandidate> calls);

// The label of the period a day falls in.
QString periodOf(SamplePlan::Period period, const QDate& day);

// Calls per agent needed to estimate a pass rate within +/- margin (e.g. 0.10 for 10 points) at 95% confidence,
// assuming the rate expected (0.5 when unknown is the safe choice); population > 0 applies the finite population
// correction (an agent with few calls needs fewer).
int sampleSizeFor(double margin, double expectedRate = 0.5, int population = 0);
// The other way round: the margin (a fraction) that calls per agent give; 0 when they are all of the population's.
double marginFor(int calls, double expectedRate = 0.5, int population = 0);

} // namespace Earmark
