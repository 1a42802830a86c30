#include "TestSupport.h"
#include "cache/AudioBlobReader.h"
#include "cache/Cache.h"
#include "cache/Statement.h"
#include "core/Phone.h"
#include "retention/CallDestruction.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;

namespace {
CallRecord sampleCall(const QString& id, const QString& phone, qint64 start)
{
    CallRecord c;
    c.callId = id;
    c.storeKey = QStringLiteral("v1/2026/03/14/") + id + QStringLiteral(".json");
    c.startUtc = start;
    c.durationS = 125.5;
    c.direction = QStringLiteral("outbound");
    c.agentId = QStringLiteral("TR7");
    c.agentName = QStringLiteral("Agent Seven");
    c.campaign = QStringLiteral("CAMP");
    c.consentRecorded = true;
    c.personal.phoneE164 = phone;
    c.personal.respondentName = QStringLiteral("Winifred Quaxley");
    c.personal.sourceRaw = QJsonObject {{QStringLiteral("dst"), phone}};
    c.sidecarSha256 = QByteArray(32, 'x');
    c.audioFile = id + QStringLiteral(".wav");
    c.audioSha256 = QString(64, QLatin1Char('a'));
    c.audioSize = 1000;
    return c;
}
} // namespace

class TestCallRepository : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Cache> m_cache;

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QDir(m_dir.path()).removeRecursively();
        auto cache = Cache::open(CacheFolder(m_dir.path() + QStringLiteral("/c")), SecretKey::random(), true);
        QVERIFY2(cache.ok(), qPrintable(cache.errorMessage()));
        m_cache = std::move(cache.value());
    }

    void cleanup() { m_cache.reset(); }

    void savesAndReadsBackWithPersonalFieldsSealed()
    {
        TranscriptData t {
            QByteArrayLiteral("{\"schema\":\"earmark.transcript/1\",\"segments\":[]}"), QStringLiteral("ab"), 0, 0};
        auto id = m_cache->calls().save(sampleCall(QStringLiteral("C-1"), QStringLiteral("+447700900123"), 1000), t);
        QVERIFY2(id.ok(), qPrintable(id.errorMessage()));
        auto found = m_cache->calls().find(QStringLiteral("C-1"));
        QVERIFY(found.ok() && found.value());
        const CallRecord c = *found.value();
        QCOMPARE(c.agentName, QStringLiteral("Agent Seven"));
        QCOMPARE(c.durationS, 125.5);
        QVERIFY(c.consentRecorded && *c.consentRecorded);
        QVERIFY(c.hasTranscript);
        QVERIFY(c.personal.phoneE164.isEmpty()); // never read with the row
        auto personal = m_cache->calls().personal(c);
        QVERIFY(personal.ok());
        QCOMPARE(personal->phoneE164, QStringLiteral("+447700900123"));
        QCOMPARE(personal->respondentName, QStringLiteral("Winifred Quaxley"));
        QCOMPARE(m_cache->calls().transcript(c).value(), t.json);

        // Inside the (decrypted) database, the personal fields are sealed blobs, not text.
        auto raw = m_cache->database().prepare(QStringLiteral("SELECT pii, phone_index FROM calls"));
        QVERIFY(raw.ok() && raw->step().value());
        QVERIFY(!raw->blob(0).contains("Winifred"));
        QVERIFY(!raw->blob(0).contains("7700900123"));
        QCOMPARE(raw->blob(1).size(), 16);
    }

    void phoneLookupAcceptsAnyTypedForm_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::newRow("national spaced") << QStringLiteral("07700 900123");
        QTest::newRow("international") << QStringLiteral("+44 7700 900123");
        QTest::newRow("00 prefix dashes") << QStringLiteral("0044-7700-900123");
        QTest::newRow("brackets") << QStringLiteral("(07700) 900 123");
        QTest::newRow("e164") << QStringLiteral("+447700900123");
    }

    void phoneLookupAcceptsAnyTypedForm()
    {
        QFETCH(QString, typed);
        QVERIFY(m_cache->calls()
                    .save(sampleCall(QStringLiteral("C-1"), QStringLiteral("+447700900123"), 1000), std::nullopt)
                    .ok());
        QVERIFY(m_cache->calls()
                    .save(sampleCall(QStringLiteral("C-2"), QStringLiteral("+441632960001"), 2000), std::nullopt)
                    .ok());
        QVERIFY(m_cache->calls().save(sampleCall(QStringLiteral("C-3"), QString(), 3000), std::nullopt).ok());
        auto e164 = Phone::normalise(typed);
        QVERIFY2(e164.ok(), qPrintable(e164.errorMessage()));
        CallQuery q;
        q.phoneE164 = e164.value();
        auto hits = m_cache->calls().query(q);
        QVERIFY(hits.ok());
        QCOMPARE(hits->size(), 1);
        QCOMPARE(hits->first().callId, QStringLiteral("C-1"));
    }

    void theLastSixDigitsHaveTheirOwnIndexFilledOnceForOlderCaches()
    {
        const SecretKey master = SecretKey::random();
        const CacheFolder folder(m_dir.path() + QStringLiteral("/tails"));
        const auto tailCount = [](Cache& cache, const QString& digits) {
            auto s = cache.database().prepare(QStringLiteral("SELECT COUNT(*) FROM calls WHERE phone_tail_index = ?"));
            if (!s) {
                return qint64(-1);
            }
            s->bind(1, cache.keys().phoneTailIndex(digits));
            auto row = s->step();
            return row && row.value() ? s->int64(0) : qint64(-1);
        };
        {
            auto cache = Cache::open(folder, master, true);
            QVERIFY(cache);
            Cache& c = *cache.value();
            QVERIFY(c.calls().save(sampleCall(QStringLiteral("C-1"), QStringLiteral("+447700900123"), 1000), {}).ok());
            QVERIFY(c.calls().save(sampleCall(QStringLiteral("C-2"), QStringLiteral("+441632900123"), 2000), {}).ok());
            QVERIFY(c.calls().save(sampleCall(QStringLiteral("C-3"), QStringLiteral("+447700900124"), 3000), {}).ok());
            QCOMPARE(tailCount(c, QStringLiteral("900123")), 2);
            QCOMPARE(tailCount(c, QStringLiteral("900 124")), 1);
            // Its own keyed hash: not the whole number's index, nothing for fewer digits.
            QVERIFY(c.keys().phoneTailIndex(QStringLiteral("+447700900123"))
                != c.keys().phoneIndex(QStringLiteral("+447700900123")));
            QVERIFY(c.keys().phoneTailIndex(QStringLiteral("90012")).isEmpty());
            // As a cache synced before schema 12 would be.
            QVERIFY(c.database().exec(QStringLiteral("UPDATE calls SET phone_tail_index = NULL")).ok());
            QVERIFY(c.database().exec(QStringLiteral("DELETE FROM settings WHERE key = 'phone_tail_index'")).ok());
            QCOMPARE(tailCount(c, QStringLiteral("900123")), 0);
        }
        auto reopened = Cache::open(folder, master, false);
        QVERIFY2(reopened, qPrintable(reopened.errorMessage()));
        QCOMPARE(tailCount(*reopened.value(), QStringLiteral("900123")), 2);
        QCOMPARE(reopened.value()->setting(QStringLiteral("phone_tail_index")), QStringLiteral("1"));
    }

    void phoneLookupUsesTheIndex()
    {
        auto plan = m_cache->database().prepare(
            QStringLiteral("EXPLAIN QUERY PLAN SELECT id FROM calls WHERE phone_index = x'00'"));
        QVERIFY(plan.ok());
        QString detail;
        while (plan->step().value()) {
            detail += plan->text(3);
        }
        QVERIFY2(detail.contains(QLatin1String("calls_phone")), qPrintable(detail));
    }

    void notAPhoneNumberIsExplained()
    {
        auto r = Phone::normalise(QStringLiteral("hello"));
        QVERIFY(!r.ok());
        QVERIFY(r.errorMessage().contains(QLatin1String("07700 900123")));
        // A part of a number is not a number the calls were made to.
        for (const QString& part : {QStringLiteral("12345"), QStringLiteral("900123"), QStringLiteral("0770090")}) {
            auto partial = Phone::normalise(part);
            QVERIFY2(!partial.ok(), qPrintable(part));
            QVERIFY2(partial.errorMessage().contains(QLatin1String("too short"))
                    || partial.errorMessage().contains(QLatin1String("not a phone number")),
                qPrintable(partial.errorMessage()));
        }
        for (const QString& whole : {QStringLiteral("07700 900123"), QStringLiteral("+44 20 7946 0018"),
                 QStringLiteral("0161 496 0000"), QStringLiteral("+1 202 555 0143")}) {
            QVERIFY2(Phone::normalise(whole).ok(), qPrintable(whole));
        }
    }

    void queryFiltersAndOrdersNewestFirst()
    {
        for (int i = 0; i < 5; ++i) {
            CallRecord c = sampleCall(QStringLiteral("C-%1").arg(i), QString(), 1000 + i * 86400);
            c.agentId = i % 2 ? QStringLiteral("A") : QStringLiteral("B");
            QVERIFY(m_cache->calls().save(c, std::nullopt).ok());
        }
        CallQuery q;
        q.agentId = QStringLiteral("B");
        auto r = m_cache->calls().query(q);
        QCOMPARE(r->size(), 3);
        QCOMPARE(r->first().callId, QStringLiteral("C-4"));
        q = CallQuery {};
        q.fromUtc = 1000 + 86400;
        q.toUtc = 1000 + 3 * 86400;
        r = m_cache->calls().query(q);
        QCOMPARE(r->size(), 2);
    }

    void updateKeepsTheDataKey()
    {
        QVERIFY(m_cache->calls()
                    .save(sampleCall(QStringLiteral("C-1"), QStringLiteral("+447700900123"), 1), std::nullopt)
                    .ok());
        auto before = m_cache->calls().find(QStringLiteral("C-1"));
        const QString keyBefore
            = QString::fromLatin1(m_cache->calls().dataKey(before.value()->id, QStringLiteral("C-1"))->toHex());
        CallRecord changed = sampleCall(QStringLiteral("C-1"), QStringLiteral("+447700900999"), 1);
        changed.disposition = QStringLiteral("complaint");
        QVERIFY(m_cache->calls().save(changed, std::nullopt).ok());
        auto after = m_cache->calls().find(QStringLiteral("C-1"));
        QCOMPARE(after.value()->disposition, QStringLiteral("complaint"));
        QCOMPARE(QString::fromLatin1(m_cache->calls().dataKey(after.value()->id, QStringLiteral("C-1"))->toHex()),
            keyBefore);
        QCOMPARE(m_cache->calls().personal(*after.value())->phoneE164, QStringLiteral("+447700900999"));
        QCOMPARE(m_cache->calls().count(), 1);
    }

    void anOlderBlobOfTheSameCallIsRefused()
    {
        // Two versions of a call's audio, both sealed with its key and binding: the older one put back in place of
        // the newer authenticates chunk by chunk, but is not the audio the cache holds.
        auto id = m_cache->calls().save(sampleCall(QStringLiteral("C-1"), QStringLiteral("+447700900123"), 1), {});
        QVERIFY(id.ok());
        auto key = m_cache->calls().dataKey(id.value(), QStringLiteral("C-1"));
        QStringList names;
        for (const QByteArray& audio : {QByteArray(150000, 'o'), QByteArray(150000, 'n')}) {
            auto pending = m_cache->blobs().create(
                key.value(), CallRepository::binding(QStringLiteral("C-1"), "audio"), Blob::Kind::Audio);
            QVERIFY(pending.ok());
            QVERIFY(pending.value()->writer->write(audio).ok());
            QVERIFY(m_cache->blobs().commit(*pending.value()).ok());
            names << pending.value()->name;
        }
        const QString older = m_cache->blobs().pathOf(names.at(0));
        const QString newer = m_cache->blobs().pathOf(names.at(1));
        const QByteArray olderBytes = Test::readFile(older);
        QVERIFY(m_cache->calls()
                    .setAudio(id.value(), names.at(1), Test::sha256Hex(QByteArray(150000, 'n')), {8000, 1, 150000})
                    .ok());
        auto call = m_cache->calls().get(QStringLiteral("C-1"));
        QVERIFY(call);
        auto current = AudioBlobReader(*m_cache).read(call.value());
        QVERIFY2(current, qPrintable(current.errorMessage()));
        QCOMPARE(current.value(), QByteArray(150000, 'n'));
        QVERIFY(m_cache->verify().ok());

        QFile::setPermissions(newer, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        Test::writeFile(newer, olderBytes);
        auto swapped = AudioBlobReader(*m_cache).read(call.value());
        QVERIFY(!swapped);
        QVERIFY2(swapped.errorMessage().contains(QLatin1String("SHA-256 differs")), qPrintable(swapped.errorMessage()));
        const auto verified = m_cache->verify();
        QVERIFY(!verified);
        QVERIFY(verified.errorMessage().contains(QLatin1String("C-1")));
    }

    void aSourceDecryptsChunkByChunkAndChecksTheWhole()
    {
        // Playback reads the audio through a source that decrypts one chunk at a time: any range reads back as the
        // original bytes (across chunk boundaries too), and the whole-file check beside it catches a swapped blob.
        auto id = m_cache->calls().save(sampleCall(QStringLiteral("C-1"), QStringLiteral("+447700900123"), 1), {});
        QVERIFY(id.ok());
        auto key = m_cache->calls().dataKey(id.value(), QStringLiteral("C-1"));
        QByteArray audio(3 * Blob::ChunkSize + 1234, Qt::Uninitialized);
        for (qsizetype i = 0; i < audio.size(); ++i) {
            audio[i] = char((i * 7 + i / 251) & 0xff);
        }
        QStringList names;
        for (const QByteArray& bytes : {QByteArray(audio).replace(0, 4, "OLD!"), audio}) {
            auto pending = m_cache->blobs().create(
                key.value(), CallRepository::binding(QStringLiteral("C-1"), "audio"), Blob::Kind::Audio);
            QVERIFY(pending.ok());
            QVERIFY(pending.value()->writer->write(bytes).ok());
            QVERIFY(m_cache->blobs().commit(*pending.value()).ok());
            names << pending.value()->name;
        }
        QVERIFY(
            m_cache->calls().setAudio(id.value(), names.at(1), Test::sha256Hex(audio), {8000, 1, audio.size()}).ok());
        auto call = m_cache->calls().get(QStringLiteral("C-1"));
        QVERIFY(call);
        auto source = AudioBlobReader(*m_cache).openSource(call.value());
        QVERIFY2(source, qPrintable(source.errorMessage()));
        QCOMPARE(source.value()->size(), audio.size());
        for (const auto& [offset, length] : QList<QPair<qint64, qint64>> {{0, 10}, {Blob::ChunkSize - 3, 10},
                 {2 * Blob::ChunkSize - 1, Blob::ChunkSize + 2}, {5, 3 * Blob::ChunkSize}, {audio.size() - 5, 100}}) {
            QByteArray out(length, '\0');
            const qint64 n = source.value()->readAt(offset, out.data(), length);
            QCOMPARE(n, std::min<qint64>(length, audio.size() - offset));
            QCOMPARE(out.left(n), audio.mid(offset, n));
        }
        QCOMPARE(source.value()->readAt(audio.size(), nullptr, 10), 0);
        QVERIFY(source.value()->matchesFetchedFile().ok());

        // The older blob of the same call put in its place: its chunks authenticate, the whole does not match.
        const QString current = m_cache->blobs().pathOf(names.at(1));
        QFile::setPermissions(current, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        Test::writeFile(current, Test::readFile(m_cache->blobs().pathOf(names.at(0))));
        auto swapped = AudioBlobReader(*m_cache).openSource(call.value());
        QVERIFY2(swapped, qPrintable(swapped.errorMessage()));
        QByteArray head(4, '\0');
        QCOMPARE(swapped.value()->readAt(0, head.data(), 4), 4);
        QCOMPARE(head, QByteArray("OLD!"));
        const Status whole = swapped.value()->matchesFetchedFile();
        QVERIFY(!whole);
        QVERIFY2(whole.errorMessage().contains(QLatin1String("SHA-256 differs")), qPrintable(whole.errorMessage()));

        // A chunk altered on disk fails where it is read, with the call named.
        QByteArray sealed = Test::readFile(current);
        sealed[sealed.size() / 2] = char(sealed.at(sealed.size() / 2) ^ 1);
        Test::writeFile(current, sealed);
        auto damaged = AudioBlobReader(*m_cache).openSource(call.value());
        QVERIFY2(damaged, qPrintable(damaged.errorMessage()));
        QByteArray all(audio.size(), '\0');
        QCOMPARE(damaged.value()->readAt(0, all.data(), all.size()), -1);
        QVERIFY2(damaged.value()->error().contains(QLatin1String("C-1")), qPrintable(damaged.value()->error()));
    }

    void destroyingACallDestroysItsKeyTranscriptAndAudio()
    {
        TranscriptData t {QByteArrayLiteral("{\"segments\":[]}"), QStringLiteral("ab"), 0, 0};
        auto id = m_cache->calls().save(sampleCall(QStringLiteral("C-1"), QStringLiteral("+447700900123"), 1), t);
        QVERIFY(id.ok());
        auto key = m_cache->calls().dataKey(id.value(), QStringLiteral("C-1"));
        auto pending = m_cache->blobs().create(
            key.value(), CallRepository::binding(QStringLiteral("C-1"), "audio"), Blob::Kind::Audio);
        QVERIFY(pending.ok());
        QVERIFY(pending.value()->writer->write(QByteArray(200000, 'a')).ok());
        QVERIFY(m_cache->blobs().commit(*pending.value()).ok());
        QVERIFY(m_cache->calls()
                    .setAudio(id.value(), pending.value()->name, QString(64, QLatin1Char('a')), {8000, 2, 100})
                    .ok());
        const QString blobPath = m_cache->blobs().pathOf(pending.value()->name);
        QVERIFY(QFile::exists(blobPath));
        QByteArray wrapped;
        {
            auto s = m_cache->database().prepare(QStringLiteral("SELECT wrapped FROM call_keys"));
            QVERIFY(s->step().value());
            wrapped = s->blob(0);
        }
        QVERIFY((CallDestruction(*m_cache).destroy(QStringLiteral("C-1"), QStringLiteral("test"), {}).value()
            == CallDestruction::Outcome::Destroyed));
        // The blob file goes in the tidy-up after the commit (a rolled-back destruction keeps the call whole).
        QVERIFY(QFile::exists(blobPath));
        QVERIFY(CallDestruction(*m_cache).finish().ok());
        QVERIFY(!QFile::exists(blobPath));
        QVERIFY(!m_cache->calls().find(QStringLiteral("C-1")).value());
        QVERIFY(!m_cache->calls().dataKey(id.value(), QStringLiteral("C-1")).ok());
        {
            auto count = m_cache->database().prepare(QStringLiteral("SELECT (SELECT count(*) FROM call_keys) + "
                                                                    "(SELECT count(*) FROM transcripts)"));
            QVERIFY(count->step().value());
            QCOMPARE(count->int64(0), 0);
        }
        // The truncating checkpoint leaves nothing of the deleted rows in the WAL.
        QCOMPARE(QFileInfo(m_cache->folder().databasePath() + QStringLiteral("-wal")).size(), 0);
        // And a plain-text export of everything live holds no trace of the wrapped key.
        const QString plain = m_dir.path() + QStringLiteral("/plain.db");
        QVERIFY(m_cache->database().exec(QStringLiteral("ATTACH DATABASE '%1' AS plaintext KEY ''").arg(plain)).ok());
        QVERIFY(m_cache->database().exec(QStringLiteral("SELECT sqlcipher_export('plaintext')")).ok());
        QVERIFY(m_cache->database().exec(QStringLiteral("DETACH DATABASE plaintext")).ok());
        const QByteArray exported = Test::readFile(plain);
        QVERIFY(exported.startsWith("SQLite format 3"));
        QVERIFY(!exported.contains(wrapped.mid(24, 16)));
    }

    void garbageCollectionRemovesOnlyOrphans()
    {
        auto id = m_cache->calls().save(sampleCall(QStringLiteral("C-1"), QString(), 1), std::nullopt);
        auto key = m_cache->calls().dataKey(id.value(), QStringLiteral("C-1"));
        const QByteArray binding = CallRepository::binding(QStringLiteral("C-1"), "audio");
        auto kept = m_cache->blobs().create(key.value(), binding, Blob::Kind::Audio);
        QVERIFY(kept.value()->writer->write(QByteArray(10, 'k')).ok());
        QVERIFY(m_cache->blobs().commit(*kept.value()).ok());
        QVERIFY(
            m_cache->calls().setAudio(id.value(), kept.value()->name, Test::sha256Hex(QByteArray(10, 'k')), {}).ok());
        auto orphan = m_cache->blobs().create(key.value(), binding, Blob::Kind::Audio);
        QVERIFY(orphan.value()->writer->write(QByteArray(10, 'o')).ok());
        QVERIFY(m_cache->blobs().commit(*orphan.value()).ok());
        QCOMPARE(m_cache->collectGarbage().value_or(-1), 1);
        QVERIFY(m_cache->blobs().contains(kept.value()->name));
        QVERIFY(!m_cache->blobs().contains(orphan.value()->name));
        QVERIFY(m_cache->verify().ok());
        // verify() authenticates audio blobs: a damaged one is reported.
        QFile blob(m_cache->blobs().pathOf(kept.value()->name));
        QVERIFY(blob.open(QIODevice::ReadWrite));
        blob.seek(40);
        blob.write("X");
        blob.close();
        QVERIFY(m_cache->verify().errorMessage().contains(QLatin1String("C-1 audio")));
    }
};

QTEST_GUILESS_MAIN(TestCallRepository)
#include "TestCallRepository.moc"
