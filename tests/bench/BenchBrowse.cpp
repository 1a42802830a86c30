// The call browser at 1,000,000 calls: count, first page, a deep page, a filter change, a sort change.
//   build/release/tests/bench/bench_browse
// The calls are bulk-inserted with SQL (one recursive INSERT); their sealed personal fields are placeholders,
// so the phone column's per-row key unwrap fails fast instead of decrypting (a few ms per page in real use).
#include "browse/CallListModel.h"
#include "cache/Cache.h"
#include "cache/CacheWorker.h"
#include "cache/Statement.h"
#include "ui/shell/MainWindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <benchmark/benchmark.h>

using namespace Earmark;

namespace {
constexpr int Calls = 1000000;
QTemporaryDir g_dir;
SecretKey g_key = SecretKey::random();

void populate()
{
    auto cache = Cache::open(CacheFolder(g_dir.path()), g_key, true);
    Database& db = cache.value()->database();
    QElapsedTimer t;
    t.start();
    const QString sql = QStringLiteral(
        "WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < %1) "
        "INSERT INTO calls(call_id, store_key, start_utc, duration_s, direction, agent_id, client, campaign, "
        "disposition, consent_recorded, tags, phone_index, pii, sidecar_sha256, sidecar_size, sidecar_mtime_ns, "
        "audio_file, audio_sha256, audio_size, has_transcript, synced_utc) "
        "SELECT 'C-' || i, 'v1/k/' || i || '.json', 1700000000 + i * 60, 20 + (i * 7919) % 1800, 'outbound', "
        "'TR' || (i % 60), 'Client ' || (i % 9), 'CAMP-' || (i % 40), CASE WHEN i % 10 = 0 THEN 'complaint' ELSE "
        "'complete' END, i % 7 != 0, '[]', randomblob(16), randomblob(300), randomblob(32), 1000, 1, 'a.wav', 'x', "
        "1, i % 2, 1 FROM seq")
                            .arg(Calls - 1);
    (void)db.exec(QStringLiteral("BEGIN"));
    if (auto st = db.exec(sql); !st) {
        qFatal("populate failed: %s", qPrintable(st.errorMessage()));
    }
    (void)db.exec(
        QStringLiteral("INSERT INTO agents(agent_id, name) SELECT DISTINCT agent_id, 'Agent ' || agent_id FROM calls"));
    (void)db.exec(QStringLiteral("COMMIT"));
    (void)db.checkpointTruncate();
    std::fprintf(stderr, "populated %d calls in %.1f s\n", Calls, t.elapsed() / 1000.0);
}

struct Fixture
{
    std::unique_ptr<CacheWorker> worker;
    std::unique_ptr<CallListModel> model;

    Fixture()
    {
        worker = std::make_unique<CacheWorker>();
        QEventLoop loop;
        worker->open(g_dir.path(), g_key.clone(), false, &loop, [&](const QString&) { loop.quit(); });
        loop.exec();
        model = std::make_unique<CallListModel>(worker.get());
    }

    // Applies a filter and waits for its count (the window shows the row count and a scroll bar).
    void count(const CallFilter& f)
    {
        QEventLoop loop;
        auto c = QObject::connect(model.get(), &CallListModel::countChanged, &loop, &QEventLoop::quit);
        model->setFilter(f);
        loop.exec();
        QObject::disconnect(c);
    }

    // Asks for row's page and waits until it is there (what the user sees after scrolling there).
    void show(int row)
    {
        if (model->rowAt(row)) {
            return;
        }
        QEventLoop loop;
        auto c = QObject::connect(model.get(), &CallListModel::pageLoaded, &loop, &QEventLoop::quit);
        loop.exec();
        QObject::disconnect(c);
    }
};

Fixture& fixture()
{
    static Fixture f;
    return f;
}

void BM_CountAll(benchmark::State& state)
{
    for (auto _ : state) {
        fixture().count(CallFilter {});
    }
}
BENCHMARK(BM_CountAll)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_FilterChangeToFirstRows(benchmark::State& state)
{
    int i = 0;
    for (auto _ : state) {
        CallFilter f;
        f.agentId = QStringLiteral("TR%1").arg(i++ % 60);
        fixture().count(f);
        fixture().show(0);
    }
}
BENCHMARK(BM_FilterChangeToFirstRows)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_FilterDateRangeAndDuration(benchmark::State& state)
{
    for (auto _ : state) {
        CallFilter f;
        f.from = QDate(2024, 1, 1);
        f.to = QDate(2024, 6, 30);
        f.minDurationS = 300;
        fixture().count(f);
        fixture().show(0);
    }
}
BENCHMARK(BM_FilterDateRangeAndDuration)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ScrollToRow(benchmark::State& state)
{
    fixture().count(CallFilter {});
    const int row = static_cast<int>(state.range(0));
    for (auto _ : state) {
        fixture().count(CallFilter {}); // drop loaded pages
        fixture().show(row);
    }
}
BENCHMARK(BM_ScrollToRow)->Arg(0)->Arg(500000)->Arg(999000)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_SortByDuration(benchmark::State& state)
{
    bool asc = true;
    for (auto _ : state) {
        CallFilter f;
        f.sortColumn = CallColumn::Duration;
        f.descending = !(asc = !asc);
        fixture().count(f);
        fixture().show(0);
    }
}
BENCHMARK(BM_SortByDuration)->Unit(benchmark::kMillisecond)->UseRealTime();
// The review window on a cache, from construction to the first rows painted.
void showWindow(benchmark::State& state, const QString& dir, const SecretKey& key)
{
    for (auto _ : state) {
        CacheWorker worker;
        QEventLoop open;
        worker.open(dir, key.clone(), false, &open, [&](const QString&) { open.quit(); });
        open.exec();
        Gui::MainWindow window(&worker, dir);
        window.show();
        window.cacheReady();
        QEventLoop shown;
        QObject::connect(window.model(), &CallListModel::countChanged, &shown, [&] {
            if (window.model()->rowCount() == 0) {
                shown.quit();
            } else {
                (void)window.model()->rowAt(0);
            }
        });
        QObject::connect(window.model(), &CallListModel::pageLoaded, &shown, &QEventLoop::quit);
        shown.exec();
        window.callView()->viewport()->repaint();
    }
}

void BM_WindowShown1M(benchmark::State& state)
{
    showWindow(state, g_dir.path(), g_key);
}
BENCHMARK(BM_WindowShown1M)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_WindowShownEmpty(benchmark::State& state)
{
    static QTemporaryDir empty;
    static SecretKey key = SecretKey::random();
    (void)Cache::open(CacheFolder(empty.path()), key, true);
    showWindow(state, empty.path(), key);
}
BENCHMARK(BM_WindowShownEmpty)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (qEnvironmentVariableIsEmpty("EARMARK_BENCH_QUICK")) {
        populate();
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    fixture().model.reset();
    fixture().worker.reset();
    benchmark::Shutdown();
    return 0;
}
