#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;

// The real earmark-cli against real gnome-keyring daemons in their own D-Bus sessions: unlocked, locked, absent.
class TestKeyringSessions : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_runtime {QStringLiteral("/tmp/emk-XXXXXX")};
    QString m_store;
    int m_session = 0;

    // Runs earmark-cli in a fresh D-Bus session whose keyring (kept in m_dir/data) is unlocked or left locked.
    Test::ProcessResult inSession(bool unlock, const QStringList& cliArgs)
    {
        // Unix socket paths are limited to 108 bytes: the keyring's control socket lives in the runtime folder, so
        // it must be short whatever the build folder's path.
        const QString runtime = m_runtime.filePath(QStringLiteral("r%1").arg(++m_session));
        QDir().mkpath(runtime);
        QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        env.remove(QStringLiteral("GNOME_KEYRING_CONTROL"));
        const QString start = unlock
            ? QStringLiteral(
                "printf '%s' 'session-test-pw' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1")
            : QStringLiteral("gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1");
        // Wait until the daemon owns the Secret Service name, or D-Bus would start a second one.
        const QString wait = QStringLiteral(
            "for i in $(seq 50); do dbus-send --session --print-reply --dest=org.freedesktop.DBus "
            "/org/freedesktop/DBus "
            "org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true' && "
            "break; sleep 0.1; done");
        const QString script = start + QStringLiteral("; ") + wait + QStringLiteral("; exec \"$0\" \"$@\"");
        QStringList args {QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"), script,
            Test::binaryPath(QStringLiteral("earmark-cli"))};
        args << cliArgs;
        return Test::run(QStringLiteral("dbus-run-session"), args, env);
    }

    QStringList cacheArgs() const { return {QStringLiteral("--cache"), m_dir.filePath(QStringLiteral("cache"))}; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath(QStringLiteral("store"));
        const auto r = Test::runCli({QStringLiteral("demo-store"), QStringLiteral("--out"), m_store,
            QStringLiteral("--calls"), QStringLiteral("3")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void unlockedLockedUnlocked()
    {
        auto first
            = inSession(true, cacheArgs() + QStringList {QStringLiteral("sync"), QStringLiteral("--store"), m_store});
        QVERIFY2(first.exitCode == 0, first.err.constData());
        const QString keyInfo = m_dir.filePath(QStringLiteral("cache/keyinfo.json"));
        const QByteArray infoBefore = Test::readFile(keyInfo);
        const QByteArray dbBefore = Test::readFile(m_dir.filePath(QStringLiteral("cache/earmark.db")));
        QVERIFY(!infoBefore.isEmpty());

        auto locked = inSession(false, cacheArgs() + QStringList {QStringLiteral("calls")});
        QCOMPARE(locked.exitCode, 1);
        QVERIFY2(locked.err.contains("locked or unavailable") || locked.err.contains("keychain is not available"),
            locked.err.constData());
        // One clear line from earmark-cli (the rest of stderr is the test's own dbus-daemon).
        QCOMPARE(locked.err.count("earmark-cli:"), 1);
        QCOMPARE(Test::readFile(keyInfo), infoBefore);
        QCOMPARE(Test::readFile(m_dir.filePath(QStringLiteral("cache/earmark.db"))), dbBefore);

        auto again = inSession(true, cacheArgs() + QStringList {QStringLiteral("calls"), QStringLiteral("--json")});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY(again.out.contains("\"call_id\""));
    }

    void noDbusIsExplainedAndCreatesNothing()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        env.remove(QStringLiteral("DISPLAY"));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir.filePath(QStringLiteral("no-bus")));
        const QString cache = m_dir.filePath(QStringLiteral("nobus-cache"));
        auto r = Test::runCli(
            {QStringLiteral("--cache"), cache, QStringLiteral("sync"), QStringLiteral("--store"), m_store}, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("keychain is not available") && r.err.contains("--passphrase-file"), r.err.constData());
        QVERIFY(!QFile::exists(cache + QStringLiteral("/keyinfo.json")));
        QVERIFY(!QFile::exists(cache + QStringLiteral("/earmark.db")));
    }
};

QTEST_GUILESS_MAIN(TestKeyringSessions)
#include "TestKeyringSessions.moc"
