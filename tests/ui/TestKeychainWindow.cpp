// The window on a keychain-mode cache: the daily retention run (its timer shortened) destroys what is due and replaces
// the master key, so a copy of the cache folder made before no longer opens; and every audit checkpoint the window
// writes is copied to the keychain, so a copy made before an audited action is refused once put back.
#include "DemoWindow.h"
#include "TestSupport.h"
#include "browse/CallListModel.h"
#include "keys/AuditAnchorKeychain.h"
#include "ui/retention/AdminActions.h"
#include "ui/retention/AuditDialog.h"
#include "ui/shell/MainWindow.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;
using namespace Earmark::Gui;

class TestKeychainWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    Test::DemoWindow m_demo;
    MainWindow* m_window = nullptr;

    QString status() const { return m_window->findChild<QLabel*>(QStringLiteral("statusText"))->text(); }
    QJsonObject keyInfo() const
    {
        return QJsonDocument::fromJson(Test::readFile(m_demo.cache + QStringLiteral("/keyinfo.json"))).object();
    }
    Test::ProcessResult cliOn(const QString& cache, const QStringList& args)
    {
        return Test::runCli(QStringList {QStringLiteral("--cache"), cache} + args);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_demo.keychain = true;
        const QString error = m_demo.makeCache(m_root.path(), 4);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(keyInfo().value(QStringLiteral("mode")).toString(), QStringLiteral("keychain"));
        const QString opened = m_demo.open();
        QVERIFY2(opened.isEmpty(), qPrintable(opened));
        m_window = m_demo.window.get();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->model()->totalCount(), 4, 20000);
    }

    void cleanupTestCase() { m_demo.close(); }

    void theDailyRunDestroysWhatIsDueAndReplacesTheKey()
    {
        const QString copy = m_root.filePath(QStringLiteral("copy-before-run"));
        Test::copyDir(m_demo.cache, copy);
        const QString keyBefore = keyInfo().value(QStringLiteral("key_id")).toString();
        // A sync by a cron job records the store's new period (one day) while the window is open; nothing runs until
        // the window's timer does.
        Test::writeFile(
            m_demo.store + QStringLiteral("/v1/store.json"), "{\"name\": \"demo\", \"retention_days\": 1}\n");
        auto synced = m_demo.cli({QStringLiteral("sync"), QStringLiteral("--store"), m_demo.store});
        QVERIFY2(synced.exitCode == 0, synced.err.constData());
        QTest::qWait(200);
        QCOMPARE(m_window->model()->totalCount(), 4);
        m_window->admin()->retention()->setInterval(300);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->model()->totalCount(), 0, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(keyInfo().value(QStringLiteral("key_id")).toString() != keyBefore
                && !keyInfo().contains(QStringLiteral("pending")) && !keyInfo().contains(QStringLiteral("retired")),
            30000);
        QVERIFY2(!status().contains(QLatin1String("not replaced")), qPrintable(status()));
        m_window->admin()->retention()->setInterval(BackgroundRetention::IntervalMs);
        // The copy made before the run cannot be opened with what the keychain holds; the cache itself can.
        auto old = cliOn(copy, {QStringLiteral("calls")});
        QCOMPARE(old.exitCode, 1);
        QVERIFY2(old.err.contains("keychain has no key"), old.err.constData());
        auto live = m_demo.cli({QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(live.exitCode == 0, live.err.constData());
    }

    void theKeychainKeepsACopyOfTheWindowsAuditCheckpoints()
    {
        const QString copy = m_root.filePath(QStringLiteral("copy-before-export"));
        Test::copyDir(m_demo.cache, copy);
        // An audited action in the window: exporting the audit log.
        AuditDialog* audit = m_window->admin()->auditDialog();
        audit->refresh();
        const QString csv = m_root.filePath(QStringLiteral("audit.csv"));
        audit->exportTo(csv);
        QTRY_VERIFY_WITH_TIMEOUT(status().contains(QLatin1String("exported")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->admin()->auditAnchors()->isIdle(), 10000);
        QVERIFY2(m_window->admin()->auditAnchors()->lastError().isEmpty(),
            qPrintable(m_window->admin()->auditAnchors()->lastError()));
        m_demo.close();
        m_window = nullptr;
        // The folder as it was before the export, put back whole: refused on open, with the way out.
        QVERIFY(QDir(m_demo.cache).removeRecursively());
        Test::copyDir(copy, m_demo.cache);
        auto refused = m_demo.cli({QStringLiteral("calls")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("OS keychain's copy") && refused.err.contains("audit accept"),
            refused.err.constData());
    }
};

QTEST_MAIN(TestKeychainWindow)
#include "TestKeychainWindow.moc"
