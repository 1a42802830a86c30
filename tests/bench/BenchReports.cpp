// Quality reports at 100,000 submitted evaluations (60 researchers, 40 campaigns, a year of calls, 11 scored
// answers each: 1.1 million answer rows).
//   build/release/tests/bench/bench_reports
// The evaluations are bulk-inserted with SQL; the reports read them exactly as the app does.
#include "cache/Cache.h"
#include "cache/CacheWorker.h"
#include "cache/Statement.h"
#include "quality/Reports.h"
#include "quality/ScorecardLibrary.h"
#include "ui/quality/ReportCharts.h"
#include "ui/quality/ReportsWindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimeZone>
#include <benchmark/benchmark.h>

using namespace Earmark;

namespace {
constexpr int Evaluations = 100000;
constexpr qint64 Start = 1735689600; // 2025-01-01
QTemporaryDir g_dir;
SecretKey g_key = SecretKey::random();
std::unique_ptr<Cache> g_cache;

void populate()
{
    auto cache = Cache::open(CacheFolder(g_dir.path()), g_key, true);
    g_cache = std::move(cache.value());
    Database& db = g_cache->database();
    QElapsedTimer t;
    t.start();
    (void)ScorecardLibrary(*g_cache).ensureDefault();
    (void)db.exec(QStringLiteral("BEGIN"));
    const QString evaluations = QStringLiteral(
        "WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < %1) "
        "INSERT INTO evaluations(id, call_id, call_start_utc, agent_id, campaign, scorecard_id, scorecard_version, "
        "reviewer, state, revision, answers, score, passed, auto_fail, created_utc, updated_utc, submitted_utc) "
        "SELECT i + 1, 'C-' || i, %2 + i * 315, 'TR' || (i % 60), 'CAMP-' || (i % 40), 'survey-call-quality', 1, "
        "'ann', 'submitted', 1, '{}', CASE WHEN i % 20 = 0 THEN 0 ELSE 60 + (i * 7919) % 41 END, "
        "CASE WHEN i % 20 != 0 AND 60 + (i * 7919) % 41 >= 80 THEN 1 ELSE 0 END, "
        "CASE WHEN i % 20 = 0 THEN 'recording-notice' END, %2, %2, %2 FROM seq")
                                    .arg(Evaluations - 1)
                                    .arg(Start);
    const QString answers = QStringLiteral(
        "INSERT INTO evaluation_answers(evaluation, question_id, answer, fraction) "
        "SELECT e.id, q.id, 'x', CASE WHEN (e.id * 31 + q.n * 17) % 9 = 0 THEN 0.0 ELSE 1.0 END FROM evaluations e, "
        "(SELECT 'recording-notice' AS id, 1 AS n UNION ALL SELECT 'introduction', 2 UNION ALL SELECT 'purpose', 3 "
        "UNION ALL SELECT 'read-neutrally', 4 UNION ALL SELECT 'recorded-accurately', 5 UNION ALL SELECT "
        "'scale-explained', 6 UNION ALL SELECT 'courtesy', 7 UNION ALL SELECT 'complaint-raised', 8 UNION ALL SELECT "
        "'no-extra-data', 9 UNION ALL SELECT 'data-read-back', 10 UNION ALL SELECT 'thanked', 11) q");
    for (const QString& sql : {evaluations, answers}) {
        if (auto st = db.exec(sql); !st) {
            qFatal("populate failed: %s", qPrintable(st.errorMessage()));
        }
    }
    (void)db.exec(QStringLiteral("COMMIT"));
    (void)db.exec(QStringLiteral("ANALYZE"));
    (void)db.checkpointTruncate();
    std::fprintf(stderr, "populated %d evaluations in %.1f s\n", Evaluations, t.elapsed() / 1000.0);
}

ReportFilter year()
{
    return ReportFilter {Start, Start + 366 * 86400, {}, {}, {}};
}

void BM_SummaryByAgent(benchmark::State& state)
{
    Reports reports(*g_cache);
    for (auto _ : state) {
        auto rows = reports.summary(year(), ReportGrouping::Agent);
        benchmark::DoNotOptimize(rows);
        if (!rows || rows->size() != 60) {
            state.SkipWithError("wrong row count");
        }
    }
}
BENCHMARK(BM_SummaryByAgent)->Unit(benchmark::kMillisecond);

void BM_TrendByWeek(benchmark::State& state)
{
    Reports reports(*g_cache);
    for (auto _ : state) {
        auto rows = reports.summary(year(), ReportGrouping::Week);
        benchmark::DoNotOptimize(rows);
    }
}
BENCHMARK(BM_TrendByWeek)->Unit(benchmark::kMillisecond);

void BM_QuestionFailures(benchmark::State& state)
{
    Reports reports(*g_cache);
    for (auto _ : state) {
        auto rows = reports.questionFailures(year());
        benchmark::DoNotOptimize(rows);
    }
}
BENCHMARK(BM_QuestionFailures)->Unit(benchmark::kMillisecond);

// One researcher's quarter: what the researcher PDF needs (summary, trend, questions, evaluations).
void BM_OneResearcherQuarter(benchmark::State& state)
{
    Reports reports(*g_cache);
    ReportFilter f {Start + 90 * 86400, Start + 181 * 86400, QStringLiteral("TR7"), {}, {}};
    for (auto _ : state) {
        auto a = reports.summary(f, ReportGrouping::Agent);
        auto b = reports.summary(f, ReportGrouping::Week);
        auto c = reports.questionFailures(f);
        auto d = reports.evaluations(f, 5000);
        benchmark::DoNotOptimize(a);
        benchmark::DoNotOptimize(b);
        benchmark::DoNotOptimize(c);
        benchmark::DoNotOptimize(d);
    }
}
BENCHMARK(BM_OneResearcherQuarter)->Unit(benchmark::kMillisecond);

void BM_CsvAllEvaluations(benchmark::State& state)
{
    Reports reports(*g_cache);
    for (auto _ : state) {
        const QString csv = Reports::evaluationsCsv(reports.evaluations(year()).value());
        benchmark::DoNotOptimize(csv);
    }
}
BENCHMARK(BM_CsvAllEvaluations)->Unit(benchmark::kMillisecond);

// The reports window: a refresh on the cache's worker thread until the tables and charts are drawn.
void BM_ReportsWindowRefresh(benchmark::State& state)
{
    CacheWorker worker;
    bool opened = false;
    QObject context;
    worker.open(g_dir.path(), g_key.clone(), false, &context, [&](const QString&) { opened = true; });
    while (!opened) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    Gui::ReportsWindow window(&worker);
    window.setRange(QDate(2025, 1, 1), QDate(2025, 12, 31));
    window.setGrouping(ReportGrouping::Agent);
    window.show();
    for (auto _ : state) {
        QSignalSpy done(&window, &Gui::ReportsWindow::refreshed);
        window.refresh();
        while (done.isEmpty()) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        }
        QCoreApplication::processEvents(); // paint
    }
}
BENCHMARK(BM_ReportsWindowRefresh)->Unit(benchmark::kMillisecond)->Iterations(5);
} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    populate();
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    g_cache.reset();
    return 0;
}
