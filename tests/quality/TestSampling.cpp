#include "quality/Sampling.h"

#include <QRandomGenerator>
#include <QSet>
#include <QTest>
#include <cmath>
#include <random>
#include <tuple>

using namespace Earmark;

namespace {
QList<SampleCandidate> calls()
{
    QList<SampleCandidate> out;
    for (int agent = 0; agent < 5; ++agent) {
        for (int i = 0; i < 40; ++i) {
            out << SampleCandidate {QStringLiteral("C-%1-%2").arg(agent).arg(i), QStringLiteral("TR%1").arg(agent),
                QDate(2026, 11, 2).addDays(i % 14), i % 3 ? QStringLiteral("A") : QStringLiteral("B"),
                i % 5 ? QStringLiteral("complete") : QStringLiteral("refused"), 30.0 + i * 10};
        }
    }
    return out;
}
} // namespace

class TestSampling : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameSeedSameSampleWhateverTheOrder()
    {
        SamplePlan plan;
        plan.perAgent = 3;
        plan.seed = 20261128;
        const auto first = drawSample(plan, calls());
        QList<SampleCandidate> shuffled = calls();
        std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(7));
        const auto again = drawSample(plan, shuffled);
        QCOMPARE(first.size(), again.size());
        for (int i = 0; i < first.size(); ++i) {
            QCOMPARE(first.at(i).callId, again.at(i).callId);
        }
        plan.seed = 20261129;
        const auto other = drawSample(plan, calls());
        QSet<QString> a;
        QSet<QString> b;
        for (const auto& d : first) {
            a.insert(d.callId);
        }
        for (const auto& d : other) {
            b.insert(d.callId);
        }
        QVERIFY(a != b);
    }

    void quotasPerAgentAndPeriodAndStrata()
    {
        SamplePlan plan;
        plan.perAgent = 3;
        plan.period = SamplePlan::Period::Week;
        const auto sample = drawSample(plan, calls());
        QMap<QPair<QString, QString>, int> perStratum;
        for (const auto& d : sample) {
            perStratum[{d.period, d.agentId}] += 1;
        }
        // 14 days from Monday 2 November: two ISO weeks, 5 agents, 3 each.
        QCOMPARE(perStratum.size(), 10);
        for (int n : perStratum) {
            QCOMPARE(n, 3);
        }
        QCOMPARE(periodOf(SamplePlan::Period::Week, QDate(2026, 11, 2)), QStringLiteral("2026-W45"));
        QCOMPARE(periodOf(SamplePlan::Period::Month, QDate(2026, 11, 2)), QStringLiteral("2026-11"));
    }

    void restrictionsAndPercentWithAMinimum()
    {
        SamplePlan plan;
        plan.period = SamplePlan::Period::Month;
        plan.campaigns = {QStringLiteral("B")};
        plan.dispositions = {QStringLiteral("complete")};
        plan.minDurationS = 100;
        plan.maxDurationS = 300;
        plan.percent = 10;
        plan.minimum = 2;
        const auto all = calls();
        const auto sample = drawSample(plan, all);
        QMap<QString, int> perAgent;
        for (const auto& d : sample) {
            const auto c = std::find_if(all.begin(), all.end(), [&](const auto& x) { return x.callId == d.callId; });
            QCOMPARE(c->campaign, QStringLiteral("B"));
            QCOMPARE(c->disposition, QStringLiteral("complete"));
            QVERIFY(c->durationS >= 100 && c->durationS <= 300);
            perAgent[d.agentId] += 1;
        }
        // Eligible per agent: i in 7..27, i % 3 == 0, i % 5 != 0 -> 9, 12, 18, 21, 24, 27 = 6 calls; 10% -> 1,
        // minimum 2.
        QCOMPARE(perAgent.size(), 5);
        for (int n : perAgent) {
            QCOMPARE(n, 2);
        }
    }

    void sampleSizeHelper()
    {
        QCOMPARE(sampleSizeFor(0.10), 97); // 1.96^2 x 0.25 / 0.01 = 96.04
        QCOMPARE(sampleSizeFor(0.05), 385);
        QCOMPARE(sampleSizeFor(0.10, 0.9), 35); // a rate near 90% needs fewer
        QCOMPARE(sampleSizeFor(0.10, 0.5, 200), 66); // finite population: 96.04 / (1 + 95.04 / 200)
        QCOMPARE(sampleSizeFor(0), 0);
        // And back: the size found gives at most the margin asked for, one call fewer more.
        for (const auto& [margin, rate, population] : {std::tuple {0.10, 0.5, 0}, std::tuple {0.05, 0.5, 0},
                 std::tuple {0.10, 0.9, 0}, std::tuple {0.10, 0.5, 200}, std::tuple {0.2, 0.7, 30}}) {
            const int n = sampleSizeFor(margin, rate, population);
            QVERIFY2(marginFor(n, rate, population) <= margin + 1e-9, qPrintable(QString::number(n)));
            QVERIFY2(marginFor(n - 1, rate, population) > margin, qPrintable(QString::number(n)));
        }
        QCOMPARE(marginFor(40, 0.5, 40), 0.0); // every call of the period
        QCOMPARE(marginFor(0), 1.0);
    }
};

QTEST_GUILESS_MAIN(TestSampling)
#include "TestSampling.moc"
