#include "QualityFixture.h"
#include "quality/EvaluationRepository.h"
#include "quality/Reports.h"
#include "quality/SamplingRepository.h"
#include "quality/ScorecardLibrary.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;
using namespace Earmark::Test;

class TestSamplingReports : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Cache> m_cache;

    // Week 45 of 2026 is 2 to 8 November. Three agents: TR1 12 calls, TR2 3 calls, TR3 8 calls (4 of them on
    // campaign OTHER); plus calls the week before and after that a weekly draw must not see.
    void addCalls()
    {
        int n = 0;
        auto add = [&](const QString& agent, const QDateTime& at, const QString& campaign, double duration) {
            const QString id = QStringLiteral("C-%1").arg(++n, 3, 10, QLatin1Char('0'));
            QVERIFY(m_cache->calls().save(qualityCall(id, agent, at, campaign, duration), std::nullopt).ok());
        };
        for (int i = 0; i < 12; ++i) {
            add(QStringLiteral("TR1"), utc(2026, 11, 2 + i % 7, 9 + i % 8), QStringLiteral("CAMP"), 60 + i * 30);
        }
        for (int i = 0; i < 3; ++i) {
            add(QStringLiteral("TR2"), utc(2026, 11, 3 + i), QStringLiteral("CAMP"), 200);
        }
        for (int i = 0; i < 8; ++i) {
            add(QStringLiteral("TR3"), utc(2026, 11, 4, 8 + i),
                i < 4 ? QStringLiteral("OTHER") : QStringLiteral("CAMP"), 300);
        }
        add(QStringLiteral("TR1"), utc(2026, 11, 1, 23), QStringLiteral("CAMP"), 100); // Sunday of week 44
        add(QStringLiteral("TR1"), utc(2026, 11, 9, 0), QStringLiteral("CAMP"), 100); // Monday of week 46
    }

    Evaluation submitted(const QString& callId, const QJsonObject& answers)
    {
        EvaluationRepository store(*m_cache);
        auto e = store.start(callId, QStringLiteral("survey-call-quality"), 1);
        [&] { QVERIFY2(e.ok(), qPrintable(e.errorMessage())); }();
        e->answers = answers;
        [&] {
            QVERIFY(store.saveDraft(e.value()).ok());
            QVERIFY2(store.submit(e->id).ok(), qPrintable(store.submit(e->id).errorMessage()));
        }();
        return store.get(e->id).value();
    }

    static QJsonObject answers(const QString& notice, int courtesy, const QString& neutral = QStringLiteral("verbatim"))
    {
        return QJsonObject {{QStringLiteral("recording-notice"), notice}, {QStringLiteral("introduction"), 5},
            {QStringLiteral("purpose"), QStringLiteral("yes")}, {QStringLiteral("read-neutrally"), neutral},
            {QStringLiteral("recorded-accurately"), 5}, {QStringLiteral("scale-explained"), QStringLiteral("yes")},
            {QStringLiteral("courtesy"), courtesy}, {QStringLiteral("complaint-raised"), QStringLiteral("no")},
            {QStringLiteral("no-extra-data"), QStringLiteral("yes")},
            {QStringLiteral("data-read-back"), QStringLiteral("na")},
            {QStringLiteral("thanked"), QStringLiteral("yes")}};
    }

private Q_SLOTS:
    void init()
    {
        QDir(m_dir.path()).removeRecursively();
        auto cache = Cache::open(CacheFolder(m_dir.path() + QStringLiteral("/c")), SecretKey::random(), true);
        QVERIFY2(cache.ok(), qPrintable(cache.errorMessage()));
        m_cache = std::move(cache.value());
        QVERIFY(ScorecardLibrary(*m_cache).ensureDefault().ok());
        addCalls();
    }

    void cleanup() { m_cache.reset(); }

    void drawsPerAgentQuotasInThePeriodAndRecordsTheSeed()
    {
        SamplingRepository sampling(*m_cache);
        SamplePlan plan;
        plan.period = SamplePlan::Period::Week;
        plan.perAgent = 4;
        auto planId
            = sampling.savePlan(QStringLiteral("Weekly 4"), plan, {QStringLiteral("ann"), QStringLiteral("bob")});
        QVERIFY2(planId.ok(), qPrintable(planId.errorMessage()));
        auto drawn = sampling.draw(planId.value(), QDate(2026, 11, 5), 42);
        QVERIFY2(drawn.ok(), qPrintable(drawn.errorMessage()));
        QCOMPARE(drawn->period, QStringLiteral("2026-W45"));
        QCOMPARE(drawn->seed, quint64(42));
        QCOMPARE(drawn->considered, 23); // the calls of week 45 only
        QCOMPARE(drawn->items, 4 + 3 + 4); // TR2 has only 3 calls

        auto calls = sampling.sampleCalls(drawn->id);
        QCOMPARE(calls->size(), 11);
        // Reviewers take the sampled calls in turn.
        auto ann = sampling.queue(QStringLiteral("ann"));
        auto bob = sampling.queue(QStringLiteral("bob"));
        QCOMPARE(ann->size(), 6);
        QCOMPARE(bob->size(), 5);
        QSet<QString> all;
        for (const QueueItem& i : ann.value() + bob.value()) {
            all.insert(i.callId);
            QCOMPARE(i.period, QStringLiteral("2026-W45"));
            QCOMPARE(i.planName, QStringLiteral("Weekly 4"));
            QVERIFY(i.evaluationState.isEmpty());
        }
        QCOMPARE(all.size(), 11);

        // A period without a call is refused and not recorded: it would stand, empty, for the period.
        auto none = sampling.draw(planId.value(), QDate(2019, 3, 5), 1);
        QVERIFY(!none.ok());
        QVERIFY2(none.errorMessage().contains(QStringLiteral("No call in the cache is from 2019-W10")),
            qPrintable(none.errorMessage()));
        QCOMPARE(sampling.samples()->size(), 1);

        // Drawing the same period again is refused, with when and the seed.
        auto again = sampling.draw(planId.value(), QDate(2026, 11, 8));
        QVERIFY(!again.ok());
        QVERIFY(again.errorMessage().contains(QStringLiteral("seed 42")));

        // The same seed and plan give the same sample: an auditor can see it drawn again.
        auto redrawn = sampling.redraw(drawn->id);
        QVERIFY(redrawn.ok());
        QStringList sorted = calls.value();
        sorted.sort();
        QCOMPARE(redrawn.value(), sorted);

        // The audit log records the draw.
        QVERIFY(m_cache->audit().verify().ok());
    }

    void restrictionsAndPercentPlans()
    {
        SamplingRepository sampling(*m_cache);
        SamplePlan plan;
        plan.period = SamplePlan::Period::Month;
        plan.percent = 25;
        plan.minimum = 2;
        plan.campaigns = {QStringLiteral("CAMP")};
        plan.maxDurationS = 310;
        auto planId = sampling.savePlan(QStringLiteral("Monthly quarter"), plan, {});
        auto drawn = sampling.draw(planId.value(), QDate(2026, 11, 20), 7);
        QVERIFY(drawn.ok());
        QCOMPARE(drawn->period, QStringLiteral("2026-11"));
        // TR1: 14 calls in November with duration <= 310 (60..390 step 30 -> 9 of 12, plus the two outside the
        // week) = 11 -> ceil(25%) = 3; TR2: 3 calls -> min 2; TR3: 4 on CAMP -> min 2.
        auto items = sampling.queue(AuditLog::currentActor());
        QCOMPARE(items->size(), 3 + 2 + 2);
        for (const QueueItem& i : items.value()) {
            QVERIFY(i.durationS <= 310);
        }
        // Invalid plans are refused with the reason.
        plan.percent = 0;
        QVERIFY(!sampling.savePlan(QStringLiteral("Bad"), plan, {}).ok());
        QVERIFY(!sampling.savePlan(QStringLiteral(" "), SamplePlan {}, {}).ok());
    }

    void queueShowsHowFarEachEvaluationGot()
    {
        SamplingRepository sampling(*m_cache);
        SamplePlan plan;
        plan.perAgent = 1;
        auto planId = sampling.savePlan(QStringLiteral("One each"), plan, {});
        QVERIFY(sampling.draw(planId.value(), QDate(2026, 11, 2), 3).ok());
        auto items = sampling.queue(AuditLog::currentActor());
        QCOMPARE(items->size(), 3);
        EvaluationRepository store(*m_cache);
        auto draft = store.start(items->at(0).callId, QStringLiteral("survey-call-quality"), 1);
        QVERIFY(draft.ok());
        submitted(items->at(1).callId, answers(QStringLiteral("yes"), 5));
        auto after = sampling.queue(AuditLog::currentActor());
        QCOMPARE(after->at(0).evaluationState, QStringLiteral("draft"));
        QCOMPARE(after->at(0).evaluationId, draft->id);
        QCOMPARE(after->at(1).evaluationState, QStringLiteral("submitted"));
        QVERIFY(after->at(2).evaluationState.isEmpty());
    }

    void reportsAggregatePerAgentPeriodAndQuestion()
    {
        // TR1: 100 (pass), 92.5 (courtesy 3: pass), notice "no" -> auto-fail 0.
        submitted(QStringLiteral("C-001"), answers(QStringLiteral("yes"), 5));
        submitted(QStringLiteral("C-002"), answers(QStringLiteral("yes"), 3));
        submitted(QStringLiteral("C-003"), answers(QStringLiteral("no"), 5));
        // TR3 (campaign OTHER): leading questions fail the questioning section: 100 - 30 = 70 (fail at 80).
        submitted(QStringLiteral("C-016"), answers(QStringLiteral("yes"), 5, QStringLiteral("leading")));
        // A draft never counts.
        EvaluationRepository store(*m_cache);
        QVERIFY(store.start(QStringLiteral("C-004"), QStringLiteral("survey-call-quality"), 1).ok());

        Reports reports(*m_cache);
        auto byAgent = reports.summary({}, ReportGrouping::Agent);
        QVERIFY2(byAgent.ok(), qPrintable(byAgent.errorMessage()));
        QCOMPARE(byAgent->size(), 2);
        const ReportRow tr1 = byAgent->at(0);
        QCOMPARE(tr1.key, QStringLiteral("TR1"));
        QCOMPARE(tr1.evaluations, 3);
        QCOMPARE(tr1.averageScore.value_or(-1), (100 + 92.5 + 0) / 3);
        QCOMPARE(tr1.passRate, 2.0 / 3);
        QCOMPARE(tr1.autoFails, 1);
        QCOMPARE(byAgent->at(1).averageScore.value_or(-1), 70.0);
        QCOMPARE(byAgent->at(1).passRate, 0.0);
        QCOMPARE(byAgent->at(1).autoFails, 0);

        auto byCampaign = reports.summary({}, ReportGrouping::Campaign);
        QCOMPARE(byCampaign->size(), 2);
        QCOMPARE(byCampaign->at(1).key, QStringLiteral("OTHER"));

        auto byWeek = reports.summary({}, ReportGrouping::Week);
        QCOMPARE(byWeek->size(), 1);
        QCOMPARE(byWeek->first().key, QStringLiteral("2026-W45"));
        QCOMPARE(byWeek->first().evaluations, 4);
        auto byMonth = reports.summary({}, ReportGrouping::Month);
        QCOMPARE(byMonth->first().key, QStringLiteral("2026-11"));
        // By day: the trend of a short period (one point a day, not one dot for the week).
        auto byDay = reports.summary({}, ReportGrouping::Day);
        QVERIFY(byDay->size() >= 1);
        QVERIFY(QDate::fromString(byDay->first().key, Qt::ISODate).isValid());
        int daily = 0;
        for (const ReportRow& r : byDay.value()) {
            daily += r.evaluations;
        }
        QCOMPARE(daily, 4);

        ReportFilter onlyTr3;
        onlyTr3.agentId = QStringLiteral("TR3");
        QCOMPARE(reports.summary(onlyTr3, ReportGrouping::Agent)->size(), 1);
        ReportFilter later;
        later.fromUtc = utc(2026, 11, 9, 0).toSecsSinceEpoch();
        QVERIFY(reports.summary(later, ReportGrouping::Agent)->isEmpty());

        // Per question: the notice failed 1 of 4; courtesy 3 of 5 is not a failure (one half); "na" not counted.
        auto questions = reports.questionFailures({});
        QVERIFY(questions.ok());
        QHash<QString, QuestionFailure> byId;
        for (const QuestionFailure& q : questions.value()) {
            byId.insert(q.questionId, q);
        }
        QCOMPARE(byId.value(QStringLiteral("recording-notice")).answered, 4);
        QCOMPARE(byId.value(QStringLiteral("recording-notice")).failed, 1);
        QCOMPARE(byId.value(QStringLiteral("recording-notice")).text,
            QStringLiteral("Recording notice given and permission obtained"));
        QCOMPARE(byId.value(QStringLiteral("read-neutrally")).failed, 1);
        QCOMPARE(byId.value(QStringLiteral("courtesy")).failed, 0);
        QVERIFY(!byId.contains(QStringLiteral("data-read-back")));
        QVERIFY(!byId.contains(QStringLiteral("complaint-handled"))); // never shown
        QCOMPARE(questions->first().rate(), 0.25); // worst first

        // CSV: a header, one line per row, numbers as a spreadsheet reads them.
        const QString csv = Reports::summaryCsv(byAgent.value(), ReportGrouping::Agent);
        QCOMPARE(csv.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts).size(), 3);
        QVERIFY(csv.startsWith(QStringLiteral("agent,evaluations,average_score,pass_rate,auto_fails\r\n")));
        QVERIFY(csv.contains(QStringLiteral("TR1,3,64.2,66.7,1\r\n")));
        auto rows = reports.evaluations({});
        QCOMPARE(rows->size(), 4);
        const QString evCsv = Reports::evaluationsCsv(rows.value());
        QVERIFY(evCsv.contains(QStringLiteral(",recording-notice,")));
    }

    void csvDefusesFormulasAndQuotes()
    {
        QList<QuestionFailure> rows {
            {QStringLiteral("card"), QStringLiteral("q"), QStringLiteral("=HYPERLINK(\"x\")"), 1, 1}};
        const QString csv = Reports::questionsCsv(rows);
        QVERIFY2(csv.contains(QStringLiteral(",\"'=HYPERLINK(\"\"x\"\")\",")), qPrintable(csv));
    }
};

QTEST_GUILESS_MAIN(TestSamplingReports)
#include "TestSamplingReports.moc"
