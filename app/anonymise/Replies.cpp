#include "anonymise/Replies.h"

#include "anonymise/Addresses.h"
#include "anonymise/NameFinder.h"

#include <QRegularExpression>
#include <QSet>

namespace Earmark::Anonymise {

namespace {

// Words that may stand inside a number being read out without ending it: fillers, and the words of a correction
// ("six one seven... sorry, six one eight"): both attempts are the number.
bool softInNumber(const QString& lower)
{
    static const QSet<QString> words {QStringLiteral("no"), QStringLiteral("sorry"), QStringLiteral("i"),
        QStringLiteral("mean"), QStringLiteral("meant"), QStringLiteral("wait"), QStringLiteral("actually"),
        QStringLiteral("not"), QStringLiteral("it's"), QStringLiteral("its"), QStringLiteral("that's"),
        QStringLiteral("then"), QStringLiteral("and"), QStringLiteral("hang"), QStringLiteral("on")};
    return isFiller(lower) || words.contains(lower);
}

// A number read out: digit symbols joined over fillers and corrections.
struct Run
{
    int first = 0; // symbols
    int last = 0;
    QString digits;
    QList<int> symbolEnds; // digits.size() after each digit symbol
    QList<int> symbols; // the digit symbols
};

QList<Run> runsOf(const QList<Symbol>& s)
{
    QList<Run> runs;
    for (int i = 0; i < s.size(); ++i) {
        if (s[i].kind != Symbol::Kind::Digits) {
            continue;
        }
        Run r {i, i, {}, {}, {}};
        int j = i;
        while (j < s.size()) {
            if (s[j].kind == Symbol::Kind::Digits) {
                r.digits += QString(s[j].chars).remove(QLatin1Char('+'));
                r.symbolEnds.append(int(r.digits.size()));
                r.symbols.append(j);
                r.last = j;
                ++j;
                continue;
            }
            // Soft words count only when more digits follow them.
            int k = j;
            while (k < s.size() && k - j < 5 && s[k].kind == Symbol::Kind::Word && softInNumber(s[k].chars)) {
                ++k;
            }
            if (k == j || k >= s.size() || s[k].kind != Symbol::Kind::Digits) {
                break;
            }
            j = k;
        }
        runs.append(r);
        i = r.last;
    }
    return runs;
}

Span spanOf(const QList<Symbol>& s, int first, int last, Entity type)
{
    return Span {s[first].first, s[last].last, type, {}};
}

void digitReplies(const QList<Token>& t, const QList<Symbol>& s, const Asked& asked, QList<Span>* out)
{
    for (const Run& r : runsOf(s)) {
        if (r.digits.size() < 3) {
            continue;
        }
        if (asked.nhs) {
            out->append(spanOf(s, r.first, r.last, Entity::Nhs));
        } else if (asked.card) {
            out->append(spanOf(s, r.first, r.last, Entity::Card));
        } else if (asked.sortCode || asked.account) {
            // A sort code and an account number said in one go: the first six digits are the sort code.
            const qsizetype six = r.symbolEnds.indexOf(6);
            if (asked.sortCode && r.digits.size() >= 12 && six >= 0 && six + 1 < r.symbols.size()) {
                out->append(spanOf(s, r.first, r.symbols[six], Entity::SortCode));
                out->append(spanOf(s, r.symbols[six + 1], r.last, Entity::BankAccount));
                continue;
            }
            // What the reply itself says it is: "... and the account's six, oh, double three".
            Entity type
                = asked.sortCode && (!asked.account || r.digits.size() <= 6) ? Entity::SortCode : Entity::BankAccount;
            for (int k = s[r.first].first - 1; k >= 0; --k) {
                if (t[k].lower.startsWith(QLatin1String("account"))) {
                    type = Entity::BankAccount;
                    break;
                }
                if (t[k].lower == QLatin1String("sort") || t[k].lower.startsWith(QLatin1String("code"))) {
                    type = Entity::SortCode;
                    break;
                }
            }
            out->append(spanOf(s, r.first, r.last, type));
        } else if (asked.phone) {
            out->append(spanOf(s, r.first, r.last, Entity::Phone));
        }
    }
}

// Postcodes and National Insurance numbers spelled out with fillers and "D for delta".
void codeReplies(const QList<Symbol>& s, const Asked& asked, QList<Span>* out)
{
    if (!asked.postcode && !asked.nino) {
        return;
    }
    for (int i = 0; i < s.size(); ++i) {
        if (s[i].kind == Symbol::Kind::Word) {
            continue;
        }
        int last = i;
        int chars = 0;
        bool letters = false;
        bool digits = false;
        for (int j = i; j < s.size(); ++j) {
            if (s[j].kind != Symbol::Kind::Word) {
                last = j;
                chars += int(s[j].chars.size());
                letters = letters || s[j].kind == Symbol::Kind::Letters;
                digits = digits || s[j].kind == Symbol::Kind::Digits;
                continue;
            }
            // "D for delta", "W for William", "P as in Peter": a spelling aid stays inside the code.
            const bool aid = j >= 1 && (s[j - 1].chars == QLatin1String("for") || s[j - 1].chars == QLatin1String("in"))
                && j + 1 < s.size() && s[j + 1].kind != Symbol::Kind::Word;
            const bool spelling = s[j].chars == QLatin1String("for") || s[j].chars == QLatin1String("as")
                || s[j].chars == QLatin1String("in") || isFiller(s[j].chars) || aid;
            if (!spelling) {
                break;
            }
        }
        if (letters && digits && chars >= 5) {
            out->append(spanOf(s, i, last, asked.nino && !asked.postcode ? Entity::Nino : Entity::Postcode));
        }
        i = last;
    }
}

bool dateWord(const Token& t)
{
    static const QRegularExpression written(QStringLiteral("^[0-3]?[0-9][/.-][01]?[0-9]([/.-]([0-9]{2}|[0-9]{4}))?$"));
    static const QRegularExpression digits(QStringLiteral("^'?[0-9]{1,4}(st|nd|rd|th|s)?$"));
    if (isOrdinal(t.lower) || monthOf(t.lower) > 0 || written.match(t.text).hasMatch()
        || digits.match(t.lower).hasMatch() || numberWord(t.lower) >= 0 || t.lower == QLatin1String("hundred")
        || t.lower == QLatin1String("double") || t.lower == QLatin1String("treble")
        || t.lower == QLatin1String("triple")) {
        return true;
    }
    const qsizetype dash = t.lower.indexOf(QLatin1Char('-'));
    return dash > 0 && numberWord(t.lower.left(dash)) >= 20 && numberWord(t.lower.mid(dash + 1)) > 0;
}

// After "Date of birth?": every date said, in any form, through fillers and corrections.
void dateReplies(const QList<Token>& t, QList<Span>* out)
{
    const auto inside = [&t](int k) {
        return t[k].lower == QLatin1String("the") || t[k].lower == QLatin1String("of") || isFiller(t[k].lower)
            || t[k].lower == QLatin1String("and");
    };
    for (int i = 0; i < t.size(); ++i) {
        if (!dateWord(t[i])) {
            continue;
        }
        int last = i;
        for (int j = i + 1; j < t.size(); ++j) {
            if (dateWord(t[j])) {
                last = j;
            } else if (!inside(j)) {
                break;
            }
        }
        out->append({i, last, Entity::DateOfBirth, {}});
        i = last;
    }
}

bool nameWord(const Token& t)
{
    if (t.lower.size() < 2 || NameFinder::isNotName(t.lower) || NameFinder::isTitle(t.lower)
        || NameFinder::isRelation(t.lower) || monthOf(t.lower) > 0 || isFiller(t.lower) || isOrdinal(t.lower)
        || numberWord(t.lower) >= 0 || numberWord(t.lower.section(QLatin1Char('-'), 0, 0)) >= 0) {
        return false;
    }
    static const QSet<QString> replies {QStringLiteral("why"), QStringLiteral("pardon"), QStringLiteral("me"),
        QStringLiteral("yeah"), QStringLiteral("yep"), QStringLiteral("nope"), QStringLiteral("hang"),
        QStringLiteral("hold"), QStringLiteral("that's"), QStringLiteral("there's"), QStringLiteral("can"),
        QStringLiteral("could"), QStringLiteral("do"), QStringLiteral("does"), QStringLiteral("did"),
        QStringLiteral("how"), QStringLiteral("when"), QStringLiteral("where"), QStringLiteral("which"),
        QStringLiteral("one"), QStringLiteral("mine"), QStringLiteral("them"), QStringLiteral("him"),
        QStringLiteral("everyone"), QStringLiteral("nobody"), QStringLiteral("someone"), QStringLiteral("look"),
        QStringLiteral("like"), QStringLiteral("lovely"), QStringLiteral("right"), QStringLiteral("oh"),
        QStringLiteral("capital"), QStringLiteral("capitals"), QStringLiteral("first"), QStringLiteral("surname"),
        QStringLiteral("spelled"), QStringLiteral("spelt"), QStringLiteral("same"), QStringLiteral("both"),
        QStringLiteral("we're"), QStringLiteral("he's"), QStringLiteral("she's"), QStringLiteral("they're"),
        QStringLiteral("you're"), QStringLiteral("don't"), QStringLiteral("it'll"), QStringLiteral("let")};
    if (replies.contains(t.lower)) {
        return false;
    }
    for (QChar c : t.text) {
        if (!c.isLetter() && c != QLatin1Char('\'') && c != QChar(0x2019) && c != QLatin1Char('-')
            && c != QLatin1Char('.')) {
            return false;
        }
    }
    return t.text.front().isLetter();
}

// After "Who am I speaking to?": the capitalised words of the reply (a title with them), every spelled word, and in
// a reply written without capitals the words after "it's", "I'm", "my mum".
void nameReplies(const QList<Token>& t, QList<Span>* out)
{
    bool anyCapital = false;
    for (const Token& k : t) {
        anyCapital = anyCapital
            || (k.text.front().isUpper() && k.lower != QLatin1String("i'm") && k.lower != QLatin1String("i"));
    }
    const auto letter = [&t](int k) { return k < t.size() && t[k].text.size() == 1 && t[k].text.front().isLetter(); };
    for (int i = 0; i < t.size(); ++i) {
        if (isSpelledWord(t[i].text)) {
            out->append({i, i, Entity::Person, t[i].lower});
            continue;
        }
        // "K, O, W, A, L, C, Z, Y, K": a name spelled out letter by letter.
        if (letter(i) && letter(i + 1) && letter(i + 2)) {
            int last = i + 2;
            while (letter(last + 1)) {
                ++last;
            }
            out->append({i, last, Entity::Person, {}});
            i = last;
            continue;
        }
        const bool initialNext = i + 2 < t.size() && letter(i + 1) && t[i + 1].text.front().isUpper();
        const bool title = NameFinder::isTitle(t[i].lower) && i + 1 < t.size() && (nameWord(t[i + 1]) || initialNext);
        if (!title && !(nameWord(t[i]) && (t[i].text.front().isUpper() || !anyCapital))) {
            continue;
        }
        int last = title ? i + 1 : i;
        // An initial belongs to the name: "Mr J W Higgins", "Mr R. Islam".
        while (last + 1 < t.size() && last - i < 4
            && ((nameWord(t[last + 1]) && (t[last + 1].text.front().isUpper() || !anyCapital))
                || (t[last + 1].text.size() <= 2 && t[last + 1].text.front().isUpper()
                    && t[last + 1].text.front().isLetter()))
            && (t[last].punctAfter.isNull() || (t[last].text.size() == 1 && t[last].punctAfter == QLatin1Char('.')))) {
            ++last;
        }
        QStringList key;
        for (int k = title ? i + 1 : i; k <= last; ++k) {
            key << t[k].lower;
        }
        out->append({i, last, Entity::Person, key.join(QLatin1Char(' '))});
        i = last;
    }
}

bool addressWord(const Token& t)
{
    static const QRegularExpression flat(QStringLiteral("^[0-9]{1,3}/[0-9]{1,3}$"));
    static const QRegularExpression number(QStringLiteral("^[0-9]{1,4}[a-z]?$"));
    return isPlaceName(t) || flat.match(t.text).hasMatch() || number.match(t.lower).hasMatch() || isHouseNumber(t)
        || numberWord(t.lower) >= 0 || t.lower == QLatin1String("hundred");
}

// After "And the address?": from the first word of the address to the last before an ordinary word or a postcode.
void addressReplies(const QList<Token>& t, QList<Span>* out)
{
    static const QSet<QString> inside {QStringLiteral("y"), QStringLiteral("yr"), QStringLiteral("of"),
        QStringLiteral("upon"), QStringLiteral("on"), QStringLiteral("the"), QStringLiteral("near"),
        QStringLiteral("off"), QStringLiteral("and"), QStringLiteral("le"), QStringLiteral("de"), QStringLiteral("in"),
        QStringLiteral("under"), QStringLiteral("by"), QStringLiteral("flat"), QStringLiteral("number"),
        QStringLiteral("no"), QStringLiteral("na"), QStringLiteral("nan"), QStringLiteral("an"),
        QStringLiteral("stroke"), QStringLiteral("um"), QStringLiteral("er"), QStringLiteral("erm"),
        QStringLiteral("to")};
    static const QRegularExpression outward(QStringLiteral("^[A-Z]{1,2}[0-9][0-9A-Z]?$"));
    for (int i = 0; i < t.size(); ++i) {
        const bool starts = addressWord(t[i]) || t[i].lower == QLatin1String("flat")
            || (t[i].lower == QLatin1String("the") && i + 1 < t.size() && t[i + 1].text.front().isUpper());
        if (!starts || t[i].lower == QLatin1String("it's") || outward.match(t[i].text).hasMatch()) {
            continue;
        }
        int last = i;
        int capitals = 0;
        bool numbered = false;
        for (int j = i; j < t.size(); ++j) {
            if (outward.match(t[j].text).hasMatch() && j > i) {
                break;
            }
            if (addressWord(t[j])) {
                last = j;
                capitals += t[j].text.front().isUpper() ? 1 : 0;
                numbered = numbered || t[j].text.front().isDigit() || numberWord(t[j].lower) >= 0;
            } else if (!inside.contains(t[j].lower)) {
                break;
            }
            if (t[j].punctAfter == QLatin1Char('.') || t[j].punctAfter == QLatin1Char('?')
                || t[j].punctAfter == QLatin1Char('!')) {
                break;
            }
        }
        // Two capitalised words ("Bryn Teg, Llanfihangel"), or a number before a name ("14 Broadway"; not "Since
        // 1998").
        const bool numberFirst = t[i].text.front().isDigit() || isHouseNumber(t[i])
            || t[i].lower == QLatin1String("flat") || t[i].text.contains(QLatin1Char('/'));
        if (capitals >= 2 || (numbered && capitals >= 1 && numberFirst)) {
            out->append({i, last, Entity::Address, {}});
        }
        i = last;
    }
}

// After "And the town?": the place's name at the reply's start ("Stockport", "stoke on trent and the postcode's",
// "merthyr tydfil love"), in capitals or not, at most four words.
void townReplies(const QList<Token>& t, QList<Span>* out)
{
    static const QSet<QString> before {QStringLiteral("it's"), QStringLiteral("in"), QStringLiteral("yeah"),
        QStringLiteral("yes"), QStringLiteral("that's"), QStringLiteral("oh"), QStringLiteral("just"),
        QStringLiteral("er"), QStringLiteral("um"), QStringLiteral("erm")};
    static const QSet<QString> inside {QStringLiteral("on"), QStringLiteral("upon"), QStringLiteral("under"),
        QStringLiteral("le"), QStringLiteral("y"), QStringLiteral("yr"), QStringLiteral("de"), QStringLiteral("by"),
        QStringLiteral("north"), QStringLiteral("south"), QStringLiteral("east"), QStringLiteral("west"),
        QStringLiteral("upper"), QStringLiteral("lower"), QStringLiteral("great"), QStringLiteral("little")};
    int i = 0;
    while (i < t.size() && before.contains(t[i].lower) && t[i].punctAfter.isNull()) {
        ++i;
    }
    // Lower-case words that answer the question without a place: "don't know", "same as before", "rather not say".
    static const QSet<QString> noPlace {QStringLiteral("don't"), QStringLiteral("dont"), QStringLiteral("know"),
        QStringLiteral("rather"), QStringLiteral("same"), QStringLiteral("before"), QStringLiteral("above"),
        QStringLiteral("there"), QStringLiteral("one"), QStringLiteral("outside"), QStringLiteral("near"),
        QStringLiteral("live"), QStringLiteral("moved"), QStringLiteral("say"), QStringLiteral("can't"),
        QStringLiteral("what"), QStringLiteral("why"), QStringLiteral("does"), QStringLiteral("matter"),
        QStringLiteral("actually"), QStringLiteral("sorry"), QStringLiteral("pardon"), QStringLiteral("hang"),
        QStringLiteral("wait"), QStringLiteral("hold"), QStringLiteral("mean"), QStringLiteral("like"),
        QStringLiteral("the"), QStringLiteral("same"), QStringLiteral("nowhere"), QStringLiteral("anywhere")};
    const auto placeWord = [](const Token& w) {
        return isPlaceName(w)
            || (w.text == w.lower && w.lower.size() >= 3 && !NameFinder::isNotName(w.lower) && !isFiller(w.lower)
                && !noPlace.contains(w.lower) && numberWord(w.lower) < 0
                && std::all_of(w.lower.begin(), w.lower.end(), [](QChar c) { return c.isLetter() || c == u'\''; }));
    };
    if (i >= t.size() || !placeWord(t[i])) {
        return;
    }
    int last = i;
    for (int j = i + 1; j < t.size() && j < i + 4 && t[j - 1].punctAfter.isNull(); ++j) {
        if (placeWord(t[j]) || (inside.contains(t[j].lower) && j + 1 < t.size() && placeWord(t[j + 1]))) {
            last = placeWord(t[j]) ? j : last;
            continue;
        }
        break;
    }
    out->append({i, last, Entity::Address, {}});
}

} // namespace

QList<Span> sameNamesAgain(const QList<Token>& t, const QList<Span>& spans)
{
    QSet<QString> parts;
    QSet<int> covered; // by any span
    QSet<int> named; // by a name
    for (const Span& sp : spans) {
        for (int k = sp.first; k <= sp.last; ++k) {
            covered.insert(k);
            if (sp.type == Entity::Person) {
                named.insert(k);
            }
            if (sp.type == Entity::Person && nameWord(t[k]) && t[k].lower.size() >= 3) {
                parts.insert(t[k].lower);
            }
        }
    }
    QList<Span> out;
    if (parts.isEmpty()) {
        return out;
    }
    for (int i = 0; i < t.size(); ++i) {
        if (covered.contains(i)) {
            continue;
        }
        QString stem = t[i].lower;
        if (stem.endsWith(QLatin1String("'s")) || stem.endsWith(QStringLiteral("\u2019s"))) {
            stem.chop(2);
        }
        const bool adjacent = (named.contains(i - 1) && t[i - 1].punctAfter.isNull())
            || (named.contains(i + 1) && t[i].punctAfter.isNull());
        const bool again = parts.contains(stem);
        // A capitalised word joined to a name is part of it: "Gwenllian [Morgan]".
        const bool joined = adjacent && t[i].text.front().isUpper() && nameWord(t[i]) && !t[i].sentenceStart;
        const bool joinedFirst = adjacent && named.contains(i + 1) && t[i].text.front().isUpper() && nameWord(t[i])
            && (NameFinder::isFirstName(t[i].lower) || !NameFinder::isCommonWordName(t[i].lower));
        if (again || joined || joinedFirst) {
            out.append({i, i, Entity::Person, stem});
        }
    }
    return out;
}

bool isSpelledWord(const QString& text)
{
    // Cheap first: every second character a separator.
    // Hyphens or commas: dotted capitals are abbreviations ("B.B.C", "A.S.A.P").
    if (text.size() < 5 || (text.at(1) != QLatin1Char('-') && text.at(1) != QLatin1Char(','))) {
        return false;
    }
    static const QRegularExpression spelled(QStringLiteral("^(\\p{L}[-,]){2,}\\p{L}$"));
    return spelled.match(text).hasMatch();
}

QList<Span> replySpans(const QList<Token>& tokens, const QList<Symbol>& symbols, const Asked& asked)
{
    QList<Span> out;
    if (!asked.any()) {
        return out;
    }
    if (asked.digits()) {
        digitReplies(tokens, symbols, asked, &out);
    }
    codeReplies(symbols, asked, &out);
    if (asked.dateOfBirth) {
        dateReplies(tokens, &out);
    }
    if (asked.name) {
        nameReplies(tokens, &out);
    }
    if (asked.address && !asked.name) {
        addressReplies(tokens, &out);
    }
    if (asked.town && !asked.name) {
        townReplies(tokens, &out);
    }
    return out;
}

} // namespace Earmark::Anonymise
