#include "TestSupport.h"
#include "audio/AudioDecoder.h"
#include "demo/DemoScript.h"
#include "training/ScenarioLibrary.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <zip.h>

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
        QStringList base;
        makeCache(dir, 20, base);
        if (QTest::currentTestFailed()) {
            return;
        }
        Test::ProcessResult r;

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

        // The same pack as one zip file: a folder named after it, holding the same files byte for byte (the manifest
        // differs only in its creation time), and nothing personal in what it unpacks to.
        const QString zipPath = dir.filePath(QStringLiteral("Induction week.zip"));
        r = Test::runCli(base
            + QStringList {QStringLiteral("scenario"), QStringLiteral("pack"), QStringLiteral("--out"), zipPath,
                QStringLiteral("--title"), QStringLiteral("Induction week")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QMap<QString, QByteArray> zipped = unzip(zipPath);
        const QString unpacked = dir.filePath(QStringLiteral("unpacked"));
        QCOMPARE(zipped.size(), 2 + 2 * scenarios);
        for (auto it = zipped.cbegin(); it != zipped.cend(); ++it) {
            QVERIFY2(it.key().startsWith(QLatin1String("Induction week/")), qPrintable(it.key()));
            const QString inside = it.key().mid(15);
            Test::writeFile(unpacked + QLatin1Char('/') + inside, it.value());
            if (inside == QLatin1String("manifest.json")) {
                QCOMPARE(QJsonDocument::fromJson(it.value()).object().value(QStringLiteral("scenarios")),
                    manifest.value(QStringLiteral("scenarios")));
            } else {
                QVERIFY2(it.value() == Test::readFile(pack + QLatin1Char('/') + inside), qPrintable(inside));
            }
        }
        const QStringList zipLeaks = Test::filesContaining(unpacked, needles);
        QVERIFY2(zipLeaks.isEmpty(), qPrintable(zipLeaks.join(u'\n')));
        // A zip that cannot be written is refused with the reason, and leaves nothing behind.
        Test::writeFile(dir.filePath(QStringLiteral("blocker")), "a file, not a folder");
        r = Test::runCli(base
            + QStringList {QStringLiteral("scenario"), QStringLiteral("pack"), QStringLiteral("--out"),
                dir.filePath(QStringLiteral("blocker/pack.zip"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("blocker"), r.err.constData());
    }

    void aPersonKeepsOnePseudonymAcrossNotesAndExcerpt()
    {
        // A trainer's note naming the agent and the respondent: in the library and the pack alike (one anonymisation,
        // stored), the respondent is the excerpt's [PERSON_1], the agent a pseudonym of their own by the default
        // staff policy, and two people are never one pseudonym. The excerpt's turns are named and punctuated.
        QTemporaryDir dir;
        QStringList base;
        makeCache(dir, 6, base);
        if (QTest::currentTestFailed()) {
            return;
        }
        Test::ProcessResult r;
        int i = 0;
        while (i < 6 && !Demo::planCall(i, 1, 14).hasTranscript) {
            ++i;
        }
        const Demo::CallPlan plan = Demo::planCall(i, 1, 14);
        QVERIFY(plan.hasTranscript);
        const QString agentFirst = plan.agent.name.section(u' ', 0, 0);
        const QString respondentFirst = plan.respondentName.section(u' ', 0, 0);
        const QString note = QStringLiteral("%1 asks %2 about the booking; %3 answers at once.")
                                 .arg(agentFirst, plan.respondentName, respondentFirst);
        auto add = [&](const QString& title, const QString& from, const QString& to) {
            return Test::runCli(base
                + QStringList {QStringLiteral("scenario"), QStringLiteral("add"), plan.callId, QStringLiteral("--from"),
                    from, QStringLiteral("--to"), to, QStringLiteral("--title"), title, QStringLiteral("--category"),
                    QStringLiteral("Good practice"), QStringLiteral("--notes"), note});
        };
        r = add(QStringLiteral("Opening"), QStringLiteral("0.4"), QStringLiteral("9"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = Test::runCli(base + QStringList {QStringLiteral("scenario"), QStringLiteral("policy")});
        QVERIFY(r.out.contains("pseudonymise"));
        r = Test::runCli(base
            + QStringList {QStringLiteral("scenario"), QStringLiteral("policy"), QStringLiteral("--staff"),
                QStringLiteral("keep")});
        QVERIFY2(r.exitCode == 0 && r.out.contains("keep"), r.err.constData());
        r = add(QStringLiteral("Opening, names kept"), QStringLiteral("0.4"), QStringLiteral("9"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString pack = dir.filePath(QStringLiteral("pack"));
        r = Test::runCli(
            base + QStringList {QStringLiteral("scenario"), QStringLiteral("pack"), QStringLiteral("--out"), pack});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // Only what the trainer wrote: no objectives heading without objectives, no dot for tags there are none of.
        const QString first = QString::fromUtf8(Test::readFile(pack + QStringLiteral("/scenario-1.html")));
        QVERIFY(!first.contains(QStringLiteral("Learning objectives")));
        QVERIFY2(
            first.contains(QStringLiteral("<p>Good practice · difficulty 2 of 3</p>")), qPrintable(first.left(800)));
        Scenario tagged;
        tagged.category = QStringLiteral("Recording notice");
        tagged.difficulty = 3;
        tagged.tags = {QStringLiteral("notice"), QStringLiteral("opening")};
        QCOMPARE(ScenarioLibrary::summaryLine(tagged),
            QStringLiteral("Recording notice · difficulty 3 of 3 · notice, opening"));
        QString pseudonymised;
        QString kept;
        for (const QString& page : {QStringLiteral("/scenario-1.html"), QStringLiteral("/scenario-2.html")}) {
            const QString html = QString::fromUtf8(Test::readFile(pack + page));
            (html.contains(QStringLiteral("names kept")) ? kept : pseudonymised) = html;
        }
        QVERIFY2(
            pseudonymised.contains(QStringLiteral("[AGENT_1] asks [PERSON_1] about the booking; [PERSON_1] answers")),
            qPrintable(pseudonymised));
        QVERIFY2(
            kept.contains(QStringLiteral("%1 asks [PERSON_1] about the booking").arg(agentFirst)), qPrintable(kept));
        // The excerpt: the same [PERSON_1] for the respondent, turns named as people read them, no empty turn, the
        // text's punctuation kept where the region cuts into a turn.
        QVERIFY(pseudonymised.contains(QStringLiteral("<span class='who'>Agent</span>")));
        QVERIFY(!pseudonymised.contains(QStringLiteral("<span class='who'>agent</span>")));
        QVERIFY2(!pseudonymised.contains(QStringLiteral("<br></p>")), qPrintable(pseudonymised));
        QVERIFY2(
            pseudonymised.contains(QStringLiteral("[PERSON_1], my name is [AGENT_1] and")), qPrintable(pseudonymised));
        QVERIFY(!pseudonymised.contains(plan.respondentName.section(u' ', -1)));
        QVERIFY(!pseudonymised.contains(agentFirst));
    }

private:
    // A demo store of that many calls synced into a passphrase cache in dir; base: the CLI arguments that open it.
    static void makeCache(const QTemporaryDir& dir, int calls, QStringList& base)
    {
        const QString store = dir.filePath(QStringLiteral("store"));
        base = {QStringLiteral("--cache"), dir.filePath(QStringLiteral("cache")), QStringLiteral("--passphrase-file"),
            dir.filePath(QStringLiteral("pass"))};
        Test::writeFile(dir.filePath(QStringLiteral("pass")), "otter velvet cinnamon harbour 31\n");
        auto r = Test::runCli({QStringLiteral("demo-store"), QStringLiteral("--out"), store, QStringLiteral("--calls"),
            QString::number(calls)});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = Test::runCli(base + QStringList {QStringLiteral("sync"), QStringLiteral("--store"), store});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    // Every file of a zip archive by its name (read back with libzip).
    static QMap<QString, QByteArray> unzip(const QString& path)
    {
        QMap<QString, QByteArray> out;
        int code = 0;
        zip_t* archive = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY, &code);
        if (!archive) {
            return out;
        }
        for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
            zip_stat_t st;
            if (zip_stat_index(archive, zip_uint64_t(i), 0, &st) != 0) {
                continue;
            }
            QByteArray bytes(qsizetype(st.size), Qt::Uninitialized);
            zip_file_t* f = zip_fopen_index(archive, zip_uint64_t(i), 0);
            if (f && zip_fread(f, bytes.data(), st.size) == zip_int64_t(st.size)) {
                out.insert(QString::fromUtf8(st.name), bytes);
            }
            if (f) {
                zip_fclose(f);
            }
        }
        zip_discard(archive);
        return out;
    }
};

QTEST_GUILESS_MAIN(TestTrainingPack)
#include "TestTrainingPack.moc"
