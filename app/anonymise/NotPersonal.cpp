#include "anonymise/NotPersonal.h"

#include "anonymise/NameFinder.h"

#include <QFile>
#include <QSet>
#include <QStringList>
#include <algorithm>

static void initNotPeopleResources()
{
    Q_INIT_RESOURCE(anonymise);
}

namespace Earmark::Anonymise {

namespace {
struct Phrases
{
    QSet<QString> phrases;
    QSet<QString> firstWords; // of the phrases: most tokens start none
    int longest = 1; // in words
};

const Phrases& phrases()
{
    static const Phrases list = [] {
        initNotPeopleResources();
        Phrases out;
        QFile f(QStringLiteral(":/earmark/anonymise/not-people.txt"));
        if (!f.open(QIODevice::ReadOnly)) {
            qFatal("The list of things named like people is missing from the resources");
        }
        for (const QByteArray& line : f.readAll().split('\n')) {
            const QString phrase = QString::fromUtf8(line).simplified().toLower();
            if (phrase.isEmpty() || phrase.startsWith(QLatin1Char('#'))) {
                continue;
            }
            out.phrases.insert(phrase);
            out.firstWords.insert(phrase.section(QLatin1Char(' '), 0, 0));
            out.longest = std::max(out.longest, int(phrase.count(QLatin1Char(' '))) + 1);
        }
        return out;
    }();
    return list;
}

bool capitalised(const Token& t)
{
    return t.text.size() >= 2 && t.text.front().isUpper() && !NameFinder::isNotName(t.lower);
}

// Words that make the name before them a film's, a show's or a product's.
bool mediaWord(const QString& lower)
{
    static const QSet<QString> words {QStringLiteral("film"), QStringLiteral("films"), QStringLiteral("movie"),
        QStringLiteral("movies"), QStringLiteral("show"), QStringLiteral("programme"), QStringLiteral("program"),
        QStringLiteral("series"), QStringLiteral("song"), QStringLiteral("songs"), QStringLiteral("album"),
        QStringLiteral("book"), QStringLiteral("books"), QStringLiteral("documentary"), QStringLiteral("concert"),
        QStringLiteral("gig"), QStringLiteral("tour"), QStringLiteral("advert"), QStringLiteral("one"),
        QStringLiteral("ones"), QStringLiteral("interview"), QStringLiteral("podcast"), QStringLiteral("recipe"),
        QStringLiteral("recipes"), QStringLiteral("restaurant"), QStringLiteral("fan")};
    return words.contains(lower);
}

// The company's own line or address given by its agent ("ring our out of hours line, that's ...", "email us at
// ..."): nobody's personal data. Not "our records show your number as ...".
bool companyContact(const QList<Token>& t, int first)
{
    static const QSet<QString> verbs {QStringLiteral("ring"), QStringLiteral("call"), QStringLiteral("phone"),
        QStringLiteral("email"), QStringLiteral("e-mail"), QStringLiteral("contact"), QStringLiteral("text"),
        QStringLiteral("to"), QStringLiteral("reach"), QStringLiteral("message")};
    static const QSet<QString> lines {QStringLiteral("line"), QStringLiteral("number"), QStringLiteral("helpline"),
        QStringLiteral("freephone"), QStringLiteral("office"), QStringLiteral("team"), QStringLiteral("address"),
        QStringLiteral("email"), QStringLiteral("e-mail"), QStringLiteral("switchboard"), QStringLiteral("inbox"),
        QStringLiteral("department"), QStringLiteral("desk")};
    for (int k = first - 1; k >= 0 && k >= first - 10; --k) {
        const QString& w = t[k].lower;
        if (w == QLatin1String("your") || w == QLatin1String("you") || w == QLatin1String("you're")) {
            return false;
        }
        if (w == QLatin1String("us") && k >= 1 && verbs.contains(t[k - 1].lower)) {
            return true;
        }
        if (w == QLatin1String("our")) {
            for (int n = k + 1; n < first && n <= k + 4; ++n) {
                if (lines.contains(t[n].lower)) {
                    return true;
                }
            }
        }
    }
    return false;
}
// A number the speaker names as a reference of the company's ("my order number is 4471 2290 1183", "ticket
// 20394817", "the serial number on the boiler"): no phone, card or account of anyone's.
bool namedReference(const QList<Token>& t, int first)
{
    static const QSet<QString> references {QStringLiteral("order"), QStringLiteral("reference"), QStringLiteral("ref"),
        QStringLiteral("ticket"), QStringLiteral("tracking"), QStringLiteral("customer"), QStringLiteral("policy"),
        QStringLiteral("invoice"), QStringLiteral("serial"), QStringLiteral("booking"), QStringLiteral("case"),
        QStringLiteral("meter"), QStringLiteral("membership"), QStringLiteral("claim"), QStringLiteral("parcel"),
        QStringLiteral("confirmation"), QStringLiteral("job"), QStringLiteral("complaint"), QStringLiteral("model"),
        QStringLiteral("receipt"), QStringLiteral("transaction")};
    static const QSet<QString> between {QStringLiteral("number"), QStringLiteral("no"), QStringLiteral("is"),
        QStringLiteral("was"), QStringLiteral("it's"), QStringLiteral("on"), QStringLiteral("the"),
        QStringLiteral("of"), QStringLiteral("my"), QStringLiteral("your"), QStringLiteral("code"),
        QStringLiteral("id"), QStringLiteral("er"), QStringLiteral("um"), QStringLiteral("erm"),
        QStringLiteral("boiler"), QStringLiteral("they"), QStringLiteral("gave"), QStringLiteral("me")};
    for (int k = first - 1; k >= 0 && k >= first - 6; --k) {
        if (references.contains(t[k].lower)) {
            return true;
        }
        const bool partOfIt = std::any_of(t[k].lower.cbegin(), t[k].lower.cend(), [](QChar c) { return c.isDigit(); });
        if (!between.contains(t[k].lower) && !partOfIt) {
            return false;
        }
    }
    return false;
}

} // namespace

QList<QPair<int, int>> notPeopleRanges(const QList<Token>& t)
{
    QList<QPair<int, int>> out;
    const Phrases& list = phrases();
    for (int i = 0; i < t.size(); ++i) {
        // The longest listed phrase starting here.
        QString phrase;
        int found = -1;
        const QString& firstWord = t[i].lower;
        const bool listedStart = list.firstWords.contains(firstWord)
            || (firstWord.endsWith(QLatin1String("'s"))
                && list.firstWords.contains(firstWord.left(firstWord.size() - 2)));
        for (int n = 0; listedStart && n < list.longest && i + n < t.size(); ++n) {
            const QString word = t[i + n].lower;
            // "Doctor Who's on", "John Lewis's sale": the possessive of a listed phrase.
            const QString bare = word.endsWith(QLatin1String("'s")) ? word.left(word.size() - 2) : word;
            if (list.phrases.contains(phrase + (n ? QStringLiteral(" ") : QString()) + bare)) {
                found = i + n;
            }
            phrase += (n ? QStringLiteral(" ") : QString()) + word;
            if (list.phrases.contains(phrase)) {
                found = i + n;
            }
            if (!t[i + n].punctAfter.isNull()) {
                break;
            }
        }
        if (found >= 0) {
            out.append({i, found});
            i = found;
            continue;
        }
        // "that Will Smith film", "the Gordon Ramsay one", "a Ken Loach film": a name as a work's.
        static const QSet<QString> determiners {QStringLiteral("that"), QStringLiteral("the"), QStringLiteral("a"),
            QStringLiteral("an"), QStringLiteral("this"), QStringLiteral("those"), QStringLiteral("these"),
            QStringLiteral("new"), QStringLiteral("old")};
        if (i > 0 && determiners.contains(t[i - 1].lower) && capitalised(t[i])) {
            int last = i;
            while (last + 1 < t.size() && last - i < 2 && t[last].punctAfter.isNull() && capitalised(t[last + 1])) {
                ++last;
            }
            if (last + 1 < t.size() && t[last].punctAfter.isNull() && mediaWord(t[last + 1].lower)) {
                out.append({i, last});
                i = last;
            }
        }
    }
    return out;
}

void dropNotPersonal(const QList<Token>& tokens, bool agentSpeaking, bool askedForName, QList<Span>* out)
{
    // A shop, a club, a programme or a public figure named as what it is: not a person of the call's.
    if (!askedForName) {
        static const QSet<QString> cues {QStringLiteral("mr"), QStringLiteral("mrs"), QStringLiteral("ms"),
            QStringLiteral("miss"), QStringLiteral("dr"), QStringLiteral("name's"), QStringLiteral("names"),
            QStringLiteral("called"), QStringLiteral("named"), QStringLiteral("i'm"), QStringLiteral("im"),
            QStringLiteral("is")};
        for (const auto& [first, last] : notPeopleRanges(tokens)) {
            // "my neighbour John Lewis", "our Jack Russell" is a dog, but "my son Jack Russell" a person.
            if (first >= 2 && NameFinder::isRelation(tokens[first - 1].lower)
                && (tokens[first - 2].lower == QLatin1String("my") || tokens[first - 2].lower == QLatin1String("our")
                    || tokens[first - 2].lower == QLatin1String("her")
                    || tokens[first - 2].lower == QLatin1String("his"))) {
                continue;
            }
            if (first > 0 && cues.contains(tokens[first - 1].lower)
                && !(tokens[first - 1].lower == QLatin1String("is")
                    && (first < 2 || tokens[first - 2].lower != QLatin1String("name")))) {
                continue; // "my name's John Lewis", "Mr Jack Russell": a person after all
            }
            out->removeIf([first = first, last = last](const Span& s) {
                return s.type == Entity::Person && s.first >= first && s.last <= last;
            });
        }
    }
    out->removeIf([&](const Span& s) {
        const bool digits = s.type == Entity::Phone || s.type == Entity::Card || s.type == Entity::Nhs
            || s.type == Entity::BankAccount || s.type == Entity::SortCode;
        return (agentSpeaking && (s.type == Entity::Phone || s.type == Entity::Email)
                   && companyContact(tokens, s.first))
            || (digits && namedReference(tokens, s.first));
    });
}

} // namespace Earmark::Anonymise
