#include "TestSupport.h"
#include "audio/AudioDecoder.h"
#include "demo/DemoScript.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;

// The leak test: scenarios flagged on demo calls full of spoken personal data (and trainers' notes that name the
// caller), exported as a training pack; then every byte of the pack, audio included, is searched for the calls'
// phone numbers, names, postcodes and e-mail addresses in every written form: none is found.
class TestTrainingPack : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void packHoldsNothingPersonal()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("store"));
        const QStringList base {QStringLiteral("--cache"), dir.filePath(QStringLiteral("cache")),
            QStringLiteral("--passphrase-file"), dir.filePath(QStringLiteral("pass"))};
        Test::writeFile(dir.filePath(QStringLiteral("pass")), "otter velvet cinnamon harbour 31\n");
        auto r = Test::runCli({QStringLiteral("demo-store"), QStringLiteral("--out"), store, QStringLiteral("--calls"),
            QStringLiteral("20")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = Test::runCli(base + QStringList {QStringLiteral("sync"), QStringLiteral("--store"), store});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        QList<QByteArray> needles;
        int scenarios = 0;
        for (int i = 0; i < 20; ++i) {
            const Demo::CallPlan plan = Demo::planCall(i, 1, 14);
            if (!plan.hasTranscript) {
                continue;
            }
            for (const QString& part : plan.respondentName.split(u' ')) {
                needles << part.toUtf8() << part.toUpper().toUtf8();
                if (part.size() >= 5) { // shorter lower-case names are inside everyday words ("ian" in "Meridian")
                    needles << part.toLower().toUtf8();
                }
            }
            if (!plan.phoneE164.isEmpty()) {
                const QString national = QStringLiteral("0") + plan.phoneE164.mid(3);
                needles << plan.phoneE164.toUtf8() << national.toUtf8() << plan.phoneE164.mid(3).toUtf8()
                        << (national.left(5) + QLatin1Char(' ') + national.mid(5)).toUtf8();
            }
            for (const QString& v : plan.spokenPersonal) {
                needles << v.toUtf8() << QString(v).remove(u' ').toUtf8() << v.toLower().toUtf8();
                if (v.contains(u'@')) {
                    needles << QString(v.section(u'@', 0, 0)).replace(u'.', QStringLiteral(" dot ")).toUtf8();
                }
            }
            // The whole call as a scenario, with a note that names the caller as a trainer might.
            r = Test::runCli(base
                + QStringList {QStringLiteral("scenario"), QStringLiteral("add"), plan.callId, QStringLiteral("--from"),
                    QStringLiteral("0"), QStringLiteral("--to"), QStringLiteral("600"), QStringLiteral("--title"),
                    QStringLiteral("Whole call %1").arg(i), QStringLiteral("--category"),
                    QStringLiteral("Good practice"), QStringLiteral("--notes"),
                    QStringLiteral("Listen to how %1 reacts.").arg(plan.respondentName), QStringLiteral("--objectives"),
                    QStringLiteral("Notice given before question one")});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            ++scenarios;
        }
        QVERIFY(scenarios >= 10);
        const QString pack = dir.filePath(QStringLiteral("pack"));
        r = Test::runCli(base
            + QStringList {QStringLiteral("scenario"), QStringLiteral("pack"), QStringLiteral("--out"), pack,
                QStringLiteral("--title"), QStringLiteral("Induction week")});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        // The pack: an index, a page and a playable clip per scenario, a manifest.
        const QJsonObject manifest
            = QJsonDocument::fromJson(Test::readFile(pack + QStringLiteral("/manifest.json"))).object();
        QCOMPARE(manifest.value(QStringLiteral("schema")).toString(), QStringLiteral("earmark.training-pack/1"));
        const QJsonArray items = manifest.value(QStringLiteral("scenarios")).toArray();
        QCOMPARE(items.size(), scenarios);
        for (const QJsonValue v : items) {
            const QJsonObject o = v.toObject();
            const QByteArray page
                = Test::readFile(pack + QLatin1Char('/') + o.value(QStringLiteral("page")).toString());
            QVERIFY(page.contains(o.value(QStringLiteral("clip")).toString().toUtf8()));
            QVERIFY(page.contains("Notice given before question one"));
            const QByteArray wav = Test::readFile(pack + QLatin1Char('/') + o.value(QStringLiteral("clip")).toString());
            QCOMPARE(Test::sha256Hex(wav), o.value(QStringLiteral("clip_sha256")).toString());
            QVERIFY(AudioDecoder::decode(wav).ok());
        }
        QVERIFY(Test::readFile(pack + QStringLiteral("/index.html")).contains("Induction week"));
        QVERIFY(Test::readFile(pack + QStringLiteral("/scenario-1.html")).contains("[PERSON_1]"));

        // Nothing personal anywhere, in any file, text or audio.
        needles.removeAll(QByteArray());
        const QStringList leaks = Test::filesContaining(pack, needles);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestTrainingPack)
#include "TestTrainingPack.moc"
