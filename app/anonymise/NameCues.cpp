#include "anonymise/NameCues.h"

#include "anonymise/NameFinder.h"

#include <QSet>

namespace Earmark::Anonymise {

namespace {

bool capitalisedName(const Token& t)
{
    if (t.text.size() < 2 || !t.text.front().isUpper() || NameFinder::isNotName(t.lower) || NameFinder::isTitle(t.lower)
        || NameFinder::isRelation(t.lower) || monthOf(t.lower) > 0 || numberWord(t.lower) >= 0 || isOrdinal(t.lower)) {
        return false;
    }
    for (QChar c : t.text) {
        if (!c.isLetter() && c != QLatin1Char('\'') && c != QChar(0x2019) && c != QLatin1Char('-')) {
            return false;
        }
    }
    return true;
}

bool initial(const Token& t)
{
    return t.text.size() == 1 && t.text.front().isUpper() && t.text.front().isLetter();
}

QString stemOf(const Token& t)
{
    if (t.lower.endsWith(QLatin1String("'s")) || t.lower.endsWith(QStringLiteral("\u2019s"))) {
        return t.lower.left(t.lower.size() - 2);
    }
    return t.lower;
}

// The end of a run of capitalised name words from i (at most three), or -1 when t[i] is not one.
int nameRun(const QList<Token>& t, int i)
{
    if (i >= t.size() || !capitalisedName(t[i])) {
        return -1;
    }
    int last = i;
    while (last + 1 < t.size() && last - i < 2 && t[last].punctAfter.isNull() && capitalisedName(t[last + 1])) {
        ++last;
    }
    return last;
}

} // namespace

QList<Span> cuedNames(const QList<Token>& t)
{
    static const QSet<QString> fullNameCues {QStringLiteral("i'm"), QStringLiteral("im"), QStringLiteral("she's"),
        QStringLiteral("he's"), QStringLiteral("with"), QStringLiteral("and"), QStringLiteral("is"),
        QStringLiteral("it's"), QStringLiteral("to"), QStringLiteral("for"), QStringLiteral("from"),
        QStringLiteral("by"), QStringLiteral("under"), QStringLiteral("name"), QStringLiteral("named")};
    static const QSet<QString> messageCues {QStringLiteral("tell"), QStringLiteral("ask"), QStringLiteral("thank"),
        QStringLiteral("let"), QStringLiteral("remind"), QStringLiteral("pass")};
    static const QSet<QString> pronounsAfter {QStringLiteral("she"), QStringLiteral("he"), QStringLiteral("she's"),
        QStringLiteral("he's"), QStringLiteral("who"), QStringLiteral("who's"), QStringLiteral("she'll"),
        QStringLiteral("he'll"), QStringLiteral("she'd"), QStringLiteral("he'd")};
    QList<Span> out;
    const auto add = [&out, &t](int first, int last) {
        QStringList key;
        for (int k = first; k <= last; ++k) {
            if (!NameFinder::isTitle(t[k].lower) && !initial(t[k])) {
                key << stemOf(t[k]);
            }
        }
        out.append({first, last, Entity::Person, key.join(QLatin1Char(' '))});
    };
    for (int i = 0; i < t.size(); ++i) {
        // A title with initials: "Mr R. Islam", "MR J W HIGGINS".
        if (NameFinder::isTitle(t[i].lower) && i + 1 < t.size() && initial(t[i + 1])) {
            int k = i + 1;
            while (k < t.size() && initial(t[k])) {
                ++k;
            }
            if (k < t.size() && t[k].text.size() >= 2 && t[k].text.front().isUpper()
                && !NameFinder::isNotName(t[k].lower)) {
                add(i, k);
                i = k;
                continue;
            }
        }
        const int run = nameRun(t, i);
        if (run < 0) {
            continue;
        }
        const QString before = i > 0 ? t[i - 1].lower : QString();
        const bool midSentence = !t[i].sentenceStart;
        // "Send it to Dawn, she does all that": a person, spoken of next.
        // Not a place: "We went to Leeds, she loved it", "in Cardiff, he said".
        static const QSet<QString> placeBefore {QStringLiteral("in"), QStringLiteral("at"), QStringLiteral("from"),
            QStringLiteral("near"), QStringLiteral("of"), QStringLiteral("around")};
        static const QSet<QString> goingTo {QStringLiteral("went"), QStringLiteral("go"), QStringLiteral("going"),
            QStringLiteral("gone"), QStringLiteral("been"), QStringLiteral("moved"), QStringLiteral("move"),
            QStringLiteral("drove"), QStringLiteral("drive"), QStringLiteral("travelled"), QStringLiteral("came"),
            QStringLiteral("come"), QStringLiteral("back"), QStringLiteral("way"), QStringLiteral("trip"),
            QStringLiteral("holiday"), QStringLiteral("get"), QStringLiteral("got")};
        const bool place = placeBefore.contains(before)
            || (before == QLatin1String("to") && i >= 2 && goingTo.contains(t[i - 2].lower));
        const bool spokenOf = midSentence && !place && t[run].punctAfter == QLatin1Char(',') && run + 1 < t.size()
            && pronounsAfter.contains(t[run + 1].lower);
        // "tell Siobhán I rang", "ask Gareth to call": a message for someone (not "tell Tesco they're ...").
        static const QSet<QString> messageAfter {QStringLiteral("i"), QStringLiteral("i've"), QStringLiteral("i'll"),
            QStringLiteral("i'm"), QStringLiteral("we"), QStringLiteral("to"), QStringLiteral("that"),
            QStringLiteral("about")};
        const bool message = midSentence && messageCues.contains(before)
            && (run + 1 == t.size() || messageAfter.contains(t[run + 1].lower) || !t[run].punctAfter.isNull()
                || NameFinder::isFirstName(t[i].lower));
        // "I'm Shahana Begum", "this is Siân Prosser", "me and Chidinma Eze": a full name after a cue.
        const bool fullName = run > i && (fullNameCues.contains(before) || before == QLatin1String("this"))
            && (midSentence || before.isEmpty());
        // "... and she's Rokeya.": a single name said as who someone is, at the end of a sentence.
        const bool whoTheyAre = run == i && midSentence
            && (before == QLatin1String("she's") || before == QLatin1String("he's") || before == QLatin1String("i'm"))
            && (i + 1 == t.size() || t[i].punctAfter == QLatin1Char('.') || t[i].punctAfter == QLatin1Char('!'));
        // "Marcia!": a name called out on its own.
        const bool calledOut = run == i && t[i].sentenceStart && t[i].punctAfter == QLatin1Char('!')
            && (i + 1 == t.size() || t[i + 1].sentenceStart);
        // "Joy's kids": a listed name's possessive mid-sentence.
        const QString stem = stemOf(t[i]);
        const bool possessive = midSentence && stem != t[i].lower && stem.size() >= 3
            && (NameFinder::isFirstName(stem) || NameFinder::isCommonWordName(stem));
        if (spokenOf || message || fullName || whoTheyAre || calledOut || possessive) {
            add(i, run);
            i = run;
        }
    }
    return out;
}

} // namespace Earmark::Anonymise
