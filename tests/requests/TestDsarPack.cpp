// A subject access pack through earmark-cli, as a data-protection officer makes it and a requester checks it: three
// calls of one number (found however the number is typed), a corrected transcript that names a third party, their
// number, the agent's full name and the requester's own details. The pack verifies with the real minisign and
// sha256sum; every byte of it (and the cover letter's text, read back with pdftotext) is searched for the other
// parties' names and numbers; the requester's own data stays; the recording is bleeped where the transcript was
// redacted; the staff-name policy is applied; the pack is audited.
#include "DemoCache.h"
#include "anonymise/AudioRedaction.h"
#include "audio/AudioDecoder.h"
#include "core/PersonName.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;

class TestDsarPack : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    Test::DemoCache m_demo;
    QStringList m_sidecars;
    QStringList m_requesterCalls;
    QStringList m_otherNames; // the other calls' respondents
    QString m_requesterName;
    QString m_agentFirst;
    QString m_agentSurname;
    QString m_key;
    static constexpr const char* Requester = "+447700900533";

    QJsonObject sidecar(int i) const { return QJsonDocument::fromJson(Test::readFile(m_sidecars.at(i))).object(); }
    QString transcriptPath(int i) const
    {
        return QFileInfo(m_sidecars.at(i)).absolutePath() + QLatin1Char('/')
            + sidecar(i).value(QStringLiteral("transcript")).toObject().value(QStringLiteral("file")).toString();
    }
    QString create(const QString& typed, const QString& ref)
    {
        auto r = m_demo.cli({QStringLiteral("dsar"), QStringLiteral("create"), QStringLiteral("--phone"), typed,
            QStringLiteral("--received"), QDate::currentDate().addDays(-3).toString(Qt::ISODate),
            QStringLiteral("--ref"), ref, QStringLiteral("--json")});
        return r.exitCode == 0 ? QJsonDocument::fromJson(r.out).object().value(QStringLiteral("dsar_id")).toString()
                               : QString();
    }
    // Unzips a pack into dir; returns the bag's folder.
    QString unzip(const QString& zip, const QString& dir)
    {
        QDir().mkpath(dir);
        auto r = Test::run(QStringLiteral("unzip"), {QStringLiteral("-q"), zip, QStringLiteral("-d"), dir});
        const QStringList inside = QDir(dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        return r.exitCode == 0 && inside.size() == 1 ? dir + QLatin1Char('/') + inside.first() : QString();
    }
    QStringList packedCalls(const QString& bag) const
    {
        QStringList calls = QDir(bag + QStringLiteral("/data/calls")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        calls.sort();
        return calls;
    }
    QString allTranscripts(const QString& bag) const
    {
        QString all;
        for (const QString& c : packedCalls(bag)) {
            all += QString::fromUtf8(Test::readFile(bag + QStringLiteral("/data/calls/%1/transcript.txt").arg(c)));
        }
        return all;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = m_demo.makeCache(m_root.filePath(QStringLiteral("demo")), 10);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QDirIterator it(m_demo.store + QStringLiteral("/v1"), {QStringLiteral("*.json")}, QDir::Files,
            QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString p = it.next();
            if (!p.endsWith(QLatin1String(".transcript.json")) && !p.endsWith(QLatin1String("store.json"))) {
                m_sidecars << p;
            }
        }
        m_sidecars.sort();
        // Three calls with transcripts become the requester's (their number and name); the rest are other people's.
        QList<int> mine;
        for (int i = 0; i < m_sidecars.size(); ++i) {
            const QJsonObject o = sidecar(i);
            const bool transcript = o.contains(QStringLiteral("transcript"));
            if (transcript && mine.size() < 3) {
                mine << i;
                QJsonObject r = o.value(QStringLiteral("respondent")).toObject();
                if (m_requesterName.isEmpty()) {
                    m_requesterName = r.value(QStringLiteral("name")).toString();
                }
                r.insert(QStringLiteral("phone_e164"), QLatin1String(Requester));
                r.insert(QStringLiteral("name"), m_requesterName);
                QJsonObject changed = o;
                changed.insert(QStringLiteral("respondent"), r);
                Test::writeFile(m_sidecars.at(i), QJsonDocument(changed).toJson());
                m_requesterCalls << o.value(QStringLiteral("call_id")).toString();
            } else {
                const QString name
                    = o.value(QStringLiteral("respondent")).toObject().value(QStringLiteral("name")).toString();
                if (!name.isEmpty()) {
                    m_otherNames << name.split(QLatin1Char(' ')).last();
                }
            }
        }
        QCOMPARE(mine.size(), 3);
        m_requesterCalls.sort();
        for (int i : mine) { // a surname two respondents share is the requester's too
            const QString name
                = sidecar(i).value(QStringLiteral("respondent")).toObject().value(QStringLiteral("name")).toString();
            m_otherNames.removeAll(name.split(QLatin1Char(' ')).last());
        }
        auto synced = m_demo.cli({QStringLiteral("sync"), QStringLiteral("--store"), m_demo.store});
        QVERIFY2(synced.exitCode == 0, synced.err.constData());

        // The first call's transcript is corrected: a third party, their number, the agent's full name, and the
        // requester's own number and postcode.
        const QString agent
            = sidecar(mine.first()).value(QStringLiteral("agent")).toObject().value(QStringLiteral("name")).toString();
        m_agentFirst = agent.section(QLatin1Char(' '), 0, 0);
        m_agentSurname = agent.section(QLatin1Char(' '), 1);
        QJsonObject t = QJsonDocument::fromJson(Test::readFile(transcriptPath(mine.first()))).object();
        QJsonArray segments = t.value(QStringLiteral("segments")).toArray();
        const double end = segments.last().toObject().value(QStringLiteral("end_s")).toDouble();
        const auto add = [&](const QString& speaker, double from, double to, const QString& text) {
            segments.append(QJsonObject {{QStringLiteral("speaker"), speaker}, {QStringLiteral("start_s"), end * from},
                {QStringLiteral("end_s"), end * to}, {QStringLiteral("text"), text}});
        };
        // Placed inside the call (its audio is as long as the last segment's end).
        add(QStringLiteral("agent"), 0.90, 0.92,
            QStringLiteral("Sorry, I should have said, my full name is %1.").arg(agent));
        add(QStringLiteral("respondent"), 0.92, 0.95,
            QStringLiteral("My husband Kwame Mensah pays the bills, his mobile is 07700 900461."));
        add(QStringLiteral("respondent"), 0.95, 0.97,
            QStringLiteral("You can reach me on 07700 900533, and my postcode is SW1A 1AA."));
        t.insert(QStringLiteral("segments"), segments);
        const QString corrected = m_root.filePath(QStringLiteral("corrected.json"));
        Test::writeFile(corrected, QJsonDocument(t).toJson());
        auto imported = m_demo.cli({QStringLiteral("transcript"), QStringLiteral("import"),
            sidecar(mine.first()).value(QStringLiteral("call_id")).toString(), corrected});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        m_key = QString::fromUtf8(m_demo.cli({QStringLiteral("audit"), QStringLiteral("key")}).out)
                    .split(QLatin1Char('\n'))
                    .value(1)
                    .trimmed();
        QVERIFY(m_key.startsWith(QLatin1String("RW")));
    }

    void aRequesterVerifiesThePackWithStandardTools()
    {
        const QString id = create(QStringLiteral("07700 900533"), QStringLiteral("SAR-2026-031"));
        QVERIFY(id.startsWith(QLatin1String("D-")));
        const QString zip = m_root.filePath(QStringLiteral("out/SAR-2026-031.zip"));
        auto packed = m_demo.cli({QStringLiteral("dsar"), QStringLiteral("pack"), id, QStringLiteral("--out"), zip,
            QStringLiteral("--audio")});
        QVERIFY2(packed.exitCode == 0, packed.err.constData());
        QVERIFY2(packed.out.contains("3 call(s)"), packed.out.constData());
        const QString bag = unzip(zip, m_root.filePath(QStringLiteral("unzipped")));
        QCOMPARE(QFileInfo(bag).fileName(), QStringLiteral("dsar-SAR-2026-031"));
        auto tools = Test::run(QStringLiteral("bash"),
            {QStringLiteral("-c"),
                QStringLiteral("cd '%1' && minisign -Vm tagmanifest-sha256.txt -P '%2' && sha256sum --quiet -c "
                               "tagmanifest-sha256.txt && sha256sum --quiet -c manifest-sha256.txt")
                    .arg(bag, m_key)});
        QVERIFY2(tools.exitCode == 0, QByteArray(tools.out + tools.err).constData());
        auto verified
            = m_demo.cli({QStringLiteral("evidence"), QStringLiteral("verify"), zip, QStringLiteral("--key"), m_key});
        QVERIFY2(verified.exitCode == 0, verified.err.constData());
        QVERIFY(verified.out.contains("dsar pack SAR-2026-031"));
        QVERIFY(Test::readFile(bag + QStringLiteral("/bag-info.txt")).contains("Earmark-Pack-Kind: dsar"));

        QCOMPARE(packedCalls(bag), m_requesterCalls);
        for (const QString& c : m_requesterCalls) {
            for (const char* f : {"metadata.json", "transcript.txt", "transcript.json", "recording.wav"}) {
                QVERIFY2(QFile::exists(bag + QStringLiteral("/data/calls/%1/%2").arg(c, QLatin1String(f))),
                    qPrintable(c + QLatin1Char('/') + QLatin1String(f)));
            }
        }
        QVERIFY(QFile::exists(bag + QStringLiteral("/data/request.json")));
        QVERIFY(QFile::exists(bag + QStringLiteral("/data/redaction-log.csv")));

        // No other party's name or number anywhere: not in any file's bytes, not in the cover letter's text.
        auto text = Test::run(QStringLiteral("pdftotext"),
            {bag + QStringLiteral("/data/cover-letter.pdf"), m_root.filePath(QStringLiteral("letter.txt"))});
        QCOMPARE(text.exitCode, 0);
        // (NFKC: the PDF's "fi" ligature reads back as two letters)
        const QString letter = QString::fromUtf8(Test::readFile(m_root.filePath(QStringLiteral("letter.txt"))))
                                   .normalized(QString::NormalizationForm_KC)
                                   .simplified();
        QList<QByteArray> leaks {"Kwame", "Mensah", "900461", "7700900461", m_agentSurname.toUtf8()};
        for (const QString& n : std::as_const(m_otherNames)) {
            leaks << n.toUtf8();
        }
        QStringList found = Test::filesContaining(bag, leaks);
        for (const QByteArray& l : leaks) {
            if (letter.contains(QString::fromUtf8(l))) {
                found << QStringLiteral("cover letter: ") + QString::fromUtf8(l);
            }
        }
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));

        // The requester's own data stays; other people's is marked.
        const QString all = allTranscripts(bag);
        QVERIFY2(all.contains(QStringLiteral("07700 900533")), qPrintable(all));
        QVERIFY(all.contains(QStringLiteral("SW1A 1AA")));
        QVERIFY(all.contains(QStringLiteral("[PHONE]")));
        QVERIFY(all.contains(QStringLiteral("[PERSON_")));
        QVERIFY2(all.contains(QStringLiteral("my full name is %1").arg(m_agentFirst)), qPrintable(all));
        const QByteArray log = Test::readFile(bag + QStringLiteral("/data/redaction-log.csv"));
        QVERIFY(log.contains("removed,\"another person's name\""));
        QVERIFY(log.contains("removed,\"another number\""));
        QVERIFY(log.contains("kept,\"the requester's own number\""));
        QVERIFY(log.contains("removed,\"a member of staff's surname (policy: first names only)\""));

        // The cover letter: Art. 15's information.
        for (const char* needed : {"SAR-2026-031", "rectification", "erasure", "restriction", "objection",
                 "Information Commissioner's Office", "two years", "Quality monitoring", "Training",
                 "Queries and complaints", "Staff safety", "telephony provider"}) {
            QVERIFY2(
                letter.contains(QLatin1String(needed)), qPrintable(QLatin1String(needed) + QLatin1Char('\n') + letter));
        }

        // The recording: bleeped exactly where the transcript says something was removed.
        const QString first = m_requesterCalls.first();
        const QJsonObject redacted
            = QJsonDocument::fromJson(Test::readFile(bag + QStringLiteral("/data/calls/%1/transcript.json").arg(first)))
                  .object();
        auto audio
            = AudioDecoder::decode(Test::readFile(bag + QStringLiteral("/data/calls/%1/recording.wav").arg(first)));
        QVERIFY2(audio, qPrintable(audio.errorMessage()));
        int bleeped = 0;
        QList<Anonymise::Redaction> spans;
        for (const auto& v : redacted.value(QStringLiteral("redactions")).toArray()) {
            spans.append({0, Anonymise::Entity::Phone, v.toObject().value(QStringLiteral("start_s")).toDouble(),
                v.toObject().value(QStringLiteral("end_s")).toDouble()});
        }
        const double level = Anonymise::bleepLevel(audio->samples, audio->channels, audio->sampleRate, spans);
        for (const Anonymise::Redaction& r : spans) {
            const qint64 from = qint64(std::floor(r.startS * audio->sampleRate));
            const qint64 span = qint64(std::ceil(r.endS * audio->sampleRate)) - from;
            for (qint64 k = 0; k < std::min<qint64>(200, span); ++k) {
                for (int ch = 0; ch < audio->channels; ++ch) {
                    QCOMPARE(audio->samples.at((from + k) * audio->channels + ch),
                        Anonymise::toneSample(k, span, audio->sampleRate, level));
                }
            }
            ++bleeped;
        }
        QVERIFY(bleeped >= 3);

        // Audited, by request id.
        auto audit = m_demo.cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--json")});
        QVERIFY(audit.out.contains("\"dsar.pack\""));
        QVERIFY(audit.out.contains(id.toUtf8()));
    }

    void everyCallOfTheNumberHoweverItIsTyped_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::newRow("E.164") << QString::fromLatin1(Requester);
        QTest::newRow("international prefix") << "0044 (0)7700-900533";
    }
    void everyCallOfTheNumberHoweverItIsTyped()
    {
        QFETCH(QString, typed);
        const QString ref = QStringLiteral("SAR-") + QString::number(qHash(typed) % 10000);
        const QString id = create(typed, ref);
        QVERIFY(!id.isEmpty());
        const QString zip = m_root.filePath(ref + QStringLiteral(".zip"));
        auto packed = m_demo.cli({QStringLiteral("dsar"), QStringLiteral("pack"), id, QStringLiteral("--out"), zip});
        QVERIFY2(packed.exitCode == 0, packed.err.constData());
        const QString bag = unzip(zip, m_root.filePath(ref));
        QCOMPARE(packedCalls(bag), m_requesterCalls);
        QVERIFY(!QFile::exists(bag + QStringLiteral("/data/calls/%1/recording.wav").arg(m_requesterCalls.first())));
        QVERIFY(QString::fromUtf8(Test::readFile(bag + QStringLiteral("/data/cover-letter.pdf"))).size() > 1000);
    }

    void theStaffPolicyDecidesTheAgentsName()
    {
        const QString id = create(QString::fromLatin1(Requester), QStringLiteral("SAR-STAFF"));
        QVERIFY(!id.isEmpty());
        const auto pack = [&](const QString& policy) {
            const QString zip = m_root.filePath(QStringLiteral("staff-%1.zip").arg(policy));
            auto r = m_demo.cli({QStringLiteral("dsar"), QStringLiteral("pack"), id, QStringLiteral("--out"), zip,
                QStringLiteral("--staff"), policy});
            return r.exitCode == 0 ? allTranscripts(unzip(zip, m_root.filePath(QStringLiteral("staff-") + policy)))
                                   : QString::fromUtf8(r.err);
        };
        const QString keep = pack(QStringLiteral("keep"));
        QVERIFY2(keep.contains(m_agentFirst + QLatin1Char(' ') + m_agentSurname), qPrintable(keep));
        const QString removed = pack(QStringLiteral("remove"));
        QVERIFY(!removed.contains(m_agentSurname));
        QVERIFY2(!removed.contains(QStringLiteral("my name is %1").arg(m_agentFirst)), qPrintable(removed));
        // The setting, kept in the cache and audited.
        auto set = m_demo.cli(
            {QStringLiteral("dsar"), QStringLiteral("policy"), QStringLiteral("--staff"), QStringLiteral("keep")});
        QVERIFY2(set.out.contains("keep"), set.err.constData());
        const QString zip = m_root.filePath(QStringLiteral("staff-setting.zip"));
        QCOMPARE(
            m_demo.cli({QStringLiteral("dsar"), QStringLiteral("pack"), id, QStringLiteral("--out"), zip}).exitCode, 0);
        QVERIFY(allTranscripts(unzip(zip, m_root.filePath(QStringLiteral("staff-setting")))).contains(m_agentSurname));
        QVERIFY(m_demo.cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--json")})
                    .out.contains("policy.staff-names"));
        QCOMPARE(m_demo
                     .cli({QStringLiteral("dsar"), QStringLiteral("policy"), QStringLiteral("--staff"),
                         QStringLiteral("first-name")})
                     .exitCode,
            0);
        auto bad = m_demo.cli(
            {QStringLiteral("dsar"), QStringLiteral("policy"), QStringLiteral("--staff"), QStringLiteral("surnames")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY(bad.err.contains("keep, first-name or remove"));
    }

    void aRequestWaitingForIdentityHasNoPackYet()
    {
        auto r = m_demo.cli({QStringLiteral("dsar"), QStringLiteral("create"), QStringLiteral("--phone"),
            QString::fromLatin1(Requester), QStringLiteral("--received"), QDate::currentDate().toString(Qt::ISODate),
            QStringLiteral("--ref"), QStringLiteral("SAR-ID"), QStringLiteral("--identity-pending"),
            QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QString id = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("dsar_id")).toString();
        const QString zip = m_root.filePath(QStringLiteral("id.zip"));
        auto packed = m_demo.cli({QStringLiteral("dsar"), QStringLiteral("pack"), id, QStringLiteral("--out"), zip});
        QCOMPARE(packed.exitCode, 1);
        QVERIFY(packed.err.contains("dsar confirm"));
        QVERIFY(!QFile::exists(zip));
    }

    // A household's landline: a fourth call of the number names another person (with a threat in it, say). Nobody's
    // call may reach another person: the pack waits for the handler's decision on it, and the decisions are audited.
    void aSharedNumberSendsNobodyAnotherPersonsCall()
    {
        QString other;
        QString otherName;
        for (int i = 0; i < m_sidecars.size() && other.isEmpty(); ++i) {
            QJsonObject o = sidecar(i);
            QJsonObject r = o.value(QStringLiteral("respondent")).toObject();
            const QString name = r.value(QStringLiteral("name")).toString();
            if (m_requesterCalls.contains(o.value(QStringLiteral("call_id")).toString()) || name.isEmpty()
                || PersonName::compare(name, m_requesterName) != PersonName::Match::Different) {
                continue;
            }
            other = o.value(QStringLiteral("call_id")).toString();
            otherName = name;
            r.insert(QStringLiteral("phone_e164"), QLatin1String(Requester));
            o.insert(QStringLiteral("respondent"), r);
            Test::writeFile(m_sidecars.at(i), QJsonDocument(o).toJson());
        }
        QVERIFY(!other.isEmpty());
        auto synced = m_demo.cli({QStringLiteral("sync"), QStringLiteral("--store"), m_demo.store});
        QVERIFY2(synced.exitCode == 0, synced.err.constData());

        auto created = m_demo.cli({QStringLiteral("dsar"), QStringLiteral("create"), QStringLiteral("--phone"),
            QString::fromLatin1(Requester), QStringLiteral("--received"), QDate::currentDate().toString(Qt::ISODate),
            QStringLiteral("--ref"), QStringLiteral("SAR-SHARED"), QStringLiteral("--name"), m_requesterName});
        QVERIFY2(created.exitCode == 0, created.err.constData());
        QVERIFY2(created.out.contains(other.toUtf8()), created.out.constData()); // told at once
        const QString id = QString::fromUtf8(created.out).section(QLatin1Char(' '), 1, 1);
        const auto shown = [&](const QString& request) {
            return QJsonDocument::fromJson(m_demo.cli({QStringLiteral("dsar"), QStringLiteral("show"), request}).out)
                .object();
        };
        QJsonObject r = shown(id);
        QCOMPARE(r.value(QStringLiteral("requester_name")).toString(), m_requesterName);
        QCOMPARE(r.value(QStringLiteral("doubtful_calls")).toArray(), QJsonArray {other});
        QCOMPARE(r.value(QStringLiteral("number_calls")).toArray().size(), m_requesterCalls.size() + 1);

        // Refused while the other person's call is undecided, naming it and the ways out; nothing is written.
        const QString zip = m_root.filePath(QStringLiteral("shared.zip"));
        auto refused = m_demo.cli({QStringLiteral("dsar"), QStringLiteral("pack"), id, QStringLiteral("--out"), zip});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(other.toUtf8()) && refused.err.contains("shared")
                && refused.err.contains("dsar exclude-call") && refused.err.contains("dsar confirm-call"),
            refused.err.constData());
        QVERIFY(!QFile::exists(zip));

        // Left out, with the reason: not in the pack, no longer held by this request.
        auto noReason = m_demo.cli({QStringLiteral("dsar"), QStringLiteral("exclude-call"), id, other});
        QCOMPARE(noReason.exitCode, 1);
        QVERIFY(noReason.err.contains("--reason"));
        auto excluded = m_demo.cli({QStringLiteral("dsar"), QStringLiteral("exclude-call"), id, other,
            QStringLiteral("--reason"), QStringLiteral("the requester's lodger, named on the call")});
        QVERIFY2(excluded.exitCode == 0, excluded.err.constData());
        r = shown(id);
        QVERIFY(!r.value(QStringLiteral("calls")).toArray().contains(other));
        QVERIFY(r.value(QStringLiteral("doubtful_calls")).toArray().isEmpty());
        const QJsonArray holds = QJsonDocument::fromJson(
            m_demo.cli({QStringLiteral("hold"), QStringLiteral("list"), QStringLiteral("--json")}).out)
                                     .array();
        bool listed = false;
        for (const QJsonValue& h : holds) {
            if (h.toObject().value(QStringLiteral("hold_id")).toString() == id) {
                listed = true;
                QVERIFY(!h.toObject().value(QStringLiteral("calls")).toArray().contains(other));
                QCOMPARE(h.toObject().value(QStringLiteral("calls")).toArray().size(), m_requesterCalls.size());
            }
        }
        QVERIFY(listed);
        auto packed = m_demo.cli({QStringLiteral("dsar"), QStringLiteral("pack"), id, QStringLiteral("--out"), zip});
        QVERIFY2(packed.exitCode == 0, packed.err.constData());
        const QString bag = unzip(zip, m_root.filePath(QStringLiteral("shared")));
        QCOMPARE(packedCalls(bag), m_requesterCalls);
        QCOMPARE(Test::run(QStringLiteral("pdftotext"),
                     {bag + QStringLiteral("/data/cover-letter.pdf"), m_root.filePath(QStringLiteral("shared.txt"))})
                     .exitCode,
            0);
        const QString letter = QString::fromUtf8(Test::readFile(m_root.filePath(QStringLiteral("shared.txt"))));
        QVERIFY2(letter.contains(QStringLiteral("Dear ") + m_requesterName), qPrintable(letter));
        QVERIFY(!letter.contains(otherName));

        // Without the requester's name nobody can tell whose is whose: recorded first, then the call confirmed
        // (say the requester uses another name on some calls) goes in.
        const QString unnamed = create(QString::fromLatin1(Requester), QStringLiteral("SAR-UNNAMED"));
        auto noName
            = m_demo.cli({QStringLiteral("dsar"), QStringLiteral("pack"), unnamed, QStringLiteral("--out"), zip});
        QCOMPARE(noName.exitCode, 1);
        QVERIFY2(
            noName.err.contains("more than one person") && noName.err.contains("dsar name"), noName.err.constData());
        QCOMPARE(shown(unnamed).value(QStringLiteral("doubtful_calls")).toArray().size(), m_requesterCalls.size() + 1);
        QCOMPARE(
            m_demo.cli({QStringLiteral("dsar"), QStringLiteral("name"), unnamed, QStringLiteral("--name"), otherName})
                .exitCode,
            0);
        QCOMPARE(shown(unnamed).value(QStringLiteral("doubtful_calls")).toArray().size(), m_requesterCalls.size());
        for (const QString& call : m_requesterCalls) {
            QCOMPARE(m_demo
                         .cli({QStringLiteral("dsar"), QStringLiteral("confirm-call"), unnamed, call,
                             QStringLiteral("--reason"), QStringLiteral("the same person, confirmed by phone")})
                         .exitCode,
                0);
        }
        const QString all = m_root.filePath(QStringLiteral("confirmed.zip"));
        auto confirmed
            = m_demo.cli({QStringLiteral("dsar"), QStringLiteral("pack"), unnamed, QStringLiteral("--out"), all});
        QVERIFY2(confirmed.exitCode == 0, confirmed.err.constData());
        QCOMPARE(
            packedCalls(unzip(all, m_root.filePath(QStringLiteral("confirmed")))).size(), m_requesterCalls.size() + 1);
        const QByteArray audit
            = m_demo.cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--json")}).out;
        QVERIFY(audit.contains("request.exclude-call") && audit.contains("request.confirm-call")
            && audit.contains("request.name"));
        QVERIFY(!audit.contains(m_requesterName.toUtf8())); // decisions by id, never a name
    }
};

QTEST_GUILESS_MAIN(TestDsarPack)
#include "TestDsarPack.moc"
