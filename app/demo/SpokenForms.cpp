#include "demo/SpokenForms.h"

#include "demo/DemoRandom.h"

#include <QStringList>

namespace Earmark::Demo::SpokenForms {

QString digitWord(QChar digit, bool ohForZero)
{
    static const char* words[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
    const int d = digit.digitValue();
    if (d == 0 && ohForZero) {
        return QStringLiteral("oh");
    }
    return d >= 0 && d <= 9 ? QString::fromLatin1(words[d]) : QString(digit);
}

QString phoneDigits(const QString& national, DemoRandom& rng)
{
    const bool oh = rng.chance(0.8);
    const bool useDoubles = rng.chance(0.7);
    QStringList groups;
    for (const QString& group : national.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        QStringList words;
        for (int i = 0; i < group.size();) {
            int run = 1;
            while (i + run < group.size() && group.at(i + run) == group.at(i) && run < 3) {
                ++run;
            }
            const QString w = digitWord(group.at(i), oh);
            if (useDoubles && run == 2) {
                words << QStringLiteral("double ") + w;
            } else if (useDoubles && run == 3) {
                words << QStringLiteral("triple ") + w;
            } else {
                for (int k = 0; k < run; ++k) {
                    words << w;
                }
            }
            i += run;
        }
        groups << words.join(QLatin1Char(' '));
    }
    return groups.join(QStringLiteral(", "));
}

QString postcode(const QString& code)
{
    QStringList halves;
    for (const QString& half : code.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        QStringList words;
        for (QChar c : half) {
            words << (c.isDigit() ? digitWord(c, false) : QString(c.toUpper()));
        }
        halves << words.join(QLatin1Char(' '));
    }
    return halves.join(QStringLiteral(", "));
}

QString email(const QString& address)
{
    QString out = address;
    out.replace(QLatin1Char('@'), QStringLiteral(" at "));
    out.replace(QLatin1Char('.'), QStringLiteral(" dot "));
    out.replace(QLatin1Char('_'), QStringLiteral(" underscore "));
    return out;
}

} // namespace Earmark::Demo::SpokenForms
