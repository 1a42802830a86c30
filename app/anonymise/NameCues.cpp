#include "anonymise/NameCues.h"

#include "anonymise/Addresses.h"
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
    // A possessive ends the name ("Mary's Hospital"), and so does a place's word.
    while (last + 1 < t.size() && last - i < 2 && t[last].punctAfter.isNull() && stemOf(t[last]) == t[last].lower
        && capitalisedName(t[last + 1]) && !isPlaceWord(t[last + 1].lower)) {
        ++last;
    }
    return last;
}

} // namespace

QList<Span> cuedNames(const QList<Token>& t)
{
    static const QSet<QString> fullNameCues {QStringLiteral("i'm"), QStringLiteral("im"), QStringLiteral("she's"),
        QStringLiteral("he's"), QStringLiteral("with"), QStringLiteral("and"), QStringLiteral("is"),
        QStringLiteral("it's"), QStringLiteral("to"), QStringLiteral("for"), QStringLiteral("by"),
        QStringLiteral("under"), QStringLiteral("name"), QStringLiteral("named")};
    static const QSet<QString> messageCues {
        QStringLiteral("tell"), QStringLiteral("ask"), QStringLiteral("let"), QStringLiteral("remind")};
    static const QSet<QString> pronounsAfter {QStringLiteral("she"), QStringLiteral("he"), QStringLiteral("she's"),
        QStringLiteral("he's"), QStringLiteral("she'll"), QStringLiteral("he'll"), QStringLiteral("she'd"),
        QStringLiteral("he'd")};
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
    const auto capitalLetter = [&t](int k) {
        return k < t.size() && t[k].text.size() == 1 && t[k].text.front().isUpper() && t[k].text.front().isLetter();
    };
    for (int i = 0; i < t.size(); ++i) {
        // "L E I G H": a name spelled in capitals, four letters or more (a code mixing digits is not).
        if (capitalLetter(i) && capitalLetter(i + 1) && capitalLetter(i + 2) && capitalLetter(i + 3)) {
            int last = i + 3;
            while (capitalLetter(last + 1)) {
                ++last;
            }
            QSet<QChar> distinct;
            for (int k = i; k <= last; ++k) {
                distinct.insert(t[k].text.front());
            }
            const bool code = distinct.size() < 3 // "I I I I just think": a stutter
                || (i > 0 && !t[i - 1].text.isEmpty() && t[i - 1].text.front().isDigit())
                || (last + 1 < t.size() && !t[last + 1].text.isEmpty() && t[last + 1].text.front().isDigit());
            if (!code) {
                out.append({i, last, Entity::Person, {}});
                i = last;
                continue;
            }
        }
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
        // Nor a team: "plays for Leicester Tigers", "supports Aston Villa", "signed for Hibs".
        static const QSet<QString> forTeam {QStringLiteral("plays"), QStringLiteral("play"), QStringLiteral("played"),
            QStringLiteral("playing"), QStringLiteral("signed"), QStringLiteral("supports"), QStringLiteral("support"),
            QStringLiteral("cheer"), QStringLiteral("cheers")};
        const bool place = placeBefore.contains(before)
            || (before == QLatin1String("to") && i >= 2 && goingTo.contains(t[i - 2].lower))
            || (before == QLatin1String("for") && i >= 2 && forTeam.contains(t[i - 2].lower))
            || forTeam.contains(before);
        // Nor the end of a longer capitalised phrase ("Christmas Day, she ...") or a place's name ("Cardiff
        // Central", "Victoria Street").
        const bool phrase = (i > 0 && !t[i - 1].sentenceStart && t[i - 1].text.front().isUpper()
                                && t[i - 1].punctAfter.isNull() && !NameFinder::isNotName(t[i - 1].lower))
            || isPlaceWord(t[run].lower);
        const bool spokenOf = midSentence && !place && !phrase && t[run].punctAfter == QLatin1Char(',')
            && run + 1 < t.size() && pronounsAfter.contains(t[run + 1].lower);
        // "Nguyen Thi Lan, my wife": a name, then who they are.
        const bool relationAfter = !phrase && t[run].punctAfter == QLatin1Char(',') && run + 2 < t.size()
            && (t[run + 1].lower == QLatin1String("my") || t[run + 1].lower == QLatin1String("our")
                || t[run + 1].lower == QLatin1String("her") || t[run + 1].lower == QLatin1String("his"))
            && NameFinder::isRelation(t[run + 2].lower);
        // "tell Siobhán I rang", "ask Gareth to call": a message for someone (not "tell Tesco they're ...").
        static const QSet<QString> messageAfter {QStringLiteral("i"), QStringLiteral("i've"), QStringLiteral("i'll"),
            QStringLiteral("i'm"), QStringLiteral("we"), QStringLiteral("to"), QStringLiteral("about")};
        const bool message = midSentence && messageCues.contains(before)
            && (run + 1 == t.size() || messageAfter.contains(t[run + 1].lower) || !t[run].punctAfter.isNull()
                || NameFinder::isFirstName(t[i].lower));
        // "I'm Shahana Begum", "this is Siân Prosser", "me and Chidinma Eze": a full name after a cue.
        const bool fullName = run > i && !place && !phrase
            && (fullNameCues.contains(before) || before == QLatin1String("this")) && (midSentence || before.isEmpty());
        // "... and she's Rokeya.": a single name said as who someone is, at the end of a sentence.
        const bool whoTheyAre = run == i && midSentence
            && (before == QLatin1String("she's") || before == QLatin1String("he's") || before == QLatin1String("i'm"))
            && (i + 1 == t.size() || t[i].punctAfter == QLatin1Char('.') || t[i].punctAfter == QLatin1Char('!'));
        // "Hope, I think her name was": a name, then that it is one.
        bool namedAfter = false;
        static const QSet<QString> hedges {QStringLiteral("i"), QStringLiteral("think"), QStringLiteral("guess"),
            QStringLiteral("reckon"), QStringLiteral("believe")};
        for (int k = run + 1; k < t.size() && k <= run + 5; ++k) {
            if (t[k].lower == QLatin1String("her") || t[k].lower == QLatin1String("his")
                || t[k].lower == QLatin1String("their")) {
                namedAfter = k + 2 < t.size() && t[k + 1].lower == QLatin1String("name")
                    && (t[k + 2].lower == QLatin1String("was") || t[k + 2].lower == QLatin1String("is"));
                break;
            }
            if (!hedges.contains(t[k].lower)) {
                break; // only "Hope, I think her name was": not "the Leeds office and her name was ..."
            }
        }
        // "Marcia!": a name called out on its own.
        const bool calledOut = run == i && t[i].sentenceStart && t[i].punctAfter == QLatin1Char('!')
            && (i + 1 == t.size() || t[i + 1].sentenceStart)
            && (NameFinder::isFirstName(t[i].lower) || NameFinder::isCommonWordName(t[i].lower)); // not "Lovely!"
        // "Joy's kids": a listed name's possessive mid-sentence.
        const QString stem = stemOf(t[i]);
        const bool possessive = midSentence && stem != t[i].lower && stem.size() >= 3
            && !(run + 1 < t.size() && isPlaceWord(t[run + 1].lower)) // not "St Mary's Hospital"
            && (NameFinder::isFirstName(stem) || NameFinder::isCommonWordName(stem));
        if (namedAfter || spokenOf || relationAfter || message || fullName || whoTheyAre || calledOut || possessive) {
            add(i, run);
            i = run;
        }
    }
    return out;
}

} // namespace Earmark::Anonymise
