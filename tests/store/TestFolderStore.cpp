#include "TestSupport.h"
#include "store/FolderStore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;

class TestFolderStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsCommittedSidecarsInKeyOrder()
    {
        QTemporaryDir dir;
        const QString d = dir.path();
        Test::writeFile(d + QStringLiteral("/v1/2026/03/15/B.json"), "{}");
        Test::writeFile(d + QStringLiteral("/v1/2026/03/14/A.json"), "{}");
        Test::writeFile(d + QStringLiteral("/v1/2026/03/14/A.wav"), "RIFF");
        Test::writeFile(d + QStringLiteral("/v1/2026/03/14/A.transcript.json"), "{}");
        Test::writeFile(d + QStringLiteral("/v1/2026/03/14/C.wav"), "upload in progress, no sidecar");
        Test::writeFile(d + QStringLiteral("/v1/2026/03/14/D.json.part"), "{");
        Test::writeFile(d + QStringLiteral("/v1/2026/03/14/.hidden.json"), "{");
        Test::writeFile(d + QStringLiteral("/v1/2026/3/14/E.json"), "not a day folder");
        Test::writeFile(d + QStringLiteral("/v1/erasures/X.json"), "{}");
        Test::writeFile(d + QStringLiteral("/qa/results.json"), "{}");
        FolderStore store(d);
        auto list = store.listSidecars();
        QVERIFY(list.ok());
        QStringList keys;
        for (const auto& e : list.value()) {
            keys << e.key;
        }
        QCOMPARE(keys, (QStringList {QStringLiteral("v1/2026/03/14/A.json"), QStringLiteral("v1/2026/03/15/B.json")}));
        auto erasures = store.listErasures();
        QCOMPARE(erasures->size(), 1);
        QCOMPARE(erasures->first().key, QStringLiteral("v1/erasures/X.json"));
        QCOMPARE(RecordingStore::callIdOfKey(keys.first()), QStringLiteral("A"));
        QCOMPARE(
            RecordingStore::siblingKey(keys.first(), QStringLiteral("A.wav")), QStringLiteral("v1/2026/03/14/A.wav"));
    }

    void symlinksMayNotLeaveTheStore()
    {
        QTemporaryDir outside;
        QTemporaryDir dir;
        Test::writeFile(outside.filePath(QStringLiteral("secret.wav")), "outside");
        Test::writeFile(dir.filePath(QStringLiteral("v1/2026/03/14/in.wav")), "inside");
        QVERIFY(QFile::link(
            outside.filePath(QStringLiteral("secret.wav")), dir.filePath(QStringLiteral("v1/2026/03/14/out.wav"))));
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("v1/2026/03/14/in.wav")),
            dir.filePath(QStringLiteral("v1/2026/03/14/ok.wav"))));
        QVERIFY(QFile::link(
            dir.filePath(QStringLiteral("nowhere.wav")), dir.filePath(QStringLiteral("v1/2026/03/14/dangling.wav"))));
        FolderStore store(dir.path());
        auto out = store.read(QStringLiteral("v1/2026/03/14/out.wav"), 100);
        QVERIFY(!out.ok());
        QVERIFY2(out.errorMessage().contains(QLatin1String("leaves the store")), qPrintable(out.errorMessage()));
        QCOMPARE(store.read(QStringLiteral("v1/2026/03/14/ok.wav"), 100).value(), QByteArray("inside"));
        QVERIFY(store.read(QStringLiteral("v1/2026/03/14/dangling.wav"), 100)
                    .errorMessage()
                    .contains(QLatin1String("does not exist")));
        QVERIFY(store.read(QStringLiteral("v1/2026/03/14/missing.wav"), 100)
                    .errorMessage()
                    .contains(QLatin1String("missing")));
        QVERIFY(store.read(QStringLiteral("v1/2026/03/14/in.wav"), 3)
                    .errorMessage()
                    .contains(QLatin1String("over the limit")));
    }

    void openStoreExplainsWrongFolders()
    {
        QTemporaryDir dir;
        QVERIFY(openStore(dir.filePath(QStringLiteral("nope"))).errorMessage().contains(QLatin1String("not a folder")));
        QVERIFY(openStore(dir.path()).errorMessage().contains(QLatin1String("no v1/ folder")));
        QVERIFY(openStore(QStringLiteral("s3://bucket/prefix")).errorMessage().contains(QLatin1String("S3")));
        QDir().mkpath(dir.filePath(QStringLiteral("v1")));
        QVERIFY(openStore(dir.path()).ok());
    }
};

QTEST_GUILESS_MAIN(TestFolderStore)
#include "TestFolderStore.moc"
