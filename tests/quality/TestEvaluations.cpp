#include "QualityFixture.h"
#include "cache/Statement.h"
#include "quality/EvaluationRepository.h"
#include "quality/ScorecardLibrary.h"
#include "retention/CallDestruction.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;
using namespace Earmark::Test;

namespace {
const QString kCard = QStringLiteral("survey-call-quality");

// Every question of the default scorecard answered at its best.
QJsonObject perfectAnswers()
{
    return QJsonObject {{QStringLiteral("recording-notice"), QStringLiteral("yes")},
        {QStringLiteral("introduction"), 5}, {QStringLiteral("purpose"), QStringLiteral("yes")},
        {QStringLiteral("read-neutrally"), QStringLiteral("verbatim")}, {QStringLiteral("recorded-accurately"), 5},
        {QStringLiteral("scale-explained"), QStringLiteral("yes")}, {QStringLiteral("courtesy"), 5},
        {QStringLiteral("complaint-raised"), QStringLiteral("no")},
        {QStringLiteral("no-extra-data"), QStringLiteral("yes")},
        {QStringLiteral("data-read-back"), QStringLiteral("yes")}, {QStringLiteral("thanked"), QStringLiteral("yes")},
        {QStringLiteral("comments"), QStringLiteral("Lovely call, Mrs Quaxley was pleased")}};
}
} // namespace

class TestEvaluations : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Cache> m_cache;

    qint64 count(const QString& sql)
    {
        auto s = m_cache->database().prepare(sql);
        if (!s) {
            return -1;
        }
        auto row = s->step();
        return row && row.value() ? s->int64(0) : -1;
    }

private Q_SLOTS:
    void init()
    {
        QDir(m_dir.path()).removeRecursively();
        auto cache = Cache::open(CacheFolder(m_dir.path() + QStringLiteral("/c")), SecretKey::random(), true);
        QVERIFY2(cache.ok(), qPrintable(cache.errorMessage()));
        m_cache = std::move(cache.value());
        QVERIFY(ScorecardLibrary(*m_cache).ensureDefault().ok());
        for (const QString& id : {QStringLiteral("C-1"), QStringLiteral("C-2")}) {
            QVERIFY(m_cache->calls().save(qualityCall(id, QStringLiteral("TR7"), utc(2026, 11, 2)), std::nullopt).ok());
        }
    }

    void cleanup() { m_cache.reset(); }

    void defaultScorecardIsStoredOnce()
    {
        ScorecardLibrary library(*m_cache);
        QVERIFY(library.ensureDefault().ok());
        auto current = library.current();
        QVERIFY(current.ok());
        QCOMPARE(current->size(), 1);
        QCOMPARE(current->first().id, kCard);
        QCOMPARE(current->first().title, QStringLiteral("Survey call quality"));
        QCOMPARE(current->first().version, 1);
    }

    void editingStoresTheNextVersionAndNeverChangesAStoredOne()
    {
        ScorecardLibrary library(*m_cache);
        const QByteArray original = ScorecardLibrary::defaultScorecardJson();
        QList<Scorecard::Problem> problems;
        // The same template again (a re-import): nothing changes.
        auto same = library.store(original, &problems);
        QVERIFY(same.ok());
        QVERIFY(same->unchanged);
        QCOMPARE(same->version, 1);

        // Changed but still saying version 1: stored as version 2; version 1 keeps its pass mark.
        QJsonObject edited = QJsonDocument::fromJson(original).object();
        edited.insert(QStringLiteral("pass_mark"), 85);
        auto next = library.store(QJsonDocument(edited).toJson(), &problems);
        QVERIFY2(next.ok(), qPrintable(next.errorMessage()));
        QCOMPARE(next->version, 2);
        QVERIFY(!next->unchanged);
        QCOMPARE(library.load(kCard, 1)->passMark, 80.0);
        QCOMPARE(library.load(kCard, 2)->passMark, 85.0);
        QCOMPARE(library.current()->first().version, 2);
        QCOMPARE(library.list()->size(), 2);

        // An invalid template is refused with its problems; nothing stored.
        edited.insert(QStringLiteral("pass_mark"), 140);
        problems.clear();
        QVERIFY(!library.store(QJsonDocument(edited).toJson(), &problems).ok());
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().path, QStringLiteral("$.pass_mark"));
        QCOMPARE(library.latestVersion(kCard).value(), 2);

        // Retiring the newest offers the one before for new evaluations.
        QVERIFY(library.setRetired(kCard, 2, true).ok());
        QCOMPARE(library.current()->first().version, 1);
    }

    void anEditedDefaultInAFreshCacheBecomesVersionTwo()
    {
        QTemporaryDir dir;
        auto fresh = Cache::open(CacheFolder(dir.filePath(QStringLiteral("c"))), SecretKey::random(), true);
        QVERIFY(fresh.ok());
        QJsonObject edited = QJsonDocument::fromJson(ScorecardLibrary::defaultScorecardJson()).object();
        edited.insert(QStringLiteral("pass_mark"), 70);
        QList<Scorecard::Problem> problems;
        ScorecardLibrary library(*fresh.value());
        auto stored = library.store(QJsonDocument(edited).toJson(), &problems);
        QVERIFY(stored.ok());
        QCOMPARE(stored->version, 2);
        QCOMPARE(library.load(kCard, 1)->passMark, 80.0);
    }

    void evaluationKeepsTheVersionItWasScoredWith()
    {
        EvaluationRepository store(*m_cache);
        auto e = store.start(QStringLiteral("C-1"), kCard, 1);
        QVERIFY2(e.ok(), qPrintable(e.errorMessage()));
        QJsonObject edited = QJsonDocument::fromJson(ScorecardLibrary::defaultScorecardJson()).object();
        edited.insert(QStringLiteral("pass_mark"), 99);
        QList<Scorecard::Problem> problems;
        QVERIFY(ScorecardLibrary(*m_cache).store(QJsonDocument(edited).toJson(), &problems).ok());
        e->answers = perfectAnswers();
        e->answers.insert(QStringLiteral("courtesy"), 3); // 92.5: a pass at 80, a fail at 99
        QVERIFY(store.saveDraft(e.value()).ok());
        QVERIFY(store.submit(e->id).ok());
        auto back = store.get(e->id);
        QCOMPARE(back->scorecardVersion, 1);
        QVERIFY(back->passed);
    }

    void draftSavesAnswersAndRunningScore()
    {
        EvaluationRepository store(*m_cache);
        auto e = store.start(QStringLiteral("C-1"), kCard, 1);
        QVERIFY(e.ok());
        QCOMPARE(e->state, EvaluationState::Draft);
        QCOMPARE(e->agentId, QStringLiteral("TR7"));
        e->answers.insert(QStringLiteral("purpose"), QStringLiteral("yes"));
        QVERIFY(store.saveDraft(e.value()).ok());
        // Starting again resumes the same draft.
        auto again = store.start(QStringLiteral("C-1"), kCard, 1);
        QCOMPARE(again->id, e->id);
        QCOMPARE(again->answers.value(QStringLiteral("purpose")).toString(), QStringLiteral("yes"));
        QCOMPARE(again->score.value_or(-1), 100.0); // the only applicable question is a yes
        // A draft cannot be submitted while required shown questions are unanswered.
        const Status st = store.submit(e->id);
        QVERIFY(!st.ok());
        QVERIFY2(st.errorMessage().contains(QStringLiteral("Recording notice given")), qPrintable(st.errorMessage()));
        QCOMPARE(store.get(e->id)->state, EvaluationState::Draft);
    }

    void overriddenSuggestionNeedsAComment()
    {
        EvaluationRepository store(*m_cache);
        auto e = store.start(QStringLiteral("C-1"), kCard, 1);
        e->answers = perfectAnswers();
        e->suggestions.insert(QStringLiteral("recording-notice"), {QStringLiteral("no"), std::nullopt, {}});
        QVERIFY(store.saveDraft(e.value()).ok());
        auto problems = store.submitProblems(e.value());
        QCOMPARE(problems->size(), 1);
        QVERIFY(problems->first().contains(QStringLiteral("say why")));
        QVERIFY(!store.submit(e->id).ok());
        e->overrides.insert(
            QStringLiteral("recording-notice"), QStringLiteral("Notice given before the transcript starts"));
        QVERIFY(store.saveDraft(e.value()).ok());
        QVERIFY2(store.submit(e->id).ok(), qPrintable(store.submit(e->id).errorMessage()));
        auto back = store.get(e->id);
        QCOMPARE(back->overrides.value(QStringLiteral("recording-notice")),
            QStringLiteral("Notice given before the transcript starts"));
        QCOMPARE(back->suggestions.value(QStringLiteral("recording-notice")).answer, QStringLiteral("no"));
    }

    void submitDisputeResolveKeepsEveryRevision()
    {
        EvaluationRepository store(*m_cache);
        auto e = store.start(QStringLiteral("C-1"), kCard, 1);
        e->answers = perfectAnswers();
        e->answers.insert(QStringLiteral("no-extra-data"), QStringLiteral("no")); // fail_form
        QVERIFY(store.saveDraft(e.value()).ok());
        QVERIFY(store.submit(e->id).ok());
        auto submitted = store.get(e->id);
        QCOMPARE(submitted->state, EvaluationState::Submitted);
        QCOMPARE(submitted->revision, 1);
        QCOMPARE(submitted->score.value_or(-1), 0.0);
        QVERIFY(!submitted->passed);
        QCOMPARE(submitted->autoFail, QStringLiteral("no-extra-data"));
        QVERIFY(submitted->submittedUtc > 0);

        // A submitted evaluation is not a draft any more.
        QVERIFY(!store.saveDraft(submitted.value()).ok());
        QVERIFY(!store.resolve(e->id, QStringLiteral("Too early")).ok()); // not disputed
        QVERIFY(!store.dispute(e->id, QStringLiteral("  ")).ok()); // needs the agent's response

        QVERIFY(store.dispute(e->id, QStringLiteral("The respondent volunteered her date of birth")).ok());
        QCOMPARE(store.get(e->id)->state, EvaluationState::Disputed);
        QVERIFY(!store.resolve(e->id, QString()).ok()); // needs a decision
        QJsonObject fixed = perfectAnswers();
        QVERIFY(store.resolve(e->id, QStringLiteral("Upheld: the data was volunteered, not asked"), fixed).ok());
        auto resolved = store.get(e->id);
        QCOMPARE(resolved->state, EvaluationState::Resolved);
        QCOMPARE(resolved->revision, 2);
        QCOMPARE(resolved->score.value_or(-1), 100.0);
        QVERIFY(resolved->passed);
        QVERIFY(resolved->autoFail.isEmpty());

        // Re-scoring needs a reason and adds a revision.
        QVERIFY(!store.rescore(e->id, fixed, {}, QString()).ok());
        fixed.insert(QStringLiteral("courtesy"), 1);
        QVERIFY(store.rescore(e->id, fixed, {}, QStringLiteral("Listened again: curt with the respondent")).ok());

        auto revisions = store.revisions(e->id);
        QVERIFY(revisions.ok());
        QCOMPARE(revisions->size(), 3);
        QCOMPARE(revisions->at(0).score.value_or(-1), 0.0);
        QCOMPARE(revisions->at(0).autoFail, QStringLiteral("no-extra-data"));
        QCOMPARE(revisions->at(1).reason, QStringLiteral("Upheld: the data was volunteered, not asked"));
        QCOMPARE(revisions->at(2).reason, QStringLiteral("Listened again: curt with the respondent"));
        QCOMPARE(revisions->at(2).byUser, AuditLog::currentActor());
        QVERIFY(revisions->at(2).atUtc > 0);
        // courtesy 1 of 5 in "manner" (weight 15 of 100): 100 - 15 = 85.
        QCOMPARE(revisions->at(2).score.value_or(-1), 85.0);
        QCOMPARE(store.get(e->id)->state, EvaluationState::Resolved);
        // Free text is not in the revisions (it stays with the call).
        QVERIFY(!revisions->at(2).answers.contains(QStringLiteral("comments")));

        auto events = store.events(e->id);
        QCOMPARE(events->size(), 3);
        QCOMPARE(events->at(1).toState, QStringLiteral("disputed"));
        QCOMPARE(events->at(1).text, QStringLiteral("The respondent volunteered her date of birth"));
        QCOMPARE(events->at(2).fromState, QStringLiteral("disputed"));
        QCOMPARE(events->at(2).toState, QStringLiteral("resolved"));
        QVERIFY(m_cache->audit().verify().ok());
    }

    void acknowledgeThenDispute()
    {
        EvaluationRepository store(*m_cache);
        auto e = store.start(QStringLiteral("C-2"), kCard, 1);
        e->answers = perfectAnswers();
        QVERIFY(store.saveDraft(e.value()).ok());
        QVERIFY(store.submit(e->id).ok());
        QVERIFY(store.acknowledge(e->id, QStringLiteral("Discussed in coaching")).ok());
        QVERIFY(!store.acknowledge(e->id, {}).ok());
        QVERIFY(store.dispute(e->id, QStringLiteral("Changed my mind about question 3")).ok());
    }

    void timedCommentsAndFreeTextGoWithTheCallScoresStay()
    {
        EvaluationRepository store(*m_cache);
        auto e = store.start(QStringLiteral("C-1"), kCard, 1);
        auto c1 = store.addComment(e->id, 42.5, QStringLiteral("Leading question here"));
        QVERIFY(c1.ok());
        QVERIFY(store.addComment(e->id, 7.25, QStringLiteral("Notice given")).ok());
        QVERIFY(!store.addComment(e->id, 9, QStringLiteral("   ")).ok());
        e->answers = perfectAnswers();
        QVERIFY(store.saveDraft(e.value()).ok());
        QVERIFY(store.submit(e->id).ok());
        auto back = store.get(e->id);
        QCOMPARE(back->comments.size(), 2);
        QCOMPARE(back->comments.first().atS, 7.25); // in call order
        QCOMPARE(back->comments.last().text, QStringLiteral("Leading question here"));
        QCOMPARE(back->answers.value(QStringLiteral("comments")).toString(),
            QStringLiteral("Lovely call, Mrs Quaxley was pleased"));
        QVERIFY(store.removeComment(e->id, c1->id).ok());
        QCOMPARE(store.get(e->id)->comments.size(), 1);

        // Destroying the call destroys the words about it; the evaluation's score and state remain for reports.
        QVERIFY((CallDestruction(*m_cache).destroy(QStringLiteral("C-1"), QStringLiteral("test"), {}).value()
            == CallDestruction::Outcome::Destroyed));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM evaluation_notes")), 0);
        auto after = store.get(e->id);
        QVERIFY(after.ok());
        QCOMPARE(after->score.value_or(-1), 100.0);
        QCOMPARE(after->state, EvaluationState::Submitted);
        QVERIFY(after->comments.isEmpty());
        QVERIFY(!after->answers.contains(QStringLiteral("comments")));
        QVERIFY(!store.addComment(e->id, 3, QStringLiteral("too late")).ok());
        // No trace of the free text in the database file after the checkpoint.
        QVERIFY(m_cache->database().checkpointTruncate().ok());
        auto raw = m_cache->database().prepare(QStringLiteral("SELECT answers FROM evaluations"));
        QVERIFY(raw.ok());
        auto row = raw->step();
        QVERIFY(row && row.value());
        QVERIFY(!raw->text(0).contains(QStringLiteral("Quaxley")));
    }

    void discardDraftOnlyForDrafts()
    {
        EvaluationRepository store(*m_cache);
        auto e = store.start(QStringLiteral("C-2"), kCard, 1);
        QVERIFY(store.addComment(e->id, 1, QStringLiteral("x")).ok());
        QVERIFY(store.discardDraft(e->id).ok());
        QVERIFY(!store.get(e->id).ok());
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM evaluation_notes")), 0);
        auto f = store.start(QStringLiteral("C-2"), kCard, 1);
        f->answers = perfectAnswers();
        QVERIFY(store.saveDraft(f.value()).ok());
        QVERIFY(store.submit(f->id).ok());
        QVERIFY(!store.discardDraft(f->id).ok());
        QCOMPARE(store.forCall(QStringLiteral("C-2"))->size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestEvaluations)
#include "TestEvaluations.moc"
