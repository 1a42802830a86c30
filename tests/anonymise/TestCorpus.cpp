// The anonymiser on the evaluation corpus (corpus/README.md), written independently of the demo script: recall by
// type, over-redaction and innocent utterances changed, against thresholds that fail on a regression. The scorer
// itself is checked first on outputs whose score is known.
#include "CorpusScore.h"

#include <QElapsedTimer>
#include <QMap>
#include <QRegularExpression>
#include <QTest>

using namespace Earmark::CorpusScore;

namespace {

QString corpusFile(const QString& name)
{
    return qEnvironmentVariable("EARMARK_SOURCE_DIR") + QStringLiteral("/tests/anonymise/corpus/") + name;
}

Item item(const QString& id, const QString& text, const QList<QPair<QString, QString>>& entities)
{
    Item i {id, QString(), QStringLiteral("respondent"), text, {}};
    for (const auto& [type, value] : entities) {
        const int at = int(text.indexOf(value));
        i.entities.append(Entity {type, at, at + int(value.size()), value, false});
    }
    return i;
}

} // namespace

class TestCorpus : public QObject
{
    Q_OBJECT

private:
    QList<Item> load(const QString& name)
    {
        QList<Item> items;
        QString error;
        if (!readCorpus(corpusFile(name), &items, &error)) {
            qWarning("%s", qPrintable(error));
        }
        return items;
    }

    Score run(const QList<Item>& items)
    {
        QHash<QString, QString> outputs;
        for (const Item& i : items) {
            outputs.insert(i.id, earmarkOutput(i));
        }
        return score(items, outputs);
    }

private Q_SLOTS:
    void theScorerCountsWhatSurvives()
    {
        const QList<Item> items {
            item(QStringLiteral("a"), QStringLiteral("It's Mrs Ashworth, 07700 900461, um, yes"),
                {{QStringLiteral("PERSON"), QStringLiteral("Mrs Ashworth")},
                    {QStringLiteral("PHONE"), QStringLiteral("07700 900461")}}),
            item(QStringLiteral("b"), QStringLiteral("oh seven seven, um, double oh nine"),
                {{QStringLiteral("PHONE"), QStringLiteral("oh seven seven, um, double oh nine")}}),
            item(QStringLiteral("c"), QStringLiteral("I'd give it a seven out of ten"), {}),
            item(QStringLiteral("d"), QStringLiteral("About eight, I'd say"), {}),
        };
        const QHash<QString, QString> outputs {
            // the title kept is not a leak; the number's last group left is
            {QStringLiteral("a"), QStringLiteral("It's Mrs [PERSON_1], [PHONE] 900461, um, yes")},
            // a filler kept inside a redacted number is not a leak
            {QStringLiteral("b"), QStringLiteral("[PHONE] um [PHONE]")},
            {QStringLiteral("c"), QStringLiteral("I'd give it a seven out of ten")},
            {QStringLiteral("d"), QStringLiteral("About [REDACTED], I'd say")},
        };
        const Score s = score(items, outputs);
        QCOMPARE(s.total.value(QStringLiteral("PHONE")), 2);
        QCOMPARE(s.caught.value(QStringLiteral("PHONE")), 1);
        QCOMPARE(s.caught.value(QStringLiteral("PERSON")), 1);
        QCOMPARE(s.innocent, 2);
        QCOMPARE(s.innocentChanged, 1);
        QCOMPARE(s.otherWordsRemoved, 1); // "eight"
        QCOMPARE(s.misses.size(), 2);
        QCOMPARE(s.misses.first().value, QStringLiteral("07700 900461"));
        QVERIFY(qAbs(s.recall(structuredTypes()) - 0.5) < 1e-9);
        // An utterance a tool did not answer for is scored as left unchanged.
        const Score none = score(items, {});
        QCOMPARE(none.caught.value(QStringLiteral("PHONE")), 0);
        QCOMPARE(none.innocentChanged, 0);
    }

    void theCorpusIsWhatItsReadmeSays()
    {
        for (const QString& name : {QStringLiteral("dev.jsonl"), QStringLiteral("dev2.jsonl"),
                 QStringLiteral("dev3.jsonl"), QStringLiteral("heldout.jsonl"), QStringLiteral("heldout2.jsonl")}) {
            const QList<Item> items = load(name);
            QVERIFY2(items.size() >= 200, qPrintable(name));
            int innocent = 0;
            for (const Item& i : items) {
                innocent += i.entities.isEmpty() ? 1 : 0;
            }
            QVERIFY2(innocent >= 40, qPrintable(name));
        }
    }

    void earmarkOnTheCorpus_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<double>("structured");
        QTest::addColumn<double>("names");
        QTest::addColumn<double>("addresses");
        QTest::addColumn<int>("innocentChanged");
        // Thresholds just under what the anonymiser reaches now: a change that loses recall fails here. The aims of
        // issue 14 are structured 0.95, names 0.90, at most 1 innocent utterance in 40 changed. The dev sets are
        // the ones the anonymiser was tuned on (dev2 and dev3 after each was first scored unseen); the held-out sets
        // are only scored (heldout2 changes 9 of its 57 innocent utterances: above the aim, its misses unread).
        QTest::newRow("dev") << QStringLiteral("dev.jsonl") << 0.97 << 0.97 << 0.95 << 1;
        QTest::newRow("dev2") << QStringLiteral("dev2.jsonl") << 0.97 << 0.97 << 0.94 << 1;
        QTest::newRow("dev3") << QStringLiteral("dev3.jsonl") << 0.95 << 0.93 << 0.91 << 1;
        QTest::newRow("heldout") << QStringLiteral("heldout.jsonl") << 0.90 << 0.92 << 0.60 << 1;
        QTest::newRow("heldout2") << QStringLiteral("heldout2.jsonl") << 0.91 << 0.94 << 0.82 << 9;
    }

    void earmarkOnTheCorpus()
    {
        QFETCH(QString, file);
        QFETCH(double, structured);
        QFETCH(double, names);
        QFETCH(double, addresses);
        QFETCH(int, innocentChanged);
        const QList<Item> items = load(file);
        QVERIFY(!items.isEmpty());
        const Score s = run(items);
        qInfo().noquote() << s.table(QStringLiteral("Earmark on ") + file);
        if (qEnvironmentVariableIsSet("EARMARK_CORPUS_MISSES") && file.startsWith(QLatin1String("held"))) {
            // A held-out set's misses stay unread: only what kind of placeholder changed its innocent utterances.
            QMap<QString, int> kinds;
            static const QRegularExpression placeholder(QStringLiteral("\\[([A-Z_]+?)(_[0-9]+)?\\]"));
            for (const Miss& m : s.misses) {
                if (m.type == QLatin1String("INNOCENT")) {
                    for (const auto& match : placeholder.globalMatch(m.output)) {
                        ++kinds[match.captured(1)];
                    }
                }
            }
            qInfo().noquote() << "innocent utterances changed, by placeholder:" << kinds;
        }
        if (qEnvironmentVariableIsSet("EARMARK_CORPUS_MISSES") && file.startsWith(QLatin1String("dev"))) {
            for (const Miss& m : s.misses) {
                qInfo().noquote() << m.id << m.type << m.value << "->" << m.output;
            }
        }
        QVERIFY2(s.recall(structuredTypes()) >= structured, qPrintable(s.table(file)));
        QVERIFY2(s.recall({QStringLiteral("PERSON")}) >= names, qPrintable(s.table(file)));
        QVERIFY2(s.recall({QStringLiteral("ADDRESS")}) >= addresses, qPrintable(s.table(file)));
        QVERIFY2(s.innocentChanged <= innocentChanged, qPrintable(s.table(file)));
    }
};

QTEST_GUILESS_MAIN(TestCorpus)
#include "TestCorpus.moc"
