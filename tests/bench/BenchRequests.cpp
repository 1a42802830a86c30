// A subject access pack for a requester with 20 calls (issue 12: "built in minutes"), with and without the
// recordings: the demo store's spoken calls, 20 of them given the requester's number, synced with their audio into an
// encrypted cache; the pack written exactly as `earmark-cli dsar pack` and the Requests window write it.
//   build/dev/tests/bench/bench_requests
#include "cache/Cache.h"
#include "core/Files.h"
#include "demo/DemoStoreWriter.h"
#include "requests/DsarPack.h"
#include "requests/Requests.h"
#include "store/RecordingStore.h"
#include "sync/SyncEngine.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <benchmark/benchmark.h>

using namespace Earmark;

namespace {
constexpr int StoreCalls = 60;
constexpr int RequesterCalls = 20;
const QString Requester = QStringLiteral("+447700900111");
QTemporaryDir g_dir;
std::unique_ptr<Cache> g_cache;
QString g_request;

void populate()
{
    const QString store = g_dir.filePath(QStringLiteral("store"));
    if (auto written = Demo::writeDemoStore({store, StoreCalls, 1, 14}); !written) {
        qFatal("demo store: %s", qPrintable(written.errorMessage()));
    }
    // The requester: the first 20 calls with a transcript (the ones with words to redact) get their number.
    int given = 0;
    for (QDirIterator it(
             store + QStringLiteral("/v1"), {QStringLiteral("C-*.json")}, QDir::Files, QDirIterator::Subdirectories);
         it.hasNext() && given < RequesterCalls;) {
        const QString path = it.next();
        if (path.endsWith(QLatin1String(".transcript.json"))
            || !QFile::exists(QString(path.chopped(5) + QStringLiteral(".transcript.json")))) {
            continue;
        }
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            continue;
        }
        QJsonObject sidecar = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
        QJsonObject respondent = sidecar.value(QStringLiteral("respondent")).toObject();
        respondent.insert(QStringLiteral("phone_e164"), Requester);
        sidecar.insert(QStringLiteral("respondent"), respondent);
        if (auto st = Files::writeAtomically(path, QJsonDocument(sidecar).toJson()); !st) {
            qFatal("could not write %s", qPrintable(path));
        }
        ++given;
    }
    auto cache = Cache::open(CacheFolder(g_dir.filePath(QStringLiteral("cache"))), SecretKey::random(), true);
    if (!cache) {
        qFatal("cache: %s", qPrintable(cache.errorMessage()));
    }
    g_cache = std::move(cache.value());
    auto s = openStore(store);
    if (!s) {
        qFatal("store: %s", qPrintable(s.errorMessage()));
    }
    auto report = SyncEngine(*g_cache, *s.value()).run(SyncOptions {true});
    if (!report || report->imported != StoreCalls) {
        qFatal("sync failed");
    }
    NewSubjectRequest asked;
    asked.phone = Requester;
    asked.received = QDate::currentDate();
    auto request = Requests(*g_cache).create(asked);
    if (!request || request->callIds.size() != RequesterCalls) {
        qFatal("the request does not hold the requester's %d calls", RequesterCalls);
    }
    g_request = request->requestId;
}

void pack(benchmark::State& state, bool audio)
{
    const QString zip = g_dir.filePath(audio ? QStringLiteral("with-audio.zip") : QStringLiteral("text.zip"));
    for (auto _ : state) {
        QFile::remove(zip);
        DsarPackOptions options;
        options.audio = audio;
        auto written = DsarPack(*g_cache).write(g_request, zip, options);
        if (!written || written->calls != RequesterCalls) {
            state.SkipWithError(written ? "wrong call count" : qPrintable(written.errorMessage()));
            return;
        }
        state.counters["MB"] = double(QFileInfo(zip).size()) / 1e6;
        state.counters["redactions"] = written->redacted;
    }
}

void BM_DsarPack20CallsText(benchmark::State& state)
{
    pack(state, false);
}
BENCHMARK(BM_DsarPack20CallsText)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

void BM_DsarPack20CallsWithAudio(benchmark::State& state)
{
    pack(state, true);
}
BENCHMARK(BM_DsarPack20CallsWithAudio)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv); // the cover letter is a PDF (Qt Gui)
    populate();
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
