// An evidence pack through earmark-cli, as a complaint handler makes it and a recipient checks it: built from the demo
// store, unzipped and verified with the real minisign and sha256sum, its audio byte-identical to the store's file;
// then a changed byte of audio, of the transcript and a removed file fail the standard tools and evidence verify, an
// added file fails evidence verify; the export is in the audit log.
#include "DemoCache.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;

class TestEvidenceCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    Test::DemoCache m_demo;
    QString m_call;
    QString m_zip;
    QString m_key;

    QString storeFile(const QString& callId, const QString& suffix) const
    {
        QDirIterator it(
            m_demo.store + QStringLiteral("/v1"), {callId + suffix}, QDir::Files, QDirIterator::Subdirectories);
        return it.hasNext() ? it.next() : QString();
    }
    QString unzip(const QString& into)
    {
        QDir().mkpath(into);
        auto r = Test::run(QStringLiteral("unzip"), {QStringLiteral("-q"), m_zip, QStringLiteral("-d"), into});
        return r.exitCode == 0 ? into + QStringLiteral("/evidence-CMP-2026-0142") : QString();
    }
    bool standardToolsAccept(const QString& bag)
    {
        auto r = Test::run(QStringLiteral("bash"),
            {QStringLiteral("-c"),
                QStringLiteral("cd '%1' && minisign -Vm tagmanifest-sha256.txt -P '%2' && sha256sum --quiet -c "
                               "tagmanifest-sha256.txt && sha256sum --quiet -c manifest-sha256.txt")
                    .arg(bag, m_key)});
        return r.exitCode == 0;
    }
    Test::ProcessResult verify(const QString& zip)
    {
        return Test::runCli(
            {QStringLiteral("evidence"), QStringLiteral("verify"), zip, QStringLiteral("--key"), m_key});
    }
    QString rezip(const QString& bag, const QString& name)
    {
        const QString out = m_root.filePath(name + QStringLiteral(".zip"));
        auto r = Test::run(QStringLiteral("bash"),
            {QStringLiteral("-c"),
                QStringLiteral("cd '%1/..' && python3 -c \"import shutil,sys; shutil.make_archive(sys.argv[1], 'zip', "
                               "'.', 'evidence-CMP-2026-0142')\" '%2'")
                    .arg(bag, m_root.filePath(name))});
        return r.exitCode == 0 ? out : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = m_demo.makeCache(m_root.filePath(QStringLiteral("demo")), 5);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        auto calls = m_demo.cli({QStringLiteral("calls"), QStringLiteral("--json")});
        for (const auto& v : QJsonDocument::fromJson(calls.out).array()) {
            if (!storeFile(v.toObject().value(QStringLiteral("call_id")).toString(), QStringLiteral(".transcript.json"))
                     .isEmpty()) {
                m_call = v.toObject().value(QStringLiteral("call_id")).toString();
            }
        }
        QVERIFY(!m_call.isEmpty());
        auto created = m_demo.cli({QStringLiteral("case"), QStringLiteral("create"), QStringLiteral("--type"),
            QStringLiteral("complaint"), QStringLiteral("--ref"), QStringLiteral("CMP-2026-0142"),
            QStringLiteral("--call"), m_call, QStringLiteral("--json")});
        QVERIFY2(created.exitCode == 0, created.err.constData());
        QVERIFY(QJsonDocument::fromJson(created.out)
                    .object()
                    .value(QStringLiteral("case_id"))
                    .toString()
                    .startsWith(QLatin1String("K-")));
        QCOMPARE(m_demo
                     .cli({QStringLiteral("case"), QStringLiteral("note"), QStringLiteral("CMP-2026-0142"),
                         QStringLiteral("--text"), QStringLiteral("Respondent says the interviewer was rude")})
                     .exitCode,
            0);
        m_zip = m_root.filePath(QStringLiteral("out/CMP-2026-0142.zip"));
        auto exported = m_demo.cli({QStringLiteral("evidence"), QStringLiteral("export"),
            QStringLiteral("CMP-2026-0142"), QStringLiteral("--out"), m_zip});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        m_key = QString::fromUtf8(m_demo.cli({QStringLiteral("audit"), QStringLiteral("key")}).out)
                    .split(QLatin1Char('\n'))
                    .value(1)
                    .trimmed();
        QVERIFY(m_key.startsWith(QLatin1String("RW")));
    }

    void aRecipientVerifiesItWithStandardTools()
    {
        const QString bag = unzip(m_root.filePath(QStringLiteral("good")));
        QVERIFY(!bag.isEmpty());
        QVERIFY(standardToolsAccept(bag));
        auto ok = verify(m_zip);
        QVERIFY2(ok.exitCode == 0, ok.err.constData());
        QVERIFY(ok.out.contains("Verified: evidence pack CMP-2026-0142"));
        // What the pack holds: the store's audio byte for byte, the transcript, the case with its note, the custody.
        QDirIterator audio(bag + QStringLiteral("/data/calls/") + m_call, {QStringLiteral("audio.*")}, QDir::Files);
        QVERIFY(audio.hasNext());
        const QString audioPath = audio.next();
        const QJsonObject meta = QJsonDocument::fromJson(
            Test::readFile(bag + QStringLiteral("/data/calls/") + m_call + QStringLiteral("/metadata.json")))
                                     .object();
        const QString original = QFileInfo(storeFile(m_call, QStringLiteral(".json"))).absolutePath() + QLatin1Char('/')
            + meta.value(QStringLiteral("audio")).toObject().value(QStringLiteral("file")).toString();
        QCOMPARE(Test::readFile(audioPath), Test::readFile(original));
        QVERIFY(QFile::exists(bag + QStringLiteral("/data/calls/") + m_call + QStringLiteral("/transcript.txt")));
        QVERIFY(QFile::exists(bag + QStringLiteral("/data/calls/") + m_call + QStringLiteral("/transcript.json")));
        const QJsonObject record
            = QJsonDocument::fromJson(Test::readFile(bag + QStringLiteral("/data/case.json"))).object();
        QCOMPARE(record.value(QStringLiteral("reference")).toString(), QStringLiteral("CMP-2026-0142"));
        QCOMPARE(record.value(QStringLiteral("notes")).toArray().size(), 1);
        const QByteArray custody = Test::readFile(bag + QStringLiteral("/data/custody/audit.csv"));
        QVERIFY(custody.contains("evidence.export") && custody.contains("case.add-call"));
        // The checkpoint in the pack is signed by the same key.
        auto cp = Test::run(QStringLiteral("minisign"),
            {QStringLiteral("-Vm"), bag + QStringLiteral("/data/custody/checkpoint.txt"), QStringLiteral("-P"), m_key});
        QCOMPARE(cp.exitCode, 0);
        // VERIFY.txt tells the recipient how, in a command that works as printed, in the bag's folder.
        const QString steps = QString::fromUtf8(Test::readFile(bag + QStringLiteral("/VERIFY.txt")));
        const QString command = QStringLiteral("minisign -Vm data/custody/checkpoint.txt -P ") + m_key;
        QVERIFY2(steps.contains(command) && steps.contains(QLatin1String("audit.csv")), qPrintable(steps));
        auto asPrinted = Test::run(
            QStringLiteral("bash"), {QStringLiteral("-c"), QStringLiteral("cd '%1' && %2").arg(bag, command)});
        QVERIFY2(asPrinted.exitCode == 0 && asPrinted.out.contains("Signature and comment signature verified"),
            asPrinted.err.constData());
        // The case as a person reads it: its reference, its call and the note with who wrote it.
        const QString text = QString::fromUtf8(Test::readFile(bag + QStringLiteral("/data/case.txt")));
        QVERIFY2(text.startsWith(QLatin1String("Case CMP-2026-0142 (K-")) && text.contains(m_call)
                && text.contains(QLatin1String("Respondent says the interviewer was rude"))
                && text.contains(QLatin1String("Notes (1)")),
            qPrintable(text));
        // The export is audited in the cache.
        auto log = m_demo.cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--csv")});
        QVERIFY(log.out.contains("evidence.export"));
    }

    void anyChangeFails_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("file"); // under data/calls/<call>/, or relative to the bag with a leading '/'
        QTest::addColumn<bool>("toolsCatchIt");
        QTest::newRow("a byte of audio") << "flip"
                                         << "audio" << true;
        QTest::newRow("a byte of the transcript") << "flip"
                                                  << "transcript.txt" << true;
        QTest::newRow("a removed file") << "remove"
                                        << "metadata.json" << true;
        QTest::newRow("an added file") << "add"
                                       << "extra.wav" << false;
    }

    void anyChangeFails()
    {
        QFETCH(QString, change);
        QFETCH(QString, file);
        QFETCH(bool, toolsCatchIt);
        const QString name = QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'));
        const QString bag = unzip(m_root.filePath(name));
        QVERIFY(!bag.isEmpty());
        const QString dir = bag + QStringLiteral("/data/calls/") + m_call + QLatin1Char('/');
        QString path = dir + file;
        if (file == QLatin1String("audio")) {
            QDirIterator audio(dir, {QStringLiteral("audio.*")}, QDir::Files);
            path = audio.next();
        }
        if (change == QLatin1String("flip")) {
            QByteArray b = Test::readFile(path);
            b[b.size() / 2] = char(b.at(b.size() / 2) ^ 0x20);
            Test::writeFile(path, b);
        } else if (change == QLatin1String("remove")) {
            QVERIFY(QFile::remove(path));
        } else {
            Test::writeFile(path, "RIFF....WAVE");
        }
        QCOMPARE(!standardToolsAccept(bag), toolsCatchIt);
        const QString changed = rezip(bag, name);
        QVERIFY(!changed.isEmpty());
        auto r = verify(changed);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("does not verify") && r.err.contains(QFileInfo(path).fileName().toUtf8()),
            r.err.constData());
    }

    void usageAndMistakesAreExplained()
    {
        auto noOut
            = m_demo.cli({QStringLiteral("evidence"), QStringLiteral("export"), QStringLiteral("CMP-2026-0142")});
        QVERIFY(noOut.exitCode == 1 && noOut.err.contains("--out"));
        auto unknown = m_demo.cli({QStringLiteral("evidence"), QStringLiteral("export"), QStringLiteral("CMP-0000"),
            QStringLiteral("--out"), m_root.filePath(QStringLiteral("x.zip"))});
        QVERIFY(unknown.exitCode == 1 && unknown.err.contains("no case CMP-0000"));
        QVERIFY(!QFile::exists(m_root.filePath(QStringLiteral("x.zip"))));
        // Whatever the file is called, the pack's folder is named after the case and the pack verifies.
        const QString spaced = m_root.filePath(QStringLiteral("out/Case for Mrs Example.zip"));
        QCOMPARE(m_demo
                     .cli({QStringLiteral("evidence"), QStringLiteral("export"), QStringLiteral("CMP-2026-0142"),
                         QStringLiteral("--out"), spaced})
                     .exitCode,
            0);
        QCOMPARE(verify(spaced).exitCode, 0);
        QVERIFY(!m_demo.cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--csv")})
                     .out.contains("Example"));
        auto wrongKey = Test::runCli({QStringLiteral("evidence"), QStringLiteral("verify"), m_zip,
            QStringLiteral("--key"), QStringLiteral("RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3")});
        QCOMPARE(wrongKey.exitCode, 1);
        auto noKey = Test::runCli({QStringLiteral("evidence"), QStringLiteral("verify"), m_zip});
        QVERIFY(noKey.exitCode == 0 && noKey.out.contains("VERIFY.txt"));
        auto close = m_demo.cli({QStringLiteral("case"), QStringLiteral("close"), QStringLiteral("CMP-2026-0142")});
        QVERIFY(close.exitCode == 1 && close.err.contains("--reason"));
        auto list = m_demo.cli({QStringLiteral("case"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(list.out).array().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestEvidenceCli)
#include "TestEvidenceCli.moc"
