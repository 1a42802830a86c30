#include "audio/TalkMetrics.h"

#include <QTest>
#include <cmath>

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

} // namespace

class TestTalkMetrics : public QObject
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

    void aBriefOverlapAtATurnChangeIsNoOvertalk()
    {
        // Three overlaps of 0.1 s where the turns meet: no stretch of overtalk, and no overtalk time either.
        auto a = call({{0.0, 2.1}, {4.0, 6.1}, {8.0, 9.0}}, {{2.0, 4.1}, {6.0, 8.1}}, 9.5);
        const auto m = TalkMetrics::measure(*a);
        QVERIFY(m);
        QCOMPARE(m->overtalkEpisodes, 0);
        QCOMPARE(m->overtalkS, 0.0);
    }

    void noMetricsWhenSpeakersShareAChannel()
    {
        auto a = call({{0, 1}}, {{1, 2}}, 3);
        a->agentChannel = -1;
        QVERIFY(!TalkMetrics::measure(*a));
    }
};

QTEST_GUILESS_MAIN(TestTalkMetrics)
#include "TestTalkMetrics.moc"
