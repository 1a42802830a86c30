#include "quality/Sampling.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonArray>
#include <QMap>
#include <algorithm>
#include <cmath>

namespace Earmark {

namespace {
// A stable 64-bit key per call: hash of seed, stratum and call id (never qHash: it is seeded per process).
quint64 drawKey(quint64 seed, const QString& stratum, const QString& callId)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(QByteArray::number(seed));
    h.addData(QByteArrayView("|"));
    h.addData(stratum.toUtf8());
    h.addData(QByteArrayView("|"));
    h.addData(callId.toUtf8());
    const QByteArray d = h.result();
    quint64 k = 0;
    for (int i = 0; i < 8; ++i) {
        k = (k << 8) | static_cast<quint8>(d.at(i));
    }
    return k;
}

bool eligible(const SamplePlan& plan, const SampleCandidate& c)
{
    if (!plan.campaigns.isEmpty() && !plan.campaigns.contains(c.campaign)) {
        return false;
    }
    if (!plan.dispositions.isEmpty() && !plan.dispositions.contains(c.disposition)) {
        return false;
    }
    if (c.durationS < plan.minDurationS) {
        return false;
    }
    return plan.maxDurationS <= 0 || c.durationS <= plan.maxDurationS;
}
} // namespace

QString periodOf(SamplePlan::Period period, const QDate& day)
{
    switch (period) {
    case SamplePlan::Period::Day:
        return day.toString(QStringLiteral("yyyy-MM-dd"));
    case SamplePlan::Period::Month:
        return day.toString(QStringLiteral("yyyy-MM"));
    case SamplePlan::Period::Week:
        break;
    }
    int year = 0;
    const int week = day.weekNumber(&year);
    return QStringLiteral("%1-W%2").arg(year).arg(week, 2, 10, QLatin1Char('0'));
}

QPair<QDate, QDate> periodRange(SamplePlan::Period period, const QDate& day)
{
    switch (period) {
    case SamplePlan::Period::Day:
        return {day, day.addDays(1)};
    case SamplePlan::Period::Month: {
        const QDate first(day.year(), day.month(), 1);
        return {first, first.addMonths(1)};
    }
    case SamplePlan::Period::Week:
        break;
    }
    const QDate monday = day.addDays(1 - day.dayOfWeek());
    return {monday, monday.addDays(7)};
}

namespace {
const char* const kPeriodNames[] = {"day", "week", "month"};
} // namespace

QJsonObject SamplePlan::toJson() const
{
    return QJsonObject {
        {QStringLiteral("period"), QLatin1String(kPeriodNames[int(period)])},
        {QStringLiteral("per_agent"), perAgent},
        {QStringLiteral("percent"), percent ? QJsonValue(*percent) : QJsonValue()},
        {QStringLiteral("minimum"), minimum},
        {QStringLiteral("campaigns"), QJsonArray::fromStringList(campaigns)},
        {QStringLiteral("dispositions"), QJsonArray::fromStringList(dispositions)},
        {QStringLiteral("min_duration_s"), minDurationS},
        {QStringLiteral("max_duration_s"), maxDurationS},
        {QStringLiteral("seed"), QString::number(seed)},
    };
}

SamplePlan SamplePlan::fromJson(const QJsonObject& o)
{
    SamplePlan p;
    const QString name = o.value(QStringLiteral("period")).toString();
    for (int i = 0; i < 3; ++i) {
        if (name == QLatin1String(kPeriodNames[i])) {
            p.period = Period(i);
        }
    }
    p.perAgent = o.value(QStringLiteral("per_agent")).toInt(5);
    if (o.value(QStringLiteral("percent")).isDouble()) {
        p.percent = o.value(QStringLiteral("percent")).toDouble();
    }
    p.minimum = o.value(QStringLiteral("minimum")).toInt(1);
    for (const QJsonValue v : o.value(QStringLiteral("campaigns")).toArray()) {
        p.campaigns << v.toString();
    }
    for (const QJsonValue v : o.value(QStringLiteral("dispositions")).toArray()) {
        p.dispositions << v.toString();
    }
    p.minDurationS = o.value(QStringLiteral("min_duration_s")).toDouble();
    p.maxDurationS = o.value(QStringLiteral("max_duration_s")).toDouble();
    p.seed = o.value(QStringLiteral("seed")).toString().toULongLong();
    return p;
}

QList<SampleDraw> drawSample(const SamplePlan& plan, QList<SampleCandidate> calls)
{
    // Strata: (period, agent). Within each, calls are ordered by a keyed hash of their id: a random order that
    // depends only on the seed, never on the order the calls came in.
    QMap<QPair<QString, QString>, QList<SampleCandidate>> strata;
    for (const SampleCandidate& c : calls) {
        if (eligible(plan, c)) {
            strata[{periodOf(plan.period, c.day), c.agentId}] << c;
        }
    }
    QList<SampleDraw> out;
    for (auto it = strata.begin(); it != strata.end(); ++it) {
        QList<SampleCandidate>& group = it.value();
        const QString stratum = it.key().first + QLatin1Char('/') + it.key().second;
        std::sort(group.begin(), group.end(), [&](const SampleCandidate& a, const SampleCandidate& b) {
            const quint64 ka = drawKey(plan.seed, stratum, a.callId);
            const quint64 kb = drawKey(plan.seed, stratum, b.callId);
            return ka != kb ? ka < kb : a.callId < b.callId;
        });
        qsizetype quota = plan.perAgent;
        if (plan.percent) {
            quota = std::max<qsizetype>(plan.minimum, qsizetype(std::ceil(group.size() * *plan.percent / 100.0)));
        }
        quota = std::min(quota, group.size());
        for (qsizetype i = 0; i < quota; ++i) {
            out << SampleDraw {group.at(i).callId, group.at(i).agentId, it.key().first};
        }
    }
    return out;
}

int sampleSizeFor(double margin, double expectedRate, int population)
{
    if (margin <= 0 || margin >= 1) {
        return 0;
    }
    const double z = 1.959963984540054; // 95%
    const double p = std::clamp(expectedRate, 0.0, 1.0);
    const double n0 = z * z * p * (1 - p) / (margin * margin);
    if (population <= 0) {
        return int(std::ceil(n0 - 1e-9));
    }
    return int(std::ceil(n0 / (1 + (n0 - 1) / population) - 1e-9));
}

double marginFor(int calls, double expectedRate, int population)
{
    if (calls <= 0) {
        return 1;
    }
    if (population > 0 && calls >= population) {
        return 0;
    }
    const double z = 1.959963984540054;
    const double p = std::clamp(expectedRate, 0.0, 1.0);
    // The sample size without the finite population correction that calls stand for (sampleSizeFor inverted).
    const double n0 = population > 1 ? double(calls) * (population - 1) / (population - calls) : double(calls);
    return std::min(1.0, z * std::sqrt(p * (1 - p) / n0));
}

} // namespace Earmark
