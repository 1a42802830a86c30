// Cache and sync benchmarks. Build with the release preset and run:
//   build/release/tests/bench/bench_cache --benchmark_counters_tabular=true
// Figures are recorded in docs/performance.md.
#include "cache/Cache.h"
#include "core/Phone.h"
#include "retention/Retention.h"
#include "store/RecordingStore.h"
#include "sync/SyncEngine.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTimeZone>
#include <benchmark/benchmark.h>
#include <sodium.h>

using namespace Earmark;

namespace {
constexpr int StoreCalls = 100000;

QTemporaryDir& workDir()
{
    static QTemporaryDir dir;
    return dir;
}

// A metadata-only store of n calls (sidecars; audio is not read by a metadata sync).
QString makeStore(int n)
{
    const QString root = workDir().filePath(QStringLiteral("store%1").arg(n));
    if (QFile::exists(root + QStringLiteral("/v1/store.json"))) {
        return root;
    }
    QDir().mkpath(root + QStringLiteral("/v1"));
    QFile(root + QStringLiteral("/v1/store.json")).open(QIODevice::WriteOnly);
    for (int i = 0; i < n; ++i) {
        const int day = i / 400;
        const QDate date = QDate(2025, 1, 1).addDays(day);
        const QString dir = root + QStringLiteral("/v1/") + date.toString(QStringLiteral("yyyy/MM/dd"));
        if (i % 400 == 0) {
            QDir().mkpath(dir);
        }
        const QString id = QStringLiteral("C-%1").arg(i, 7, 10, QLatin1Char('0'));
        QJsonObject o {{QStringLiteral("schema"), QStringLiteral("earmark.call/1")}, {QStringLiteral("call_id"), id},
            {QStringLiteral("start_utc"),
                QString(date.toString(QStringLiteral("yyyy-MM-dd"))
                    + QStringLiteral("T10:%1:00Z").arg(i % 60, 2, 10, QLatin1Char('0')))},
            {QStringLiteral("duration_s"), 60 + i % 600}, {QStringLiteral("direction"), QStringLiteral("outbound")},
            {QStringLiteral("respondent"),
                QJsonObject {{QStringLiteral("phone_e164"),
                                 QStringLiteral("+4477009%1").arg(i % 100000, 5, 10, QLatin1Char('0'))},
                    {QStringLiteral("name"), QStringLiteral("Respondent %1").arg(i)}}},
            {QStringLiteral("agent"),
                QJsonObject {{QStringLiteral("id"), QStringLiteral("TR%1").arg(i % 40)},
                    {QStringLiteral("name"), QStringLiteral("Agent %1").arg(i % 40)}}},
            {QStringLiteral("client"), QStringLiteral("Client %1").arg(i % 7)},
            {QStringLiteral("campaign"), QStringLiteral("CAMP-%1").arg(i % 23)},
            {QStringLiteral("disposition"), QJsonObject {{QStringLiteral("code"), QStringLiteral("complete")}}},
            {QStringLiteral("audio"),
                QJsonObject {{QStringLiteral("file"), QString(id + QStringLiteral(".wav"))},
                    {QStringLiteral("sha256"), QString(64, QLatin1Char('a'))}, {QStringLiteral("size_bytes"), 1000000},
                    {QStringLiteral("channels"), 2}, {QStringLiteral("channel_layout"), QStringLiteral("mixed")}}}};
        QFile f(dir + QLatin1Char('/') + id + QStringLiteral(".json"));
        f.open(QIODevice::WriteOnly);
        f.write(QJsonDocument(o).toJson());
    }
    return root;
}

std::unique_ptr<Cache> freshCache(const QString& name)
{
    QDir(workDir().filePath(name)).removeRecursively();
    return std::move(Cache::open(CacheFolder(workDir().filePath(name)), SecretKey::random(), true).value());
}

void BM_MetadataSync100k(benchmark::State& state)
{
    const QString store = makeStore(StoreCalls);
    for (auto _ : state) {
        state.PauseTiming();
        auto cache = freshCache(QStringLiteral("sync-cache"));
        auto s = openStore(store);
        state.ResumeTiming();
        auto report = SyncEngine(*cache, *s.value()).run(SyncOptions {});
        if (!report || report->imported != StoreCalls) {
            state.SkipWithError("sync failed");
        }
    }
    state.counters["calls/s"] = benchmark::Counter(StoreCalls, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_MetadataSync100k)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

void BM_UnchangedSync100k(benchmark::State& state)
{
    const QString store = makeStore(StoreCalls);
    auto cache = freshCache(QStringLiteral("unchanged-cache"));
    auto s = openStore(store);
    (void)SyncEngine(*cache, *s.value()).run(SyncOptions {});
    for (auto _ : state) {
        auto report = SyncEngine(*cache, *s.value()).run(SyncOptions {});
        if (!report || report->unchanged != StoreCalls) {
            state.SkipWithError("sync failed");
        }
    }
}
BENCHMARK(BM_UnchangedSync100k)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

// A retention run on a cache of 100,000 calls (400 a day from 2025-01-01) that destroys the oldest 10,000: the
// per-call destruction (holds checked, index rows, scenarios, tombstones, audit entries) in batches, the index
// merge, the WAL truncation and the signed certificate.
void BM_RetentionRun10kOf100k(benchmark::State& state)
{
    const QString store = makeStore(StoreCalls);
    const qint64 asOf = QDateTime(QDate(2025, 1, 26).addDays(730), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
    for (auto _ : state) {
        state.PauseTiming();
        auto cache = freshCache(QStringLiteral("retention-cache"));
        auto s = openStore(store);
        (void)SyncEngine(*cache, *s.value()).run(SyncOptions {});
        state.ResumeTiming();
        auto run = Retention(*cache).run(asOf);
        if (!run || run->destroyed != 10000) {
            state.SkipWithError(run ? "wrong count" : qPrintable(run.errorMessage()));
        }
    }
    state.counters["calls/s"] = benchmark::Counter(10000, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_RetentionRun10kOf100k)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

// What a keychain-mode run adds: the master key replaced on the 90,000 calls left (every call key re-wrapped, every
// phone index recomputed, PRAGMA rekey of the whole database, WAL truncated).
void BM_KeyRotationAfterRun(benchmark::State& state)
{
    const QString store = makeStore(StoreCalls);
    const qint64 asOf = QDateTime(QDate(2025, 1, 26).addDays(730), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
    for (auto _ : state) {
        state.PauseTiming();
        auto cache = freshCache(QStringLiteral("rotation-cache"));
        auto s = openStore(store);
        (void)SyncEngine(*cache, *s.value()).run(SyncOptions {});
        (void)Retention(*cache).run(asOf);
        const SecretKey next = SecretKey::random();
        state.ResumeTiming();
        if (auto st = cache->rotateMaster(next); !st) {
            state.SkipWithError(qPrintable(st.errorMessage()));
        }
    }
}
BENCHMARK(BM_KeyRotationAfterRun)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

// Opening the cache checks the whole audit log (hash chain, checkpoints, anchor): its cost at 100,000 entries.
void BM_OpenWithAuditLog100k(benchmark::State& state)
{
    const QString dir = workDir().filePath(QStringLiteral("audit-cache"));
    QDir(dir).removeRecursively();
    const SecretKey key = SecretKey::random();
    {
        auto cache = Cache::open(CacheFolder(dir), key, true);
        Transaction tx(cache.value()->database());
        (void)tx.begin();
        for (int i = 0; i < 100000; ++i) {
            (void)cache.value()->audit().append(QStringLiteral("call.open"), QStringLiteral("C-%1").arg(i));
        }
        (void)tx.commit();
        (void)cache.value()->audit().checkpoint();
    }
    for (auto _ : state) {
        auto cache = Cache::open(CacheFolder(dir), key, false);
        if (!cache) {
            state.SkipWithError(qPrintable(cache.errorMessage()));
        }
    }
}
BENCHMARK(BM_OpenWithAuditLog100k)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

void BM_PhoneLookup100k(benchmark::State& state)
{
    const QString store = makeStore(StoreCalls);
    static std::unique_ptr<Cache> cache;
    if (!cache) {
        cache = freshCache(QStringLiteral("lookup-cache"));
        auto s = openStore(store);
        (void)SyncEngine(*cache, *s.value()).run(SyncOptions {});
    }
    int i = 0;
    for (auto _ : state) {
        // Typed the way a person types it, normalised, then found through the blind index.
        const QString typed = QStringLiteral("07700 9%1").arg((i++ * 7919) % 100000, 5, 10, QLatin1Char('0'));
        CallQuery q;
        q.phoneE164 = Phone::normalise(typed).value();
        auto hits = cache->calls().query(q);
        if (!hits || hits->isEmpty()) {
            state.SkipWithError("lookup found nothing");
        }
        benchmark::DoNotOptimize(hits);
    }
}
BENCHMARK(BM_PhoneLookup100k)->Unit(benchmark::kMillisecond)->UseRealTime();

QByteArray payload()
{
    QByteArray b(64 * 1024 * 1024, '\0');
    for (qsizetype i = 0; i < b.size(); ++i) {
        b[i] = static_cast<char>((i * 2654435761u) >> 24);
    }
    return b;
}

void BM_BlobEncryptToFile(benchmark::State& state)
{
    const QByteArray plain = payload();
    const SecretKey key = SecretKey::random();
    const QString path = workDir().filePath(QStringLiteral("blob.bin"));
    for (auto _ : state) {
        QFile f(path);
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        Blob::Writer w(key, "bench", Blob::Kind::Audio, &f);
        (void)w.write(plain);
        (void)w.finish();
        f.flush();
    }
    state.SetBytesProcessed(state.iterations() * plain.size());
}
BENCHMARK(BM_BlobEncryptToFile)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_BlobDecryptFromFile(benchmark::State& state)
{
    const QByteArray plain = payload();
    const SecretKey key = SecretKey::random();
    const QString path = workDir().filePath(QStringLiteral("blob-read.bin"));
    {
        QFile f(path);
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        Blob::Writer w(key, "bench", Blob::Kind::Audio, &f);
        (void)w.write(plain);
        (void)w.finish();
    }
    for (auto _ : state) {
        QFile f(path);
        f.open(QIODevice::ReadOnly);
        auto r = Blob::Reader::open(key, "bench", &f);
        auto all = r->readAll();
        benchmark::DoNotOptimize(all);
    }
    state.SetBytesProcessed(state.iterations() * plain.size());
}
BENCHMARK(BM_BlobDecryptFromFile)->Unit(benchmark::kMillisecond)->UseRealTime();

// The AEAD alone, side by side with the blob reader: ChaCha20-Poly1305 over the same 64 MiB in 64 KiB chunks, memory
// to memory, no file and no format. What the blob reader can at best approach.
void BM_RawAead64KiBChunks(benchmark::State& state)
{
    const QByteArray plain = payload();
    constexpr qsizetype Chunk = 64 * 1024;
    constexpr qsizetype Tag = crypto_aead_chacha20poly1305_ietf_ABYTES;
    unsigned char key[crypto_aead_chacha20poly1305_ietf_KEYBYTES];
    randombytes_buf(key, sizeof key);
    unsigned char nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES] = {};
    const qsizetype chunks = plain.size() / Chunk;
    QByteArray sealed(chunks * (Chunk + Tag), Qt::Uninitialized);
    for (qsizetype k = 0; k < chunks; ++k) {
        unsigned long long len = 0;
        crypto_aead_chacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char*>(sealed.data()) + k * (Chunk + Tag),
            &len, reinterpret_cast<const unsigned char*>(plain.constData()) + k * Chunk, Chunk, nullptr, 0, nullptr,
            nonce, key);
    }
    QByteArray out(plain.size(), Qt::Uninitialized);
    for (auto _ : state) {
        for (qsizetype k = 0; k < chunks; ++k) {
            unsigned long long len = 0;
            if (crypto_aead_chacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(out.data()) + k * Chunk,
                    &len, nullptr, reinterpret_cast<const unsigned char*>(sealed.constData()) + k * (Chunk + Tag),
                    Chunk + Tag, nullptr, 0, nonce, key)
                != 0) {
                state.SkipWithError("does not authenticate");
                return;
            }
        }
        benchmark::DoNotOptimize(out.data());
    }
    state.SetBytesProcessed(state.iterations() * plain.size());
}
BENCHMARK(BM_RawAead64KiBChunks)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PlainFileCopy(benchmark::State& state)
{
    const QByteArray plain = payload();
    const QString src = workDir().filePath(QStringLiteral("plain.bin"));
    {
        QFile f(src);
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(plain);
    }
    const QString dst = workDir().filePath(QStringLiteral("plain-copy.bin"));
    for (auto _ : state) {
        QFile::remove(dst);
        QFile::copy(src, dst);
    }
    state.SetBytesProcessed(state.iterations() * plain.size());
}
BENCHMARK(BM_PlainFileCopy)->Unit(benchmark::kMillisecond)->UseRealTime();
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
