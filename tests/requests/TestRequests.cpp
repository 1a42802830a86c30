// Subject access requests on a synced demo cache: the requester's calls found by a number typed three ways and held
// while the request is open (also calls synced after it, and through a key rotation), so a retention run keeps them
// and names the request; the identity check starting the month; the extension within the first month; and the
// same through earmark-cli.
#include "DemoCache.h"
#include "DemoMaster.h"
#include "cache/Cache.h"
#include "requests/Requests.h"
#include "retention/Holds.h"
#include "retention/Retention.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;

class TestRequests : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    Test::DemoCache m_demo;
    std::unique_ptr<Cache> m_cache;
    QStringList m_sidecars;
    QStringList m_requesterCalls;

    bool isCached(const QString& callId)
    {
        auto found = m_cache->calls().find(callId);
        return found && found->has_value();
    }

    static qint64 farFuture() { return QDateTime(QDate(2040, 1, 1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch(); }

    void setPhone(int sidecar, const QString& e164)
    {
        QJsonObject o = QJsonDocument::fromJson(Test::readFile(m_sidecars.at(sidecar))).object();
        QJsonObject r = o.value(QStringLiteral("respondent")).toObject();
        r.insert(QStringLiteral("phone_e164"), e164);
        o.insert(QStringLiteral("respondent"), r);
        Test::writeFile(m_sidecars.at(sidecar), QJsonDocument(o).toJson());
    }
    QString callIdOf(int sidecar) const
    {
        return QJsonDocument::fromJson(Test::readFile(m_sidecars.at(sidecar)))
            .object()
            .value(QStringLiteral("call_id"))
            .toString();
    }
    void syncAndReopen()
    {
        m_cache.reset();
        auto synced = m_demo.cli({QStringLiteral("sync"), QStringLiteral("--store"), m_demo.store});
        QVERIFY2(synced.exitCode == 0, synced.err.constData());
        auto cache = Cache::open(CacheFolder(m_demo.cache), Test::passphraseMaster(m_demo), false);
        QVERIFY2(cache, qPrintable(cache.errorMessage()));
        m_cache = std::move(cache.value());
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = m_demo.makeCache(m_root.filePath(QStringLiteral("demo")), 10);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QDirIterator it(m_demo.store + QStringLiteral("/v1"), {QStringLiteral("*.json")}, QDir::Files,
            QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString p = it.next();
            if (!p.endsWith(QLatin1String(".transcript.json")) && !p.endsWith(QLatin1String("store.json"))) {
                m_sidecars << p;
            }
        }
        m_sidecars.sort();
        setPhone(0, QStringLiteral("+447700900533"));
        setPhone(1, QStringLiteral("+447700900533"));
        m_requesterCalls = QStringList {callIdOf(0), callIdOf(1)};
        m_requesterCalls.sort();
        syncAndReopen();
    }

    void theRequestersCallsAreFoundAndHeld_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::newRow("E.164") << "+447700900533";
        QTest::newRow("national") << "07700 900533";
        QTest::newRow("international prefix") << "0044 (0)7700-900533";
    }

    void theRequestersCallsAreFoundAndHeld()
    {
        QFETCH(QString, typed);
        Requests requests(*m_cache);
        NewSubjectRequest n;
        n.phone = typed;
        n.received = QDate(2026, 11, 25);
        n.channel = QStringLiteral("phone");
        auto r = requests.create(n, QDate(2026, 12, 2));
        QVERIFY2(r, qPrintable(r.errorMessage()));
        QCOMPARE(r->callIds, m_requesterCalls);
        QCOMPARE(r->deadline, QDate(2026, 12, 29)); // 25 Dec, a weekend, Boxing Day's substitute
        QCOMPARE(r->status, QStringLiteral("received"));
        QVERIFY(Holds(*m_cache).holdsOn(m_requesterCalls.first())->contains(r->requestId));
        // Listed among the holds (the administrator sees what keeps the calls), owned by the request.
        const auto listed = [&](bool released) {
            const auto all = Holds(*m_cache).list(released);
            for (const Hold& h : all ? all.value() : QList<Hold>()) {
                if (h.holdId == r->requestId) {
                    return std::optional<Hold>(h);
                }
            }
            return std::optional<Hold>();
        };
        auto held = listed(false);
        QVERIFY(held);
        QCOMPARE(held->owner, Hold::Owner::Request);
        QCOMPARE(held->callIds, m_requesterCalls);
        QVERIFY(held->reason.contains(QLatin1String("s.173")));
        QVERIFY(requests.close(r->requestId, QStringLiteral("pack sent by post")).ok());
        QVERIFY(!listed(false));
        auto closed = listed(true);
        QVERIFY(closed && !closed->isOpen() && closed->owner == Hold::Owner::None);
        QVERIFY(!Holds(*m_cache).holdsOn(m_requesterCalls.first())->contains(r->requestId));
    }

    void badRequestsAreExplained()
    {
        Requests requests(*m_cache);
        NewSubjectRequest n;
        n.phone = QStringLiteral("07700 900533");
        n.received = QDate(2026, 12, 3);
        QVERIFY(!requests.create(n, QDate(2026, 12, 2))); // received tomorrow
        n.received = QDate(2026, 12, 1);
        n.channel = QStringLiteral("pigeon");
        auto channel = requests.create(n, QDate(2026, 12, 2));
        QVERIFY(!channel && channel.errorMessage().contains(QLatin1String("in-person")));
        n.channel = QStringLiteral("letter");
        n.phone = QStringLiteral("call me");
        QVERIFY(!requests.create(n, QDate(2026, 12, 2)));
        QVERIFY(!requests.close(QStringLiteral("D-00000000"), QStringLiteral("x")).ok());
    }

    void theIdentityCheckStartsTheMonthAndTheExtensionComesInIt()
    {
        Requests requests(*m_cache);
        NewSubjectRequest n;
        n.phone = QStringLiteral("+447700900533");
        n.received = QDate(2026, 1, 10);
        n.identityPending = true;
        n.identityNote = QStringLiteral("asked for a utility bill");
        auto r = requests.create(n, QDate(2026, 1, 10));
        QVERIFY(r);
        QCOMPARE(r->status, QStringLiteral("identity-pending"));
        QVERIFY(!r->deadline.isValid());
        QVERIFY(!requests.extend(r->requestId, QStringLiteral("complex"), QDate(2026, 1, 12)).ok());
        QVERIFY(!requests.confirmIdentity(r->requestId, QDate(2026, 1, 9), QStringLiteral("before it came")).ok());
        QVERIFY(requests.confirmIdentity(r->requestId, QDate(2026, 1, 31), QStringLiteral("bill seen")).ok());
        QVERIFY(!requests.confirmIdentity(r->requestId, QDate(2026, 2, 5), QStringLiteral("again")).ok());
        QCOMPARE(requests.get(r->requestId)->deadline, QDate(2026, 3, 2)); // 28 February 2026 is a Saturday
        QVERIFY(!requests.extend(r->requestId, QStringLiteral(" "), QDate(2026, 2, 10)).ok());
        QVERIFY(!requests.extend(r->requestId, QStringLiteral("many calls"), QDate(2026, 3, 3)).ok()); // too late
        QVERIFY(requests.extend(r->requestId, QStringLiteral("many calls to review"), QDate(2026, 2, 10)).ok());
        auto extended = requests.get(r->requestId);
        QCOMPARE(extended->status, QStringLiteral("extended"));
        QCOMPARE(extended->deadline, QDate(2026, 4, 30));
        QVERIFY(!requests.extend(r->requestId, QStringLiteral("again"), QDate(2026, 2, 11)).ok());
        QVERIFY(requests.close(r->requestId, QStringLiteral("manifestly unfounded"), true).ok());
        QCOMPARE(requests.get(r->requestId)->status, QStringLiteral("refused"));
    }

    void anIdentityConfirmedLaterKeepsTheDeadlineOfARequestNotWaitingForIt()
    {
        // Identity not asked for when it came: the month runs from the request; confirming it later records who
        // and how, and the deadline stays.
        Requests requests(*m_cache);
        NewSubjectRequest n;
        n.phone = QStringLiteral("+447700900534");
        n.received = QDate(2026, 1, 12);
        auto r = requests.create(n, QDate(2026, 1, 12));
        QVERIFY(r);
        QCOMPARE(r->status, QStringLiteral("received"));
        const QDate due = r->deadline;
        QVERIFY(due.isValid());
        QVERIFY(!r->identityDate.isValid());
        QVERIFY(requests.confirmIdentity(r->requestId, QDate(2026, 1, 20), QStringLiteral("called back")).ok());
        auto confirmed = requests.get(r->requestId);
        QCOMPARE(confirmed->identityDate, QDate(2026, 1, 20));
        QCOMPARE(confirmed->identityNote, QStringLiteral("called back"));
        QCOMPARE(confirmed->deadline, due);
        QCOMPARE(confirmed->status, QStringLiteral("received"));
        auto again = requests.confirmIdentity(r->requestId, QDate(2026, 1, 21), QStringLiteral("again"));
        QVERIFY(!again.ok());
        QVERIFY2(
            again.errorMessage().contains(QLatin1String("confirmed on 2026-01-20")), qPrintable(again.errorMessage()));
        QVERIFY(requests.close(r->requestId, QStringLiteral("sent")).ok());
    }

    void aDeadlineBeyondTheBankHolidayTableIsFlagged()
    {
        // The table covers 2024 to 2027: a month from 10 December 2027 ends in 2028, counted with weekends only.
        Requests requests(*m_cache);
        NewSubjectRequest n;
        n.phone = QStringLiteral("+447700900534");
        n.received = QDate(2027, 12, 10);
        auto late = requests.create(n, QDate(2027, 12, 11));
        QVERIFY2(late, qPrintable(late.errorMessage()));
        QCOMPARE(late->deadline, QDate(2028, 1, 10)); // a Monday
        const QString warning = Requests::deadlineWarning(late.value());
        QVERIFY2(warning.contains(QLatin1String("2024 to 2027")), qPrintable(warning));
        QVERIFY(warning.contains(QLatin1String("weekends only")));
        n.received = QDate(2026, 11, 25);
        auto covered = requests.create(n, QDate(2026, 12, 2));
        QVERIFY(covered);
        QVERIFY(Requests::deadlineWarning(covered.value()).isEmpty());
        QVERIFY(requests.close(late->requestId, QStringLiteral("test")).ok());
        QVERIFY(requests.close(covered->requestId, QStringLiteral("test")).ok());
    }

    void throughEarmarkCli()
    {
        auto created = m_demo.cli({QStringLiteral("dsar"), QStringLiteral("create"), QStringLiteral("--phone"),
            QStringLiteral("07700 900533"), QStringLiteral("--received"), QStringLiteral("2026-11-25"),
            QStringLiteral("--channel"), QStringLiteral("in-person"), QStringLiteral("--ref"),
            QStringLiteral("SAR-2026-17"), QStringLiteral("--json")});
        QVERIFY2(created.exitCode == 0, created.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(created.out).object();
        const QString id = o.value(QStringLiteral("dsar_id")).toString();
        QVERIFY(id.startsWith(QLatin1String("D-")));
        QCOMPARE(o.value(QStringLiteral("deadline")).toString(), QStringLiteral("2026-12-29"));
        auto listed = m_demo.cli({QStringLiteral("dsar"), QStringLiteral("list"), QStringLiteral("--json")});
        const QJsonArray all = QJsonDocument::fromJson(listed.out).array();
        QCOMPARE(all.size(), 1);
        const QJsonObject r = all.first().toObject();
        QCOMPARE(r.value(QStringLiteral("received")).toString(), QStringLiteral("2026-11-25"));
        QCOMPARE(r.value(QStringLiteral("status")).toString(), QStringLiteral("received"));
        QCOMPARE(r.value(QStringLiteral("days_left")).toInt(), int(QDate::currentDate().daysTo(QDate(2026, 12, 29))));
        QCOMPARE(r.value(QStringLiteral("calls")).toArray().size(), 2);
        // Retention names the request as what keeps the calls.
        auto preview = m_demo.cli({QStringLiteral("retention"), QStringLiteral("preview"), QStringLiteral("--now"),
            QStringLiteral("2040-01-01"), QStringLiteral("--json")});
        QVERIFY(preview.out.contains(id.toUtf8()));
        auto noReason = m_demo.cli({QStringLiteral("dsar"), QStringLiteral("extend"), id});
        QVERIFY(noReason.exitCode == 1 && noReason.err.contains("--reason"));
        auto badDate = m_demo.cli({QStringLiteral("dsar"), QStringLiteral("create"), QStringLiteral("--phone"),
            QStringLiteral("07700 900533"), QStringLiteral("--received"), QStringLiteral("25/11/2026")});
        QVERIFY(badDate.exitCode == 1 && badDate.err.contains("YYYY-MM-DD"));
        auto closed = m_demo.cli({QStringLiteral("dsar"), QStringLiteral("close"), QStringLiteral("SAR-2026-17"),
            QStringLiteral("--outcome"), QStringLiteral("pack handed over")});
        QVERIFY2(closed.exitCode == 0, closed.err.constData());
        auto twice = m_demo.cli({QStringLiteral("dsar"), QStringLiteral("create"), QStringLiteral("--phone"),
            QStringLiteral("07700 900533"), QStringLiteral("--received"), QStringLiteral("2026-11-26"),
            QStringLiteral("--ref"), QStringLiteral("SAR-2026-17")});
        QVERIFY(twice.exitCode == 1 && twice.err.contains("already"));
        auto log = m_demo.cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--json")});
        QVERIFY(log.out.contains("request.create") && log.out.contains("request.close") && !log.out.contains("900533"));
    }

    void anErasureNoticeWaitsForTheRequestAndIsAppliedWhenItCloses()
    {
        setPhone(3, QStringLiteral("+447700900777"));
        syncAndReopen();
        NewSubjectRequest n;
        n.phone = QStringLiteral("07700 900777");
        n.received = QDate(2026, 12, 1);
        auto r = Requests(*m_cache).create(n, QDate(2026, 12, 2));
        QVERIFY(r);
        const QString call = callIdOf(3);
        Test::writeFile(m_demo.store + QStringLiteral("/v1/erasures/") + call + QStringLiteral(".json"),
            QStringLiteral("{\"schema\": \"earmark.erasure/1\", \"call_id\": \"%1\", \"erased_utc\": "
                           "\"2026-12-01T09:00:00Z\", \"reason\": \"subject request\"}")
                .arg(call)
                .toUtf8());
        syncAndReopen();
        QVERIFY(isCached(call)); // deferred: the request covers it
        QVERIFY(Requests(*m_cache).close(r->requestId, QStringLiteral("transcript sent")).ok());
        QVERIFY(!isCached(call)); // applied when the request closed
    }

    void anOpenRequestHoldsItsCallsThroughRetentionSyncsAndRotation()
    {
        Requests requests(*m_cache);
        NewSubjectRequest n;
        n.phone = QStringLiteral("07700900533");
        n.received = QDate(2026, 12, 1);
        auto r = requests.create(n, QDate(2026, 12, 2));
        QVERIFY(r);
        // A call of the same number synced after the request is held too.
        setPhone(2, QStringLiteral("+447700900533"));
        syncAndReopen();
        const QString later = callIdOf(2);
        Requests reopened(*m_cache);
        QVERIFY(reopened.get(r->requestId)->callIds.contains(later));
        QVERIFY(m_cache->rotateMaster(SecretKey::random()).ok());
        auto preview = Retention(*m_cache).preview(farFuture());
        QVERIFY(preview);
        QStringList held;
        for (const HeldCall& h : preview->held) {
            if (h.holdIds.contains(r->requestId)) {
                held << h.callId;
            }
        }
        held.sort();
        QStringList expected = m_requesterCalls + QStringList {later};
        expected.sort();
        QCOMPARE(held, expected);
        QVERIFY(Retention(*m_cache).run(farFuture()));
        QVERIFY(isCached(later));
        QVERIFY(isCached(m_requesterCalls.first()));
        QVERIFY(!isCached(callIdOf(5))); // not the requester's: destroyed
        QVERIFY(reopened.close(r->requestId, QStringLiteral("pack sent")).ok());
        QVERIFY(Retention(*m_cache).run(farFuture()));
        QVERIFY(!isCached(later));
    }
};

QTEST_GUILESS_MAIN(TestRequests)
#include "TestRequests.moc"
