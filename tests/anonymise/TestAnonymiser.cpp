#include "TestSupport.h"
#include "anonymise/Anonymiser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;
using namespace Earmark::Anonymise;

// What the anonymiser does to what people say on survey calls: personal data out (written and spoken), innocent
// numbers and words kept, the output format of shared/spec/anonymisation.md.
class TestAnonymiser : public QObject
{
    Q_OBJECT

private:
    static QJsonObject transcript(const QJsonArray& segments)
    {
        return QJsonObject {{QStringLiteral("schema"), QStringLiteral("earmark.transcript/1")},
            {QStringLiteral("call_id"), QStringLiteral("C-20261120-000001")},
            {QStringLiteral("language"), QStringLiteral("en-GB")}, {QStringLiteral("engine"), QStringLiteral("asr")},
            {QStringLiteral("segments"), segments}};
    }

    static QJsonObject segment(const QString& speaker, double start, const QString& text, bool withWords)
    {
        QJsonObject s {{QStringLiteral("speaker"), speaker}, {QStringLiteral("start_s"), start},
            {QStringLiteral("end_s"), start + 0.3 * text.split(u' ').size()}, {QStringLiteral("text"), text}};
        if (withWords) {
            QJsonArray words;
            double t = start;
            for (const QString& w : text.split(u' ', Qt::SkipEmptyParts)) {
                words.append(QJsonObject {{QStringLiteral("w"), w}, {QStringLiteral("start_s"), t},
                    {QStringLiteral("end_s"), t + 0.25}, {QStringLiteral("conf"), 0.9}});
                t += 0.3;
            }
            s.insert(QStringLiteral("words"), words);
        }
        return s;
    }

private Q_SLOTS:
    void utterances_data()
    {
        QTest::addColumn<QString>("speaker");
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        auto row = [](const char* name, const char* speaker, const char* in, const char* out) {
            QTest::newRow(name) << QString::fromLatin1(speaker) << QString::fromUtf8(in) << QString::fromUtf8(out);
        };
        // Phone numbers, written and spoken.
        row("phone written", "respondent", "Call me on 07700 900123.", "Call me on [PHONE].");
        row("phone spoken doubles", "respondent", "It's oh seven seven double oh, nine oh oh, one two three.",
            "It's [PHONE].");
        row("phone spoken hundred", "respondent", "oh seven seven double oh nine hundred one two three", "[PHONE]");
        row("phone plus four four", "respondent", "plus four four seven seven double oh nine hundred one two three",
            "[PHONE]");
        row("phone landline nought", "respondent", "nought one six one, four nine six, nought nought nought nought",
            "[PHONE]");
        row("phone international written", "respondent", "My number is +44 (0)20 7946 0000 after six.",
            "My number is [PHONE] after six.");
        row("phone country code without plus", "respondent",
            "its double four seven seven double oh nine hundred one two three", "its [PHONE]");
        row("phone digits spaced by the recogniser", "respondent", "call me on 0 7 7 0 0 9 0 0 1 2 3",
            "call me on [PHONE]");
        row("phone said with a digit too many", "respondent",
            "call me on oh seven nine eight three double four five six seven eight nine", "call me on [PHONE]");
        row("phone triple", "respondent", "zero two zero, seven nine four six, triple oh one", "[PHONE]");
        // E-mail.
        row("email written", "respondent", "It's a.b@example.co.uk thanks", "It's [EMAIL] thanks");
        row("email spoken", "respondent", "a dot b at example dot co dot uk", "[EMAIL]");
        row("email spoken name", "respondent", "it's jane underscore smith at gmail dot com", "it's [EMAIL]");
        row("email spelled", "respondent", "that's j o h n dot s m i t h at hotmail dot co dot uk", "that's [EMAIL]");
        // Postcodes.
        row("postcode written", "respondent", "SW1A 1AA", "[POSTCODE]");
        row("postcode spoken", "respondent", "Yes, it's L S one, four A P.", "Yes, it's [POSTCODE].");
        row("postcode letters", "respondent", "S W one A one A A", "[POSTCODE]");
        row("postcode letter names", "respondent", "it's em one, one a e", "it's [POSTCODE]");
        row("postcode letter names said", "respondent", "The postcode is em one, one ay ee.",
            "The postcode is [POSTCODE].");
        row("postcode letter names with why", "respondent", "my postcode is bee ess one four ex why",
            "my postcode is [POSTCODE]");
        row("postcode double you and double ay", "respondent", "it's ess double you one ay, one double ay",
            "it's [POSTCODE]");
        row("postcode nato", "respondent", "sierra whiskey one alpha one alpha alpha", "[POSTCODE]");
        // Cards, NHS, NINO, bank.
        row("card written", "respondent", "card 4539 1488 0343 6467 expiring", "card [CARD] expiring");
        row("card spoken", "respondent",
            "four five three nine one four eight eight oh three four three six four six seven", "[CARD]");
        row("nhs", "respondent", "my NHS number is 943 476 5919", "my NHS number is [NHS]");
        row("nino written", "respondent", "NI number AB 12 34 56 C", "NI number [NINO]");
        row("nino spoken", "respondent", "it's A B one two three four five six C", "it's [NINO]");
        row("sort code", "respondent", "sort code 20-00-00", "sort code [SORT_CODE]");
        row("sort code spoken with dashes", "respondent", "my sort code is four oh dash double two dash one one",
            "my sort code is [SORT_CODE]");
        row("account", "respondent", "the account number is 12345678", "the account number is [BANK_ACCOUNT]");
        // Dates of birth and addresses.
        row("dob written", "respondent", "I was born 03/03/1982", "I was born [DATE_OF_BIRTH]");
        row("dob spoken", "respondent", "my date of birth is the third of March nineteen eighty two",
            "my date of birth is [DATE_OF_BIRTH]");
        row("dob hyphenated year", "respondent",
            "It's the fourteenth of March nineteen seventy-eight, my date of birth.",
            "It's [DATE_OF_BIRTH], my date of "
            "birth.");
        row("dob month as a number", "respondent", "date of birth twelfth of the sixth seventy eight",
            "date of birth [DATE_OF_BIRTH]");
        row("address", "respondent", "I live at 14 Harbour Road, Swindon now", "I live at [ADDRESS] now");
        row("address spoken number", "respondent", "it's fourteen Harbour Road", "it's [ADDRESS]");
        // Names.
        row("my name is", "respondent", "My name is Siobhan Featherstone.", "My name is [PERSON_1].");
        row("title", "agent", "Is that Mrs Ashworth?", "Is that [PERSON_1]?");
        row("title, first name and double-barrelled family name", "respondent",
            "she's called mrs elizabeth taylor-smith", "she's called [PERSON_1]");
        row("two titles", "respondent", "Mr and Mrs Patel agreed", "[PERSON_1] agreed");
        row("relation", "respondent", "my husband Kwame does the shopping", "my husband [PERSON_1] does the shopping");
        row("this is speaking", "respondent", "This is Priya speaking", "This is [PERSON_1] speaking");
        row("name list", "agent", "Hello, is that Hannah Pendle?", "Hello, is that [PERSON_1]?");
        row("same person", "agent", "Hannah Pendle? Thank you Hannah.", "[PERSON_1]? Thank you [PERSON_1].");
        row("two people", "respondent", "my daughter Aisha and my son Tomasz",
            "my daughter [PERSON_1] and my son [PERSON_2]");
        row("vocative after a greeting", "agent", "Hello Frank, my name is Tom.", "Hello [PERSON_1], my name is Tom.");
        row("vocative at the end", "agent", "Thank you very much for your time, Victor. Have a good day.",
            "Thank you very much for your time, [PERSON_1]. Have a good day.");
        row("is that someone rare", "agent", "Hello, is that Uma Thackeray?", "Hello, is that [PERSON_1]?");
        row("is that everyday name with rare family name", "agent", "Is that Frank Gresham?", "Is that [PERSON_1]?");
        row("is that right", "agent", "Is that right? Is that OK, Monday?", "Is that right? Is that OK, Monday?");
        row("agent intro kept", "agent", "My name is Tom, calling from Fieldline Research.",
            "My name is Tom, calling from Fieldline Research.");
        row("common word first name with family name", "respondent", "Mark Thompson told me", "[PERSON_1] told me");
        // Innocent: scores, durations, prices, years, question and option numbers, survey references, words.
        row("score", "respondent", "I'd give it seven out of ten.", "I'd give it seven out of ten.");
        row("scale", "agent", "Question 4: on a scale of 0 to 10, how likely?",
            "Question 4: on a scale of 0 to 10, how likely?");
        row("duration price", "respondent", "It took about 45 minutes and cost £12.50.",
            "It took about 45 minutes and cost £12.50.");
        row("year", "respondent", "Back in 2019 I used it twice a week.", "Back in 2019 I used it twice a week.");
        row("spoken year", "respondent", "since nineteen ninety nine", "since nineteen ninety nine");
        row("option", "respondent", "Option three, the one with 2 stars.", "Option three, the one with 2 stars.");
        row("reference", "agent", "The survey reference is SR-2026-114.", "The survey reference is SR-2026-114.");
        row("lower-case recogniser output", "respondent", "my daughter emily and her husband tom",
            "my daughter [PERSON_1] and her husband [PERSON_2]");
        row("reference number", "respondent", "the reference number is 12345", "the reference number is 12345");
        row("answers", "respondent", "I'd say seven, maybe eight, about three times a month.",
            "I'd say seven, maybe eight, about three times a month.");
        row("mark my words", "respondent", "Mark my words, Will you listen?", "Mark my words, Will you listen?");
        row("grace", "respondent", "There was a grace period of thirty days.",
            "There was a grace period of thirty days.");
        row("luhn fails", "respondent", "It's 4539 1488 0343 6468 on the letter",
            "It's 4539 1488 0343 6468 on the letter");
        row("nhs check fails", "respondent", "reference 943 476 5918", "reference 943 476 5918");
        row("invalid nino prefix", "respondent", "QQ 12 34 56 C", "QQ 12 34 56 C");
        row("short number", "respondent", "I called 999 once and 111 twice", "I called 999 once and 111 twice");
        row("why is a word", "respondent", "why did you call me at four, question four why not",
            "why did you call me at four, question four why not");
        row("date not a birth date", "respondent", "I travelled on the third of March",
            "I travelled on the third of March");
    }

    void utterances()
    {
        QFETCH(QString, speaker);
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(Anonymiser().anonymiseText(in, speaker), out);
    }

    void outputFormatWordsAndRedactions()
    {
        const QJsonObject doc = transcript(QJsonArray {
            segment(QStringLiteral("agent"), 0, QStringLiteral("Hello, is that Hannah Pendle?"), true),
            segment(QStringLiteral("respondent"), 3,
                QStringLiteral("Yes. It's oh seven seven double oh nine hundred one two three."), true),
        });
        QJsonObject withExtra = doc;
        QJsonArray segs = withExtra.value(QStringLiteral("segments")).toArray();
        QJsonObject s0 = segs[0].toObject();
        s0.insert(QStringLiteral("alternatives"), QStringLiteral("is that Hannah Pendel")); // unknown: dropped
        segs[0] = s0;
        withExtra.insert(QStringLiteral("segments"), segs);
        auto r = Anonymiser().anonymise(QJsonDocument(withExtra).toJson());
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        const QJsonObject out = r->transcript;
        QCOMPARE(out.value(QStringLiteral("anonymised")).toBool(), true);
        QCOMPARE(out.value(QStringLiteral("anonymiser")).toObject().value(QStringLiteral("version")).toString(),
            QLatin1String(Anonymiser::Version));
        QCOMPARE(
            out.value(QStringLiteral("anonymiser")).toObject().value(QStringLiteral("entities")).toArray().size(), 11);
        const QJsonArray outSegs = out.value(QStringLiteral("segments")).toArray();
        QVERIFY(!outSegs[0].toObject().contains(QStringLiteral("alternatives")));
        // The name: two words become one placeholder word spanning both words' times.
        const QJsonArray w0 = outSegs[0].toObject().value(QStringLiteral("words")).toArray();
        QCOMPARE(w0.size(), 4); // Hello, is that [PERSON_1]
        QCOMPARE(w0[3].toObject().value(QStringLiteral("w")).toString(), QStringLiteral("[PERSON_1]"));
        QCOMPARE(w0[3].toObject().value(QStringLiteral("start_s")).toDouble(), 0.9);
        QCOMPARE(w0[3].toObject().value(QStringLiteral("end_s")).toDouble(), 1.2 + 0.25);
        // The phone number: eight words become one.
        const QJsonArray w1 = outSegs[1].toObject().value(QStringLiteral("words")).toArray();
        QCOMPARE(w1.size(), 3);
        QCOMPARE(w1[2].toObject().value(QStringLiteral("w")).toString(), QStringLiteral("[PHONE]"));
        QCOMPARE(w1[2].toObject().value(QStringLiteral("start_s")).toDouble(), 3.6);
        const QJsonArray red = out.value(QStringLiteral("redactions")).toArray();
        QCOMPARE(red.size(), 2);
        QCOMPARE(red[1].toObject().value(QStringLiteral("type")).toString(), QStringLiteral("PHONE"));
        QCOMPARE(red[1].toObject().value(QStringLiteral("segment")).toInt(), 1);
        QCOMPARE(red[1].toObject().keys(),
            (QStringList {QStringLiteral("end_s"), QStringLiteral("segment"), QStringLiteral("start_s"),
                QStringLiteral("type")}));
        // No original value anywhere, in any form.
        const QByteArray bytes = QJsonDocument(out).toJson();
        for (const char* leak : {"Hannah", "Pendle", "Pendel", "seven", "double", "nine", "0770"}) {
            QVERIFY2(!bytes.contains(leak), leak);
        }
        // Deterministic.
        QCOMPARE(QJsonDocument(Anonymiser().anonymise(QJsonDocument(withExtra).toJson())->transcript).toJson(), bytes);
    }

    void knownNamesFromMetadataAndAgentKept()
    {
        Options options;
        options.knownNames = {QStringLiteral("Winifred Quaxley")}; // not on any list
        options.agentNames = {QStringLiteral("Tom Wilkins")};
        const Anonymiser a(options);
        QCOMPARE(a.anonymiseText(QStringLiteral("Is that Winifred? Quaxley, yes."), QStringLiteral("agent")),
            QStringLiteral("Is that [PERSON_1]? [PERSON_1], yes."));
        QCOMPARE(a.anonymiseText(QStringLiteral("Thanks Tom, bye")), QStringLiteral("Thanks Tom, bye"));
        options.redactAgent = true;
        QCOMPARE(Anonymiser(options).anonymiseText(QStringLiteral("Thanks Tom, bye")),
            QStringLiteral("Thanks [PERSON_1], bye"));
    }

    void staffNamesFollowThePolicy()
    {
        // The agent introduces themselves and a colleague; the respondent names someone else. Kept, each member of
        // staff a pseudonym of their own (never one of the people the call is about), or removed.
        Options options;
        options.knownNames = {QStringLiteral("Hannah Ormerod")};
        options.agentNames = {QStringLiteral("Priya Shah"), QStringLiteral("Tomasz Wieczorek")};
        const QString original = QStringLiteral(
            "Hello, my name is Priya Shah. Priya asks Hannah Ormerod whether Tomasz can call back, Hannah.");
        QCOMPARE(Anonymiser(options).anonymiseText(original, QStringLiteral("agent")),
            QStringLiteral("Hello, my name is Priya Shah. Priya asks [PERSON_1] whether Tomasz can call back, "
                           "[PERSON_1]."));
        options.staff = StaffPolicy::Pseudonymise;
        QCOMPARE(Anonymiser(options).anonymiseText(original, QStringLiteral("agent")),
            QStringLiteral("Hello, my name is [AGENT_1]. [AGENT_1] asks [PERSON_1] whether [AGENT_2] can call back, "
                           "[PERSON_1]."));
        options.staff = StaffPolicy::Remove;
        QCOMPARE(Anonymiser(options).anonymiseText(original, QStringLiteral("agent")),
            QStringLiteral("Hello, my name is [AGENT]. [AGENT] asks [PERSON_1] whether [AGENT] can call back, "
                           "[PERSON_1]."));
        // A first name the agent shares with someone the respondent knows is that someone, not the agent; the agent's
        // full name, or a first name said to the agent, is the agent.
        options.staff = StaffPolicy::Pseudonymise;
        options.agentNames = {QStringLiteral("Tom Baker")};
        QCOMPARE(
            Anonymiser(options).anonymiseText(
                QStringLiteral("Thanks Tom, but my husband Tom deals with that, it's Tom's account, not Tom Baker's."),
                QStringLiteral("respondent")),
            QStringLiteral(
                "Thanks [AGENT_1], but my husband [PERSON_1] deals with that, it's [PERSON_1]'s account, not "
                "[AGENT_1]'s."));
        QCOMPARE(staffPolicyFromName(QStringLiteral("pseudonymise")), StaffPolicy::Pseudonymise);
        QVERIFY(!staffPolicyFromName(QStringLiteral("hide")));
    }

    void theCliTakesTheStaffPolicy()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("t.json"));
        Test::writeFile(in,
            QJsonDocument(
                transcript(
                    {segment(QStringLiteral("agent"), 0,
                         QStringLiteral("Hello, my name is Megan and I'm calling from Fieldline Research."), true),
                        segment(QStringLiteral("respondent"), 4, QStringLiteral("Hello Megan."), true)}))
                .toJson());
        auto kept = Test::runCli({QStringLiteral("anonymise"), in});
        QVERIFY2(kept.exitCode == 0, kept.err.constData());
        QVERIFY(kept.out.contains("my name is Megan and"));
        // Pseudonymised: the introduction and the name said back are the same member of staff.
        auto pseudonymised = Test::runCli({QStringLiteral("anonymise"), in, QStringLiteral("--staff"),
            QStringLiteral("pseudonymise"), QStringLiteral("--agent"), QStringLiteral("Megan Price")});
        QVERIFY2(pseudonymised.exitCode == 0, pseudonymised.err.constData());
        QVERIFY(pseudonymised.out.contains("my name is [AGENT_1] and"));
        QVERIFY(pseudonymised.out.contains("Hello [AGENT_1]."));
        QVERIFY(!pseudonymised.out.contains("Megan"));
        // Without --agent the agent's introduction alone says who is staff.
        auto fromIntro
            = Test::runCli({QStringLiteral("anonymise"), in, QStringLiteral("--staff"), QStringLiteral("remove")});
        QVERIFY2(fromIntro.exitCode == 0, fromIntro.err.constData());
        QVERIFY2(fromIntro.out.contains("my name is [AGENT] and"), fromIntro.out.constData());
        auto bad = Test::runCli({QStringLiteral("anonymise"), in, QStringLiteral("--staff"), QStringLiteral("hide")});
        QCOMPARE(bad.exitCode, 1); // as for a wrong --entities
        QVERIFY(bad.err.contains("keep, pseudonymise or remove"));
    }

    void theTurnBeforeIsContextWhenItAsks()
    {
        const auto texts = [](const QList<std::pair<QString, QString>>& turns) {
            QJsonArray segments;
            for (int i = 0; i < turns.size(); ++i) {
                segments.append(segment(turns[i].first, 5.0 * i, turns[i].second, false));
            }
            auto r = Anonymiser().anonymise(QJsonDocument(transcript(segments)).toJson());
            QStringList out;
            for (const QJsonValue& s : r->transcript.value(QStringLiteral("segments")).toArray()) {
                out << s.toObject().value(QStringLiteral("text")).toString();
            }
            return out;
        };
        const QString r = QStringLiteral("respondent");
        const QString a = QStringLiteral("agent");
        // The agent's question makes the answer a date of birth.
        QCOMPARE(texts({{a, QStringLiteral("And what's your date of birth?")},
                           {r, QStringLiteral("The third of March nineteen eighty two.")}})
                     .last(),
            QStringLiteral("[DATE_OF_BIRTH]."));
        // The respondent's own earlier sentence about a birth year does not make a later date one.
        QCOMPARE(texts({{r, QStringLiteral("I was born in 1982.")},
                     {r, QStringLiteral("We spoke on the 3rd of June at 2 o'clock.")}}),
            QStringList(
                {QStringLiteral("I was born in 1982."), QStringLiteral("We spoke on the 3rd of June at 2 o'clock.")}));
    }

    void entitiesCanBeRestricted()
    {
        Options options;
        options.entities = {Entity::Phone};
        QCOMPARE(Anonymiser(options).anonymiseText(QStringLiteral("Hannah on 07700 900123, SW1A 1AA")),
            QStringLiteral("Hannah on [PHONE], SW1A 1AA"));
    }

    void notATranscriptIsRefused()
    {
        auto r = Anonymiser().anonymise("{\"schema\": \"something/else\"}");
        QVERIFY(!r.ok());
        QVERIFY(!r.errorMessage().isEmpty());
        QVERIFY(!Anonymiser().anonymise("not json").ok());
    }
};

QTEST_GUILESS_MAIN(TestAnonymiser)
#include "TestAnonymiser.moc"
