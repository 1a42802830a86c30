#include "review/Sampling.h"
#include "review/TalkMetrics.h"

#include <QRandomGenerator>
#include <QSet>
#include <QTest>
#include <cmath>
#include <random>

using namespace Earmark;

namespace {
// Stereo call, agent on the left: speech (a 200 Hz tone) where the intervals say, line noise elsewhere.
std::shared_ptr<CallAudio> call(
    const QList<QPair<double, double>>& agent, const QList<QPair<double, double>>& respondent, double seconds)
{
    auto a = std::make_shared<CallAudio>();
    a->sampleRate = 8000;
    a->channels = 2;
    a->frames = qint64(seconds * 8000);
    a->agentChannel = 0;
    a->respondentChannel = 1;
    a->samples.resize(a->frames * 2);
    auto inside = [](const QList<QPair<double, double>>& spans, double t) {
        return std::any_of(spans.begin(), spans.end(), [t](const auto& s) { return t >= s.first && t < s.second; });
    };
    for (qint64 f = 0; f < a->frames; ++f) {
        const double t = f / 8000.0;
        const qint16 tone = static_cast<qint16>(9000 * std::sin(2 * M_PI * 200 * t));
        const qint16 noise = static_cast<qint16>((f * 7919) % 61 - 30);
        a->samples[2 * f] = inside(agent, t) ? tone : noise;
        a->samples[2 * f + 1] = inside(respondent, t) ? tone : noise;
    }
    a->computePeaks();
    return a;
}

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

class TestReview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void talkMetricsFromTheChannels()
    {
        // Agent 0-2 s, respondent 2.5-4.5 s, both 5-5.6 s, silence 6-9 s, agent 9-10 s.
        auto a = call({{0.2, 2.0}, {5.0, 5.6}, {9.0, 10.0}}, {{2.5, 4.5}, {5.0, 5.6}}, 10.5);
        const auto m = TalkMetrics::measure(*a);
        QVERIFY(m);
        const double tolerance = 0.07; // two peak blocks of 32 ms
        QVERIFY2(std::abs(m->agentTalkS - 3.4) < tolerance, qPrintable(QString::number(m->agentTalkS)));
        QVERIFY2(std::abs(m->respondentTalkS - 2.6) < tolerance, qPrintable(QString::number(m->respondentTalkS)));
        QVERIFY(std::abs(m->talkListenRatio - 3.4 / 2.6) < 0.05);
        QVERIFY2(std::abs(m->longestSilenceS - 3.4) < tolerance, qPrintable(QString::number(m->longestSilenceS)));
        QVERIFY(std::abs(m->longestSilenceAtS - 5.6) < tolerance);
        QVERIFY2(std::abs(m->overtalkS - 0.6) < tolerance, qPrintable(QString::number(m->overtalkS)));
        QCOMPARE(m->overtalkEpisodes, 1);
    }

    void noMetricsWhenSpeakersShareAChannel()
    {
        auto a = call({{0, 1}}, {{1, 2}}, 3);
        a->agentChannel = -1;
        QVERIFY(!TalkMetrics::measure(*a));
    }

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
    }
};

QTEST_GUILESS_MAIN(TestReview)
#include "TestReview.moc"
