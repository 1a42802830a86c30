#include "TestSupport.h"
#include "browse/CallListModel.h"
#include "cache/CacheWorker.h"
#include "keys/CacheUnlocker.h"
#include "keys/KeyInfo.h"
#include "sync/BackgroundSync.h"
#include "ui/setup/FirstRunFlow.h"
#include "ui/setup/SetupDialog.h"
#include "ui/setup/UnlockFlow.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/MessageBox.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <qt6keychain/keychain.h>

using namespace Earmark;
using namespace Earmark::Gui;

// First start: the set-up dialog as a person fills it in, then the new cache and its first sync in the window.
class TestFirstRun : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QString m_store;

    void runFirstStart(const QString& cacheDir, KeyMode mode, const QString& passphrase)
    {
        CacheWorker worker;
        MainWindow window(&worker, cacheDir);
        FirstRunFlow flow(cacheDir, &worker);
        QSignalSpy ready(&flow, &FirstRunFlow::ready);
        QSignalSpy failed(&flow, &FirstRunFlow::failed);
        connect(&flow, &FirstRunFlow::ready, &window, [&window](const QString& store) {
            window.cacheReady();
            window.backgroundSync()->start(store);
        });
        QSignalSpy synced(window.backgroundSync(), &BackgroundSync::finished);
        flow.start(m_store, false, mode, passphrase);
        QVERIFY2(ready.wait(30000), failed.isEmpty() ? "timeout" : qPrintable(failed.first().first().toString()));
        QVERIFY(synced.wait(30000));
        QTRY_COMPARE_WITH_TIMEOUT(window.model()->rowCount(), 5, 10000);
        auto info = KeyInfo::load(cacheDir + QStringLiteral("/keyinfo.json"));
        QVERIFY(info.ok());
        QCOMPARE(info->mode, mode);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        m_store = m_root.filePath(QStringLiteral("store"));
        auto r = Test::runCli({QStringLiteral("demo-store"), QStringLiteral("--out"), m_store,
            QStringLiteral("--calls"), QStringLiteral("5")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void theDialogGuidesAndRefusesWeakPassphrases()
    {
        SetupDialog dialog(m_root.filePath(QStringLiteral("c1")));
        dialog.show();
        QVERIFY(!dialog.canProceed()); // no folder yet
        QTest::keyClicks(dialog.storeEdit(), m_root.path());
        QVERIFY(!dialog.canProceed()); // a folder, but not a store
        QVERIFY(dialog.findChildren<QLabel*>().size() > 0);
        dialog.storeEdit()->setText(m_store);
        QVERIFY(dialog.canProceed());
        dialog.next();
        QVERIFY(dialog.canProceed()); // keychain mode needs nothing more
        dialog.passphraseChoice()->setChecked(true);
        QVERIFY(!dialog.canProceed());
        QTest::keyClicks(dialog.passphraseEdit(), QStringLiteral("password1"));
        QVERIFY(!dialog.canProceed());
        QVERIFY2(dialog.strengthLabel()->text().contains(QLatin1String("too easy to guess")),
            qPrintable(dialog.strengthLabel()->text()));
        dialog.passphraseEdit()->setText(QStringLiteral("walrus pinecone tundra lilac 64"));
        QVERIFY(!dialog.canProceed()); // not confirmed yet
        QTest::keyClicks(dialog.repeatEdit(), QStringLiteral("walrus pinecone tundra lilac 64"));
        QVERIFY(dialog.canProceed());
        QCOMPARE(dialog.keyMode(), KeyMode::Passphrase);
        QCOMPARE(dialog.storePath(), m_store);
        dialog.demoChoice()->setChecked(true);
        QVERIFY(dialog.storePath().endsWith(QLatin1String("demo-store")));
        QVERIFY(dialog.useDemoStore());
    }

    void firstStartWithAPassphrase()
    {
        runFirstStart(m_root.filePath(QStringLiteral("pass-cache")), KeyMode::Passphrase,
            QStringLiteral("walrus pinecone tundra lilac 64"));
    }

    void firstStartWithTheKeychain()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
            QFAIL("no D-Bus session: run the tests through scripts/test");
        }
        runFirstStart(m_root.filePath(QStringLiteral("keychain-cache")), KeyMode::Keychain, {});
    }

    void aLockedKeychainIsExplainedAndNoNewKeyIsMade()
    {
        // What a locked keyring answers: "not found" for the cache's entry.
        const QString cacheDir = m_root.filePath(QStringLiteral("keychain-cache"));
        const QByteArray before = Test::readFile(cacheDir + QStringLiteral("/keyinfo.json"));
        auto info = KeyInfo::load(cacheDir + QStringLiteral("/keyinfo.json"));
        auto* del = new QKeychain::DeletePasswordJob(CacheUnlocker::keychainService());
        del->setKey(CacheUnlocker::keychainEntry(info->keyId));
        QSignalSpy deleted(del, &QKeychain::Job::finished);
        del->start();
        QVERIFY(deleted.wait(10000));
        CacheWorker worker;
        MainWindow window(&worker, cacheDir);
        UnlockFlow flow(cacheDir, QString(), &worker, &window);
        QSignalSpy failed(&flow, &UnlockFlow::failed);
        flow.start();
        QVERIFY(failed.wait(20000));
        QVERIFY2(failed.first().first().toString().contains(QLatin1String("locked or unavailable")),
            qPrintable(failed.first().first().toString()));
        QVERIFY(!window.isEnabled());
        QCOMPARE(Test::readFile(cacheDir + QStringLiteral("/keyinfo.json")), before);
    }

    void aPassphraseIsAskedInADialog()
    {
        const QString cacheDir = m_root.filePath(QStringLiteral("pass-cache"));
        CacheWorker worker;
        MainWindow window(&worker, cacheDir);
        window.show();
        UnlockFlow flow(cacheDir, QString(), &worker, &window);
        QSignalSpy unlocked(&flow, &UnlockFlow::unlocked);
        QSignalSpy failed(&flow, &UnlockFlow::failed);
        int asked = 0;
        // Answer the dialog as a person would: a wrong passphrase first, then the right one.
        QTimer answer;
        answer.setInterval(100);
        connect(&answer, &QTimer::timeout, this, [&] {
            auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
            if (!dialog) {
                return;
            }
            dialog->setTextValue(asked++ == 0 ? QStringLiteral("walrus pinecone tundra lilac 65")
                                              : QStringLiteral("walrus pinecone tundra lilac 64"));
            dialog->accept();
        });
        answer.start();
        flow.start();
        QVERIFY(unlocked.wait(30000) || !failed.isEmpty());
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QCOMPARE(asked, 2);
    }

    void aFailedSyncIsExplainedInAMessage()
    {
        const QString cacheDir = m_root.filePath(QStringLiteral("pass-cache"));
        const QString moved = m_store + QStringLiteral("-moved");
        QVERIFY(QDir().rename(m_store, moved));
        CacheWorker worker;
        MainWindow window(&worker, cacheDir);
        UnlockFlow flow(cacheDir, m_root.filePath(QStringLiteral("passfile")), &worker, &window);
        Test::writeFile(m_root.filePath(QStringLiteral("passfile")), "walrus pinecone tundra lilac 64\n");
        QSignalSpy unlocked(&flow, &UnlockFlow::unlocked);
        connect(&flow, &UnlockFlow::unlocked, &window, &MainWindow::cacheReady);
        flow.start();
        QVERIFY(unlocked.wait(20000));
        // The window's actions come alive once the user's roles are read.
        QTRY_VERIFY_WITH_TIMEOUT(window.syncAction()->isEnabled(), 10000);
        MessageBox::setNextAnswer(QMessageBox::Ok); // the seam: no blocking dialog in a test
        QSignalSpy finished(window.backgroundSync(), &BackgroundSync::finished);
        window.syncAction()->trigger();
        QVERIFY(finished.wait(20000));
        QVERIFY2(MessageBox::lastText().contains(QLatin1String("not a folder")), qPrintable(MessageBox::lastText()));
        QVERIFY(QDir().rename(moved, m_store));
    }
};

QTEST_MAIN(TestFirstRun)
#include "TestFirstRun.moc"
