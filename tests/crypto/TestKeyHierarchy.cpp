#include "TestSupport.h"
#include "crypto/KeyHierarchy.h"
#include "crypto/Passphrase.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;

class TestKeyHierarchy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void subkeysDifferAndAreStable()
    {
        const SecretKey master = SecretKey::random();
        KeyHierarchy a(master);
        KeyHierarchy b(master);
        QCOMPARE(a.databaseKey().toHex(), b.databaseKey().toHex());
        QVERIFY(a.databaseKey().toHex() != a.phoneIndexKey().toHex());
        QVERIFY(a.databaseKey().toHex() != master.toHex());
        QCOMPARE(KeyHierarchy::checkValue(master), KeyHierarchy::checkValue(master.clone()));
        QVERIFY(KeyHierarchy::checkValue(master) != KeyHierarchy::checkValue(SecretKey::random()));
    }

    void dataKeyWrapIsBoundToTheCall()
    {
        KeyHierarchy keys(SecretKey::random());
        const SecretKey dataKey = SecretKey::random();
        const QByteArray wrapped = keys.wrapDataKey(dataKey, QStringLiteral("C-1"));
        auto back = keys.unwrapDataKey(wrapped, QStringLiteral("C-1"));
        QVERIFY(back.ok());
        QCOMPARE(back->toHex(), dataKey.toHex());
        QVERIFY(!keys.unwrapDataKey(wrapped, QStringLiteral("C-2")).ok());
        QByteArray flipped = wrapped;
        flipped[30] = static_cast<char>(flipped[30] ^ 1);
        QVERIFY(!keys.unwrapDataKey(flipped, QStringLiteral("C-1")).ok());
        KeyHierarchy other(SecretKey::random());
        QVERIFY(!other.unwrapDataKey(wrapped, QStringLiteral("C-1")).ok());
    }

    void phoneIndexIsKeyed()
    {
        KeyHierarchy a(SecretKey::random());
        KeyHierarchy b(SecretKey::random());
        const QString n = QStringLiteral("+447700900123");
        QCOMPARE(a.phoneIndex(n), a.phoneIndex(n));
        QCOMPARE(a.phoneIndex(n).size(), 16);
        QVERIFY(a.phoneIndex(n) != b.phoneIndex(n));
        QVERIFY(a.phoneIndex(n) != a.phoneIndex(QStringLiteral("+447700900124")));
    }

    void weakPassphrasesAreRefusedWithAReason_data()
    {
        QTest::addColumn<QString>("passphrase");
        QTest::addColumn<QString>("reasonPart");
        QTest::newRow("common password") << QStringLiteral("password123") << QStringLiteral("common words");
        QTest::newRow("keyboard") << QStringLiteral("asdfghjkl;") << QStringLiteral("keyboard");
        QTest::newRow("repeats") << QStringLiteral("xkqxkqxkqxkqxkq") << QStringLiteral("repeats");
        QTest::newRow("sequence") << QStringLiteral("abcdefgh12345") << QStringLiteral("sequence");
        QTest::newRow("short") << QStringLiteral("x7#") << QStringLiteral("bits");
    }

    void weakPassphrasesAreRefusedWithAReason()
    {
        QFETCH(QString, passphrase);
        QFETCH(QString, reasonPart);
        const auto s = Passphrase::assess(passphrase);
        QVERIFY2(!s.acceptable, qPrintable(QString::number(s.bits)));
        QVERIFY2(s.reason.contains(reasonPart), qPrintable(s.reason));
    }

    void strongPassphraseIsAccepted()
    {
        const auto s = Passphrase::assess(QStringLiteral("tangerine lighthouse gravel whisper 42"));
        QVERIFY2(s.acceptable, qPrintable(s.reason));
        QVERIFY(s.reason.isEmpty());
    }

    void argon2idDerivesRepeatably()
    {
        Passphrase::KdfParams p = Passphrase::defaultParams();
        QVERIFY(!Passphrase::isBelowPolicy(p));
        QVERIFY(p.memLimit >= 256ull << 20);
        auto a = Passphrase::deriveKey(QStringLiteral("tangerine lighthouse gravel whisper"), p);
        auto b = Passphrase::deriveKey(QStringLiteral("tangerine lighthouse gravel whisper"), p);
        auto c = Passphrase::deriveKey(QStringLiteral("tangerine lighthouse gravel whispers"), p);
        QVERIFY(a.ok() && b.ok() && c.ok());
        QCOMPARE(a->toHex(), b->toHex());
        QVERIFY(a->toHex() != c->toHex());
        p.salt.chop(1);
        QVERIFY(!Passphrase::deriveKey(QStringLiteral("x"), p).ok());
    }

    void passphraseFileTakesTheFirstLine()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("pass"));
        Test::writeFile(path, "tangerine lighthouse\r\nsecond line\n");
        QCOMPARE(Passphrase::readPassphraseFile(path).value(), QStringLiteral("tangerine lighthouse"));
        Test::writeFile(path, "\n");
        QVERIFY(Passphrase::readPassphraseFile(path).errorMessage().contains(QLatin1String("empty")));
        QVERIFY(Passphrase::readPassphraseFile(dir.filePath(QStringLiteral("missing")))
                    .errorMessage()
                    .contains(QLatin1String("--passphrase-file")));
    }
};

QTEST_GUILESS_MAIN(TestKeyHierarchy)
#include "TestKeyHierarchy.moc"
