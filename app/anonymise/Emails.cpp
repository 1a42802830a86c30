#include "anonymise/Emails.h"

#include "anonymise/Addresses.h"
#include "anonymise/NameFinder.h"

#include <QRegularExpression>
#include <QSet>
#include <algorithm>

namespace Earmark::Anonymise {

namespace {
const QSet<QString> kStopWords {QStringLiteral("the"), QStringLiteral("a"), QStringLiteral("an"), QStringLiteral("and"),
    QStringLiteral("or"), QStringLiteral("of"), QStringLiteral("to"), QStringLiteral("in"), QStringLiteral("on"),
    QStringLiteral("at"), QStringLiteral("is"), QStringLiteral("it's"), QStringLiteral("its"), QStringLiteral("it"),
    QStringLiteral("my"), QStringLiteral("your"), QStringLiteral("yes"), QStringLiteral("no"), QStringLiteral("that"),
    QStringLiteral("this"), QStringLiteral("was"), QStringLiteral("email"), QStringLiteral("e-mail"),
    QStringLiteral("address"), QStringLiteral("er"), QStringLiteral("um"), QStringLiteral("erm"), QStringLiteral("uh"),
    QStringLiteral("so"), QStringLiteral("well"), QStringLiteral("be"), QStringLiteral("me"), QStringLiteral("i"),
    QStringLiteral("i'm"), QStringLiteral("we"), QStringLiteral("you"), QStringLiteral("for"), QStringLiteral("with"),
    QStringLiteral("from"), QStringLiteral("number"), QStringLiteral("live"), QStringLiteral("lives"),
    QStringLiteral("okay"), QStringLiteral("ok")};

bool isJoiner(const QString& lower)
{
    return lower == QLatin1String("dot") || lower == QLatin1String("underscore") || lower == QLatin1String("dash")
        || lower == QLatin1String("hyphen") || lower == QLatin1String("point");
}
} // namespace

QList<Span> emailSpans(const QList<Token>& t)
{
    QList<Span> out;
    static const QRegularExpression written(QStringLiteral("^[a-z0-9._%+'-]+@[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}$"),
        QRegularExpression::CaseInsensitiveOption);
    for (int i = 0; i < t.size(); ++i) {
        if (t[i].text.contains(QLatin1Char('@')) && written.match(t[i].text).hasMatch()) {
            out.append({i, i, Entity::Email, {}});
            continue;
        }
        if (t[i].lower != QLatin1String("at") || i == 0 || i + 1 >= t.size()) {
            continue;
        }
        static const QSet<QString> endings {QStringLiteral("com"), QStringLiteral("co"), QStringLiteral("org"),
            QStringLiteral("net"), QStringLiteral("uk"), QStringLiteral("ac"), QStringLiteral("gov"),
            QStringLiteral("nhs")};
        // Domain: word (dot word)+, ending on a top-level-domain-like word; "at sign", "at symbol" are the @.
        int end = i + 1;
        if ((t[end].lower == QLatin1String("sign") || t[end].lower == QLatin1String("symbol")) && end + 2 < t.size()) {
            ++end;
        }
        int dots = 0;
        // "at gmail.com": the domain written.
        static const QRegularExpression writtenDomain(QStringLiteral(
            "^[a-z0-9-]+(\\.[a-z0-9-]+)*\\.(com|co\\.uk|uk|org|net|ac\\.uk|gov\\.uk|nhs\\.uk|org\\.uk|me|io)$"));
        const bool domainWritten = writtenDomain.match(t[end].lower).hasMatch();
        dots += domainWritten ? 1 : 0;
        // "at live dot co dot uk": a small word is a domain when a known ending follows it.
        const bool endingNext
            = end + 2 < t.size() && t[end + 1].lower == QLatin1String("dot") && endings.contains(t[end + 2].lower);
        if (!domainWritten && !endingNext && kStopWords.contains(t[end].lower) && t[end].lower != QLatin1String("me")) {
            continue;
        }
        // "at keswick solicitors dot co dot uk": a domain heard as words, when a known ending follows.
        for (int words = 1; !domainWritten && words <= 3 && end + words + 1 < t.size(); ++words) {
            const int joiner = end + words;
            if (t[joiner - 1].punctAfter.isNull() && !kStopWords.contains(t[joiner - 1].lower)
                && t[joiner].lower == QLatin1String("dot") && endings.contains(t[joiner + 1].lower)) {
                end = joiner - 1;
                break;
            }
            if (kStopWords.contains(t[joiner].lower) || !t[joiner - 1].punctAfter.isNull()) {
                break;
            }
        }
        while (!domainWritten && end + 2 < t.size() && isJoiner(t[end + 1].lower)
            && !kStopWords.contains(t[end + 2].lower)) {
            end += 2;
            dots += t[end - 1].lower == QLatin1String("dot") ? 1 : 0;
        }
        if (dots == 0) {
            continue;
        }
        // Local part: a word, then back over joiners and spelled letters or digits.
        int start = i - 1;
        // "b mcallister, all one word, at yahoo ...": an aside between the local part and the at.
        static const QList<QStringList> asides {{QStringLiteral("all"), QStringLiteral("one"), QStringLiteral("word")},
            {QStringLiteral("one"), QStringLiteral("word")}, {QStringLiteral("no"), QStringLiteral("spaces")},
            {QStringLiteral("all"), QStringLiteral("lower"), QStringLiteral("case")},
            {QStringLiteral("lower"), QStringLiteral("case")}};
        for (const QStringList& aside : asides) {
            const int from = start - int(aside.size()) + 1;
            if (from >= 1 && t[from - 1].punctAfter == QLatin1Char(',')
                && std::equal(aside.cbegin(), aside.cend(), t.cbegin() + from,
                    [](const QString& w, const Token& k) { return w == k.lower; })) {
                start = from - 1;
                break;
            }
        }
        if (kStopWords.contains(t[start].lower) && t[start].lower.size() > 1) {
            continue;
        }
        // Back over "word dot word" and spelled letters ("j o h n dot s m i t h"), in any order, and over fillers
        // and numbers ("k dot, um, mensah", "campbell sixty-four at").
        while (start >= 1 && (isFiller(t[start].lower) || isHouseNumber(t[start]) || isJoiner(t[start].lower))) {
            --start;
        }
        const auto letter = [&](int k) { return k >= 0 && t[k].text.size() == 1; };
        // "j for juliet, o for oscar, n, e, s at ...": a letter and the word it is for.
        const auto forWord = [&](int k) {
            return k >= 2 && t[k - 1].lower == QLatin1String("for") && letter(k - 2) && t[k].lower.size() > 2
                && t[k].lower.front() == t[k - 2].lower.front();
        };
        // "a" and "I" are letters inside a spelled run, words at its edge ("it's a ...").
        const auto spelled = [&](int k) {
            return letter(k)
                && ((t[k].lower != QLatin1String("a") && t[k].lower != QLatin1String("i")) || letter(k - 1)
                    || forWord(k - 1));
        };
        while (true) {
            // "r, um, rhiannon dot evans at": a filler, and the false start before it.
            if (start >= 2 && isFiller(t[start - 1].lower) && !kStopWords.contains(t[start - 2].lower)) {
                start -= letter(start - 2) ? 2 : 1;
                continue;
            }
            if (start >= 3 && forWord(start - 1)) {
                start -= 3;
            } else if (start >= 2 && forWord(start)) {
                start -= 2;
            } else if (start >= 2 && isJoiner(t[start - 1].lower)
                && (!kStopWords.contains(t[start - 2].lower) || letter(start - 2))) {
                start -= 2;
            } else if (start >= 1 && letter(start) && spelled(start - 1)) {
                --start;
            } else {
                break;
            }
        }
        // Up to two plain words before it belong to a local part with digits: "jamie oconnor nineteen ninety at"
        // (not "send it to her directly sarah at ...").
        bool withDigits = false;
        for (int k = start; k < i; ++k) {
            withDigits = withDigits || isHouseNumber(t[k]);
        }
        for (int more = 0; withDigits && more < 2 && start >= 1; ++more) {
            const Token& w = t[start - 1];
            const bool plain = w.punctAfter.isNull() && !kStopWords.contains(w.lower) && w.text == w.lower
                && std::all_of(w.lower.begin(), w.lower.end(), [](QChar c) { return c.isLetter(); });
            if (!plain) {
                break;
            }
            --start;
        }
        // "rosie baker at hotmail dot co dot uk": a first name before a surname-like local part.
        // ... or an initial ("n gallagher at keswick solicitors dot co dot uk").
        if (start >= 1 && start == i - 1 && t[start - 1].punctAfter.isNull() && t[start - 1].text == t[start - 1].lower
            && (NameFinder::isFirstName(t[start - 1].lower) || NameFinder::isCommonWordName(t[start - 1].lower)
                || (t[start - 1].lower.size() == 1 && t[start - 1].lower.front().isLetter()
                    && t[start - 1].lower != QLatin1String("a") && t[start - 1].lower != QLatin1String("i")))) {
            --start;
        }
        out.append({start, end, Entity::Email, {}});
        i = end;
    }
    return out;
}

} // namespace Earmark::Anonymise
