#include "TestSupport.h"
#include "browse/CallListModel.h"
#include "cache/CacheWorker.h"
#include "keys/KeyInfo.h"
#include "ui/setup/FirstStart.h"
#include "ui/setup/SetupDialog.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/MessageBox.h"

#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;
using namespace Earmark::Gui;

// The window's first start on a desktop with no keychain at all (this test runs with a D-Bus address that leads
// nowhere, so QtKeychain really fails): choosing the recommended keychain brings the set-up back with a passphrase
// offered and leaves nothing behind; a --passphrase-file given on the command line is the new cache's passphrase.
class TestFirstStart : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    QString m_store;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        m_store = m_root.filePath(QStringLiteral("store"));
        auto r = Test::runCli({QStringLiteral("demo-store"), QStringLiteral("--out"), m_store,
            QStringLiteral("--calls"), QStringLiteral("3")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void noKeychainOffersAPassphraseAndLeavesNothingBehind()
    {
        const QString cacheDir = m_root.filePath(QStringLiteral("cache"));
        CacheWorker worker;
        MainWindow window(&worker, cacheDir);
        window.show();
        FirstStart first(cacheDir, QString(), &worker, &window);
        QSignalSpy ready(&first, &FirstStart::ready);
        QSignalSpy failed(&first, &FirstStart::failed);
        first.begin();
        SetupDialog* dialog = first.dialog();
        QTRY_VERIFY(dialog->isVisible());

        // The store, then the key page; Back returns to the store with what was typed.
        dialog->storeEdit()->setText(m_store);
        auto* back = dialog->findChild<QPushButton*>(QStringLiteral("back"));
        QVERIFY(back && back->isHidden());
        dialog->next();
        QCOMPARE(dialog->page(), 1);
        QVERIFY(back->isVisible());
        back->click();
        QCOMPARE(dialog->page(), 0);
        QCOMPARE(dialog->storeEdit()->text(), m_store);
        dialog->next();
        QVERIFY(dialog->keychainChoice()->isChecked()); // the recommendation

        // No keychain answers: said plainly, nothing is made, and the dialog comes back offering a passphrase.
        MessageBox::setNextAnswer(QMessageBox::Ok);
        dialog->next();
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible() && dialog->passphraseChoice()->isChecked(), 20000);
        QVERIFY(failed.isEmpty());
        QVERIFY2(MessageBox::lastText().contains(QStringLiteral("The OS keychain is not available")),
            qPrintable(MessageBox::lastText()));
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("Nothing was created")));
        QCOMPARE(dialog->page(), 1);
        QVERIFY(!dialog->keychainChoice()->isEnabled());
        QVERIFY(dialog->keyNote()->isVisible());
        QVERIFY(dialog->keyNote()->text().contains(QStringLiteral("No keychain")));
        QVERIFY2(!QDir(cacheDir).exists(), "a half-made cache folder was left");

        // With a passphrase the cache is made and the first sync begins.
        dialog->passphraseEdit()->setText(QStringLiteral("walrus pinecone tundra lilac 64"));
        dialog->repeatEdit()->setText(QStringLiteral("walrus pinecone tundra lilac 64"));
        QVERIFY(dialog->canProceed());
        dialog->next();
        // While the key is derived the window says so with a busy bar; then what happened.
        QTRY_VERIFY_WITH_TIMEOUT(window.isBusy() || !ready.isEmpty(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() || !failed.isEmpty(), 30000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QVERIFY(!window.isBusy());
        QTRY_COMPARE_WITH_TIMEOUT(window.model()->rowCount(), 3, 20000);
        auto info = KeyInfo::load(cacheDir + QStringLiteral("/keyinfo.json"));
        QVERIFY(info.ok());
        QCOMPARE(info->mode, KeyMode::Passphrase);
    }

    void aPassphraseFileIsTheNewCachesPassphrase()
    {
        const QString cacheDir = m_root.filePath(QStringLiteral("cache-from-file"));
        const QString passFile = m_root.filePath(QStringLiteral("pass"));
        Test::writeFile(passFile, "otter velvet cinnamon harbour 31\n");
        CacheWorker worker;
        MainWindow window(&worker, cacheDir);
        window.show();
        FirstStart first(cacheDir, passFile, &worker, &window);
        QSignalSpy ready(&first, &FirstStart::ready);
        QSignalSpy failed(&first, &FirstStart::failed);
        first.begin();
        SetupDialog* dialog = first.dialog();
        QTRY_VERIFY(dialog->isVisible());
        dialog->storeEdit()->setText(m_store);
        dialog->next();
        // The key page says where the passphrase comes from; the fields hold it and cannot be changed.
        QVERIFY(dialog->passphraseChoice()->isChecked());
        QVERIFY(dialog->keyNote()->text().contains(passFile));
        QVERIFY(dialog->passphraseEdit()->isReadOnly());
        QVERIFY(!dialog->keychainChoice()->isEnabled()); // the keychain would silently ignore the file
        QCOMPARE(dialog->passphraseEdit()->text(), QStringLiteral("otter velvet cinnamon harbour 31"));
        QVERIFY(dialog->canProceed());
        dialog->next();
        QVERIFY2(ready.wait(30000), failed.isEmpty() ? "timeout" : qPrintable(failed.first().first().toString()));
        // The same file opens it from the CLI.
        auto r = Test::runCli({QStringLiteral("--cache"), cacheDir, QStringLiteral("--passphrase-file"), passFile,
            QStringLiteral("verify")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void anUnreadablePassphraseFileIsRefusedWithTheReason()
    {
        const QString cacheDir = m_root.filePath(QStringLiteral("cache-missing-file"));
        CacheWorker worker;
        MainWindow window(&worker, cacheDir);
        FirstStart first(cacheDir, m_root.filePath(QStringLiteral("no-such-file")), &worker, &window);
        QSignalSpy failed(&first, &FirstStart::failed);
        first.begin();
        QVERIFY(failed.wait(5000));
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("no-such-file")),
            qPrintable(failed.first().first().toString()));
        QVERIFY(!QDir(cacheDir).exists());
    }
};

QTEST_MAIN(TestFirstStart)
#include "TestFirstStart.moc"
