#include "cache/Cache.h"
#include "cache/Statement.h"
#include "cache/TranscriptIndex.h"
#include "retention/CallDestruction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;

// Full-text search across transcripts inside the encrypted database (FTS4 on SQLCipher): hits open the call at
// the matching segment's time; destroying a call leaves none of its words in the index.
class TestTranscriptSearch : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SecretKey m_key = SecretKey::random();
    std::unique_ptr<Cache> m_cache;

    static CallRecord call(const QString& id, qint64 start)
    {
        CallRecord c;
        c.callId = id;
        c.storeKey = QStringLiteral("v1/2026/11/02/") + id + QStringLiteral(".json");
        c.startUtc = start;
        c.durationS = 60;
        c.direction = QStringLiteral("outbound");
        c.agentId = QStringLiteral("TR1");
        c.sidecarSha256 = QByteArray(32, 'x');
        c.audioFile = id + QStringLiteral(".wav");
        c.audioSha256 = QString(64, QLatin1Char('a'));
        c.audioSize = 1;
        return c;
    }

    static TranscriptData transcript(const QString& callId, const QStringList& texts)
    {
        QJsonArray segments;
        for (int i = 0; i < texts.size(); ++i) {
            segments.append(QJsonObject {
                {QStringLiteral("speaker"), i % 2 ? QStringLiteral("respondent") : QStringLiteral("agent")},
                {QStringLiteral("start_s"), 10.0 * i + 0.5}, {QStringLiteral("end_s"), 10.0 * i + 8},
                {QStringLiteral("text"), texts[i]}});
        }
        const QByteArray json = QJsonDocument(
            QJsonObject {{QStringLiteral("schema"), QStringLiteral("earmark.transcript/1")},
                {QStringLiteral("call_id"), callId},
                {QStringLiteral("segments"),
                    segments}}).toJson();
        return TranscriptData {json, QStringLiteral("x"), int(texts.size()), 0};
    }

    qint64 blobsContaining(const char* term)
    {
        auto s = m_cache->database().prepare(QStringLiteral(
            "SELECT (SELECT COUNT(*) FROM transcript_search_segments WHERE instr(block, CAST(? AS BLOB)) > 0) + "
            "(SELECT COUNT(*) FROM transcript_search_segdir WHERE instr(root, CAST(? AS BLOB)) > 0) + "
            "(SELECT COUNT(*) FROM transcript_search_content WHERE c0body LIKE ?)"));
        s->bind(1, QString::fromLatin1(term)).bind(2, QString::fromLatin1(term));
        s->bind(3, QStringLiteral("%") + QString::fromLatin1(term) + QStringLiteral("%"));
        return s->step().value() ? s->int64(0) : -1;
    }

private Q_SLOTS:
    void init()
    {
        QDir(m_dir.path()).removeRecursively();
        auto cache = Cache::open(CacheFolder(m_dir.filePath(QStringLiteral("c"))), m_key, true);
        QVERIFY2(cache.ok(), qPrintable(cache.errorMessage()));
        m_cache = std::move(cache.value());
        QVERIFY(m_cache->calls()
                    .save(call(QStringLiteral("C-1"), 1000),
                        transcript(QStringLiteral("C-1"),
                            {QStringLiteral("Hello, I'm calling about your train journey."),
                                QStringLiteral("The punctuality was terrible, Quaxleyword."),
                                QStringLiteral("Thank you.")}))
                    .ok());
        QVERIFY(m_cache->calls()
                    .save(call(QStringLiteral("C-2"), 2000),
                        transcript(QStringLiteral("C-2"),
                            {QStringLiteral("Your energy bills, how punctual were the readings?")}))
                    .ok());
    }

    void cleanup() { m_cache.reset(); }

    void findsWordsByPrefixNewestFirstWithTheMoment()
    {
        TranscriptIndex index(m_cache->database());
        auto hits = index.search(QStringLiteral("punctual"));
        QVERIFY2(hits.ok(), qPrintable(hits.errorMessage()));
        QCOMPARE(hits->size(), 2);
        QCOMPARE(hits->at(0).callId, QStringLiteral("C-2")); // newest call first
        QCOMPARE(hits->at(1).callId, QStringLiteral("C-1"));
        QCOMPARE(hits->at(1).segment, 1);
        QCOMPARE(hits->at(1).startS, 10.5);
        QCOMPARE(hits->at(1).speaker, QStringLiteral("respondent"));
        QVERIFY2(hits->at(1).snippet.contains(QStringLiteral("[punctuality]")), qPrintable(hits->at(1).snippet));
        // Several words: all must be in the segment; a phrase in quotes matches in order.
        QCOMPARE(index.search(QStringLiteral("train journey"))->size(), 1);
        QCOMPARE(index.search(QStringLiteral("\"journey train\""))->size(), 0);
        QCOMPARE(index.search(QStringLiteral("\"train journey\""))->size(), 1);
        QCOMPARE(index.search(QStringLiteral("aeroplane"))->size(), 0);
        QCOMPARE(index.search(QStringLiteral("PUNCTUALITY"))->size(), 1); // case does not matter
        // What people type is words, never query syntax: operators and stray quotes are harmless.
        QVERIFY(index.search(QStringLiteral("train OR NEAR( \" * -bills")).ok());
        QVERIFY(index.search(QStringLiteral("   ")).value().isEmpty());
    }

    void aReplacedTranscriptIsReindexed()
    {
        QVERIFY(m_cache->calls()
                    .save(call(QStringLiteral("C-1"), 1000),
                        transcript(QStringLiteral("C-1"), {QStringLiteral("Completely different words now.")}))
                    .ok());
        TranscriptIndex index(m_cache->database());
        QCOMPARE(index.search(QStringLiteral("punctuality"))->size(), 0);
        QCOMPARE(index.search(QStringLiteral("different"))->size(), 1);
    }

    void destroyingACallRemovesItsWordsFromTheIndex()
    {
        QVERIFY(blobsContaining("quaxleyword") > 0);
        QVERIFY((CallDestruction(*m_cache).destroy(QStringLiteral("C-1"), QStringLiteral("test"), {}).value()
            == CallDestruction::Outcome::Destroyed));
        QVERIFY(CallDestruction(*m_cache).finish().ok());
        TranscriptIndex index(m_cache->database());
        QCOMPARE(index.search(QStringLiteral("quaxleyword"))->size(), 0);
        QCOMPARE(index.search(QStringLiteral("punctual"))->size(), 1);
        QCOMPARE(blobsContaining("quaxleyword"), 0); // not even in the index's segments after 'optimize'
    }

    void cachesFromBeforeTheIndexAreIndexedOnOpen()
    {
        QVERIFY(m_cache->database().exec(QStringLiteral("DELETE FROM transcript_search")).ok());
        QVERIFY(m_cache->database().exec(QStringLiteral("DELETE FROM settings WHERE key = 'transcript_search'")).ok());
        m_cache.reset();
        auto reopened = Cache::open(CacheFolder(m_dir.filePath(QStringLiteral("c"))), m_key, false);
        QVERIFY(reopened.ok());
        m_cache = std::move(reopened.value());
        QCOMPARE(TranscriptIndex(m_cache->database()).search(QStringLiteral("punctual"))->size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestTranscriptSearch)
#include "TestTranscriptSearch.moc"
