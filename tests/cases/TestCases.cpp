// Cases on a synced demo cache: the respondent's calls found by a number typed three ways, an open case holding its
// calls through a retention run and releasing them when closed, calls added only while open, safety flags opening
// and joining a safety case, and the case's number still finding its calls after the master key is replaced.
#include "DemoCache.h"
#include "DemoMaster.h"
#include "cache/Cache.h"
#include "cache/Statement.h"
#include "cases/CaseAuditTrail.h"
#include "cases/Cases.h"
#include "cases/SafetyFlags.h"
#include "retention/Holds.h"
#include "retention/Retention.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;

class TestCases : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    Test::DemoCache m_demo;
    std::unique_ptr<Cache> m_cache;
    QString m_phone; // a respondent with more than one call
    QStringList m_phoneCalls;
    QStringList m_otherOnNumber; // a call of the same number that names someone else
    QStringList m_allCalls;

    bool isCached(const QString& callId)
    {
        auto found = m_cache->calls().find(callId);
        return found && found->has_value();
    }

    static qint64 farFuture() { return QDateTime(QDate(2040, 1, 1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch(); }

private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = m_demo.makeCache(m_root.filePath(QStringLiteral("demo")), 12);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // A respondent who called twice: the demo store gives one number to two calls.
        QHash<QString, QStringList> byPhone;
        QDirIterator it(m_demo.store + QStringLiteral("/v1"), {QStringLiteral("*.json")}, QDir::Files,
            QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString p = it.next();
            if (p.endsWith(QLatin1String(".transcript.json")) || p.endsWith(QLatin1String("store.json"))) {
                continue;
            }
            QJsonObject o = QJsonDocument::fromJson(Test::readFile(p)).object();
            m_allCalls << o.value(QStringLiteral("call_id")).toString();
            if (m_allCalls.size() <= 3) {
                // The first two calls (in file order) are made the same respondent's; the third is another
                // person's on the same number (a household's landline).
                QJsonObject r = o.value(QStringLiteral("respondent")).toObject();
                r.insert(QStringLiteral("phone_e164"), QStringLiteral("+447700900533"));
                r.insert(QStringLiteral("name"),
                    m_allCalls.size() <= 2 ? QStringLiteral("Janet Okafor") : QStringLiteral("Tom Reid"));
                o.insert(QStringLiteral("respondent"), r);
                Test::writeFile(p, QJsonDocument(o).toJson());
                (m_allCalls.size() <= 2 ? m_phoneCalls : m_otherOnNumber)
                    << o.value(QStringLiteral("call_id")).toString();
            }
        }
        m_phone = QStringLiteral("+447700900533");
        auto synced = m_demo.cli({QStringLiteral("sync"), QStringLiteral("--store"), m_demo.store});
        QVERIFY2(synced.exitCode == 0, synced.err.constData());
        auto cache = Cache::open(CacheFolder(m_demo.cache), Test::passphraseMaster(m_demo), false);
        QVERIFY2(cache, qPrintable(cache.errorMessage()));
        m_cache = std::move(cache.value());
        m_phoneCalls.sort();
    }

    void theNumberFindsTheRespondentsCallsTypedAnyWay_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::newRow("E.164") << "+447700900533";
        QTest::newRow("national with spaces") << "07700 900533";
        QTest::newRow("international prefix") << "0044-7700-900533";
    }

    void theNumberFindsTheRespondentsCallsTypedAnyWay()
    {
        QFETCH(QString, typed);
        Cases cases(*m_cache);
        NewCase n {QStringLiteral("query"),
            QStringLiteral("Q-") + QString::fromLatin1(QTest::currentDataTag()).left(4).trimmed(), typed, {}, {}};
        auto c = cases.create(n);
        QVERIFY2(c, qPrintable(c.errorMessage()));
        // A typed number alone names nobody: every call of it is linked, each with the name it records.
        QStringList calls = c->callIds;
        calls.sort();
        QCOMPARE(calls, QStringList(m_phoneCalls + m_otherOnNumber));
        QCOMPARE(c->respondentNames.value(m_otherOnNumber.first()), QStringLiteral("Tom Reid"));
        QCOMPARE(c->phoneHint, QStringLiteral("••••533"));
        QVERIFY(!c->holdId.isEmpty());
        QVERIFY(cases.close(c->caseId, QStringLiteral("answered by phone")).ok());
    }

    void theNumberOfASelectedCallStandsInForATypedOne()
    {
        // The window passes a call, never the number: every call of that call's number is linked but the one that
        // names someone else, which is set aside (a shared number).
        Cases cases(*m_cache);
        NewCase n {QStringLiteral("complaint"), QStringLiteral("Q-OFCALL"), {}, {}, {}};
        n.numberOfCall = m_phoneCalls.constLast();
        auto c = cases.create(n);
        QVERIFY2(c, qPrintable(c.errorMessage()));
        QStringList calls = c->callIds;
        calls.sort();
        QCOMPARE(calls, m_phoneCalls);
        QCOMPARE(c->setAside.size(), 1);
        QCOMPARE(c->setAside.constFirst().callId, m_otherOnNumber.first());
        QVERIFY(!Holds(*m_cache).holdsOn(m_otherOnNumber.first())->contains(c->holdId));
        QCOMPARE(c->phoneHint, QStringLiteral("••••533"));
        QVERIFY(cases.close(c->caseId, QStringLiteral("answered")).ok());
        n.reference = QStringLiteral("Q-OFNONE");
        n.numberOfCall = QStringLiteral("C-nope");
        auto none = cases.create(n);
        QVERIFY(!none && none.errorMessage().contains(QLatin1String("C-nope")));
    }

    void badRequestsSayWhatIsWrong()
    {
        Cases cases(*m_cache);
        auto type = cases.create({QStringLiteral("grievance"), QStringLiteral("X-1"), {}, {}, {}});
        QVERIFY(!type && type.errorMessage().contains(QLatin1String("complaint")));
        auto ref = cases.create({QStringLiteral("complaint"), QStringLiteral("has space"), {}, {}, {}});
        QVERIFY(!ref && ref.errorMessage().contains(QLatin1String("reference")));
        auto call
            = cases.create({QStringLiteral("complaint"), QStringLiteral("X-2"), {}, {QStringLiteral("C-nope")}, {}});
        QVERIFY(!call && call.errorMessage().contains(QLatin1String("C-nope")));
        auto phone = cases.create(
            {QStringLiteral("complaint"), QStringLiteral("X-3"), QStringLiteral("not a number"), {}, {}});
        QVERIFY(!phone);
        QVERIFY(cases.create({QStringLiteral("complaint"), QStringLiteral("X-4"), {}, {}, {}}));
        auto twice = cases.create({QStringLiteral("complaint"), QStringLiteral("X-4"), {}, {}, {}});
        QVERIFY(!twice && twice.errorMessage().contains(QLatin1String("already")));
        // Nothing of the refused ones was kept.
        QVERIFY(!cases.get(QStringLiteral("X-1")) && !cases.get(QStringLiteral("X-2"))
            && !cases.get(QStringLiteral("X-3")));
    }

    void theCasesNumberSurvivesAKeyRotation()
    {
        Cases cases(*m_cache);
        auto c = cases.create(
            {QStringLiteral("complaint"), QStringLiteral("CMP-ROT-1"), QStringLiteral("07700900533"), {}, {}});
        QVERIFY2(c, qPrintable(c.errorMessage()));
        QCOMPARE(c->callIds.size(), 3);
        const auto matching = [&] {
            auto s = m_cache->database().prepare(QStringLiteral(
                "SELECT count(*) FROM cases c JOIN calls k ON k.phone_index = c.phone_index WHERE c.case_id = ?"));
            s->bind(1, c->caseId);
            auto row = s->step();
            return row && row.value() ? s->int64(0) : -1;
        };
        QCOMPARE(matching(), 3);
        // The new master recomputes every index: the case's too, from its sealed number.
        QVERIFY(m_cache->rotateMaster(SecretKey::random()).ok());
        QCOMPARE(matching(), 3);
        auto linked = cases.linkRespondentCalls(c->caseId);
        QVERIFY(linked && linked->isEmpty());
        QCOMPARE(cases.get(c->caseId)->phoneHint, QStringLiteral("••••533"));
        QVERIFY(m_cache->verify().ok());
        QVERIFY(cases.close(c->caseId, QStringLiteral("duplicate of CMP-2026-0142")).ok());
    }

    void aCallOfAnotherPersonIsTakenOutAndStaysOut()
    {
        Cases cases(*m_cache);
        const QString other = m_otherOnNumber.first();
        NewCase n {QStringLiteral("complaint"), QStringLiteral("CMP-SHARED"), {}, {m_phoneCalls.first()}, {}};
        n.numberOfCall = m_phoneCalls.first();
        auto c = cases.create(n);
        QVERIFY2(c, qPrintable(c.errorMessage()));
        QCOMPARE(c->callIds.size(), m_phoneCalls.size());
        // Linking the number's newer calls leaves the set-aside call out; adding it by hand brings it back.
        auto linked = cases.linkRespondentCalls(c->caseId);
        QVERIFY(linked && linked->isEmpty());
        QVERIFY(cases.addCall(c->caseId, other).ok());
        c = cases.get(c->caseId);
        QVERIFY(c->callIds.contains(other) && c->setAside.isEmpty());
        QVERIFY(Holds(*m_cache).holdsOn(other)->contains(c->holdId));
        // Taken out with a reason: out of the case and its hold, and it stays out.
        auto noReason = cases.removeCall(c->caseId, other, QStringLiteral(" "));
        QVERIFY(!noReason && noReason.errorMessage().contains(QLatin1String("--reason")));
        auto notOfCase = cases.removeCall(c->caseId, m_allCalls.at(7), QStringLiteral("wrong"));
        QVERIFY(!notOfCase && notOfCase.errorMessage().contains(m_allCalls.at(7)));
        QVERIFY(cases.removeCall(c->caseId, other, QStringLiteral("Tom Reid, the lodger")).ok());
        c = cases.get(c->caseId);
        QVERIFY(!c->callIds.contains(other));
        QCOMPARE(c->setAside.size(), 1);
        QCOMPARE(c->setAside.constFirst().reason, QStringLiteral("Tom Reid, the lodger"));
        QVERIFY(!Holds(*m_cache).holdsOn(other)->contains(c->holdId));
        QVERIFY(Holds(*m_cache).holdsOn(m_phoneCalls.first())->contains(c->holdId));
        linked = cases.linkRespondentCalls(c->caseId);
        QVERIFY(linked && linked->isEmpty());
        QVERIFY(!cases.get(c->caseId)->callIds.contains(other));
        QVERIFY(cases.close(c->caseId, QStringLiteral("answered")).ok());
        auto closed = cases.removeCall(c->caseId, m_phoneCalls.first(), QStringLiteral("late"));
        QVERIFY(!closed && closed.errorMessage().contains(QLatin1String("closed")));
        CaseAuditTrail trail(*m_cache);
        auto page = trail.read({}, other, 500);
        QVERIFY(page);
        QStringList actions;
        for (const AuditEntry& e : page.value().entries) {
            actions << e.action;
        }
        QVERIFY2(actions.contains(QStringLiteral("case.remove-call"))
                && actions.contains(QStringLiteral("case.set-aside"))
                && actions.contains(QStringLiteral("hold.remove-call")),
            qPrintable(actions.join(u' ')));
    }

    void safetyFlagsOpenAndJoinASafetyCase()
    {
        Cases cases(*m_cache);
        const QString call = m_allCalls.at(9);
        auto first
            = SafetyFlags(*m_cache).flag(call, 73500, QStringLiteral("threatening"), QStringLiteral("threat to visit"));
        QVERIFY2(first, qPrintable(first.errorMessage()));
        auto second = SafetyFlags(*m_cache).flag(call, 80100, QStringLiteral("abusive"), {});
        QVERIFY(second);
        QCOMPARE(second->caseId, first->caseId);
        QVERIFY(first->caseReference.startsWith(QLatin1String("SAFETY-")));
        QCOMPARE(second->caseReference, first->caseReference);
        QCOMPARE(first->atMs, 73500);
        QCOMPARE(first->note, QStringLiteral("threat to visit"));
        QVERIFY(!SafetyFlags(*m_cache).flag(call, 1000, QStringLiteral("rude"), {}));
        auto c = cases.get(first->caseId);
        QCOMPARE(c->reference, first->caseReference);
        QCOMPARE(c->type, QStringLiteral("safety"));
        QCOMPARE(c->flags.size(), 2);
        QCOMPARE(c->flags.at(0).atMs, 73500);
        QCOMPARE(c->flags.at(0).kind, QStringLiteral("threatening"));
        QVERIFY(Holds(*m_cache).holdsOn(call)->contains(c->holdId));
        auto listed = cases.list({CaseFilter::Status::Open, QStringLiteral("safety"), call});
        QVERIFY(listed && listed->size() == 1 && listed->constFirst().caseId == first->caseId);
    }

    void aFlagOnAComplaintsCallIsListedByTheComplaintToo()
    {
        // A threat on the call a complaint is about: the safety case keeps the flag, and the complaint shows it (its
        // pack lists it), so the handler sees it and the call cannot be taken out of the complaint.
        QVERIFY(m_allCalls.size() > 10);
        const QString call = m_allCalls.at(10);
        Cases cases(*m_cache);
        auto complaint = cases.create({QStringLiteral("complaint"), QStringLiteral("CMP-2026-0150"), {}, {call}, {}});
        QVERIFY2(complaint, qPrintable(complaint.errorMessage()));
        auto safety = SafetyFlags(*m_cache).flag(call, 12000, QStringLiteral("threatening"),
            QStringLiteral("said he "
                           "would come"));
        QVERIFY2(safety, qPrintable(safety.errorMessage()));
        QVERIFY(safety->caseId != complaint->caseId);
        auto c = cases.get(complaint->caseId);
        QVERIFY(c);
        QCOMPARE(c->flags.size(), 1);
        QCOMPARE(c->flags.constFirst().caseId, safety->caseId);
        QCOMPARE(c->flags.constFirst().atMs, 12000);
        QCOMPARE(c->flagCount, 1);
        const QJsonArray flags = Cases::toJson(c.value()).value(QStringLiteral("safety_flags")).toArray();
        QCOMPARE(flags.size(), 1);
        QCOMPARE(flags.at(0).toObject().value(QStringLiteral("case_id")).toString(), safety->caseId);
        QCOMPARE(flags.at(0).toObject().value(QStringLiteral("case_reference")).toString(), safety->caseReference);
        auto listed = cases.list({CaseFilter::Status::Open, QStringLiteral("complaint"), call});
        QVERIFY(listed && listed->size() == 1);
        QCOMPARE(listed->constFirst().flagCount, 1);
        auto removed = cases.removeCall(c->caseId, call, QStringLiteral("wrong call"));
        QVERIFY(!removed && removed.errorMessage().contains(QLatin1String("flag is evidence")));
        // The safety case's own page lists it once.
        QCOMPARE(cases.get(safety->caseId)->flags.size(), 1);
    }

    void anOpenCaseHoldsItsCallsAndClosingReleasesThem()
    {
        Cases cases(*m_cache);
        const QString first = m_allCalls.at(5);
        const QString added = m_allCalls.at(6);
        auto c = cases.create({QStringLiteral("complaint"), QStringLiteral("CMP-2026-0142"), {}, {first}, {}});
        QVERIFY2(c, qPrintable(c.errorMessage()));
        QVERIFY(cases.addCall(c->caseId, added).ok());
        QVERIFY(cases.addNote(QStringLiteral("CMP-2026-0142"), QStringLiteral("Called back, left a message")).ok());
        auto held = Holds(*m_cache).holdsOn(added);
        QVERIFY(held && held->contains(c->holdId));
        auto preview = Retention(*m_cache).preview(farFuture());
        QVERIFY(preview);
        // Retention in the far future: every call is due, the case's are kept.
        auto run = Retention(*m_cache).run(farFuture());
        QVERIFY2(run, qPrintable(run.errorMessage()));
        QVERIFY(isCached(first));
        QVERIFY(isCached(added));
        auto reopened = cases.get(c->caseId);
        QCOMPARE(reopened->notes.size(), 1);
        QCOMPARE(reopened->notes.constFirst().text, QStringLiteral("Called back, left a message"));

        // The case's hold goes with the case, not on its own: listed with the case that owns it.
        bool owned = false;
        const auto open = Holds(*m_cache).list();
        QVERIFY(open);
        for (const Hold& h : open.value()) {
            owned = owned || (h.holdId == c->holdId && h.owner == Hold::Owner::Case && !h.ownerRef.isEmpty());
        }
        QVERIFY(owned);
        auto alone = Holds(*m_cache).release(c->holdId, QStringLiteral("tidying up"));
        QVERIFY(!alone && alone.errorMessage().contains(QLatin1String("case close")));
        QVERIFY(!cases.close(c->caseId, QStringLiteral(" ")).ok());
        QVERIFY(cases.close(c->caseId, QStringLiteral("Complaint upheld, apology sent")).ok());
        auto closed = cases.get(c->caseId);
        QVERIFY(!closed->isOpen());
        QCOMPARE(closed->closeReason, QStringLiteral("Complaint upheld, apology sent"));
        auto holds = Holds(*m_cache).list(true);
        bool released = false;
        for (const Hold& h : holds.value()) {
            if (h.holdId == c->holdId) {
                released = !h.isOpen() && h.releaseReason.contains(QLatin1String("apology sent"));
            }
        }
        QVERIFY(released);
        QVERIFY(!cases.addCall(c->caseId, m_allCalls.at(7)).ok());
        // Released: the next run destroys them; the case remembers their ids.
        QVERIFY(Retention(*m_cache).run(farFuture()));
        QVERIFY(!isCached(first));
        QCOMPARE(cases.get(c->caseId)->callIds.size(), 2);
        // The safety case still holds its call.
        QVERIFY(isCached(m_allCalls.at(9)));
    }

    void theAuditLogFindsEverythingAboutACaseByItsReference()
    {
        auto c = Cases(*m_cache).get(QStringLiteral("CMP-2026-0142"));
        QVERIFY2(c, qPrintable(c.errorMessage()));
        CaseAuditTrail trail(*m_cache);
        const auto actionsFor = [&](const QString& subject) {
            QStringList actions;
            auto page = trail.read({}, subject, 500);
            if (!page) {
                return QStringList {QStringLiteral("error: ") + page.errorMessage()};
            }
            for (const AuditEntry& e : page.value().entries) {
                actions << e.action;
            }
            return actions;
        };
        // By reference or id alike: the case's own entries, its calls being added (about the call, naming the
        // case), its hold placed and released on each call (naming the hold).
        const QStringList byReference = actionsFor(QStringLiteral(" CMP-2026-0142 "));
        QCOMPARE(actionsFor(c->caseId), byReference);
        const QStringList expected {QStringLiteral("case.create"), QStringLiteral("case.add-call"),
            QStringLiteral("case.note"), QStringLiteral("case.close"), QStringLiteral("hold.place"),
            QStringLiteral("hold.release")};
        for (const QString& a : expected) {
            QVERIFY2(byReference.contains(a), qPrintable(a));
        }
        QCOMPARE(byReference.count(QStringLiteral("hold.place")), 2);
        // Nothing of the other calls or cases: no call opened, no safety flag, no retention run.
        auto page = trail.read({}, QStringLiteral("CMP-2026-0142"), 500);
        QVERIFY2(page, qPrintable(page.errorMessage()));
        const QStringList ids {c->caseId, c->holdId};
        for (const AuditEntry& e : page.value().entries) {
            QVERIFY2(ids.contains(e.subject) || ids.contains(e.detail), qPrintable(e.action + u' ' + e.subject));
        }
        // A hold's id finds its entries too; a call's id the entries about the call; anything else nothing.
        QCOMPARE(actionsFor(c->holdId).count(QStringLiteral("hold.place")), 2);
        const QStringList ofCall = actionsFor(c->callIds.constFirst());
        QVERIFY(ofCall.contains(QStringLiteral("hold.place")) && ofCall.contains(QStringLiteral("destroy")));
        QVERIFY(!ofCall.contains(QStringLiteral("case.create")));
        QVERIFY(actionsFor(QStringLiteral("CMP-2099-0001")).isEmpty());
        // However the ids and the reference are typed.
        QCOMPARE(actionsFor(QStringLiteral("cmp-2026-0142")), byReference);
        QCOMPARE(actionsFor(c->caseId.toLower()), byReference);
        QCOMPARE(actionsFor(c->holdId.toUpper()), actionsFor(c->holdId));
        QCOMPARE(actionsFor(c->callIds.constFirst().toLower()), ofCall);
        QVERIFY(actionsFor(QString()).size() > byReference.size());
    }
};

QTEST_GUILESS_MAIN(TestCases)
#include "TestCases.moc"
