#include "core/PersonName.h"

#include <QRegularExpression>
#include <QStringList>

namespace Earmark::PersonName {

namespace {
bool isTitle(const QString& word)
{
    static const QStringList Titles = {QStringLiteral("mr"), QStringLiteral("mrs"), QStringLiteral("ms"),
        QStringLiteral("miss"), QStringLiteral("mx"), QStringLiteral("dr"), QStringLiteral("prof"),
        QStringLiteral("professor"), QStringLiteral("sir"), QStringLiteral("dame"), QStringLiteral("rev"),
        QStringLiteral("revd"), QStringLiteral("lady"), QStringLiteral("lord")};
    return Titles.contains(word);
}

QStringList words(const QString& name)
{
    QStringList out = normalised(name).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return out;
}

// "j" and "janet", "janet" and "janet"; a first name and nothing (the other gave a title and surname only).
bool firstNamesAgree(const QStringList& a, const QStringList& b)
{
    const qsizetype n = qMin(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const QString& x = a.at(i);
        const QString& y = b.at(i);
        if (x == y) {
            continue;
        }
        if ((x.size() == 1 && y.startsWith(x)) || (y.size() == 1 && x.startsWith(y))) {
            continue;
        }
        return false;
    }
    return true;
}
} // namespace

QString normalised(const QString& name)
{
    static const QRegularExpression NotLetters(QStringLiteral("[^\\p{L}\\p{M}\\s-]"));
    static const QRegularExpression Spaces(QStringLiteral("[\\s]+"));
    QString text = name.toLower();
    text.remove(NotLetters);
    QStringList out;
    for (const QString& word : text.split(Spaces, Qt::SkipEmptyParts)) {
        if (!isTitle(word)) {
            out << word;
        }
    }
    return out.join(QLatin1Char(' '));
}

Match compare(const QString& a, const QString& b)
{
    QStringList x = words(a);
    QStringList y = words(b);
    if (x.isEmpty() || y.isEmpty()) {
        return Match::Unknown;
    }
    if (x == y) {
        return Match::Same;
    }
    if (x.last() != y.last()) {
        return Match::Different;
    }
    x.removeLast();
    y.removeLast();
    return firstNamesAgree(x, y) ? Match::Same : Match::Different;
}

} // namespace Earmark::PersonName
