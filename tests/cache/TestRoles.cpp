// Roles at the core: each role against each action, through the services the window and earmark-cli call (not the
// buttons). An action a role may not do is refused with a message naming the roles that may, and the refusal is in
// the audit log; an allowed one is not refused. Also: the first user becomes administrator, the last administrator
// cannot be revoked, assignments and revocations are audited.
#include "DemoCache.h"
#include "DemoMaster.h"
#include "browse/CallMediaLoader.h"
#include "cache/AuditTrail.h"
#include "cache/Cache.h"
#include "cache/Statement.h"
#include "cache/TranscriptIndex.h"
#include "cases/Cases.h"
#include "cases/EvidencePack.h"
#include "cases/SafetyFlags.h"
#include "quality/EvaluationRepository.h"
#include "quality/Reports.h"
#include "redaction/AudioRedactor.h"
#include "redaction/RedactionReviews.h"
#include "requests/Requests.h"
#include "retention/Holds.h"
#include "retention/Retention.h"
#include "sync/SyncRunner.h"
#include "training/ScenarioLibrary.h"
#include "transcript/TranscriptCorrections.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

using namespace Earmark;

namespace {
struct Action
{
    const char* name;
    Permission permission;
    std::function<Status(Cache&)> run;
};
} // namespace

class TestRoles : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    Test::DemoCache m_demo;
    std::unique_ptr<Cache> m_cache;
    QString m_call; // a call with a transcript
    QString m_user;
    int m_serial = 0;

    // Sets the acting user's roles as an administrator would have (the table, then a re-read).
    void actAs(const QList<Role>& roles)
    {
        Database& db = m_cache->database();
        QVERIFY(db.exec(QStringLiteral("DELETE FROM user_roles WHERE user_name = '%1'").arg(m_user)).ok());
        for (Role r : roles) {
            auto s = db.prepare(QStringLiteral(
                "INSERT INTO user_roles(user_name, role, granted_by, granted_utc) VALUES (?, ?, 'test', 0)"));
            QVERIFY(s.ok());
            s->bind(1, m_user).bind(2, Roles::name(r));
            QVERIFY(s->run().ok());
        }
        QVERIFY(m_cache->roles().read().ok());
    }

    QList<Action> actions()
    {
        const QString call = m_call;
        const QString dir = m_root.path();
        const auto serial = [this] { return QString::number(++m_serial); };
        const auto status = [](const auto& result) { return result ? Status {} : Status(result.error()); };
        return {
            {"sync", Permission::Sync, [=](Cache& c) { return status(SyncRunner(c).run(SyncRequest {})); }},
            {"play original", Permission::PlayOriginal,
                [=](Cache& c) {
                    const CallMedia m = CallMediaLoader(c).load(call);
                    return m.error.isEmpty() ? Status {} : Status(makeError(m.error));
                }},
            {"read transcript", Permission::PlayOriginal,
                [=](Cache& c) { return status(TranscriptCorrections(c).load(call)); }},
            {"search words", Permission::PlayOriginal,
                [=](Cache& c) { return status(TranscriptIndex(c).search(QStringLiteral("survey"), 5)); }},
            {"correct transcript", Permission::CorrectTranscripts,
                [=](Cache& c) -> Status {
                    int revision = 0;
                    QString text;
                    {
                        const Roles::Scope inside(c.roles()); // reading it first is another permission
                        auto h = TranscriptCorrections(c).load(call);
                        if (!h || !h->current) {
                            return h ? Status(makeError(QStringLiteral("no transcript"))) : Status(h.error());
                        }
                        revision = h->revision;
                        text = h->current->segments.constFirst().text;
                    }
                    return status(TranscriptCorrections(c).correctSegment(
                        call, revision, 0, QStringLiteral("agent"), text + QStringLiteral(" (checked)")));
                }},
            {"evaluations", Permission::Evaluate,
                [=](Cache& c) { return status(EvaluationRepository(c).forCall(call)); }},
            {"reports", Permission::Reports,
                [=](Cache& c) { return status(Reports(c).summary(ReportFilter {}, ReportGrouping::Agent)); }},
            {"anonymised view", Permission::AnonymisedView,
                [=](Cache& c) { return status(AudioRedactor(c).redact(call, false)); }},
            {"redaction review", Permission::ReviewRedactions,
                [=](Cache& c) { return status(RedactionReviews(c).load(call)); }},
            {"scenario library", Permission::Scenarios, [=](Cache& c) { return status(ScenarioLibrary(c).list()); }},
            {"cases", Permission::ManageCases, [=](Cache& c) { return status(Cases(c).list()); }},
            {"open a case", Permission::ManageCases,
                [=](Cache& c) {
                    return status(Cases(c).create(
                        NewCase {QStringLiteral("query"), QStringLiteral("Q-") + serial(), {}, {call}, {}}));
                }},
            {"flag a moment", Permission::FlagSafety,
                [=](Cache& c) {
                    return status(
                        SafetyFlags(c).flag(call, 1500, QStringLiteral("abusive"), QStringLiteral("shouting")));
                }},
            {"evidence pack", Permission::ExportEvidence,
                [=](Cache& c) -> Status {
                    const QString ref = QStringLiteral("E-") + serial();
                    {
                        const Roles::Scope inside(c.roles()); // opening the case is another permission
                        auto open = Cases(c).create(NewCase {QStringLiteral("complaint"), ref, {}, {call}, {}});
                        if (!open) {
                            return open.error();
                        }
                    }
                    return status(EvidencePack(c).write(ref, dir + QLatin1Char('/') + ref + QStringLiteral(".zip")));
                }},
            {"subject requests", Permission::SubjectRequests, [=](Cache& c) { return status(Requests(c).list(true)); }},
            {"holds", Permission::ManageHolds,
                [=](Cache& c) {
                    return status(Holds(c).place({call}, QStringLiteral("Claim"), QStringLiteral("LEGAL-") + serial()));
                }},
            {"audit log", Permission::ReadAudit,
                [=](Cache& c) { return status(AuditTrail(c).read(AuditFilter {}, 10)); }},
            {"retention by hand", Permission::RunRetention,
                [=](Cache& c) { return status(Retention(c).run(QDateTime::currentSecsSinceEpoch())); }},
            {"redaction-review rule", Permission::ManageKeys,
                [=](Cache& c) { return RedactionReviews(c).setReviewRequired(serial().toInt() % 2 == 0); }},
            {"assign roles", Permission::ManageRoles,
                [=](Cache& c) { return c.roles().assign(QStringLiteral("casey"), Role::Auditor); }},
        };
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = m_demo.makeCache(m_root.filePath(QStringLiteral("demo")), 4);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        auto cache = Cache::open(CacheFolder(m_demo.cache), Test::passphraseMaster(m_demo), false);
        QVERIFY2(cache, qPrintable(cache.errorMessage()));
        m_cache = std::move(cache.value());
        m_user = AuditLog::currentActor();
        auto calls = m_cache->calls().query(CallQuery {});
        QVERIFY(calls.ok());
        for (const CallRecord& c : calls.value()) {
            if (c.hasTranscript) {
                m_call = c.callId;
            }
        }
        QVERIFY(!m_call.isEmpty());
    }

    void theFirstUserIsTheAdministrator()
    {
        QCOMPARE(m_cache->roles().current(), QSet<Role> {Role::Administrator});
        auto s = m_cache->database().prepare(QStringLiteral("SELECT user_name, role, granted_by FROM user_roles"));
        QVERIFY(s.ok());
        auto row = s->step();
        QVERIFY(row.ok() && row.value());
        QCOMPARE(s->text(0), m_user);
        QCOMPARE(s->text(1), QStringLiteral("administrator"));
        QCOMPARE(s->text(2), m_user);
        auto more = s->step();
        QVERIFY(more.ok() && !more.value());
    }

    void eachRoleAgainstEachAction_data()
    {
        QTest::addColumn<int>("role");
        for (Role r : Roles::all()) {
            QTest::newRow(qPrintable(Roles::name(r))) << int(r);
        }
    }

    void eachRoleAgainstEachAction()
    {
        QFETCH(int, role);
        const Role r = Role(role);
        actAs({r});
        for (const Action& a : actions()) {
            const bool allowed = Roles::allowedRoles(a.permission).contains(r);
            auto before = m_cache->audit().entries(AuditFilter {0, 0, {}, {}, QStringLiteral("access.refused"), 0});
            QVERIFY(before.ok());
            const Status st = a.run(*m_cache);
            const QString message = st ? QString() : st.errorMessage();
            const bool refused = message.startsWith(QLatin1String("Refused:"));
            QVERIFY2(refused == !allowed,
                qPrintable(QStringLiteral("%1 as %2: %3").arg(QLatin1String(a.name), Roles::name(r), message)));
            if (!allowed) {
                QVERIFY2(message.contains(Roles::whoCan(a.permission)), qPrintable(message));
                QVERIFY(message.contains(QStringLiteral("roles assign ") + m_user));
                auto after = m_cache->audit().entries(AuditFilter {0, 0, {}, {}, QStringLiteral("access.refused"), 0});
                QVERIFY(after.ok());
                QCOMPARE(after->size(), before->size() + 1);
                QCOMPARE(after->last().subject, Roles::permissionName(a.permission));
                QCOMPARE(after->last().actor, m_user);
            }
        }
        actAs({Role::Administrator});
    }

    void trainersNeverReachNumbersNamesOrOriginals()
    {
        for (Permission p : {Permission::SeeMaskedNumbers, Permission::SearchByPhone, Permission::RevealNumbers,
                 Permission::PlayOriginal, Permission::ExportOriginalAudio, Permission::ReviewRedactions,
                 Permission::ManageCases, Permission::SubjectRequests}) {
            QVERIFY2(!Roles::allowedRoles(p).contains(Role::Trainer), qPrintable(Roles::permissionName(p)));
        }
        for (Permission p : {Permission::AnonymisedView, Permission::Scenarios}) {
            QVERIFY(Roles::allowedRoles(p).contains(Role::Trainer));
        }
        // The auditor reads the audit log and nothing of the calls.
        for (Permission p : Roles::allPermissions()) {
            QCOMPARE(Roles::allowedRoles(p).contains(Role::Auditor), p == Permission::ReadAudit);
        }
    }

    void aHoldIsReleasedByWhoPlacedItOrAnAdministrator()
    {
        // A legal hold dana placed: a complaint handler may not lift it; the administrator may; one's own, anyone
        // with the holds permission.
        actAs({Role::Administrator});
        auto held = Holds(*m_cache).place({m_call}, QStringLiteral("Claim"), QStringLiteral("LEGAL-7"));
        QVERIFY2(held, qPrintable(held.errorMessage()));
        auto s = m_cache->database().prepare(QStringLiteral("UPDATE holds SET placed_by = 'dana' WHERE hold_id = ?"));
        QVERIFY(s.ok());
        s->bind(1, held.value());
        QVERIFY(s->run().ok());
        actAs({Role::ComplaintHandler});
        auto refused = Holds(*m_cache).release(held.value(), QStringLiteral("done"));
        QVERIFY(!refused);
        QVERIFY2(
            refused.errorMessage().contains(QStringLiteral("was placed by dana")), qPrintable(refused.errorMessage()));
        QVERIFY(refused.errorMessage().contains(QStringLiteral("only dana or an administrator may release it")));
        auto own = Holds(*m_cache).place({m_call}, QStringLiteral("Complaint"), QStringLiteral("CMP-9"));
        QVERIFY2(own, qPrintable(own.errorMessage()));
        QVERIFY(Holds(*m_cache).release(own.value(), QStringLiteral("resolved")));
        actAs({Role::Administrator});
        QVERIFY(Holds(*m_cache).release(held.value(), QStringLiteral("claim settled")));
    }

    void safetyFlagsOnTheWaveformAreForThoseWhoDealWithThem()
    {
        // A supervisor flags a moment; a complaint handler sees it on the call; a trainer is shown none, and asking
        // is not refused (the player asks for every call it opens).
        actAs({Role::Supervisor});
        auto flagged = SafetyFlags(*m_cache).flag(m_call, 4200, QStringLiteral("threatening"), QStringLiteral("x"));
        QVERIFY2(flagged, qPrintable(flagged.errorMessage()));
        auto seen = SafetyFlags(*m_cache).ofCall(m_call);
        QVERIFY(seen && !seen->isEmpty() && seen->constLast().atMs == 4200);
        QCOMPARE(seen->constLast().caseId, flagged->caseId);
        QCOMPARE(seen->constLast().caseReference, flagged->caseReference);
        actAs({Role::ComplaintHandler});
        seen = SafetyFlags(*m_cache).ofCall(m_call);
        QVERIFY(seen && !seen->isEmpty());
        actAs({Role::Trainer});
        const auto refusals = [this] {
            auto e = m_cache->audit().entries(AuditFilter {0, 0, {}, {}, QStringLiteral("access.refused"), 0});
            return e ? int(e->size()) : -1;
        };
        const int before = refusals();
        seen = SafetyFlags(*m_cache).ofCall(m_call);
        QVERIFY(seen && seen->isEmpty());
        QCOMPARE(refusals(), before);
        actAs({Role::Administrator});
    }

    void roleChangesAreAuditedAndTheLastAdministratorStays()
    {
        actAs({Role::Administrator});
        QVERIFY(m_cache->database()
                    .exec(QStringLiteral("DELETE FROM user_roles WHERE user_name <> '%1'").arg(m_user))
                    .ok());
        const Status last = m_cache->roles().revoke(m_user, Role::Administrator);
        QVERIFY(!last);
        QVERIFY2(last.errorMessage().contains(QLatin1String("only administrator")), qPrintable(last.errorMessage()));
        QVERIFY(m_cache->roles().assign(QStringLiteral("dana"), Role::Administrator).ok());
        QVERIFY(m_cache->roles().assign(m_user, Role::ComplaintHandler).ok());
        QVERIFY(m_cache->roles().revoke(m_user, Role::Administrator).ok());
        QCOMPARE(m_cache->roles().current(), QSet<Role> {Role::ComplaintHandler});
        QVERIFY(!m_cache->roles().revoke(QStringLiteral("nobody"), Role::Trainer));
        auto entries = m_cache->audit().entries(AuditFilter {0, 0, {}, m_user, QStringLiteral("roles."), 0});
        QVERIFY(entries.ok());
        QStringList seen;
        for (const AuditEntry& e : entries.value()) {
            seen << e.action + QLatin1Char(' ') + e.subject + QLatin1Char(' ') + e.detail;
        }
        QVERIFY2(seen.contains(QStringLiteral("roles.assign dana administrator")), qPrintable(seen.join(u'\n')));
        QVERIFY(seen.contains(QStringLiteral("roles.revoke %1 administrator").arg(m_user)));
        // Now a complaint handler: assigning roles is refused.
        QVERIFY(m_cache->roles()
                    .assign(QStringLiteral("erin"), Role::Trainer)
                    .errorMessage()
                    .startsWith(QLatin1String("Refused:")));
    }
};

QTEST_GUILESS_MAIN(TestRoles)
#include "TestRoles.moc"
