// Telling apart the people who share a phone number: names that plainly agree are one person, anything else is for
// the handler to decide.
#include "core/PersonName.h"

#include <QTest>

using namespace Earmark;
using PersonName::Match;

Q_DECLARE_METATYPE(PersonName::Match)

class TestPersonName : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compare_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<Match>("match");
        QTest::newRow("same") << "Janet Okafor"
                              << "Janet Okafor" << Match::Same;
        QTest::newRow("case and spaces") << "janet  OKAFOR "
                                         << "Janet Okafor" << Match::Same;
        QTest::newRow("title and initial") << "Mrs J. Okafor"
                                           << "Janet Okafor" << Match::Same;
        QTest::newRow("title and surname") << "Mrs Okafor"
                                           << "Janet Okafor" << Match::Same;
        QTest::newRow("apostrophe") << "Siobhan O'Neill"
                                    << "Siobhan ONeill" << Match::Same;
        QTest::newRow("accents kept") << "Zoë Kowalczyk"
                                      << "Zoë Kowalczyk" << Match::Same;
        QTest::newRow("middle initial") << "Janet A Okafor"
                                        << "Janet Okafor" << Match::Same;
        QTest::newRow("other person, same surname") << "Tom Okafor"
                                                    << "Janet Okafor" << Match::Different;
        QTest::newRow("other initial") << "T. Okafor"
                                       << "Janet Okafor" << Match::Different;
        QTest::newRow("other person") << "Priya Sandhu"
                                      << "Janet Okafor" << Match::Different;
        QTest::newRow("a surname is not a first name") << "Okafor Janet"
                                                       << "Janet Okafor" << Match::Different;
        QTest::newRow("nothing to compare") << ""
                                            << "Janet Okafor" << Match::Unknown;
        QTest::newRow("a title alone") << "Mrs"
                                       << "Janet Okafor" << Match::Unknown;
    }

    void compare()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(Match, match);
        QCOMPARE(PersonName::compare(a, b), match);
        QCOMPARE(PersonName::compare(b, a), match);
    }

    void normalised()
    {
        QCOMPARE(PersonName::normalised(QStringLiteral(" Dr.  Ngozi   Adeyemi-Cole ")),
            QStringLiteral("ngozi adeyemi-cole"));
    }
};

QTEST_GUILESS_MAIN(TestPersonName)
#include "TestPersonName.moc"
