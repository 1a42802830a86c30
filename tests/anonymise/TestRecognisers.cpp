#include "anonymise/Checks.h"
#include "anonymise/SpokenText.h"
#include "core/Phone.h"

#include <QTest>

using namespace Earmark;
using namespace Earmark::Anonymise;

// The checks that tell personal numbers from others, with their failure cases; and the normalised view.
class TestRecognisers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void luhn()
    {
        QVERIFY(isCardNumber(QStringLiteral("4539148803436467"))); // Visa test number
        QVERIFY(isCardNumber(QStringLiteral("5555555555554444"))); // Mastercard test number
        QVERIFY(isCardNumber(QStringLiteral("378282246310005"))); // Amex, 15 digits
        QVERIFY(!isCardNumber(QStringLiteral("4539148803436468"))); // check digit off by one
        QVERIFY(!isCardNumber(QStringLiteral("1234567812345678"))); // fails Luhn
        QVERIFY(!isCardNumber(QStringLiteral("0000000000000000"))); // passes Luhn, no issuer starts with 0
        QVERIFY(!isCardNumber(QStringLiteral("453914880343"))); // 12 digits: too short
        QVERIFY(luhnValid(QStringLiteral("79927398713")));
        QVERIFY(!luhnValid(QStringLiteral("79927398710")));
    }

    void nhsModulus11()
    {
        QVERIFY(nhsNumberValid(QStringLiteral("9434765919")));
        QVERIFY(nhsNumberValid(QStringLiteral("4010232137")));
        QVERIFY(!nhsNumberValid(QStringLiteral("9434765918"))); // wrong check digit
        QVERIFY(!nhsNumberValid(QStringLiteral("943476591"))); // 9 digits
        QVERIFY(!nhsNumberValid(QStringLiteral("1000000010"))); // remainder gives check 10: never issued
    }

    void nationalInsurance()
    {
        QVERIFY(ninoValid(QStringLiteral("AB123456C")));
        QVERIFY(ninoValid(QStringLiteral("JG103759A")));
        QVERIFY(!ninoValid(QStringLiteral("QQ123456C"))); // Q is never a first letter (HMRC's example number)
        QVERIFY(!ninoValid(QStringLiteral("BG123456A"))); // administrative prefix, never issued
        QVERIFY(!ninoValid(QStringLiteral("GB123456A")));
        QVERIFY(!ninoValid(QStringLiteral("AO123456A"))); // O never second
        QVERIFY(!ninoValid(QStringLiteral("AB123456E"))); // suffix A-D only
        QVERIFY(!ninoValid(QStringLiteral("AB12345C")));
    }

    void postcodes()
    {
        for (const char* ok :
            {"SW1A1AA", "SW1A 1AA", "LS14AP", "M11AE", "B338TH", "CR26XH", "DN551PT", "EC1A1BB", "W1A0AX", "GIR0AA"}) {
            QVERIFY2(postcodeValid(QString::fromLatin1(ok)), ok);
        }
        for (const char* bad : {"SW1A1A", "Q11AA", "LS1 4CI", "12345", "AAA1AA", "SW1A1AAA", "V11AA"}) {
            QVERIFY2(!postcodeValid(QString::fromLatin1(bad)), bad);
        }
    }

    void phoneDigits()
    {
        QVERIFY(Phone::isPhoneNumberDigits(QStringLiteral("07700900123"))); // Ofcom drama range: still a number
        QVERIFY(Phone::isPhoneNumberDigits(QStringLiteral("+447700900123")));
        QVERIFY(Phone::isPhoneNumberDigits(QStringLiteral("00447700900123")));
        QVERIFY(Phone::isPhoneNumberDigits(QStringLiteral("01614960000")));
        QVERIFY(Phone::isPhoneNumberDigits(QStringLiteral("02079460000")));
        QVERIFY(Phone::isPhoneNumberDigits(QStringLiteral("+33142685300"))); // Paris
        QVERIFY(!Phone::isPhoneNumberDigits(QStringLiteral("0770090012"))); // a mobile one digit short
        QVERIFY(!Phone::isPhoneNumberDigits(QStringLiteral("077009001234"))); // one too many
        QVERIFY(!Phone::isPhoneNumberDigits(QStringLiteral("2026"))); // a year
        QVERIFY(!Phone::isPhoneNumberDigits(QStringLiteral("09")));
        QVERIFY(!Phone::isPhoneNumberDigits(QStringLiteral("+999123456"))); // no such country
    }

    void normalisedView_data()
    {
        QTest::addColumn<QString>("spoken");
        QTest::addColumn<QString>("chars");
        QTest::newRow("oh and double") << QStringLiteral("oh seven seven double oh") << QStringLiteral("07700");
        QTest::newRow("nought, triple") << QStringLiteral("nought triple two") << QStringLiteral("0222");
        QTest::newRow("hundred") << QStringLiteral("nine hundred") << QStringLiteral("900");
        QTest::newRow("tens and units") << QStringLiteral("twenty three") << QStringLiteral("23");
        QTest::newRow("plus four four") << QStringLiteral("plus four four") << QStringLiteral("+44");
        QTest::newRow("written groups") << QStringLiteral("07700 900123") << QStringLiteral("07700900123");
        QTest::newRow("dashes") << QStringLiteral("20-00-00") << QStringLiteral("200000");
        QTest::newRow("letters") << QStringLiteral("S W one A") << QStringLiteral("SW1A");
        QTest::newRow("nato") << QStringLiteral("sierra whiskey one alpha") << QStringLiteral("SW1A");
        QTest::newRow("written code") << QStringLiteral("SW1A 1AA") << QStringLiteral("SW1A1AA");
    }

    void normalisedView()
    {
        QFETCH(QString, spoken);
        QFETCH(QString, chars);
        QString out;
        for (const Symbol& s : normalise(tokenize(spoken))) {
            out += s.chars;
        }
        QCOMPARE(out, chars);
    }

    void tokensKeepInnerPunctuationAndOffsets()
    {
        const QString text = QStringLiteral("Email: a.b@example.co.uk, (0161) 496-0000!");
        const auto t = tokenize(text);
        QCOMPARE(t.size(), 4);
        QCOMPARE(t[0].text, QStringLiteral("Email"));
        QCOMPARE(t[1].text, QStringLiteral("a.b@example.co.uk"));
        QCOMPARE(text.mid(t[1].begin, t[1].end - t[1].begin), t[1].text);
        QCOMPARE(t[2].text, QStringLiteral("0161"));
        QCOMPARE(t[3].text, QStringLiteral("496-0000"));
    }
};

QTEST_GUILESS_MAIN(TestRecognisers)
#include "TestRecognisers.moc"
