#include "TestSupport.h"
#include "audio/AudioDecoder.h"
#include "cache/Cache.h"
#include "cache/Statement.h"
#include "store/RecordingStore.h"
#include "sync/AudioFetcher.h"
#include "sync/SyncEngine.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;

class TestSyncEngine : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QString m_template;
    QString m_store;
    std::unique_ptr<Cache> m_cache;
    QStringList m_keys; // sidecar keys, sorted
    static constexpr int Calls = 8;

    Result<SyncReport> sync(bool audio, const std::atomic_bool* cancel = nullptr, int cancelAfter = -1)
    {
        auto store = openStore(m_store);
        if (!store) {
            return store.error();
        }
        SyncEngine engine(*m_cache, *store.value());
        std::atomic_bool flag {false};
        if (cancelAfter >= 0) {
            engine.setCancelFlag(&flag);
            engine.setProgressHandler([&](const SyncProgress& p) {
                if (p.callsDone >= cancelAfter) {
                    flag = true;
                }
            });
        } else if (cancel) {
            engine.setCancelFlag(cancel);
        }
        return engine.run(SyncOptions {audio});
    }

    QString path(const QString& key) const { return m_store + QLatin1Char('/') + key; }
    QJsonObject sidecar(int i) const { return QJsonDocument::fromJson(Test::readFile(path(m_keys.at(i)))).object(); }
    void writeSidecar(int i, const QJsonObject& o) { Test::writeFile(path(m_keys.at(i)), QJsonDocument(o).toJson()); }
    QString audioKey(int i) const
    {
        return RecordingStore::siblingKey(m_keys.at(i),
            sidecar(i).value(QStringLiteral("audio")).toObject().value(QStringLiteral("file")).toString());
    }
    QString callId(int i) const { return RecordingStore::callIdOfKey(m_keys.at(i)); }

    // Exactly one rejection, for item ending in itemSuffix, with reasonPart in its reason.
    void expectOneRejection(const SyncReport& r, const QString& itemSuffix, const QString& reasonPart)
    {
        QCOMPARE(r.rejected.size(), 1);
        QVERIFY2(r.rejected.first().item.endsWith(itemSuffix), qPrintable(r.rejected.first().item));
        QVERIFY2(r.rejected.first().reason.contains(reasonPart), qPrintable(r.rejected.first().reason));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_template = m_root.filePath(QStringLiteral("template"));
        auto r = Test::runCli({QStringLiteral("demo-store"), QStringLiteral("--out"), m_template,
            QStringLiteral("--calls"), QString::number(Calls), QStringLiteral("--seed"), QStringLiteral("7")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void init()
    {
        m_store = m_root.filePath(QStringLiteral("store"));
        QDir(m_store).removeRecursively();
        QDir(m_root.filePath(QStringLiteral("cache"))).removeRecursively();
        QVERIFY(Test::run(QStringLiteral("cp"), {QStringLiteral("-a"), m_template, m_store}).exitCode == 0);
        auto store = openStore(m_store);
        m_keys.clear();
        const auto listing = store.value()->listSidecars();
        for (const auto& e : listing.value()) {
            m_keys << e.key;
        }
        QCOMPARE(m_keys.size(), Calls);
        auto cache = Cache::open(CacheFolder(m_root.filePath(QStringLiteral("cache"))), SecretKey::random(), true);
        QVERIFY(cache.ok());
        m_cache = std::move(cache.value());
    }

    void cleanup() { m_cache.reset(); }

    void importsEveryCallWithTranscriptsAndAudio()
    {
        auto r = sync(true);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->imported, Calls);
        QVERIFY2(r->rejected.isEmpty(), qPrintable(r->rejected.value(0).reason));
        QCOMPARE(m_cache->calls().count(), Calls);
        for (int i = 0; i < Calls; ++i) {
            auto c = m_cache->calls().find(callId(i)).value();
            QVERIFY(c);
            QCOMPARE(c->audioState, AudioState::Cached);
            QVERIFY(c->audioFrames > 0);
            QCOMPARE(c->audioRate, 8000);
            QCOMPARE(c->audioChannels,
                sidecar(i).value(QStringLiteral("audio")).toObject().value(QStringLiteral("channels")).toInt());
            QCOMPARE(c->hasTranscript, sidecar(i).contains(QStringLiteral("transcript")));
            QVERIFY2(std::abs(c->audioFrames / 8000.0 - c->durationS) < 0.1,
                qPrintable(
                    QStringLiteral("%1: %2 frames for %3 s").arg(c->audioCodec).arg(c->audioFrames).arg(c->durationS)));
        }
        QVERIFY(m_cache->verify().ok());
    }

    void aSecondSyncReadsNoAudioAndReportsEverythingUnchanged()
    {
        QVERIFY(sync(true)->rejected.isEmpty());
        // Remove every audio file from the store: an unchanged sync must not notice, as it reads none.
        for (int i = 0; i < Calls; ++i) {
            QVERIFY(QFile::remove(path(audioKey(i))));
        }
        auto r = sync(true);
        QVERIFY(r.ok());
        QCOMPARE(r->unchanged, Calls);
        QCOMPARE(r->imported + r->updated, 0);
        QVERIFY(r->rejected.isEmpty());
        QCOMPARE(r->bytesRead, 0);
        QCOMPARE(r->audioBytesRead, 0);
    }

    void aChangedSidecarUpdatesTheCall()
    {
        QVERIFY(sync(false)->rejected.isEmpty());
        QJsonObject o = sidecar(2);
        o.insert(QStringLiteral("disposition"), QJsonObject {{QStringLiteral("code"), QStringLiteral("callback")}});
        o.insert(QStringLiteral("tags"), QJsonArray {QStringLiteral("reviewed")});
        writeSidecar(2, o);
        // Same bytes rewritten (a touched file) count as unchanged.
        Test::writeFile(path(m_keys.at(3)), Test::readFile(path(m_keys.at(3))));
        auto r = sync(false);
        QCOMPARE(r->updated, 1);
        QCOMPARE(r->unchanged, Calls - 1);
        auto c = m_cache->calls().find(callId(2)).value();
        QCOMPARE(c->disposition, QStringLiteral("callback"));
        QCOMPARE(c->tags, QStringList {QStringLiteral("reviewed")});
    }

    void anErasureNoticeDestroysTheCallForGood()
    {
        QVERIFY(sync(true)->rejected.isEmpty());
        const QString id = callId(1);
        auto before = m_cache->calls().find(id).value();
        const QString blob = m_cache->calls().audioBlob(before->id).value();
        QVERIFY(m_cache->blobs().contains(blob));
        Test::writeFile(m_store + QStringLiteral("/v1/erasures/") + id + QStringLiteral(".json"),
            QStringLiteral("{\"schema\": \"earmark.erasure/1\", \"call_id\": \"%1\", \"erased_utc\": "
                           "\"2026-11-21T09:00:00Z\", \"reason\": \"subject request\"}")
                .arg(id)
                .toUtf8());
        auto r = sync(true);
        QCOMPARE(r->erased, 1);
        QCOMPARE(r->unchanged, Calls - 1);
        QVERIFY(!m_cache->calls().find(id).value());
        QVERIFY(!m_cache->blobs().contains(blob));
        QCOMPARE(m_cache->calls().count(), Calls - 1);
        // The sidecar is still in the store: the call must not come back.
        auto again = sync(true);
        QCOMPARE(again->erased, 0);
        QCOMPARE(again->imported, 0);
        QVERIFY(!m_cache->calls().find(id).value());
        auto audit = m_cache->database().prepare(QStringLiteral(
            "SELECT count(*) FROM audit_log WHERE action='destroy' AND subject=? AND detail LIKE 'erasure %'"));
        audit->bind(1, id);
        QVERIFY(audit->step().value());
        QCOMPARE(audit->int64(0), 1);
        QVERIFY(m_cache->verify().ok());
    }

    void eachBadItemIsRejectedAloneWithAReason_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<QString>("item");
        QTest::addColumn<QString>("reason");
        QTest::newRow("malformed JSON") << "malformed"
                                        << ".json"
                                        << "malformed JSON";
        QTest::newRow("missing field") << "missing"
                                       << ".json"
                                       << "\"agent.id\" is missing";
        QTest::newRow("wrong type") << "type"
                                    << ".json"
                                    << "must be a number, not a string";
        QTest::newRow("call_id differs") << "differs"
                                         << ".json"
                                         << "differs from the file name";
        QTest::newRow("bad call_id") << "badid"
                                     << "bad id!.json"
                                     << "bad call_id";
        QTest::newRow("path in audio.file") << "path"
                                            << ".json"
                                            << "bare file name";
        QTest::newRow("symlink leaving the store") << "symlink"
                                                   << ".wav"
                                                   << "leaves the store";
        QTest::newRow("checksum mismatch") << "checksum"
                                           << ""
                                           << "SHA-256 does not match";
        QTest::newRow("size mismatch") << "size"
                                       << ""
                                       << "bytes but the sidecar says";
        QTest::newRow("missing audio") << "noaudio"
                                       << ""
                                       << "missing from the store";
        QTest::newRow("audio does not decode") << "garbage"
                                               << ""
                                               << "does not decode";
        QTest::newRow("audio far longer than its sidecar") << "longer"
                                                           << ""
                                                           << "is 1:00 long but its sidecar says 22.7 s";
        QTest::newRow("audio cut short, checksum matching") << "short"
                                                            << ""
                                                            << "the file is cut short";
        QTest::newRow("sidecar over 1 MiB") << "huge"
                                            << ".json"
                                            << "over the 1 MiB limit";
        QTest::newRow("invalid UTF-8") << "utf8"
                                       << ".json"
                                       << "not valid UTF-8";
    }

    void eachBadItemIsRejectedAloneWithAReason()
    {
        QFETCH(QString, attack);
        QFETCH(QString, item);
        QFETCH(QString, reason);
        const int victim = 4;
        QJsonObject o = sidecar(victim);
        QJsonObject audio = o.value(QStringLiteral("audio")).toObject();
        const QString audioPath = path(audioKey(victim));
        QString expectedItem = item.isEmpty() ? audioKey(victim) : m_keys.at(victim);
        if (attack == QLatin1String("malformed")) {
            Test::writeFile(path(m_keys.at(victim)), "{\"schema\": \"earmark.call/1\", ");
        } else if (attack == QLatin1String("missing")) {
            QJsonObject agent = o.value(QStringLiteral("agent")).toObject();
            agent.remove(QStringLiteral("id"));
            o.insert(QStringLiteral("agent"), agent);
            writeSidecar(victim, o);
        } else if (attack == QLatin1String("type")) {
            o.insert(QStringLiteral("duration_s"), QStringLiteral("long"));
            writeSidecar(victim, o);
        } else if (attack == QLatin1String("differs")) {
            o.insert(QStringLiteral("call_id"), QStringLiteral("C-someone-else"));
            writeSidecar(victim, o);
        } else if (attack == QLatin1String("badid")) {
            const QString dir = path(m_keys.at(victim)).section(QLatin1Char('/'), 0, -2);
            o.insert(QStringLiteral("call_id"), QStringLiteral("bad id!"));
            QFile::remove(path(m_keys.at(victim)));
            Test::writeFile(dir + QStringLiteral("/bad id!.json"), QJsonDocument(o).toJson());
            expectedItem = QStringLiteral("bad id!.json");
        } else if (attack == QLatin1String("path")) {
            audio.insert(QStringLiteral("file"), QStringLiteral("../../../../etc/passwd"));
            o.insert(QStringLiteral("audio"), audio);
            writeSidecar(victim, o);
        } else if (attack == QLatin1String("symlink")) {
            const QString outside = m_root.filePath(QStringLiteral("outside.wav"));
            QFile::remove(outside);
            QVERIFY(QFile::copy(audioPath, outside));
            QVERIFY(QFile::remove(audioPath));
            QVERIFY(QFile::link(outside, audioPath));
            expectedItem = audioKey(victim);
        } else if (attack == QLatin1String("checksum")) {
            QByteArray bytes = Test::readFile(audioPath);
            bytes[bytes.size() / 2] = static_cast<char>(bytes.at(bytes.size() / 2) ^ 0x55);
            Test::writeFile(audioPath, bytes);
        } else if (attack == QLatin1String("size")) {
            Test::writeFile(audioPath, Test::readFile(audioPath) + "tail");
        } else if (attack == QLatin1String("noaudio")) {
            QVERIFY(QFile::remove(audioPath));
        } else if (attack == QLatin1String("garbage")) {
            QByteArray junk(20000, '\0');
            for (int i = 0; i < junk.size(); ++i) {
                junk[i] = static_cast<char>((i * 7919) % 251);
            }
            Test::writeFile(audioPath, junk);
            audio.insert(QStringLiteral("sha256"), Test::sha256Hex(junk));
            audio.insert(QStringLiteral("size_bytes"), junk.size());
            o.insert(QStringLiteral("audio"), audio);
            writeSidecar(victim, o);
        } else if (attack == QLatin1String("longer") || attack == QLatin1String("short")) {
            // A minute of audio, with the sidecar's checksum and size made to match it: behind a sidecar that says
            // 22.7 s, or cut to its first half behind one that says the whole minute.
            DecodedAudio minute {8000, 1, 60 * 8000, QVector<qint16>(60 * 8000)};
            for (qint64 f = 0; f < minute.frames; ++f) {
                minute.samples[f] = qint16((f * 37) % 2000 - 1000);
            }
            auto encoded = AudioDecoder::encodeWav(minute);
            QVERIFY(encoded);
            QByteArray bytes = encoded.value();
            if (attack == QLatin1String("short")) {
                bytes.truncate(bytes.size() / 2);
            }
            Test::writeFile(audioPath, bytes);
            audio.insert(QStringLiteral("sha256"), Test::sha256Hex(bytes));
            audio.insert(QStringLiteral("size_bytes"), bytes.size());
            audio.insert(QStringLiteral("channels"), 1);
            audio.insert(QStringLiteral("channel_layout"), QStringLiteral("mixed"));
            o.insert(QStringLiteral("audio"), audio);
            o.insert(QStringLiteral("duration_s"), attack == QLatin1String("short") ? 60.0 : 22.7);
            writeSidecar(victim, o);
        } else if (attack == QLatin1String("huge")) {
            o.insert(QStringLiteral("source"),
                QJsonObject {{QStringLiteral("raw"),
                    QJsonObject {{QStringLiteral("pad"), QString(1100000, QLatin1Char('x'))}}}});
            writeSidecar(victim, o);
        } else if (attack == QLatin1String("utf8")) {
            QByteArray bytes = Test::readFile(path(m_keys.at(victim)));
            bytes.replace("\"outbound\"",
                "\"out\xc3\x28"
                "bound\"");
            Test::writeFile(path(m_keys.at(victim)), bytes);
        }
        auto r = sync(true);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        expectOneRejection(r.value(), expectedItem, reason);
        QCOMPARE(r->imported, Calls - 1);
        QVERIFY(!m_cache->calls().find(callId(victim)).value());
        // The reason is kept for the window's "rejected items" table.
        auto kept = m_cache->database().prepare(QStringLiteral("SELECT count(*) FROM rejections"));
        QVERIFY(kept->step().value());
        QCOMPARE(kept->int64(0), 1);
        QVERIFY(m_cache->verify().ok());
    }

    void uploadsInProgressAndHiddenFilesAreNotErrors()
    {
        const QString day = path(m_keys.at(0)).section(QLatin1Char('/'), 0, -2);
        Test::writeFile(day + QStringLiteral("/C-upload.wav"), "RIFF....");
        Test::writeFile(day + QStringLiteral("/C-next.json.part"), "{\"schema\":");
        Test::writeFile(day + QStringLiteral("/.DS_Store"), "junk");
        Test::writeFile(day + QStringLiteral("/.C-hidden.json"), "{");
        auto r = sync(true);
        QCOMPARE(r->imported, Calls);
        QVERIFY(r->rejected.isEmpty());
    }

    void aDuplicateCallIdKeepsTheFirstSeen()
    {
        // The same call id appears again in a later day folder.
        const QString id = callId(0);
        const QString later = QStringLiteral("v1/2026/12/31/") + id + QStringLiteral(".json");
        Test::writeFile(path(later), Test::readFile(path(m_keys.at(0))));
        QVERIFY(
            QFile::copy(path(audioKey(0)), path(RecordingStore::siblingKey(later, QFileInfo(audioKey(0)).fileName()))));
        auto r = sync(true);
        expectOneRejection(r.value(), later, QStringLiteral("duplicate call_id"));
        QCOMPARE(r->imported, Calls);
        QCOMPARE(m_cache->calls().find(id).value()->storeKey, m_keys.at(0));
        // A copy that appears later in an earlier folder does not displace the imported call either.
        const QString earlier = QStringLiteral("v1/2020/01/01/") + id + QStringLiteral(".json");
        Test::writeFile(path(earlier), Test::readFile(path(m_keys.at(0))));
        r = sync(true);
        QCOMPARE(r->rejected.size(), 2);
        QCOMPARE(m_cache->calls().find(id).value()->storeKey, m_keys.at(0));
    }

    void audioProblemsFoundOnOpenKeepTheCallListed()
    {
        QVERIFY(QFile::remove(path(audioKey(5))));
        auto r = sync(false); // metadata only: audio is fetched when the call is opened
        QCOMPARE(r->imported, Calls);
        QVERIFY(r->rejected.isEmpty());
        auto call = m_cache->calls().find(callId(5)).value();
        auto store = openStore(m_store);
        AudioFetcher fetcher(*m_cache, *store.value());
        const auto st = fetcher.fetchAndStore(*call);
        QVERIFY(!st.ok());
        call = m_cache->calls().find(callId(5)).value();
        QCOMPARE(call->audioState, AudioState::Unavailable);
        QVERIFY2(call->audioError.contains(QLatin1String("missing")), qPrintable(call->audioError));
        // The provider restores the file: the next sync fetches it.
        QVERIFY(QFile::copy(m_template + QLatin1Char('/') + audioKey(5), path(audioKey(5))));
        r = sync(true);
        QVERIFY(r->rejected.isEmpty());
        QCOMPARE(m_cache->calls().find(callId(5)).value()->audioState, AudioState::Cached);
    }

    void aBadNewCopyKeepsTheEarlierGoodAudio()
    {
        QVERIFY(sync(true)->rejected.isEmpty());
        const auto before = m_cache->calls().find(callId(3)).value();
        const QString blob = m_cache->calls().audioBlob(before->id).value();
        // The provider rewrites the sidecar for new audio, but the new file arrives damaged.
        QJsonObject o = sidecar(3);
        QJsonObject audio = o.value(QStringLiteral("audio")).toObject();
        audio.insert(QStringLiteral("sha256"), QString(64, QLatin1Char('b')));
        o.insert(QStringLiteral("audio"), audio);
        writeSidecar(3, o);
        auto r = sync(true);
        QCOMPARE(r->updated, 1);
        expectOneRejection(r.value(), audioKey(3), QStringLiteral("SHA-256 does not match"));
        const auto after = m_cache->calls().find(callId(3)).value();
        QCOMPARE(m_cache->calls().audioBlob(after->id).value(), blob);
        QVERIFY(m_cache->blobs().contains(blob));
        QCOMPARE(after->audioState, AudioState::Cached);
        QVERIFY(m_cache->verify().ok());
    }

    void aBadTranscriptDoesNotStopTheCall()
    {
        int victim = -1;
        for (int i = 0; i < Calls && victim < 0; ++i) {
            if (sidecar(i).contains(QStringLiteral("transcript"))) {
                victim = i;
            }
        }
        QVERIFY(victim >= 0);
        const QString tkey = RecordingStore::siblingKey(m_keys.at(victim),
            sidecar(victim).value(QStringLiteral("transcript")).toObject().value(QStringLiteral("file")).toString());
        Test::writeFile(path(tkey), "{\"schema\": \"earmark.transcript/1\", \"segments\": [");
        auto r = sync(false);
        QCOMPARE(r->imported, Calls);
        expectOneRejection(r.value(), tkey, QStringLiteral("transcript not imported"));
        QVERIFY(!m_cache->calls().find(callId(victim)).value()->hasTranscript);
    }

    void aCancelledSyncCommitsWhatItDidAndTheNextFinishes()
    {
        auto r = sync(true, nullptr, 3);
        QVERIFY(r.ok());
        QVERIFY(r->cancelled);
        QVERIFY(r->imported >= 3 && r->imported < Calls);
        QVERIFY(m_cache->verify().ok());
        auto next = sync(true);
        QCOMPARE(next->imported + next->unchanged, Calls);
        QCOMPARE(m_cache->calls().count(), Calls);
    }
};

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "TestSyncEngine.moc"
