// BagIt packs signed in minisign's format, checked the way a recipient does: unzipped and verified with the real
// minisign and sha256sum, and the "nothing added" commands of VERIFY.txt run in bash; then one changed byte of audio,
// one of the transcript, a removed file and an added file, each caught by the standard tools and by BagVerifier.
#include "TestSupport.h"
#include "archive/Archive.h"
#include "archive/BagVerifier.h"
#include "archive/BagWriter.h"
#include "crypto/Minisign.h"
#include "crypto/SigningKey.h"

#include <QDir>
#include <QDirIterator>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;

namespace {
const QString Folder = QStringLiteral("evidence-CMP-2026-0142");

QByteArray noise(int size)
{
    QByteArray b(size, Qt::Uninitialized);
    QRandomGenerator rng(42);
    for (char& c : b) {
        c = char(rng.bounded(256));
    }
    return b;
}

// Every file below dir, by its path relative to dir.
QList<Archive::File> readTree(const QString& dir)
{
    QList<Archive::File> out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString p = it.next();
        out << Archive::File {QDir(dir).relativeFilePath(p), Test::readFile(p)};
    }
    return out;
}
} // namespace

class TestBag : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    SigningKey m_key = SigningKey::generate();
    QString m_zip;

    QString publicKey() const { return Minisign::publicKeyText(m_key); }

    BagWriter sampleBag() const
    {
        BagWriter bag({QStringLiteral("evidence"), QStringLiteral("CMP-2026-0142"),
            QStringLiteral("Northwind Research"), QDate(2026, 12, 2), QStringLiteral("0.4.0")});
        [&] {
            QVERIFY(bag.add(QStringLiteral("calls/C-20261119-000003/audio.ogg"), noise(300000)).ok());
            QVERIFY(bag.add(QStringLiteral("calls/C-20261119-000003/metadata.json"),
                           "{\"call_id\": \"C-20261119-000003\"}\n")
                        .ok());
            QVERIFY(
                bag.add(QStringLiteral("calls/C-20261119-000003/transcript.txt"), "00:01 Agent: Good morning.\n").ok());
            QVERIFY(bag.add(QStringLiteral("case.json"), "{\"reference\": \"CMP-2026-0142\"}\n").ok());
            QVERIFY(bag.add(QStringLiteral("custody/audit.csv"), "seq,at_utc\n1,2026-12-02T09:00:00Z\n").ok());
        }();
        return bag;
    }

    // Unzips a pack into a new folder and returns the bag's folder.
    QString unzip(const QString& zip, const QString& into)
    {
        QDir().mkpath(into);
        auto r = Test::run(QStringLiteral("unzip"), {QStringLiteral("-q"), zip, QStringLiteral("-d"), into});
        return r.exitCode == 0 ? into + QLatin1Char('/') + Folder : QString();
    }
    // What a recipient runs, in the bag's folder: the signature, both manifests, and VERIFY.txt's "nothing added".
    bool minisignAccepts(const QString& bag)
    {
        return Test::run(QStringLiteral("minisign"),
                   {QStringLiteral("-Vm"), bag + QStringLiteral("/tagmanifest-sha256.txt"), QStringLiteral("-P"),
                       publicKey()})
                   .exitCode
            == 0;
    }
    bool sha256sumAccepts(const QString& bag)
    {
        return Test::run(QStringLiteral("bash"),
                   {QStringLiteral("-c"),
                       QStringLiteral("cd '%1' && sha256sum --quiet -c tagmanifest-sha256.txt && sha256sum --quiet -c "
                                      "manifest-sha256.txt")
                           .arg(bag)})
                   .exitCode
            == 0;
    }
    QByteArray nothingAddedCheck(const QString& bag)
    {
        // The commands exactly as VERIFY.txt gives them.
        const QString verify = QString::fromUtf8(Test::readFile(bag + QStringLiteral("/VERIFY.txt")));
        QStringList commands;
        for (const QString& line : verify.split(QLatin1Char('\n'))) {
            if (line.trimmed().startsWith(QLatin1String("diff <("))
                || line.trimmed().startsWith(QLatin1String("find data"))) {
                commands << line.trimmed();
            }
        }
        if (commands.size() != 2) {
            return "VERIFY.txt has no nothing-added commands";
        }
        auto r = Test::run(QStringLiteral("bash"),
            {QStringLiteral("-c"), QStringLiteral("cd '%1' && %2; %3").arg(bag, commands.at(0), commands.at(1))});
        return r.out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_zip = m_root.filePath(Folder + QStringLiteral(".zip"));
        QVERIFY(sampleBag().writeZip(m_zip, Folder, m_key).ok());
    }

    void theStandardToolsAndTheVerifierAcceptIt()
    {
        const QString bag = unzip(m_zip, m_root.filePath(QStringLiteral("good")));
        QVERIFY(!bag.isEmpty());
        QVERIFY(minisignAccepts(bag));
        QVERIFY(sha256sumAccepts(bag));
        const QByteArray added = nothingAddedCheck(bag);
        QVERIFY2(added.contains("no file added or missing"), added.constData());
        qint64 bytes = 0;
        const auto payload = readTree(bag + QStringLiteral("/data"));
        for (const auto& f : payload) {
            bytes += f.bytes.size();
        }
        const QByteArray oxum = QByteArray::number(bytes) + '.' + QByteArray::number(payload.size());
        QCOMPARE(payload.size(), 5);
        QVERIFY2(added.contains(oxum), added.constData()); // bytes.files, as Payload-Oxum
        const QByteArray info = Test::readFile(bag + QStringLiteral("/bag-info.txt"));
        QVERIFY(info.contains(QByteArray("Payload-Oxum: " + oxum + '\n')));
        QVERIFY(
            info.contains("External-Identifier: CMP-2026-0142\n") && info.contains("Earmark-Pack-Kind: evidence\n"));
        QVERIFY(Test::readFile(bag + QStringLiteral("/VERIFY.txt")).contains(publicKey().toLatin1()));

        auto checked = BagVerifier::verifyZip(m_zip, publicKey());
        QVERIFY2(checked, qPrintable(checked.errorMessage()));
        QCOMPARE(checked->kind, QStringLiteral("evidence"));
        QCOMPARE(checked->reference, QStringLiteral("CMP-2026-0142"));
        QCOMPARE(checked->payloadFiles, 5);
        QVERIFY(!checked->keyFromPack);
        QVERIFY(checked->trustedComment.contains(QLatin1String("CMP-2026-0142")));
        // Without a key: the one in VERIFY.txt, and the result says so.
        auto fromPack = BagVerifier::verifyZip(m_zip);
        QVERIFY(fromPack && fromPack->keyFromPack);
        // Another key: refused.
        auto other = BagVerifier::verifyZip(m_zip, Minisign::publicKeyText(SigningKey::generate()));
        QVERIFY(!other);
        QVERIFY2(other.errorMessage().contains(QLatin1String("signature")), qPrintable(other.errorMessage()));
    }

    void anyChangeFails_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("toolsCatchIt"); // minisign + sha256sum; false: only VERIFY.txt's nothing-added check
        QTest::newRow("a byte of audio") << "flip"
                                         << "data/calls/C-20261119-000003/audio.ogg" << true;
        QTest::newRow("a byte of the transcript") << "flip"
                                                  << "data/calls/C-20261119-000003/transcript.txt" << true;
        QTest::newRow("a removed payload file") << "remove"
                                                << "data/case.json" << true;
        QTest::newRow("an added payload file") << "add"
                                               << "data/calls/C-20261119-000003/extra.txt" << false;
        QTest::newRow("bag-info.txt") << "flip"
                                      << "bag-info.txt" << true;
        QTest::newRow("VERIFY.txt") << "flip"
                                    << "VERIFY.txt" << true;
        QTest::newRow("the manifest") << "flip"
                                      << "manifest-sha256.txt" << true;
        QTest::newRow("the signature") << "flip"
                                       << "tagmanifest-sha256.txt.minisig" << true;
        QTest::newRow("an added tag file") << "add"
                                           << "notes.txt" << false;
    }

    void anyChangeFails()
    {
        QFETCH(QString, change);
        QFETCH(QString, file);
        QFETCH(bool, toolsCatchIt);
        const QString dir = m_root.filePath(QStringLiteral("t-%1").arg(
            QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'))));
        const QString bag = unzip(m_zip, dir);
        QVERIFY(!bag.isEmpty());
        const QString path = bag + QLatin1Char('/') + file;
        if (change == QLatin1String("flip")) {
            QByteArray b = Test::readFile(path);
            b[b.size() / 2] = char(b.at(b.size() / 2) ^ 0x01);
            Test::writeFile(path, b);
        } else if (change == QLatin1String("remove")) {
            QVERIFY(QFile::remove(path));
        } else {
            Test::writeFile(path, "added later\n");
        }
        const bool tools = minisignAccepts(bag) && sha256sumAccepts(bag);
        QCOMPARE(!tools, toolsCatchIt);
        if (!toolsCatchIt && file.startsWith(QLatin1String("data/"))) {
            QVERIFY(!nothingAddedCheck(bag).contains("no file added or missing"));
        }
        const QString changed = dir + QStringLiteral(".zip");
        QVERIFY(Archive::toZip(changed, readTree(bag), Folder).ok());
        auto checked = BagVerifier::verifyZip(changed, publicKey());
        QVERIFY(!checked);
        QVERIFY2(checked.errorMessage().contains(QFileInfo(file).fileName())
                || checked.errorMessage().contains(QLatin1String("signature")),
            qPrintable(checked.errorMessage()));
    }

    void namesAndLayoutAreChecked()
    {
        BagWriter bag({QStringLiteral("dsar"), QStringLiteral("SAR-1"), QStringLiteral("Org"), QDate(2026, 12, 2),
            QStringLiteral("0")});
        for (const char* name : {"a b.txt", "../x", "calls//x", "x%20", "line\nbreak", "/abs", "./x"}) {
            QVERIFY2(!bag.add(QString::fromLatin1(name), "x").ok(), name);
        }
        QVERIFY(bag.add(QStringLiteral("ok.txt"), "x").ok());
        QVERIFY(!bag.add(QStringLiteral("ok.txt"), "y").ok());
        // A file outside the bag's folder, or climbing out of it, is refused.
        const QString dir = unzip(m_zip, m_root.filePath(QStringLiteral("layout")));
        QList<Archive::File> files = readTree(dir);
        const QString escaping = m_root.filePath(QStringLiteral("escaping.zip"));
        QVERIFY(
            Archive::toZip(escaping, files + QList<Archive::File> {{QStringLiteral("../evil.txt"), "x"}}, Folder).ok());
        QVERIFY(!BagVerifier::verifyZip(escaping, publicKey()));
        // Not a zip at all.
        Test::writeFile(m_root.filePath(QStringLiteral("not.zip")), "PK? no");
        auto notZip = BagVerifier::verifyZip(m_root.filePath(QStringLiteral("not.zip")), publicKey());
        QVERIFY(!notZip);
        QVERIFY2(notZip.errorMessage().contains(QLatin1String("zip")), qPrintable(notZip.errorMessage()));
    }
};

QTEST_GUILESS_MAIN(TestBag)
#include "TestBag.moc"
