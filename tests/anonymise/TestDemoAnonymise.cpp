#include "TestSupport.h"
#include "anonymise/Anonymiser.h"
#include "anonymise/SpokenText.h"
#include "demo/DemoScript.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;
using namespace Earmark::Anonymise;

// On the demo store: every phone number, postcode and e-mail address the generator had spoken, and every
// respondent's name, is gone from the anonymised transcripts, and no segment without personal data is changed
// (the survey's scores, options and times stay).
class TestDemoAnonymise : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    static constexpr int Calls = 60;

    static QString normalisedChars(const QString& text)
    {
        QString out;
        for (const Symbol& s : normalise(tokenize(text))) {
            if (s.kind != Symbol::Kind::Word) {
                out += s.chars;
            } else {
                out += QLatin1Char(' ');
            }
        }
        return out;
    }

    QString transcriptPath(const QString& callId)
    {
        QDirIterator it(m_dir.filePath(QStringLiteral("store")), {callId + QStringLiteral(".transcript.json")},
            QDir::Files, QDirIterator::Subdirectories);
        return it.hasNext() ? it.next() : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto r = Test::runCli({QStringLiteral("demo-store"), QStringLiteral("--out"),
            m_dir.filePath(QStringLiteral("store")), QStringLiteral("--calls"), QString::number(Calls)});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void personalValuesGoneInnocentSegmentsUnchanged()
    {
        int phones = 0;
        int postcodes = 0;
        int emails = 0;
        int names = 0;
        int untouched = 0;
        for (int i = 0; i < Calls; ++i) {
            const Demo::CallPlan plan = Demo::planCall(i, 1, 14);
            if (!plan.hasTranscript) {
                continue;
            }
            const QString path = transcriptPath(plan.callId);
            QVERIFY2(!path.isEmpty(), qPrintable(plan.callId));
            Options options;
            options.knownNames = {plan.respondentName};
            options.agentNames = {plan.agent.name};
            auto result = Anonymiser(options).anonymise(Test::readFile(path));
            QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
            const QJsonArray in
                = QJsonDocument::fromJson(Test::readFile(path)).object().value(QStringLiteral("segments")).toArray();
            const QJsonArray out = result->transcript.value(QStringLiteral("segments")).toArray();
            QCOMPARE(out.size(), in.size());

            QStringList nameParts;
            for (const QString& part : plan.respondentName.toLower().split(u' ', Qt::SkipEmptyParts)) {
                nameParts << part;
            }
            const QByteArray whole = QJsonDocument(result->transcript).toJson().toLower();
            for (const QString& part : nameParts) {
                const QRegularExpression word(QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(part)));
                QVERIFY2(!word.match(QString::fromUtf8(whole)).hasMatch(),
                    qPrintable(plan.callId + QStringLiteral(": name part ") + part));
            }
            names += whole.contains("[person_") ? 1 : 0;
            for (int s = 0; s < in.size(); ++s) {
                const QString before = in[s].toObject().value(QStringLiteral("text")).toString();
                const QString after = out[s].toObject().value(QStringLiteral("text")).toString();
                const QString chars = normalisedChars(after).remove(u' ');
                bool personal = false;
                for (const QString& value : plan.spokenPersonal) {
                    if (value.contains(u'@')) {
                        const QString local = value.section(u'@', 0, 0);
                        const QString spoken = QString(local).replace(u'.', QStringLiteral(" dot "));
                        personal = personal || before.toLower().contains(spoken);
                        QVERIFY2(!after.toLower().contains(spoken) && !after.toLower().contains(value),
                            qPrintable(plan.callId + QStringLiteral(": ") + after));
                        emails += before.toLower().contains(spoken) ? 1 : 0;
                    } else if (value.startsWith(u'0')) {
                        const QString digits = QString(value).remove(u' ');
                        personal = personal || normalisedChars(before).remove(u' ').contains(digits);
                        phones += normalisedChars(before).remove(u' ').contains(digits) ? 1 : 0;
                        QVERIFY2(!chars.contains(digits), qPrintable(plan.callId + QStringLiteral(": ") + after));
                    } else {
                        const QString code = QString(value).remove(u' ').toUpper();
                        personal = personal || normalisedChars(before).remove(u' ').contains(code);
                        postcodes += normalisedChars(before).remove(u' ').contains(code) ? 1 : 0;
                        QVERIFY2(!chars.contains(code), qPrintable(plan.callId + QStringLiteral(": ") + after));
                    }
                }
                for (const QString& part : nameParts) {
                    personal = personal || before.toLower().contains(part);
                }
                if (!personal) {
                    // Scores, options, times, the agent's introduction, the client's name: all as they were.
                    QVERIFY2(after == before,
                        qPrintable(plan.callId + QStringLiteral(":\n  ") + before + QStringLiteral("\n  ") + after));
                    ++untouched;
                }
            }
        }
        // The demo store really had these to find.
        QVERIFY2(phones >= 5 && postcodes >= 5 && emails >= 5 && names >= 20,
            qPrintable(QStringLiteral("%1 %2 %3 %4").arg(phones).arg(postcodes).arg(emails).arg(names)));
        QVERIFY(untouched > 300);
    }
};

QTEST_GUILESS_MAIN(TestDemoAnonymise)
#include "TestDemoAnonymise.moc"
