#include "TestSupport.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <csignal>

using namespace Earmark;

// The real earmark-cli, as a script or an administrator uses it: exit statuses, output formats, a process killed
// mid-sync, and no personal data anywhere on disk after a full sync with audio.
class TestCliProcess : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QString m_store;

    QStringList cache(const QString& name) const { return {QStringLiteral("--cache"), m_root.filePath(name)}; }

    // Personal values of the store: numbers in every written form, respondent names, transcript text.
    QList<QByteArray> personalNeedles() const
    {
        QSet<QByteArray> needles;
        QDirIterator it(m_store, {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QJsonObject o = QJsonDocument::fromJson(Test::readFile(path)).object();
            if (path.endsWith(QLatin1String(".transcript.json"))) {
                for (const auto& seg : o.value(QStringLiteral("segments")).toArray()) {
                    const QString text = seg.toObject().value(QStringLiteral("text")).toString();
                    needles.insert(text.toUtf8());
                    for (const QString& w : text.split(QLatin1Char(' '))) {
                        if (w.size() >= 9) {
                            needles.insert(w.toUtf8());
                        }
                    }
                }
                continue;
            }
            const QJsonObject r = o.value(QStringLiteral("respondent")).toObject();
            const QString phone = r.value(QStringLiteral("phone_e164")).toString();
            if (!phone.isEmpty()) {
                needles.insert(phone.toUtf8());
                needles.insert(phone.mid(1).toUtf8());
                needles.insert(QByteArray("0") + phone.mid(3).toUtf8());
                needles.insert(phone.mid(3).toUtf8());
            }
            const QString name = r.value(QStringLiteral("name")).toString();
            if (!name.isEmpty()) {
                needles.insert(name.toUtf8());
                needles.insert(name.section(QLatin1Char(' '), -1).toUtf8());
            }
        }
        needles.remove(QByteArray());
        return QList<QByteArray>(needles.begin(), needles.end());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_store = m_root.filePath(QStringLiteral("store"));
        auto r = Test::runCli({QStringLiteral("demo-store"), QStringLiteral("--out"), m_store});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void twoProcessesCreatingOneCacheBothSucceed()
    {
        // A window started twice, or a cron sync beside it, on a cache that does not exist yet: one makes it, the
        // other waits for it and opens the same cache; nothing is lost.
        const QString pass = m_root.filePath(QStringLiteral("race-pass"));
        Test::writeFile(pass, "walrus pinecone tundra lilac 64\n");
        QFile::setPermissions(pass, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        const QStringList base {QStringLiteral("--cache"), m_root.filePath(QStringLiteral("race")),
            QStringLiteral("--passphrase-file"), pass};
        QProcess first;
        QProcess second;
        for (QProcess* p : {&first, &second}) {
            p->setStandardInputFile(QProcess::nullDevice());
            p->start(Test::binaryPath(QStringLiteral("earmark-cli")),
                base + QStringList {QStringLiteral("sync"), QStringLiteral("--store"), m_store});
        }
        for (QProcess* p : {&first, &second}) {
            QVERIFY(p->waitForFinished(180000));
            QVERIFY2(
                p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0, p->readAllStandardError().constData());
        }
        auto list = Test::runCli(base + QStringList {QStringLiteral("calls"), QStringLiteral("--json")});
        QVERIFY2(list.exitCode == 0, list.err.constData());
        QCOMPARE(QJsonDocument::fromJson(list.out).array().size(), 60);
        auto verify = Test::runCli(base + QStringList {QStringLiteral("verify")});
        QVERIFY2(verify.exitCode == 0, verify.err.constData());
        QVERIFY(!QFile::exists(m_root.filePath(QStringLiteral("race/.creating.lock"))));
    }

    void syncReportsJsonAndExitStatus()
    {
        auto r = Test::runCli(cache(QStringLiteral("json"))
            + QStringList {QStringLiteral("sync"), QStringLiteral("--store"), m_store, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("imported")).toInt(), 60);
        for (const char* k : {"updated", "unchanged", "erased"}) {
            QVERIFY(o.contains(QLatin1String(k)));
        }
        QVERIFY(o.value(QStringLiteral("rejected")).toArray().isEmpty());

        // A store with a bad item: exit 2, the item and its reason in the report.
        const QString bad = m_root.filePath(QStringLiteral("bad-store"));
        QVERIFY(Test::run(QStringLiteral("cp"), {QStringLiteral("-a"), m_store, bad}).exitCode == 0);
        Test::writeFile(bad + QStringLiteral("/v1/2026/11/20/C-broken.json"), "{ not json");
        r = Test::runCli(cache(QStringLiteral("json"))
            + QStringList {QStringLiteral("sync"), QStringLiteral("--store"), bad, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 2);
        const QJsonArray rejected = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("rejected")).toArray();
        QCOMPARE(rejected.size(), 1);
        QCOMPARE(rejected.at(0).toObject().value(QStringLiteral("item")).toString(),
            QStringLiteral("v1/2026/11/20/C-broken.json"));
        QVERIFY(rejected.at(0)
                    .toObject()
                    .value(QStringLiteral("reason"))
                    .toString()
                    .contains(QLatin1String("malformed JSON")));
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("unchanged")).toInt(), 60);
    }

    void callsListsNewestFirstAndFinds()
    {
        auto r = Test::runCli(
            cache(QStringLiteral("json")) + QStringList {QStringLiteral("calls"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray calls = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(calls.size(), 60);
        for (int i = 1; i < calls.size(); ++i) {
            QVERIFY(calls.at(i - 1).toObject().value(QStringLiteral("start_utc")).toString()
                >= calls.at(i).toObject().value(QStringLiteral("start_utc")).toString());
        }
        for (const char* k : {"call_id", "start_utc", "duration_s", "agent_id"}) {
            QVERIFY(calls.at(0).toObject().contains(QLatin1String(k)));
        }
        QVERIFY(!r.out.contains("+447700")); // no personal data in listings
        // The text listing says what the window says: whole seconds cut as the player's clock cuts them, and the
        // researcher's name beside the id.
        auto text = Test::runCli(cache(QStringLiteral("json")) + QStringList {QStringLiteral("calls")});
        QVERIFY2(text.exitCode == 0, text.err.constData());
        const QStringList lines = QString::fromUtf8(text.out).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 60);
        bool sawFraction = false;
        for (int i = 0; i < calls.size(); ++i) {
            const QJsonObject c = calls.at(i).toObject();
            const int s = int(c.value(QStringLiteral("duration_s")).toDouble());
            sawFraction |= c.value(QStringLiteral("duration_s")).toDouble() - s >= 0.5;
            const QString shown = QStringLiteral("  %1:%2  ").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
            QVERIFY2(lines.at(i).contains(shown), qPrintable(lines.at(i) + QStringLiteral(" lacks") + shown));
            const QString name = c.value(QStringLiteral("agent_name")).toString();
            QVERIFY(!name.isEmpty());
            QVERIFY2(lines.at(i).contains(
                         QStringLiteral("  %1 (%2)  ").arg(name, c.value(QStringLiteral("agent_id")).toString())),
                qPrintable(lines.at(i)));
        }
        QVERIFY(sawFraction); // a length the two roundings would have shown differently
        const QString agent = calls.at(0).toObject().value(QStringLiteral("agent_id")).toString();
        r = Test::runCli(cache(QStringLiteral("json"))
            + QStringList {QStringLiteral("calls"), QStringLiteral("--agent"), agent, QStringLiteral("--from"),
                QStringLiteral("2026-11-10"), QStringLiteral("--to"), QStringLiteral("2026-11-20"),
                QStringLiteral("--json")});
        for (const auto& c : QJsonDocument::fromJson(r.out).array()) {
            QCOMPARE(c.toObject().value(QStringLiteral("agent_id")).toString(), agent);
            QVERIFY(c.toObject().value(QStringLiteral("start_utc")).toString() >= QLatin1String("2026-11-10"));
        }
        r = Test::runCli(cache(QStringLiteral("json"))
            + QStringList {QStringLiteral("calls"), QStringLiteral("--from"), QStringLiteral("14/03/2026")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.startsWith("earmark-cli: --from takes a date as YYYY-MM-DD"));
    }

    void usageErrorsAreOneClearLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no command") << QStringList {} << "no command given";
        QTest::newRow("unknown command") << QStringList {QStringLiteral("frobnicate")} << "unknown command";
        QTest::newRow("sync without store") << QStringList {QStringLiteral("sync")} << "--store";
        QTest::newRow("bad audio mode") << QStringList {QStringLiteral("sync"), QStringLiteral("--store"),
            QStringLiteral("x"), QStringLiteral("--audio"), QStringLiteral("some")}
                                        << "none or all";
        QTest::newRow("store is not a store") << QStringList {QStringLiteral("sync"), QStringLiteral("--store"),
            QStringLiteral("/nonexistent")} << "not a folder";
        QTest::newRow("export without out")
            << QStringList {QStringLiteral("export-audio"), QStringLiteral("C-1")} << "--out FILE";
        QTest::newRow("bad phone") << QStringList {QStringLiteral("calls"), QStringLiteral("--phone"),
            QStringLiteral("banana")}
                                   << "is not a phone number";
        QTest::newRow("unknown call") << QStringList {QStringLiteral("export-audio"), QStringLiteral("C-nope"),
            QStringLiteral("--out"), QStringLiteral("/tmp/x.wav")}
                                      << "no call C-nope";
        QTest::newRow("demo calls") << QStringList {QStringLiteral("demo-store"), QStringLiteral("--out"),
            QStringLiteral("/tmp/x"), QStringLiteral("--calls"), QStringLiteral("many")}
                                    << "whole number";
    }

    void usageErrorsAreOneClearLine()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        auto r = Test::runCli(cache(QStringLiteral("json")) + args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!r.crashed);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.startsWith("earmark-cli: ") && r.err.contains(expected.toUtf8()), r.err.constData());
    }

    void eachCommandGivesItsUsageOnHelp()
    {
        // Before any cache is opened (none exists here), exit 0, the command's own synopsis.
        for (const QString& command : {QStringLiteral("roles"), QStringLiteral("hold"), QStringLiteral("dsar")}) {
            auto r = Test::runCli({QStringLiteral("--cache"), QStringLiteral("/nonexistent/earmark-help"), command,
                QStringLiteral("--help")});
            QCOMPARE(r.exitCode, 0);
            QVERIFY2(
                r.out.startsWith(QByteArray(QByteArray("Usage: earmark-cli ") + command.toUtf8())), r.out.constData());
            QVERIFY(r.err.isEmpty());
        }
    }

    void passphraseModeThroughOptionsAndEnvironment()
    {
        const QString dir = m_root.filePath(QStringLiteral("pass"));
        QDir().mkpath(dir);
        const QString weak = dir + QStringLiteral("/weak");
        const QString strong = dir + QStringLiteral("/strong");
        const QString wrong = dir + QStringLiteral("/wrong");
        Test::writeFile(weak, "letmein123\n");
        Test::writeFile(strong, "quokka lantern basalt ripple 77\n");
        Test::writeFile(wrong, "quokka lantern basalt ripple 78\n");
        const QString cacheDir = dir + QStringLiteral("/cache");
        const QStringList syncArgs {QStringLiteral("sync"), QStringLiteral("--store"), m_store};

        auto r = Test::runCli(
            QStringList {QStringLiteral("--cache"), cacheDir, QStringLiteral("--passphrase-file"), weak} + syncArgs);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("too easy to guess"), r.err.constData());
        QVERIFY(!QFile::exists(cacheDir + QStringLiteral("/keyinfo.json")));

        // EARMARK_CACHE and EARMARK_PASSPHRASE_FILE stand for the options.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("EARMARK_CACHE"), cacheDir);
        env.insert(QStringLiteral("EARMARK_PASSPHRASE_FILE"), strong);
        r = Test::runCli(syncArgs, env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QByteArray info = Test::readFile(cacheDir + QStringLiteral("/keyinfo.json"));
        const QByteArray db = Test::readFile(cacheDir + QStringLiteral("/earmark.db"));
        QVERIFY(!info.contains("quokka"));

        env.insert(QStringLiteral("EARMARK_PASSPHRASE_FILE"), wrong);
        r = Test::runCli({QStringLiteral("calls")}, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("Wrong passphrase") && r.err.contains("Nothing was changed"), r.err.constData());
        QCOMPARE(Test::readFile(cacheDir + QStringLiteral("/keyinfo.json")), info);
        QCOMPARE(Test::readFile(cacheDir + QStringLiteral("/earmark.db")), db);

        env.remove(QStringLiteral("EARMARK_PASSPHRASE_FILE"));
        r = Test::runCli({QStringLiteral("calls")}, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("protected by a passphrase"), r.err.constData());

        r = Test::runCli(
            {QStringLiteral("--passphrase-file"), strong, QStringLiteral("calls"), QStringLiteral("--json")}, env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 60);
        QVERIFY(!r.out.contains("quokka") && !r.err.contains("quokka"));
    }

    void aTerminalGetsAProgressLine()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("script")).isEmpty()) {
            QSKIP("util-linux script is not installed");
        }
        const QString cmd = Test::binaryPath(QStringLiteral("earmark-cli")) + QStringLiteral(" --cache ")
            + m_root.filePath(QStringLiteral("tty")) + QStringLiteral(" sync --store ") + m_store;
        auto r = Test::run(QStringLiteral("script"), {QStringLiteral("-qec"), cmd, QStringLiteral("/dev/null")});
        QVERIFY2(r.exitCode == 0, r.out.constData());
        QVERIFY2(r.out.contains("Syncing: ") && r.out.contains("/60 calls"), r.out.constData());
        QVERIFY(r.out.contains("Synced "));
        // Not on a pipe: scripts get the summary only.
        r = Test::runCli({QStringLiteral("--cache"), m_root.filePath(QStringLiteral("tty")), QStringLiteral("sync"),
            QStringLiteral("--store"), m_store});
        QVERIFY(!r.err.contains("Syncing"));
    }

    void exportAudioIsByteIdenticalAndAudited()
    {
        const QJsonArray calls
            = QJsonDocument::fromJson(Test::runCli(cache(QStringLiteral("json"))
                                          + QStringList {QStringLiteral("calls"), QStringLiteral("--json")})
                                          .out)
                  .array();
        const QString id = calls.at(7).toObject().value(QStringLiteral("call_id")).toString();
        QString original;
        QDirIterator it(m_store, {id + QStringLiteral(".*")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString p = it.next();
            if (!p.endsWith(QLatin1String(".json"))) {
                original = p;
            }
        }
        const QString out = m_root.filePath(QStringLiteral("exported.audio"));
        // Not cached yet (metadata-only sync): fetched from the remembered store first.
        auto r = Test::runCli(cache(QStringLiteral("json"))
            + QStringList {QStringLiteral("export-audio"), id, QStringLiteral("--out"), out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(Test::readFile(out), Test::readFile(original));
        r = Test::runCli(cache(QStringLiteral("json")) + QStringList {QStringLiteral("verify")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("audit log of"));
    }

    void everyReadOfPersonalDataIsAudited()
    {
        // Each command that reads or exports personal data leaves an entry naming the OS user and an opaque id, never
        // the number or the words looked for.
        const QStringList c = cache(QStringLiteral("json"));
        const QJsonArray calls = QJsonDocument::fromJson(
            Test::runCli(c + QStringList {QStringLiteral("calls"), QStringLiteral("--json")}).out)
                                     .array();
        QString withTranscript;
        for (const auto& v : calls) {
            if (v.toObject().value(QStringLiteral("has_transcript")).toBool()) {
                withTranscript = v.toObject().value(QStringLiteral("call_id")).toString();
            }
        }
        QVERIFY(!withTranscript.isEmpty());
        QCOMPARE(Test::runCli(c + QStringList {QStringLiteral("transcript"), QStringLiteral("show"), withTranscript})
                     .exitCode,
            0);
        QCOMPARE(Test::runCli(c
                     + QStringList {QStringLiteral("calls"), QStringLiteral("--phone"), QStringLiteral("07700 900123")})
                     .exitCode,
            0);
        QCOMPARE(Test::runCli(c + QStringList {QStringLiteral("search"), QStringLiteral("recorded")}).exitCode, 0);
        QCOMPARE(Test::runCli(c + QStringList {QStringLiteral("report")}).exitCode, 0);
        auto log = Test::runCli(
            c + QStringList {QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--json")});
        QCOMPARE(log.exitCode, 0);
        QSet<QString> actions;
        for (const auto& e : QJsonDocument::fromJson(log.out).object().value(QStringLiteral("entries")).toArray()) {
            actions.insert(e.toObject().value(QStringLiteral("action")).toString());
            if (e.toObject().value(QStringLiteral("action")).toString() == QLatin1String("transcript.read")) {
                QCOMPARE(e.toObject().value(QStringLiteral("subject")).toString(), withTranscript);
            }
        }
        for (const char* a :
            {"transcript.read", "calls.phone-search", "transcript.search", "report.export", "export-audio"}) {
            QVERIFY2(actions.contains(QLatin1String(a)), a);
        }
        QVERIFY(!log.out.contains("900123") && !log.out.contains("recorded"));
        // Bad option combinations are one clear line.
        auto both = Test::runCli(c
            + QStringList {
                QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--json"), QStringLiteral("--csv")});
        QVERIFY(both.exitCode == 1 && both.err.contains("not both"));
        auto noValue = Test::runCli(
            c + QStringList {QStringLiteral("retention"), QStringLiteral("preview"), QStringLiteral("--now")});
        QVERIFY(noValue.exitCode == 1 && !noValue.err.contains("..") && noValue.err.count('\n') == 1);
    }

    void aProcessKilledAtAnyMomentLeavesAUsableCache()
    {
        const QStringList args = cache(QStringLiteral("killed"))
            + QStringList {QStringLiteral("sync"), QStringLiteral("--store"), m_store, QStringLiteral("--audio"),
                QStringLiteral("all")};
        // Kill each run once it has written a few more encrypted files: always in the middle of the work.
        auto blobCount = [&] {
            int n = 0;
            QDirIterator it(m_root.filePath(QStringLiteral("killed/blobs")), QDir::Files | QDir::Hidden,
                QDirIterator::Subdirectories);
            while (it.hasNext()) {
                it.next();
                ++n;
            }
            return n;
        };
        int killedMidway = 0;
        for (int round = 0; round < 5; ++round) {
            const int before = blobCount();
            QProcess p;
            p.setStandardInputFile(QProcess::nullDevice());
            p.start(Test::binaryPath(QStringLiteral("earmark-cli")), args);
            QVERIFY(p.waitForStarted());
            QElapsedTimer waited;
            waited.start();
            while (p.state() == QProcess::Running && blobCount() < before + 3 + 2 * round && waited.elapsed() < 60000) {
                QThread::msleep(2);
            }
            const bool running = p.state() == QProcess::Running;
            ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
            p.waitForFinished();
            killedMidway += running ? 1 : 0;
            // Whatever the moment, the cache opens and verifies.
            auto v = Test::runCli(cache(QStringLiteral("killed")) + QStringList {QStringLiteral("verify")});
            QVERIFY2(v.exitCode == 0,
                qPrintable(QStringLiteral("after kill %1: %2").arg(round).arg(QString::fromUtf8(v.err))));
            auto list = Test::runCli(
                cache(QStringLiteral("killed")) + QStringList {QStringLiteral("calls"), QStringLiteral("--json")});
            QCOMPARE(list.exitCode, 0);
            for (const auto& c : QJsonDocument::fromJson(list.out).array()) {
                // Any call that is visible is whole: its audio is cached (this sync fetches audio with the call).
                QCOMPARE(c.toObject().value(QStringLiteral("audio")).toString(), QStringLiteral("cached"));
            }
        }
        QVERIFY2(killedMidway >= 4, "the kills must land in the middle of a sync to test anything");
        // The next sync finishes the job.
        auto r = Test::runCli(args + QStringList {QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("imported")).toInt() + o.value(QStringLiteral("updated")).toInt()
                + o.value(QStringLiteral("unchanged")).toInt(),
            60);
        auto list = Test::runCli(
            cache(QStringLiteral("killed")) + QStringList {QStringLiteral("calls"), QStringLiteral("--json")});
        const QJsonArray calls = QJsonDocument::fromJson(list.out).array();
        QCOMPARE(calls.size(), 60);
        for (const auto& c : calls) {
            QCOMPARE(c.toObject().value(QStringLiteral("audio")).toString(), QStringLiteral("cached"));
        }
        // No orphan blob survived: one encrypted file per call.
        int blobs = 0;
        QDirIterator it(
            m_root.filePath(QStringLiteral("killed/blobs")), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            ++blobs;
        }
        QCOMPARE(blobs, 60);
        QCOMPARE(Test::runCli(cache(QStringLiteral("killed")) + QStringList {QStringLiteral("verify")}).exitCode, 0);
    }

    void noPersonalDataOnDiskAfterAFullSync()
    {
        const QString tmp = m_root.filePath(QStringLiteral("tmp"));
        QDir().mkpath(tmp);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TMPDIR"), tmp);
        const QStringList base = cache(QStringLiteral("leak"));
        auto r = Test::runCli(base
                + QStringList {QStringLiteral("sync"), QStringLiteral("--store"), m_store, QStringLiteral("--audio"),
                    QStringLiteral("all")},
            env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray calls = QJsonDocument::fromJson(
            Test::runCli(base + QStringList {QStringLiteral("calls"), QStringLiteral("--json")}, env).out)
                                     .array();
        r = Test::runCli(base
                + QStringList {QStringLiteral("export-audio"),
                    calls.at(0).toObject().value(QStringLiteral("call_id")).toString(), QStringLiteral("--out"),
                    m_root.filePath(QStringLiteral("e.wav"))},
            env);
        QCOMPARE(r.exitCode, 0);

        const QList<QByteArray> needles = personalNeedles();
        QVERIFY2(needles.size() > 150, qPrintable(QString::number(needles.size())));
        const QStringList inCache = Test::filesContaining(m_root.filePath(QStringLiteral("leak")), needles);
        QVERIFY2(inCache.isEmpty(), qPrintable(inCache.join(QLatin1Char('\n'))));
        const QStringList inTmp = Test::filesContaining(tmp, needles);
        QVERIFY2(inTmp.isEmpty(), qPrintable(inTmp.join(QLatin1Char('\n'))));
        // No file name in the cache reveals a call id.
        QDirIterator names(
            m_root.filePath(QStringLiteral("leak")), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (names.hasNext()) {
            names.next();
            QVERIFY2(!names.fileName().contains(QLatin1String("C-2026")), qPrintable(names.fileName()));
        }
        const QByteArray db = Test::readFile(m_root.filePath(QStringLiteral("leak/earmark.db")));
        QVERIFY(!db.startsWith("SQLite format 3"));
        // Audio is stored encrypted: no WAV, Opus or FLAC header of the store's files in the cache.
        const QStringList hits
            = Test::filesContaining(m_root.filePath(QStringLiteral("leak/blobs")), Test::audioSignatures());
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestCliProcess)
#include "TestCliProcess.moc"
