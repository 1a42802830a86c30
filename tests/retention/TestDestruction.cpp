// Destruction is complete: after a retention run nothing of the destroyed calls can be read off the disk with the
// keys the machine keeps, even page by page (free pages and stale WAL frames included), and every other call is
// intact. The same when the run's process is killed at several moments and the cache is opened again.
#include "CipherPages.h"
#include "DemoCache.h"
#include "cache/Cache.h"
#include "cache/Statement.h"
#include "crypto/KeyHierarchy.h"
#include "crypto/Minisign.h"
#include "keys/KeyInfo.h"
#include "quality/EvaluationRepository.h"
#include "quality/ScorecardLibrary.h"
#include "retention/CallDestruction.h"
#include "training/ScenarioLibrary.h"

#include <QDateTime>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimeZone>
#include <csignal>

using namespace Earmark;

namespace {
const QByteArray CommentMarker = "QZXTIMEDCOMMENTMARKER";
const QByteArray ScenarioMarker = "QZXSCENARIOMARKER";

} // namespace

class TestDestruction : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    Test::DemoCache m_demo;
    QByteArray m_dbKey;
    int m_major = 3;
    QList<QPair<QString, qint64>> m_calls; // (call id, start), oldest first
    QHash<QString, QSet<QByteArray>> m_words; // call id -> transcript words no other call says
    QHash<QString, QSet<QByteArray>> m_personal; // call id -> its phone number (E.164 and national) and name
    QString m_now; // --now that makes the oldest calls due
    QSet<QString> m_due;

    std::unique_ptr<Cache> open(const QString& dir)
    {
        auto info = KeyInfo::load(CacheFolder(dir).keyInfoPath());
        auto pass = Passphrase::readPassphraseFile(m_demo.passFile);
        auto kek = Passphrase::deriveKey(pass.value(), info->kdf);
        auto master = info->unwrapMaster(kek.value());
        auto cache = Cache::open(CacheFolder(dir), master.value(), false);
        if (!cache) {
            qWarning() << cache.errorMessage();
            return nullptr;
        }
        if (m_dbKey.isEmpty()) {
            m_dbKey = KeyHierarchy(master.value()).databaseKey().toByteArray();
            m_major = cache.value()->database().cipherVersion().section(QLatin1Char('.'), 0, 0).toInt();
        }
        return std::move(cache.value());
    }

    Test::ProcessResult cli(const QString& dir, const QStringList& args)
    {
        return Test::runCli(
            QStringList {QStringLiteral("--cache"), dir, QStringLiteral("--passphrase-file"), m_demo.passFile} + args);
    }

    QByteArray pages(const QString& dir)
    {
        const auto p = Test::CipherPages::read(CacheFolder(dir).databasePath(), m_dbKey, m_major);
        if (!p.error.isEmpty()) {
            qWarning() << p.error;
            return {};
        }
        return p.plaintext;
    }

    // The destroyed calls' words still readable in the pages ("call: word"), for a failure message.
    QStringList leftovers(const QByteArray& plain, const QSet<QString>& destroyed)
    {
        QStringList found;
        for (const QString& id : destroyed) {
            for (const QByteArray& w : m_words.value(id)) {
                if (plain.contains(w)) {
                    found << id + QStringLiteral(": ") + QString::fromUtf8(w);
                }
            }
        }
        for (const QString& id : destroyed) {
            for (const QByteArray& p : m_personal.value(id)) {
                if (plain.contains(p)) {
                    found << id + QStringLiteral(": personal field ") + QString::fromUtf8(p);
                }
            }
        }
        if (plain.contains(CommentMarker)) {
            found << QStringLiteral("the timed comment");
        }
        if (plain.contains(ScenarioMarker)) {
            found << QStringLiteral("the scenario");
        }
        return found;
    }

    QSet<QString> tombstoned(Cache& cache)
    {
        QSet<QString> out;
        auto s = cache.database().prepare(QStringLiteral("SELECT call_id FROM tombstones"));
        (void)s->forEachRow([&]() -> Status {
            out.insert(s->text(0));
            return {};
        });
        return out;
    }

    // A timed comment and a scenario on the oldest call, so that their words must go with it.
    void addWordsAbout(Cache& cache, const QString& callId)
    {
        QVERIFY(ScorecardLibrary(cache).ensureDefault().ok());
        EvaluationRepository evaluations(cache);
        auto e = evaluations.start(callId, QStringLiteral("survey-call-quality"), 1);
        QVERIFY2(e, qPrintable(e.errorMessage()));
        QVERIFY(evaluations.addComment(e->id, 1.0, QString::fromLatin1(CommentMarker)).ok());
        Scenario s;
        s.title = QString::fromLatin1(ScenarioMarker);
        s.category = QStringLiteral("Complaint");
        auto id = ScenarioLibrary(cache).create(callId, 0.0, 3.0, s);
        QVERIFY2(id, qPrintable(id.errorMessage()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = m_demo.makeCache(m_root.filePath(QStringLiteral("base")), 14);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        auto synced = m_demo.cli({QStringLiteral("sync"), QStringLiteral("--store"), m_demo.store,
            QStringLiteral("--audio"), QStringLiteral("all")});
        QCOMPARE(synced.exitCode, 0);
        auto listed = m_demo.cli({QStringLiteral("calls"), QStringLiteral("--json")});
        QCOMPARE(listed.exitCode, 0);
        for (const auto& v : QJsonDocument::fromJson(listed.out).array()) {
            const QJsonObject o = v.toObject();
            m_calls << qMakePair(o.value(QStringLiteral("call_id")).toString(),
                QDateTime::fromString(o.value(QStringLiteral("start_utc")).toString(), Qt::ISODate).toSecsSinceEpoch());
        }
        std::sort(m_calls.begin(), m_calls.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
        QVERIFY(m_calls.size() == 14);
        // Words each call's transcript has and no other's (with the respondent's name among them).
        QHash<QByteArray, QSet<QString>> saidBy;
        QDirIterator it(m_demo.store, {QStringLiteral("*.transcript.json")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QJsonObject t = QJsonDocument::fromJson(Test::readFile(it.next())).object();
            const QString id = t.value(QStringLiteral("call_id")).toString();
            for (const auto& seg : t.value(QStringLiteral("segments")).toArray()) {
                const QString text = seg.toObject().value(QStringLiteral("text")).toString();
                for (QString w : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
                    w.remove(QRegularExpression(QStringLiteral("[^A-Za-z]")));
                    if (w.size() >= 5) {
                        saidBy[w.toLower().toUtf8()].insert(id);
                    }
                }
            }
        }
        // Each call's number and name from its sidecar (sealed in the cache: never in a page, before or after).
        QDirIterator sidecars(m_demo.store, {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
        while (sidecars.hasNext()) {
            const QString path = sidecars.next();
            if (path.endsWith(QLatin1String(".transcript.json")) || path.endsWith(QLatin1String("store.json"))) {
                continue;
            }
            const QJsonObject o = QJsonDocument::fromJson(Test::readFile(path)).object();
            const QJsonObject r = o.value(QStringLiteral("respondent")).toObject();
            const QString phone = r.value(QStringLiteral("phone_e164")).toString();
            QSet<QByteArray>& p = m_personal[o.value(QStringLiteral("call_id")).toString()];
            if (phone.size() > 6) {
                p << phone.toUtf8() << (QStringLiteral("0") + phone.mid(3)).toUtf8();
            }
            if (r.value(QStringLiteral("name")).toString().size() >= 5) {
                p << r.value(QStringLiteral("name")).toString().toUtf8();
            }
        }
        // A number or name two calls share (the same respondent) may rightly stay with the call that is kept.
        QHash<QByteArray, int> uses;
        for (const auto& set : std::as_const(m_personal)) {
            for (const QByteArray& p : set) {
                ++uses[p];
            }
        }
        for (auto& set : m_personal) {
            set.removeIf([&](const QByteArray& p) { return uses.value(p) > 1; });
        }
        QVERIFY(!m_personal.isEmpty());
        for (auto w = saidBy.cbegin(); w != saidBy.cend(); ++w) {
            if (w.value().size() == 1) {
                m_words[*w.value().begin()].insert(w.key());
            }
        }
        // As of the day after the 5th oldest call's due date: at least five calls are due, some are not.
        const qint64 due5 = m_calls.at(4).second + 730 * 86400;
        const QDate day = QDateTime::fromSecsSinceEpoch(due5, QTimeZone::utc()).date().addDays(1);
        m_now = day.toString(QStringLiteral("yyyy-MM-dd"));
        const qint64 asOf = QDateTime(day, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
        for (const auto& c : m_calls) {
            if (c.second + 730 * 86400 <= asOf) {
                m_due.insert(c.first);
            }
        }
        QVERIFY(m_due.size() >= 5 && m_due.size() < m_calls.size());
        int withWords = 0;
        for (const QString& id : m_due) {
            withWords += m_words.value(id).isEmpty() ? 0 : 1;
        }
        QVERIFY2(withWords >= 3, "the demo transcripts should give most due calls words of their own");
    }

    void aRunLeavesNothingOfTheDestroyedCalls()
    {
        const QString dir = m_root.filePath(QStringLiteral("run"));
        Test::copyDir(CacheFolder(m_demo.cache).root(), dir);
        const QString oldest = m_calls.first().first;
        QStringList blobs;
        {
            auto cache = open(dir);
            QVERIFY(cache);
            addWordsAbout(*cache, oldest);
            for (const QString& id : m_due) {
                auto call = cache->calls().get(id);
                QVERIFY(call);
                blobs << cache->blobs().pathOf(cache->calls().audioBlob(call->id).value());
            }
            QVERIFY(cache->database().checkpointTruncate().ok());
        }
        // The scan finds what is there: before the run, the due calls' words are in the full-text index.
        QByteArray before = pages(dir);
        QVERIFY(!before.isEmpty());
        QVERIFY(leftovers(before, m_due).size() >= 3);
        for (const QString& b : blobs) {
            QVERIFY(QFile::exists(b));
        }

        auto run = cli(dir,
            {QStringLiteral("retention"), QStringLiteral("run"), QStringLiteral("--now"), m_now,
                QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject out = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(out.value(QStringLiteral("destroyed")).toInt(), m_due.size());
        const QString certificate = out.value(QStringLiteral("certificate")).toString();
        QVERIFY(QFile::exists(certificate));

        const QByteArray after = pages(dir);
        QVERIFY(!after.isEmpty());
        const QStringList left = leftovers(after, m_due);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QStringLiteral(", "))));
        for (const QString& b : blobs) {
            QVERIFY2(!QFile::exists(b), qPrintable(b));
        }
        // Every other call is intact, and its words are still found (the scan still works).
        QSet<QString> kept;
        for (const auto& c : m_calls) {
            if (!m_due.contains(c.first)) {
                kept.insert(c.first);
            }
        }
        QVERIFY(!leftovers(after, kept).isEmpty());
        auto verified = cli(dir, {QStringLiteral("verify")});
        QVERIFY2(verified.exitCode == 0, verified.err.constData());
        auto listed = cli(dir, {QStringLiteral("calls"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(listed.out).array().size(), kept.size());

        // The certificate names every destroyed call with its audio hash and checks out, with Earmark and minisign.
        const QJsonObject cert = QJsonDocument::fromJson(Test::readFile(certificate)).object();
        QSet<QString> certified;
        for (const auto& v : cert.value(QStringLiteral("destroyed")).toArray()) {
            certified.insert(v.toObject().value(QStringLiteral("call_id")).toString());
            QCOMPARE(v.toObject().value(QStringLiteral("audio_sha256")).toString().size(), 64);
        }
        QCOMPARE(certified, m_due);
        QCOMPARE(cli(dir, {QStringLiteral("certificate"), QStringLiteral("verify"), certificate}).exitCode, 0);
        const QByteArray pub = cli(dir, {QStringLiteral("audit"), QStringLiteral("key")}).out;
        const QString key = QString::fromLatin1(pub.split('\n').value(1));
        QVERIFY(!key.isEmpty());
        const QString minisign = QStandardPaths::findExecutable(QStringLiteral("minisign"));
        QVERIFY2(!minisign.isEmpty(), "minisign is not installed: run scripts/deps.sh");
        auto checked = Test::run(minisign, {QStringLiteral("-Vm"), certificate, QStringLiteral("-P"), key});
        QVERIFY2(checked.exitCode == 0, checked.err.constData());
        // One changed byte: both refuse.
        QByteArray edited = Test::readFile(certificate);
        edited.replace(certified.begin()->toUtf8(), QByteArray(QByteArray("X") + certified.begin()->toUtf8().mid(1)));
        Test::writeFile(certificate, edited);
        QCOMPARE(cli(dir, {QStringLiteral("certificate"), QStringLiteral("verify"), certificate}).exitCode, 1);
        QVERIFY(Test::run(minisign, {QStringLiteral("-Vm"), certificate, QStringLiteral("-P"), key}).exitCode != 0);
    }

    void aCommittedDestructionIsTidiedAtTheNextOpen()
    {
        // The moment a kill is most likely to miss: the destroying transaction committed, the tidy-up (index merge,
        // blob files, WAL truncation) not started. Made exactly here by leaving out finish().
        const QString dir = m_root.filePath(QStringLiteral("committed"));
        Test::copyDir(CacheFolder(m_demo.cache).root(), dir);
        const QString oldest = m_calls.first().first;
        QString blob;
        {
            auto cache = open(dir);
            QVERIFY(cache);
            auto call = cache->calls().get(oldest);
            QVERIFY(call);
            blob = cache->blobs().pathOf(cache->calls().audioBlob(call->id).value());
            Transaction tx(cache->database());
            QVERIFY(tx.begin().ok());
            auto destroyed = CallDestruction(*cache).destroy(oldest, QStringLiteral("test"), QStringLiteral("D-x"));
            QVERIFY(destroyed && destroyed.value() == CallDestruction::Outcome::Destroyed);
            QVERIFY(tx.commit().ok());
            // Without the tidy-up the words are still in the index (this is what the next open must finish).
            QVERIFY(!leftovers(pages(dir), {oldest}).isEmpty() || m_words.value(oldest).isEmpty());
            QVERIFY(QFile::exists(blob));
        }
        auto reopened = open(dir);
        QVERIFY(reopened);
        QVERIFY(!QFile::exists(blob));
        QCOMPARE(reopened->setting(Cache::purgePendingSetting()), QString());
        const QStringList left = leftovers(pages(dir), {oldest});
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QStringLiteral(", "))));
        QVERIFY(reopened->verify().ok());
    }

    void aKilledRunIsFinishedAtTheNextOpen_data()
    {
        QTest::addColumn<double>("fraction");
        for (double f : {0.0, 0.2, 0.4, 0.6, 0.8, 0.95}) {
            QTest::addRow("at %d%%", int(f * 100)) << f;
        }
    }

    void aKilledRunIsFinishedAtTheNextOpen()
    {
        QFETCH(double, fraction);
        // The length of a run, and of the start-up before it destroys anything, on copies of the cache.
        static qint64 startup = -1;
        static qint64 whole = -1;
        if (whole < 0) {
            const QString probe = m_root.filePath(QStringLiteral("probe"));
            Test::copyDir(CacheFolder(m_demo.cache).root(), probe);
            QElapsedTimer t;
            t.start();
            QCOMPARE(cli(probe, {QStringLiteral("retention"), QStringLiteral("preview")}).exitCode, 0);
            startup = t.restart();
            QCOMPARE(cli(probe, {QStringLiteral("retention"), QStringLiteral("run"), QStringLiteral("--now"), m_now})
                         .exitCode,
                0);
            whole = t.elapsed();
        }
        const QString dir = m_root.filePath(QStringLiteral("kill-%1").arg(int(fraction * 100)));
        Test::copyDir(CacheFolder(m_demo.cache).root(), dir);
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p.start(Test::binaryPath(QStringLiteral("earmark-cli")),
            {QStringLiteral("--cache"), dir, QStringLiteral("--passphrase-file"), m_demo.passFile,
                QStringLiteral("retention"), QStringLiteral("run"), QStringLiteral("--now"), m_now});
        QVERIFY(p.waitForStarted());
        QThread::msleep(static_cast<unsigned long>(startup + fraction * std::max<qint64>(0, whole - startup)));
        ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
        p.waitForFinished();

        // The next open (any command) finishes what the run committed; nothing of a destroyed call is left.
        auto verified = cli(dir, {QStringLiteral("verify")});
        QVERIFY2(verified.exitCode == 0, verified.err.constData());
        QSet<QString> destroyed;
        {
            auto cache = open(dir);
            QVERIFY(cache);
            destroyed = tombstoned(*cache);
            qInfo("killed at %d%% of the run: %d of %d due calls had been destroyed", int(fraction * 100),
                int(destroyed.size()), int(m_due.size()));
            QVERIFY(destroyed.size() <= m_due.size());
            auto referenced = cache->calls().referencedBlobs();
            QVERIFY(referenced);
            QCOMPARE(QSet<QString>(cache->blobs().names().begin(), cache->blobs().names().end()), referenced.value());
        }
        const QStringList left = leftovers(pages(dir), destroyed);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QStringLiteral(", "))));
        // The next run destroys the rest and certifies the interrupted run as well.
        auto again = cli(dir,
            {QStringLiteral("retention"), QStringLiteral("run"), QStringLiteral("--now"), m_now,
                QStringLiteral("--json")});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QCOMPARE(QJsonDocument::fromJson(again.out).object().value(QStringLiteral("destroyed")).toInt(),
            m_due.size() - destroyed.size());
        QDirIterator certs(CacheFolder(dir).certificatesPath(), {QStringLiteral("*.json")}, QDir::Files);
        QSet<QString> certified;
        while (certs.hasNext()) {
            const QString c = certs.next();
            QCOMPARE(cli(dir, {QStringLiteral("certificate"), QStringLiteral("verify"), c}).exitCode, 0);
            for (const auto& v :
                QJsonDocument::fromJson(Test::readFile(c)).object().value(QStringLiteral("destroyed")).toArray()) {
                certified.insert(v.toObject().value(QStringLiteral("call_id")).toString());
            }
        }
        QCOMPARE(certified, m_due);
        const QStringList after = leftovers(pages(dir), m_due);
        QVERIFY2(after.isEmpty(), qPrintable(after.join(QStringLiteral(", "))));
    }
};

QTEST_GUILESS_MAIN(TestDestruction)
#include "TestDestruction.moc"
