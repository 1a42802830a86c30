// Wiping secrets held in Qt containers: a shared copy leaves the characters to the owner that outlives it (which
// wipes them in turn), a literal (read-only data) is left alone instead of crashing, and the wiped string is empty.
// (That the last owner's buffer is zeroed before release cannot be observed without reading freed memory; the loop
// writes through a volatile pointer so that the compiler keeps it.)
#include "core/Files.h"

#include <QTest>

using namespace Earmark;

class TestWipe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aSharedCopyKeepsItsCharacters()
    {
        QString secret = QString::fromUtf8("correct horse battery staple");
        QString keep = secret;
        Files::wipe(secret);
        QVERIFY(secret.isEmpty());
        QCOMPARE(keep, QString::fromUtf8("correct horse battery staple"));
        Files::wipe(keep);
        QVERIFY(keep.isEmpty());
    }

    void aDetachedStringIsWipedAndEmptied()
    {
        QString secret = QString::fromUtf8("passphrase 1234");
        secret.detach();
        Files::wipe(secret);
        QVERIFY(secret.isEmpty());
        QByteArray bytes("key material");
        Files::wipe(bytes);
        QVERIFY(bytes.isEmpty());
    }

    void aLiteralIsLeftAlone()
    {
        QString literal = QStringLiteral("not owned");
        Files::wipe(literal); // must not write to read-only data
        QVERIFY(literal.isEmpty());
        QCOMPARE(QStringLiteral("not owned"), QString::fromUtf8("not owned"));
    }
};

QTEST_GUILESS_MAIN(TestWipe)
#include "TestWipe.moc"
