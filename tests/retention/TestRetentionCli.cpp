// Retention, holds and erasure notices through earmark-cli, as a cron job and an administrator use them, on a store
// whose calls span three years: dates across the boundary (29 February, a call exactly at the limit), holds placed
// and released, erasure notices for held calls, the period from store.json, and the audit log's actor.
#include "TestSupport.h"

#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <pwd.h>
#include <unistd.h>

using namespace Earmark;

namespace {
// The day the runs apply the rule: tomorrow (a run may not be dated in the past, and the CLI's today may have turned
// over by the time it runs), with the calls at the edge of the period placed from it.
const QDate RunDay = QDateTime::currentDateTimeUtc().date().addDays(1);
QString day(qint64 offset)
{
    return RunDay.addDays(offset).toString(Qt::ISODate);
}
QString start(qint64 daysBeforeRunDay)
{
    return day(-daysBeforeRunDay) + QStringLiteral("T00:00:00Z");
}

// Start times given to the demo store's calls.
const QStringList Starts = {
    QStringLiteral("2023-11-20T09:00:00Z"), // 0: three years old
    QStringLiteral("2024-02-29T00:00:00Z"), // 1: leap day, due exactly at 2026-02-28T00:00
    QStringLiteral("2024-02-28T12:00:00Z"), // 2: due 2026-02-27T12:00
    start(730), // 3: due exactly at the run day's 00:00
    start(729), // 4: due the day after
    start(640), // 5: due 90 days after
    QStringLiteral("2024-06-01T10:00:00Z"), // 6: held
    QStringLiteral("2024-07-01T10:00:00Z"), // 7: held twice, with an erasure notice
};
} // namespace

class TestRetentionCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    QString m_store;
    QStringList m_ids; // index i has Starts[i]
    QString m_hold1;
    QString m_hold2;

    QString cacheDir() const { return m_root.filePath(QStringLiteral("cache")); }
    Test::ProcessResult cli(
        const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
    {
        return Test::runCli(QStringList {QStringLiteral("--cache"), cacheDir()} + args, env);
    }
    QJsonObject json(const QStringList& args)
    {
        auto r = cli(args + QStringList {QStringLiteral("--json")});
        if (r.exitCode != 0) {
            qWarning() << args << r.err;
        }
        return QJsonDocument::fromJson(r.out).object();
    }
    QSet<QString> ids(const QList<int>& indexes) const
    {
        QSet<QString> out;
        for (int i : indexes) {
            out.insert(m_ids.at(i));
        }
        return out;
    }
    static QSet<QString> strings(const QJsonValue& array)
    {
        QSet<QString> out;
        for (const auto& v : array.toArray()) {
            out.insert(v.toString());
        }
        return out;
    }
    QSet<QString> cachedCalls()
    {
        auto r = cli({QStringLiteral("calls"), QStringLiteral("--json")});
        QSet<QString> out;
        for (const auto& v : QJsonDocument::fromJson(r.out).array()) {
            out.insert(v.toObject().value(QStringLiteral("call_id")).toString());
        }
        return out;
    }
    void writeErasure(const QString& id)
    {
        Test::writeFile(m_store + QStringLiteral("/v1/erasures/") + id + QStringLiteral(".json"),
            QStringLiteral("{\"schema\": \"earmark.erasure/1\", \"call_id\": \"%1\", \"erased_utc\": "
                           "\"2026-11-30T09:00:00Z\", \"reason\": \"subject request\"}")
                .arg(id)
                .toUtf8());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_store = m_root.filePath(QStringLiteral("store"));
        auto r = Test::runCli({QStringLiteral("demo-store"), QStringLiteral("--out"), m_store,
            QStringLiteral("--calls"), QString::number(Starts.size()), QStringLiteral("--seed"), QStringLiteral("7")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QStringList sidecars;
        QDirIterator it(
            m_store + QStringLiteral("/v1"), {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString p = it.next();
            if (!p.endsWith(QLatin1String(".transcript.json")) && !p.endsWith(QLatin1String("store.json"))) {
                sidecars << p;
            }
        }
        sidecars.sort();
        QCOMPARE(sidecars.size(), Starts.size());
        for (int i = 0; i < sidecars.size(); ++i) {
            QJsonObject o = QJsonDocument::fromJson(Test::readFile(sidecars.at(i))).object();
            o.insert(QStringLiteral("start_utc"), Starts.at(i));
            Test::writeFile(sidecars.at(i), QJsonDocument(o).toJson());
            m_ids << o.value(QStringLiteral("call_id")).toString();
        }
        auto synced = cli({QStringLiteral("sync"), QStringLiteral("--store"), m_store});
        QVERIFY2(synced.exitCode == 0, synced.err.constData());
        QCOMPARE(cachedCalls().size(), Starts.size());
    }

    void previewAcrossTheBoundary_data()
    {
        QTest::addColumn<QString>("now");
        QTest::addColumn<QList<int>>("due");
        QTest::newRow("the day before the leap-day call's limit") << QStringLiteral("2026-02-27") << QList<int> {0};
        QTest::newRow("leap day + 730 days, exactly at the limit")
            << QStringLiteral("2026-02-28") << QList<int> {0, 1, 2};
        QTest::newRow("the day before a call's limit") << day(-1) << QList<int> {0, 1, 2, 6, 7};
        QTest::newRow("exactly at the limit") << day(0) << QList<int> {0, 1, 2, 3, 6, 7};
        QTest::newRow("a year after") << day(365) << QList<int> {0, 1, 2, 3, 4, 5, 6, 7};
    }

    void previewAcrossTheBoundary()
    {
        QFETCH(QString, now);
        QFETCH(QList<int>, due);
        const QJsonObject o
            = json({QStringLiteral("retention"), QStringLiteral("preview"), QStringLiteral("--now"), now});
        QCOMPARE(o.value(QStringLiteral("retention_days")).toInt(), 730);
        QCOMPARE(strings(o.value(QStringLiteral("due"))), ids(due));
        QVERIFY(o.value(QStringLiteral("held")).toArray().isEmpty());
    }

    void holdsKeepCallsFromRetentionAndErasure()
    {
        m_hold1
            = json({QStringLiteral("hold"), QStringLiteral("add"), m_ids.at(6), m_ids.at(7), QStringLiteral("--reason"),
                       QStringLiteral("complaint evidence"), QStringLiteral("--case"), QStringLiteral("CASE-1")})
                  .value(QStringLiteral("hold_id"))
                  .toString();
        m_hold2 = json({QStringLiteral("hold"), QStringLiteral("add"), m_ids.at(7), QStringLiteral("--reason"),
                           QStringLiteral("staff safety"), QStringLiteral("--case"), QStringLiteral("CASE-2")})
                      .value(QStringLiteral("hold_id"))
                      .toString();
        QVERIFY(
            m_hold1.startsWith(QLatin1String("H-")) && m_hold2.startsWith(QLatin1String("H-")) && m_hold1 != m_hold2);
        // A hold needs a reason and a case, and cached calls.
        QCOMPARE(cli({QStringLiteral("hold"), QStringLiteral("add"), m_ids.at(0), QStringLiteral("--case"),
                         QStringLiteral("X")})
                     .exitCode,
            1);
        auto unknown = cli({QStringLiteral("hold"), QStringLiteral("add"), QStringLiteral("NO-SUCH-CALL"),
            QStringLiteral("--reason"), QStringLiteral("r"), QStringLiteral("--case"), QStringLiteral("X")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains("NO-SUCH-CALL"));

        auto list = cli({QStringLiteral("hold"), QStringLiteral("list"), QStringLiteral("--json")});
        const QJsonArray holds = QJsonDocument::fromJson(list.out).array();
        QCOMPARE(holds.size(), 2);
        QCOMPARE(holds.at(0).toObject().value(QStringLiteral("case")).toString(), QStringLiteral("CASE-1"));
        QCOMPARE(holds.at(0).toObject().value(QStringLiteral("age_days")).toInt(), 0);
        QCOMPARE(holds.at(0).toObject().value(QStringLiteral("released_with")).toString(), QString()); // by hand

        const QJsonObject o
            = json({QStringLiteral("retention"), QStringLiteral("preview"), QStringLiteral("--now"), day(0)});
        QCOMPARE(strings(o.value(QStringLiteral("due"))), ids({0, 1, 2, 3}));
        QSet<QString> held;
        for (const auto& v : o.value(QStringLiteral("held")).toArray()) {
            held.insert(v.toObject().value(QStringLiteral("call_id")).toString() + QLatin1Char('/')
                + v.toObject().value(QStringLiteral("hold_id")).toString());
        }
        QCOMPARE(held,
            (QSet<QString> {m_ids.at(6) + QLatin1Char('/') + m_hold1, m_ids.at(7) + QLatin1Char('/') + m_hold1,
                m_ids.at(7) + QLatin1Char('/') + m_hold2}));

        // Erasure notices: the unheld call goes at once, the held one waits.
        writeErasure(m_ids.at(5));
        writeErasure(m_ids.at(7));
        const QJsonObject synced = json({QStringLiteral("sync"), QStringLiteral("--store"), m_store});
        QCOMPARE(synced.value(QStringLiteral("erased")).toInt(), 1);
        QCOMPARE(synced.value(QStringLiteral("erasures_deferred")).toInt(), 1);
        const QSet<QString> cached = cachedCalls();
        QVERIFY(!cached.contains(m_ids.at(5)));
        QVERIFY(cached.contains(m_ids.at(7)));
        // The conflict is shown to administrators (retention preview, the Holds and retention view) and logged.
        const QJsonObject waiting = json({QStringLiteral("retention"), QStringLiteral("preview")});
        QCOMPARE(strings(waiting.value(QStringLiteral("erasures_waiting"))), ids({7}));
        auto audit = cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--call"), m_ids.at(7),
            QStringLiteral("--json")});
        QVERIFY(audit.out.contains("erase.deferred"));
    }

    void aRunDestroysWhatIsDueAndNotHeld()
    {
        auto past = cli({QStringLiteral("retention"), QStringLiteral("run"), QStringLiteral("--now"),
            QStringLiteral("2026-01-01")});
        QCOMPARE(past.exitCode, 1);
        QVERIFY2(past.err.contains("in the past"), past.err.constData());

        // A copy of the cache made before the run (a backup, a disk image).
        const QString copy = m_root.filePath(QStringLiteral("copy-before-run"));
        Test::copyDir(cacheDir(), copy);
        QVERIFY(QFile::exists(copy + QStringLiteral("/keyinfo.json")));
        const QByteArray keyInfoBefore = Test::readFile(cacheDir() + QStringLiteral("/keyinfo.json"));

        const QJsonObject o
            = json({QStringLiteral("retention"), QStringLiteral("run"), QStringLiteral("--now"), day(0)});
        QCOMPARE(o.value(QStringLiteral("destroyed")).toInt(), 4);
        // Keychain mode: the run replaced the master key, so the copy no longer opens with what the keychain holds.
        QVERIFY(Test::readFile(cacheDir() + QStringLiteral("/keyinfo.json")) != keyInfoBefore);
        const QJsonObject keyInfo
            = QJsonDocument::fromJson(Test::readFile(cacheDir() + QStringLiteral("/keyinfo.json"))).object();
        QVERIFY(!keyInfo.contains(QStringLiteral("pending")) && !keyInfo.contains(QStringLiteral("retired")));
        auto old = Test::runCli({QStringLiteral("--cache"), copy, QStringLiteral("calls")});
        QCOMPARE(old.exitCode, 1);
        QVERIFY2(old.err.contains("keychain has no key"), old.err.constData());
        QCOMPARE(o.value(QStringLiteral("held")).toInt(), 2);
        const QString certificate = o.value(QStringLiteral("certificate")).toString();
        QCOMPARE(cachedCalls(), ids({4, 6, 7}));
        QCOMPARE(cli({QStringLiteral("certificate"), QStringLiteral("verify"), certificate}).exitCode, 0);
        const QJsonObject cert = QJsonDocument::fromJson(Test::readFile(certificate)).object();
        QSet<QString> destroyed;
        for (const auto& v : cert.value(QStringLiteral("destroyed")).toArray()) {
            destroyed.insert(v.toObject().value(QStringLiteral("call_id")).toString());
        }
        QCOMPARE(destroyed, ids({0, 1, 2, 3}));
        // Each with the store file's SHA-256, also for audio never fetched (this cache synced metadata only).
        for (const auto& v : cert.value(QStringLiteral("destroyed")).toArray()) {
            QCOMPARE(v.toObject().value(QStringLiteral("audio_sha256")).toString().size(), 64);
        }
        QSet<QString> held;
        for (const auto& v : cert.value(QStringLiteral("held")).toArray()) {
            held.insert(v.toObject().value(QStringLiteral("call_id")).toString());
            QVERIFY(!v.toObject().value(QStringLiteral("hold_ids")).toArray().isEmpty());
        }
        QCOMPARE(held, ids({6, 7}));
        QVERIFY(cert.value(QStringLiteral("method")).toString().contains(QLatin1String("NIST SP 800-88")));
        // The store still has the sidecars: destroyed calls never come back.
        const QJsonObject again = json({QStringLiteral("sync"), QStringLiteral("--store"), m_store});
        QCOMPARE(again.value(QStringLiteral("imported")).toInt(), 0);
        QCOMPARE(cachedCalls(), ids({4, 6, 7}));
    }

    void aRunThatOnlyFindsHeldCallsIsCertified()
    {
        // Nothing left to destroy, two due calls kept by holds: the certificate says which holds kept them.
        const QJsonObject o
            = json({QStringLiteral("retention"), QStringLiteral("run"), QStringLiteral("--now"), day(0)});
        QCOMPARE(o.value(QStringLiteral("destroyed")).toInt(), 0);
        QCOMPARE(o.value(QStringLiteral("held")).toInt(), 2);
        const QString certificate = o.value(QStringLiteral("certificate")).toString();
        QVERIFY2(QFile::exists(certificate), qPrintable(certificate));
        QCOMPARE(cli({QStringLiteral("certificate"), QStringLiteral("verify"), certificate}).exitCode, 0);
        const QJsonObject cert = QJsonDocument::fromJson(Test::readFile(certificate)).object();
        QCOMPARE(cert.value(QStringLiteral("destroyed")).toArray().size(), 0);
        QCOMPARE(cert.value(QStringLiteral("held")).toArray().size(), 2);
        // Both runs are listed, and a certificate is exported from the cache's own copy for an auditor.
        auto listed = cli({QStringLiteral("certificate"), QStringLiteral("list"), QStringLiteral("--json")});
        const QJsonArray runs = QJsonDocument::fromJson(listed.out).array();
        QVERIFY2(runs.size() >= 2, listed.out.constData());
        const QString runId = cert.value(QStringLiteral("run_id")).toString();
        QVERIFY(!runId.isEmpty());
        const QString out = m_root.filePath(QStringLiteral("for-the-auditor"));
        auto exported
            = cli({QStringLiteral("certificate"), QStringLiteral("export"), runId, QStringLiteral("--out"), out});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        const QString copy = out + QLatin1Char('/') + runId + QStringLiteral(".json");
        QCOMPARE(Test::readFile(copy), Test::readFile(certificate));
        const QString key = QString::fromUtf8(cli({QStringLiteral("audit"), QStringLiteral("key")}).out)
                                .split(QLatin1Char('\n'))
                                .value(1)
                                .trimmed();
        QCOMPARE(
            Test::run(QStringLiteral("minisign"), {QStringLiteral("-Vm"), copy, QStringLiteral("-P"), key}).exitCode,
            0);
        auto unknown = cli({QStringLiteral("certificate"), QStringLiteral("export"), QStringLiteral("R-none"),
            QStringLiteral("--out"), out});
        QVERIFY(unknown.exitCode == 1 && unknown.err.contains("certificate list"));
    }

    void releasingHoldsLetsTheRulesApplyAgain()
    {
        auto noReason = cli({QStringLiteral("hold"), QStringLiteral("release"), m_hold1});
        QCOMPARE(noReason.exitCode, 1);
        auto released = cli({QStringLiteral("hold"), QStringLiteral("release"), m_hold1, QStringLiteral("--reason"),
            QStringLiteral("complaint closed")});
        QVERIFY2(released.exitCode == 0, released.err.constData());
        // Call 6 is due again (next run); call 7 is still held by the second hold, its notice still waits.
        QCOMPARE(cachedCalls(), ids({4, 6, 7}));
        QJsonObject o = json({QStringLiteral("retention"), QStringLiteral("preview"), QStringLiteral("--now"), day(0)});
        QCOMPARE(strings(o.value(QStringLiteral("due"))), ids({6}));
        // The last hold's release applies the waiting erasure notice.
        released = cli({QStringLiteral("hold"), QStringLiteral("release"), m_hold2, QStringLiteral("--reason"),
            QStringLiteral("no further action")});
        QVERIFY2(released.exitCode == 0, released.err.constData());
        QVERIFY(released.out.contains("1 waiting erasure notices applied"));
        QCOMPARE(cachedCalls(), ids({4, 6}));
        auto twice = cli({QStringLiteral("hold"), QStringLiteral("release"), m_hold2, QStringLiteral("--reason"),
            QStringLiteral("x")});
        QCOMPARE(twice.exitCode, 1);
        QVERIFY(twice.err.contains("already released"));
        QVERIFY(
            QJsonDocument::fromJson(cli({QStringLiteral("hold"), QStringLiteral("list"), QStringLiteral("--json")}).out)
                .array()
                .isEmpty());
        o = json({QStringLiteral("retention"), QStringLiteral("run"), QStringLiteral("--now"), day(0)});
        QCOMPARE(o.value(QStringLiteral("destroyed")).toInt(), 1);
        QCOMPARE(cachedCalls(), ids({4}));
        QCOMPARE(cli({QStringLiteral("verify")}).exitCode, 0);
    }

    void thePeriodComesFromTheStore()
    {
        Test::writeFile(m_store + QStringLiteral("/v1/store.json"), "{\"name\": \"Test\", \"retention_days\": 365}\n");
        QCOMPARE(cli({QStringLiteral("sync"), QStringLiteral("--store"), m_store}).exitCode, 0);
        QJsonObject o = json({QStringLiteral("retention"), QStringLiteral("preview"), QStringLiteral("--now"), day(0)});
        QCOMPARE(o.value(QStringLiteral("retention_days")).toInt(), 365);
        QCOMPARE(strings(o.value(QStringLiteral("due"))), ids({4}));
        // A period the cache cannot use is rejected with a reason; the last good one stays.
        Test::writeFile(m_store + QStringLiteral("/v1/store.json"), "{\"retention_days\": \"two years\"}\n");
        auto bad = cli({QStringLiteral("sync"), QStringLiteral("--store"), m_store, QStringLiteral("--json")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.out.contains("v1/store.json") && bad.out.contains("retention_days"));
        o = json({QStringLiteral("retention"), QStringLiteral("preview")});
        QCOMPARE(o.value(QStringLiteral("retention_days")).toInt(), 365);
        // Without the file the default applies.
        QVERIFY(QFile::remove(m_store + QStringLiteral("/v1/store.json")));
        QCOMPARE(cli({QStringLiteral("sync"), QStringLiteral("--store"), m_store}).exitCode, 0);
        QCOMPARE(json({QStringLiteral("retention"), QStringLiteral("preview")})
                     .value(QStringLiteral("retention_days"))
                     .toInt(),
            730);
    }

    void anOlderCacheFolderIsRefusedInKeychainMode()
    {
        // The whole folder copied (database, audit.anchor and keyinfo.json agree with each other), something done
        // that the log records, then the copy put back: the keychain's copy of the checkpoint names a later entry.
        QVERIFY(!QJsonDocument::fromJson(Test::readFile(cacheDir() + QStringLiteral("/keyinfo.json")))
                     .object()
                     .value(QStringLiteral("cache_id"))
                     .toString()
                     .isEmpty());
        QCOMPARE(cli({QStringLiteral("calls")}).exitCode, 0);
        const QString copy = m_root.filePath(QStringLiteral("copy-before-export"));
        Test::copyDir(cacheDir(), copy);
        // The export an attacker would hide by putting the older folder back.
        auto exported = cli({QStringLiteral("export-audio"), m_ids.at(4), QStringLiteral("--out"),
            m_root.filePath(QStringLiteral("exported.audio"))});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        QVERIFY(QDir(cacheDir()).removeRecursively());
        Test::copyDir(copy, cacheDir());
        auto refused = cli({QStringLiteral("calls")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("OS keychain's copy") && refused.err.contains("rolled back")
                && refused.err.contains("audit accept"),
            refused.err.constData());
        auto verified = cli({QStringLiteral("audit"), QStringLiteral("verify")});
        QCOMPARE(verified.exitCode, 1);
        QVERIFY2(verified.out.contains("OS keychain's copy") || verified.err.contains("OS keychain's copy"),
            verified.err.constData());
        // Restored on purpose: an administrator accepts it, and the cache opens again.
        auto accepted = cli({QStringLiteral("audit"), QStringLiteral("accept"), QStringLiteral("--reason"),
            QStringLiteral("restored from backup after a disk failure")});
        QVERIFY2(accepted.exitCode == 0, accepted.err.constData());
        QCOMPARE(cli({QStringLiteral("calls")}).exitCode, 0);
        QCOMPARE(cli({QStringLiteral("audit"), QStringLiteral("verify")}).exitCode, 0);
    }

    void theActorIsTheOsUserNotTheEnvironment()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("USER"), QStringLiteral("mallory"));
        env.insert(QStringLiteral("LOGNAME"), QStringLiteral("mallory"));
        auto placed = cli({QStringLiteral("hold"), QStringLiteral("add"), m_ids.at(4), QStringLiteral("--reason"),
                              QStringLiteral("r"), QStringLiteral("--case"), QStringLiteral("C")},
            env);
        QCOMPARE(placed.exitCode, 0);
        auto exported = cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--call"), m_ids.at(4),
            QStringLiteral("--json")});
        const QJsonArray entries
            = QJsonDocument::fromJson(exported.out).object().value(QStringLiteral("entries")).toArray();
        QVERIFY(!entries.isEmpty());
        const QString me = QString::fromLocal8Bit(getpwuid(geteuid())->pw_name);
        for (const auto& e : entries) {
            QCOMPARE(e.toObject().value(QStringLiteral("actor")).toString(), me);
        }
        QVERIFY(!exported.out.contains("mallory"));
    }
};

QTEST_GUILESS_MAIN(TestRetentionCli)
#include "TestRetentionCli.moc"
