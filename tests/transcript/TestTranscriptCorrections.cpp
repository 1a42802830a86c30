#include "anonymise/Anonymiser.h"
#include "cache/AuditLog.h"
#include "cache/Cache.h"
#include "cache/Statement.h"
#include "cache/TranscriptIndex.h"
#include "redaction/RedactionReviews.h"
#include "retention/CallDestruction.h"
#include "store/TranscriptEdit.h"
#include "transcript/TranscriptCorrections.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;
using Decision = ReviewSpan::Decision;

// Transcript corrections (every edit a revision with who and when, the provider's original kept, word times of
// untouched words kept), typed transcripts for calls without one, and the call's redaction set (accepted, rejected
// and added spans) applied to everything anonymised.
class TestTranscriptCorrections : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SecretKey m_key = SecretKey::random();
    std::unique_ptr<Cache> m_cache;

    static CallRecord call(const QString& id)
    {
        CallRecord c;
        c.callId = id;
        c.storeKey = QStringLiteral("v1/2026/11/02/") + id + QStringLiteral(".json");
        c.startUtc = 1000;
        c.durationS = 60;
        c.direction = QStringLiteral("outbound");
        c.agentId = QStringLiteral("TR1");
        c.agentName = QStringLiteral("Priya Shah");
        c.personal.respondentName = QStringLiteral("Hannah Pendle");
        c.sidecarSha256 = QByteArray(32, 'x');
        c.audioFile = id + QStringLiteral(".wav");
        c.audioSha256 = QString(64, QLatin1Char('a'));
        c.audioSize = 1;
        return c;
    }

    // Turn 1 has word times; the rest do not.
    static TranscriptData providerTranscript(const QString& callId)
    {
        const QJsonArray words {
            QJsonObject {{QStringLiteral("w"), QStringLiteral("my")}, {QStringLiteral("start_s"), 10.0},
                {QStringLiteral("end_s"), 10.2}, {QStringLiteral("conf"), 0.9}},
            QJsonObject {{QStringLiteral("w"), QStringLiteral("number")}, {QStringLiteral("start_s"), 10.3},
                {QStringLiteral("end_s"), 10.6}, {QStringLiteral("conf"), 0.8}},
            QJsonObject {{QStringLiteral("w"), QStringLiteral("his")}, {QStringLiteral("start_s"), 10.7},
                {QStringLiteral("end_s"), 10.8}, {QStringLiteral("conf"), 0.4}},
            QJsonObject {{QStringLiteral("w"), QStringLiteral("oh")}, {QStringLiteral("start_s"), 11.0},
                {QStringLiteral("end_s"), 11.2}, {QStringLiteral("conf"), 0.9}},
            QJsonObject {{QStringLiteral("w"), QStringLiteral("seven")}, {QStringLiteral("start_s"), 11.3},
                {QStringLiteral("end_s"), 11.6}, {QStringLiteral("conf"), 0.9}}};
        const QJsonArray segments {
            QJsonObject {{QStringLiteral("speaker"), QStringLiteral("agent")}, {QStringLiteral("start_s"), 0.5},
                {QStringLiteral("end_s"), 8.0},
                {QStringLiteral("text"), QStringLiteral("Hello, this call is recorded. Mark my words, it is short.")}},
            QJsonObject {{QStringLiteral("speaker"), QStringLiteral("agent")}, {QStringLiteral("start_s"), 10.0},
                {QStringLiteral("end_s"), 12.0}, {QStringLiteral("text"), QStringLiteral("my number his oh seven")},
                {QStringLiteral("words"), words}},
            QJsonObject {{QStringLiteral("speaker"), QStringLiteral("respondent")}, {QStringLiteral("start_s"), 20.0},
                {QStringLiteral("end_s"), 30.0},
                {QStringLiteral("text"), QStringLiteral("It's 07700 900123 and I live at SW1A 1AA, near Quaxley.")}}};
        const QByteArray json = QJsonDocument(
            QJsonObject {{QStringLiteral("schema"), QStringLiteral("earmark.transcript/1")},
                {QStringLiteral("call_id"), callId}, {QStringLiteral("engine"), QStringLiteral("provider-asr")},
                {QStringLiteral("segments"),
                    segments}}).toJson();
        return TranscriptData {json, QStringLiteral("x"), 3, 5};
    }

    CallRecord stored(const QString& id)
    {
        auto c = m_cache->calls().find(id);
        return c && c.value() ? *c.value() : CallRecord {};
    }

    Transcript current(const QString& id)
    {
        auto json = m_cache->calls().transcript(stored(id));
        return json ? Transcript::parse(json.value(), id).value_or(Transcript {}) : Transcript {};
    }

    int searchHits(const QString& words)
    {
        auto hits = TranscriptIndex(m_cache->database()).search(words);
        return hits ? int(hits->size()) : -1;
    }

    static QString segmentText(const QJsonObject& anonymised, int segment)
    {
        return anonymised.value(QStringLiteral("segments"))
            .toArray()
            .at(segment)
            .toObject()
            .value(QStringLiteral("text"))
            .toString();
    }

private Q_SLOTS:
    void init()
    {
        QDir(m_dir.path()).removeRecursively();
        auto cache = Cache::open(CacheFolder(m_dir.filePath(QStringLiteral("c"))), m_key, true);
        QVERIFY2(cache.ok(), qPrintable(cache.errorMessage()));
        m_cache = std::move(cache.value());
        QVERIFY(m_cache->calls().save(call(QStringLiteral("C-1")), providerTranscript(QStringLiteral("C-1"))).ok());
        QVERIFY(m_cache->calls().save(call(QStringLiteral("C-2")), std::nullopt).ok());
    }

    void cleanup() { m_cache.reset(); }

    void retextKeepsTheTimesOfUntouchedWords()
    {
        const Transcript t = current(QStringLiteral("C-1"));
        const TranscriptSegment before = t.segments.at(1);
        // "his" misheard for "is"; "phone" was missed; "oh seven" was "07700"; a comma added.
        const TranscriptSegment after = TranscriptEdit::retext(before, QStringLiteral("My phone number, is 07700"));
        QCOMPARE(after.text, QStringLiteral("My phone number, is 07700"));
        QCOMPARE(after.words.size(), 5);
        QCOMPARE(after.words[0].text, QStringLiteral("My")); // case changed: same word, same times
        QCOMPARE(after.words[0].startS, 10.0);
        QCOMPARE(after.words[0].endS, 10.2);
        QCOMPARE(after.words[0].confidence, 0.9);
        QCOMPARE(after.words[1].text, QStringLiteral("phone")); // inserted between "my" and "number"
        QCOMPARE(after.words[1].startS, 10.2);
        QCOMPARE(after.words[1].endS, 10.3);
        QCOMPARE(after.words[1].confidence, -1.0);
        QCOMPARE(after.words[2].text, QStringLiteral("number")); // punctuation after it: still the same word
        QCOMPARE(after.words[2].startS, 10.3);
        QCOMPARE(after.words[2].confidence, 0.8);
        QCOMPARE(after.words[3].text, QStringLiteral("is")); // replaced "his" and "oh seven": the time after "number"
        QCOMPARE(after.words[3].startS, 10.6);
        QCOMPARE(after.words[4].text, QStringLiteral("07700"));
        QCOMPARE(after.words[4].endS, 12.0);
        QVERIFY(after.words[3].endS <= after.words[4].startS);
        // The result is a valid transcript by the store's rules.
        Transcript edited = t;
        edited.segments[1] = after;
        QVERIFY2(Transcript::parse(edited.toJson(), QStringLiteral("C-1")).ok(), edited.toJson().constData());
        // A turn without word times gets none.
        QVERIFY(TranscriptEdit::retext(t.segments.at(0), QStringLiteral("Hello.")).words.isEmpty());
    }

    void correctionIsARevisionAndTheOriginalIsKept()
    {
        auto rev = TranscriptCorrections(*m_cache).correctSegment(
            QStringLiteral("C-1"), 0, 1, QStringLiteral("respondent"), QStringLiteral("my number is 07700"));
        QVERIFY2(rev.ok(), qPrintable(rev.errorMessage()));
        QCOMPARE(rev.value(), 1);
        // The call's transcript is now the corrected one, everywhere it is read; the provider's is kept as it came.
        const Transcript t = current(QStringLiteral("C-1"));
        QCOMPARE(t.segments[1].text, QStringLiteral("my number is 07700"));
        QCOMPARE(t.segments[1].speaker, QStringLiteral("respondent"));
        QCOMPARE(t.segments[1].words[0].startS, 10.0);
        QCOMPARE(t.engine, QStringLiteral("provider-asr"));
        auto original = m_cache->calls().providerTranscript(stored(QStringLiteral("C-1")));
        QVERIFY(original.ok());
        QVERIFY(original->contains("my number his oh seven"));
        auto history = TranscriptCorrections(*m_cache).load(QStringLiteral("C-1"));
        QVERIFY(history.ok());
        QCOMPARE(history->revision, 1);
        QCOMPARE(history->revisions.size(), 1);
        QCOMPARE(history->revisions[0].byUser, AuditLog::currentActor());
        QVERIFY(qAbs(history->revisions[0].atUtc - QDateTime::currentSecsSinceEpoch()) < 60);
        QCOMPARE(history->revisions[0].summary, QStringLiteral("Turn 2 at 0:10.0: speaker Agent to Respondent, text"));
        QVERIFY(!history->revisions[0].summary.contains(QStringLiteral("07700"))); // no words of the call in clear
        QCOMPARE(history->provider->segments[1].text, QStringLiteral("my number his oh seven"));
        QCOMPARE(
            TranscriptCorrections(*m_cache).at(QStringLiteral("C-1"), 0)->segments[1].speaker, QStringLiteral("agent"));
        // Search finds the corrected words, not the misheard ones.
        QCOMPARE(searchHits(QStringLiteral("\"number is\"")), 1);
        QCOMPARE(searchHits(QStringLiteral("his")), 0);

        // A second correction builds on the first; one made on the older revision is refused and names who won.
        QCOMPARE(TranscriptCorrections(*m_cache)
                     .correctSegment(QStringLiteral("C-1"), 1, 0, QStringLiteral("agent"),
                         QStringLiteral("Hello, this call is recorded."))
                     .value_or(-1),
            2);
        auto stale = TranscriptCorrections(*m_cache).correctSegment(
            QStringLiteral("C-1"), 1, 0, QStringLiteral("agent"), QStringLiteral("Hi."));
        QVERIFY(!stale.ok());
        QVERIFY2(stale.errorMessage().contains(QStringLiteral("revision 2")), qPrintable(stale.errorMessage()));
        QCOMPARE(current(QStringLiteral("C-1")).segments[0].text, QStringLiteral("Hello, this call is recorded."));
        QCOMPARE(TranscriptCorrections(*m_cache).at(QStringLiteral("C-1"), 1)->segments[0].text,
            history->provider->segments[0].text);
        // Nothing to save, or an emptied turn: refused, nothing stored.
        QVERIFY(!TranscriptCorrections(*m_cache)
                     .correctSegment(QStringLiteral("C-1"), 2, 0, QStringLiteral("agent"),
                         QStringLiteral("Hello, this call is recorded."))
                     .ok());
        QVERIFY(!TranscriptCorrections(*m_cache)
                     .correctSegment(QStringLiteral("C-1"), 2, 0, QStringLiteral("agent"), QStringLiteral("  "))
                     .ok());
        QCOMPARE(TranscriptCorrections(*m_cache).load(QStringLiteral("C-1"))->revisions.size(), 2);
        // Each correction is in the tamper-evident audit log.
        QVERIFY(m_cache->audit().verify().ok());

        // The provider re-sends its transcript (the sidecar changed): the correction stays the one shown and searched.
        QVERIFY(m_cache->calls().save(call(QStringLiteral("C-1")), providerTranscript(QStringLiteral("C-1"))).ok());
        QCOMPARE(current(QStringLiteral("C-1")).segments[1].text, QStringLiteral("my number is 07700"));
        QCOMPARE(searchHits(QStringLiteral("his")), 0);
        QCOMPARE(searchHits(QStringLiteral("\"number is\"")), 1);
    }

    void typedTranscriptForACallWithoutOne()
    {
        QVERIFY(!stored(QStringLiteral("C-2")).hasTranscript);
        const QString typed = QStringLiteral("[0:01.5] Agent: Good morning, this call is recorded.\n"
                                             "[0:04.0] R: Yes, fine.\n  carry on\n\n"
                                             "[0:09.2] agent: Question one.\n");
        auto rev = TranscriptCorrections(*m_cache).saveTyped(QStringLiteral("C-2"), 0, typed);
        QVERIFY2(rev.ok(), qPrintable(rev.errorMessage()));
        QVERIFY(stored(QStringLiteral("C-2")).hasTranscript);
        const Transcript t = current(QStringLiteral("C-2"));
        QCOMPARE(t.engine, QStringLiteral("earmark-typed"));
        QCOMPARE(TranscriptCorrections(*m_cache).load(QStringLiteral("C-2"))->revisions.last().summary,
            QStringLiteral("Typed transcript: 3 turns"));
        QCOMPARE(t.segments.size(), 3);
        QCOMPARE(t.segments[1].speaker, QStringLiteral("respondent"));
        QCOMPARE(t.segments[1].text, QStringLiteral("Yes, fine. carry on"));
        QCOMPARE(t.segments[1].startS, 4.0);
        QCOMPARE(t.segments[1].endS, 9.2);
        QCOMPARE(t.segments[2].endS, 60.0); // the last turn runs to the end of the call
        QCOMPARE(searchHits(QStringLiteral("carry")), 1);
        // Typing on from where the last save ended: the text round-trips.
        QCOMPARE(TranscriptEdit::parseTyped(TranscriptEdit::formatTyped(t), QStringLiteral("C-2"), 60)->toJson(),
            t.toJson());
        QCOMPARE(TranscriptEdit::typedLine(3725.04, QStringLiteral("other")), QStringLiteral("[1:02:05.0] Other: "));
        QCOMPARE(TranscriptEdit::parseTyped(QStringLiteral("[1:02:05.0] O: hi"), QStringLiteral("C"), 4000)
                     ->segments[0]
                     .startS,
            3725.0);
        // A re-sync of the sidecar (still no provider transcript) keeps the typed one.
        QVERIFY(m_cache->calls().save(call(QStringLiteral("C-2")), std::nullopt).ok());
        QVERIFY(stored(QStringLiteral("C-2")).hasTranscript);
        QCOMPARE(current(QStringLiteral("C-2")).segments.size(), 3);
        // A call with the provider's transcript is corrected turn by turn, not typed again.
        QVERIFY(!TranscriptCorrections(*m_cache).saveTyped(QStringLiteral("C-1"), 0, typed).ok());
    }

    void typedTextErrorsNameTheLine_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("no time first") << QStringLiteral("hello") << QStringLiteral("Line 1 has no time");
        QTest::newRow("out of order") << QStringLiteral("[0:10.0] A: one\n\n[0:05.0] R: two")
                                      << QStringLiteral("Line 3: 0:05.0 is before the turn above it (0:10.0)");
        QTest::newRow("no speaker") << QStringLiteral("[0:01.0] hello") << QStringLiteral("Line 1: say who speaks");
        QTest::newRow("after the end") << QStringLiteral("[5:00.0] A: hello")
                                       << QStringLiteral("after the end of the call (1:00.0)");
        QTest::newRow("bad seconds") << QStringLiteral("[0:75.0] A: hello") << QStringLiteral("seconds go up to 59.9");
        QTest::newRow("nothing typed") << QStringLiteral("[0:01.0] A:   ") << QStringLiteral("Nothing has been typed");
    }

    void typedTextErrorsNameTheLine()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        auto t = TranscriptEdit::parseTyped(text, QStringLiteral("C-2"), 60);
        QVERIFY(!t.ok());
        QVERIFY2(t.errorMessage().contains(error), qPrintable(t.errorMessage()));
        QVERIFY(!TranscriptCorrections(*m_cache).saveTyped(QStringLiteral("C-2"), 0, text).ok());
        QVERIFY(!stored(QStringLiteral("C-2")).hasTranscript); // nothing saved
    }

    void redactionReviewIsSavedAndApplied()
    {
        auto state = RedactionReviews(*m_cache).load(QStringLiteral("C-1"));
        QVERIFY2(state.ok(), qPrintable(state.errorMessage()));
        QVERIFY(!state->last);
        // Turn 3: the phone number and the postcode are detected; "Mark" in turn 1 is an everyday word, not found.
        QList<ReviewSpan> spans = state->spans;
        QCOMPARE(spans.size(), 2);
        QCOMPARE(spans[0].segment, 2);
        QCOMPARE(spans[0].span.type, Anonymise::Entity::Phone);
        QCOMPARE(spans[1].span.type, Anonymise::Entity::Postcode);
        QVERIFY(spans[0].decision == Decision::Pending);
        // Accept the phone, reject the postcode (say it was the office's), add "Quaxley" (a farm's name) as an
        // address and "Mark" as a person.
        spans[0].decision = Decision::Accepted;
        spans[1].decision = Decision::Rejected;
        const QList<Anonymise::Token> t3 = Anonymise::tokenize(state->transcript.segments[2].text);
        const int quaxley = int(std::find_if(t3.cbegin(), t3.cend(), [](const Anonymise::Token& t) {
            return t.text == QLatin1String("Quaxley");
        }) - t3.cbegin());
        spans.append({2, {quaxley, quaxley, Anonymise::Entity::Address, {}}, Decision::Added, false});
        spans.append({0, {5, 5, Anonymise::Entity::Person, {}}, Decision::Added, false});
        QCOMPARE(Anonymise::tokenize(state->transcript.segments[0].text).at(5).text, QStringLiteral("Mark"));
        // Saved against a transcript that has since been corrected: refused, nothing stored.
        Transcript older = state->transcript;
        older.segments[2].text += QStringLiteral(" Sorry.");
        auto refused = RedactionReviews(*m_cache).save(QStringLiteral("C-1"), older, spans);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.errorMessage().contains(QStringLiteral("open the review again")),
            qPrintable(refused.errorMessage()));
        QVERIFY(!RedactionReviews(*m_cache).load(QStringLiteral("C-1"))->last);
        auto rev = RedactionReviews(*m_cache).save(QStringLiteral("C-1"), state->transcript, spans);
        QVERIFY2(rev.ok(), qPrintable(rev.errorMessage()));
        QCOMPARE(rev.value(), 1);

        // Read back: the decisions and who made them when.
        auto again = RedactionReviews(*m_cache).load(QStringLiteral("C-1"));
        QVERIFY(again.ok());
        QVERIFY(again->last);
        QCOMPARE(again->last->byUser, AuditLog::currentActor());
        QCOMPARE(again->last->summary, QStringLiteral("1 accepted, 1 rejected, 2 added, 0 not looked at"));
        QCOMPARE(again->spans.size(), 4);
        QVERIFY(again->spans[0].segment == 0 && again->spans[0].decision == Decision::Added);
        QVERIFY(again->spans[1].decision == Decision::Accepted);
        QVERIFY(again->spans[2].decision == Decision::Rejected);
        QVERIFY(again->spans[3].decision == Decision::Added);

        // Every anonymised output of the call follows the set.
        auto options = RedactionReviews(*m_cache).anonymiseOptions(stored(QStringLiteral("C-1")));
        QVERIFY(options.ok());
        auto json = m_cache->calls().transcript(stored(QStringLiteral("C-1")));
        auto out = Anonymise::Anonymiser(options.value()).anonymise(json.value());
        QVERIFY(out.ok());
        QCOMPARE(segmentText(out->transcript, 0),
            QStringLiteral("Hello, this call is recorded. [PERSON_1] my words, it "
                           "is short."));
        QCOMPARE(
            segmentText(out->transcript, 2), QStringLiteral("It's [PHONE] and I live at SW1A 1AA, near [ADDRESS]."));
        QCOMPARE(out->redactions.size(), 3);

        // The turn is corrected afterwards: its old decisions no longer fit and it is detected afresh (postcode
        // redacted again), while the other turns keep theirs.
        auto corrected = TranscriptCorrections(*m_cache).correctSegment(QStringLiteral("C-1"), 0, 2,
            QStringLiteral("respondent"), QStringLiteral("It's 07700 900123 and I live at SW1A 1AA."));
        QVERIFY(corrected.ok());
        auto stale = RedactionReviews(*m_cache).load(QStringLiteral("C-1"));
        QCOMPARE(stale->staleSegments, 1);
        QCOMPARE(stale->spans.size(), 3);
        QVERIFY(stale->spans[1].decision == Decision::Pending && stale->spans[2].decision == Decision::Pending);
        json = m_cache->calls().transcript(stored(QStringLiteral("C-1")));
        out = Anonymise::Anonymiser(options.value()).anonymise(json.value());
        QCOMPARE(segmentText(out->transcript, 2), QStringLiteral("It's [PHONE] and I live at [POSTCODE]."));
        QVERIFY(segmentText(out->transcript, 0).contains(QStringLiteral("[PERSON_1] my words")));
        // Damaged or foreign review files are refused with a way out.
        QVERIFY(!RedactionReviews::fromJson("{\"schema\":\"other\"}").ok());
        QVERIFY(RedactionReviews::fromJson(RedactionReviews::toJson(options->review)).ok());
    }

    void destroyedCallTakesItsRevisionsWithIt()
    {
        QVERIFY(
            TranscriptCorrections(*m_cache)
                .correctSegment(QStringLiteral("C-1"), 0, 0, QStringLiteral("agent"), QStringLiteral("Hello there."))
                .ok());
        QVERIFY(RedactionReviews(*m_cache).save(QStringLiteral("C-1"), current(QStringLiteral("C-1")), {}).ok());
        auto count = [this] {
            auto s = m_cache->database().prepare(QStringLiteral("SELECT count(*) FROM call_documents"));
            return s->step().value() ? s->int64(0) : -1;
        };
        QCOMPARE(count(), 2);
        QVERIFY(CallDestruction(*m_cache)
                    .destroy(QStringLiteral("C-1"), QStringLiteral("test"), {})
                    .value_or(CallDestruction::Outcome::Held)
            == CallDestruction::Outcome::Destroyed);
        QVERIFY(CallDestruction(*m_cache).finish().ok());
        QCOMPARE(count(), 0);
        QCOMPARE(searchHits(QStringLiteral("there")), 0);
    }
};

QTEST_GUILESS_MAIN(TestTranscriptCorrections)
#include "TestTranscriptCorrections.moc"
