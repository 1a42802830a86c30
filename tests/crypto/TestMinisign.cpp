// Earmark's signatures are minisign's: checked here with the real minisign 0.11 binary both ways.
#include "crypto/Minisign.h"
#include "crypto/SigningKey.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;

class TestMinisign : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_minisign;

    QString path(const QString& name) const { return m_dir.filePath(name); }
    static void write(const QString& file, const QByteArray& bytes)
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }
    int runMinisign(const QStringList& args, QByteArray* out = nullptr)
    {
        QProcess p;
        p.start(m_minisign, args);
        p.closeWriteChannel();
        p.waitForFinished(30000);
        if (out) {
            *out = p.readAllStandardOutput() + p.readAllStandardError();
        }
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_minisign = QStandardPaths::findExecutable(QStringLiteral("minisign"));
        QVERIFY2(!m_minisign.isEmpty(), "minisign is not installed: run scripts/deps.sh");
    }

    void minisignVerifiesOurSignature()
    {
        const SigningKey key = SigningKey::generate();
        const QByteArray message = "a destruction certificate\nwith two lines\n";
        write(path(QStringLiteral("cert.json")), message);
        write(path(QStringLiteral("cert.json.minisig")),
            Minisign::sign(key, message, QStringLiteral("earmark destruction D-1\nsecond line")));
        QByteArray out;
        QCOMPARE(runMinisign({QStringLiteral("-Vm"), path(QStringLiteral("cert.json")), QStringLiteral("-P"),
                                 Minisign::publicKeyText(key)},
                     &out),
            0);
        QVERIFY2(out.contains("earmark destruction D-1 second line"), out.constData());
        // The public key file works as -p as well.
        write(path(QStringLiteral("earmark.pub")), Minisign::publicKeyFile(key));
        QCOMPARE(runMinisign({QStringLiteral("-Vm"), path(QStringLiteral("cert.json")), QStringLiteral("-p"),
                     path(QStringLiteral("earmark.pub"))}),
            0);

        // One changed byte, another key, or an edited trusted comment: minisign refuses, and so do we.
        write(path(QStringLiteral("cert.json")), QByteArray(message).replace("two", "tw0"));
        QVERIFY(runMinisign({QStringLiteral("-Vm"), path(QStringLiteral("cert.json")), QStringLiteral("-P"),
                    Minisign::publicKeyText(key)})
            != 0);
        auto pk = Minisign::parsePublicKey(Minisign::publicKeyText(key));
        QVERIFY(pk);
        const QByteArray sig = Minisign::sign(key, message, QStringLiteral("c"));
        QVERIFY(Minisign::verify(pk.value(), message, sig));
        QVERIFY(!Minisign::verify(pk.value(), QByteArray(message).replace("two", "tw0"), sig));
        QByteArray edited = sig;
        edited.replace("trusted comment: c", "trusted comment: d");
        QVERIFY(!Minisign::verify(pk.value(), message, edited));
        auto other = Minisign::parsePublicKey(Minisign::publicKeyText(SigningKey::generate()));
        QVERIFY(other);
        const auto wrongKey = Minisign::verify(other.value(), message, sig);
        QVERIFY(!wrongKey);
        QVERIFY2(wrongKey.errorMessage().contains(QLatin1String("made with key")), qPrintable(wrongKey.errorMessage()));
    }

    void weVerifyMinisignsSignature()
    {
        // A key and a signature made by minisign itself (no password: -W).
        QCOMPARE(runMinisign({QStringLiteral("-G"), QStringLiteral("-W"), QStringLiteral("-f"), QStringLiteral("-p"),
                     path(QStringLiteral("tool.pub")), QStringLiteral("-s"), path(QStringLiteral("tool.key"))}),
            0);
        const QByteArray message = "signed by the tool";
        write(path(QStringLiteral("m.txt")), message);
        QCOMPARE(runMinisign({QStringLiteral("-Sm"), path(QStringLiteral("m.txt")), QStringLiteral("-s"),
                     path(QStringLiteral("tool.key")), QStringLiteral("-t"), QStringLiteral("from the tool")}),
            0);
        QFile pub(path(QStringLiteral("tool.pub")));
        QVERIFY(pub.open(QIODevice::ReadOnly));
        auto pk = Minisign::parsePublicKey(QString::fromLatin1(pub.readAll()));
        QVERIFY2(pk, qPrintable(pk.errorMessage()));
        QFile sig(path(QStringLiteral("m.txt.minisig")));
        QVERIFY(sig.open(QIODevice::ReadOnly));
        auto comment = Minisign::verify(pk.value(), message, sig.readAll());
        QVERIFY2(comment, qPrintable(comment.errorMessage()));
        QCOMPARE(comment.value(), QStringLiteral("from the tool"));
    }

    void seedRoundTripAndBadKeys()
    {
        const SigningKey key = SigningKey::generate();
        const SigningKey again = SigningKey::fromSeed(key.seed(), key.keyId());
        QCOMPARE(again.publicKey(), key.publicKey());
        QCOMPARE(Minisign::keyIdText(key.keyId()).size(), 16);
        QVERIFY(SigningKey::fromSeed(key.seed(), QByteArray(7, 'x')).isNull());
        QVERIFY(!Minisign::parsePublicKey(QStringLiteral("not a key")));
        QVERIFY(!SigningKey::verify(key.publicKey(), "m", QByteArray(64, '\0')));
    }
};

QTEST_GUILESS_MAIN(TestMinisign)
#include "TestMinisign.moc"
