#include "DemoCache.h"
#include "TestSupport.h"
#include "cache/AuditLog.h"
#include "demo/DemoScript.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;

// earmark-cli transcript show, import and history on a synced demo cache, run as a process: corrections and typed
// transcripts as revisions, usage errors with the way out.
class TestCliTranscript : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cliShowsHistoryAndImports()
    {
        QTemporaryDir dir;
        Test::DemoCache demo;
        const QString error = demo.makeCache(dir.path(), 6); // demo-store, then sync
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QString with;
        QString without;
        for (int i = 0; i < 6; ++i) {
            const Demo::CallPlan p = Demo::planCall(i, 1, 14);
            (p.hasTranscript ? with : without) = p.callId;
        }
        QVERIFY(!with.isEmpty() && !without.isEmpty()); // call 4 never has one
        const auto cli = [&](const QStringList& args) { return demo.cli(args); };

        // A corrected JSON transcript (say from a transcription service) becomes revision 1; the original stays.
        auto r = cli({QStringLiteral("transcript"), QStringLiteral("show"), with, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QByteArray corrected = QByteArray(r.out).replace("Fieldline Research", "Fieldline Research Ltd");
        QVERIFY(corrected != r.out);
        Test::writeFile(dir.filePath(QStringLiteral("t.json")), corrected);
        r = cli({QStringLiteral("transcript"), QStringLiteral("import"), with, dir.filePath(QStringLiteral("t.json"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("revision 1"));
        r = cli({QStringLiteral("transcript"), QStringLiteral("history"), with});
        QVERIFY(r.out.contains("0  provider"));
        QVERIFY2(r.out.contains(QStringLiteral("1  %1  ").arg(AuditLog::currentActor()).toUtf8()), r.out.constData());
        QVERIFY(r.out.contains("Whole transcript imported (provider-asr)"));
        QVERIFY(cli({QStringLiteral("transcript"), QStringLiteral("show"), with}).out.contains("Research Ltd"));
        QVERIFY(!cli({QStringLiteral("transcript"), QStringLiteral("show"), with, QStringLiteral("--revision"),
                         QStringLiteral("0")})
                     .out.contains("Research Ltd"));
        QVERIFY(cli({QStringLiteral("search"), QStringLiteral("Ltd")}).out.contains(with.toUtf8()));

        // A typed transcript for the call without one; a typing error is named with its line and stores nothing.
        Test::writeFile(dir.filePath(QStringLiteral("bad.txt")), "[0:01.0] Agent: hello\n[0:00.5] R: hi\n");
        r = cli(
            {QStringLiteral("transcript"), QStringLiteral("import"), without, dir.filePath(QStringLiteral("bad.txt"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("Line 2"), r.err.constData());
        Test::writeFile(dir.filePath(QStringLiteral("typed.txt")), "[0:01.0] Agent: hello\n[0:02.5] R: hi there\n");
        r = cli({QStringLiteral("transcript"), QStringLiteral("import"), without,
            dir.filePath(QStringLiteral("typed.txt"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({QStringLiteral("transcript"), QStringLiteral("show"), without});
        QCOMPARE(r.out, QByteArray("[0:01.0] Agent: hello\n[0:02.5] Respondent: hi there\n"));
        // Usage errors exit 1 with the way out.
        r = cli({QStringLiteral("transcript"), QStringLiteral("frob"), without});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("transcript show CALL_ID"));
        QCOMPARE(cli({QStringLiteral("verify")}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestCliTranscript)
#include "TestCliTranscript.moc"
