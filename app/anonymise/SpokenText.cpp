#include "anonymise/SpokenText.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace Earmark::Anonymise {

namespace {
bool isEdgePunct(QChar c)
{
    return !c.isLetterOrNumber() && c != QLatin1Char('+') && c != QLatin1Char('@') && c != QChar(0x00A3)
        && c != QLatin1Char('$') && c != QChar(0x20AC);
}

bool allDigits(const QString& s, bool allowPlus)
{
    if (s.isEmpty()) {
        return false;
    }
    for (int i = 0; i < s.size(); ++i) {
        if (!s[i].isDigit() && !(allowPlus && i == 0 && s[i] == QLatin1Char('+'))) {
            return false;
        }
    }
    return s != QLatin1String("+");
}
} // namespace

QList<Token> tokenize(const QString& text)
{
    QList<Token> out;
    bool sentenceStart = true;
    int i = 0;
    const int n = int(text.size());
    while (i < n) {
        while (i < n && text[i].isSpace()) {
            ++i;
        }
        int j = i;
        while (j < n && !text[j].isSpace()) {
            ++j;
        }
        int b = i;
        int e = j;
        while (b < e && isEdgePunct(text[b])) {
            ++b;
        }
        while (e > b && isEdgePunct(text[e - 1])) {
            --e;
        }
        if (e > b) {
            Token t;
            t.text = text.mid(b, e - b);
            t.lower = t.text.toLower();
            t.begin = b;
            t.end = e;
            t.sentenceStart = sentenceStart;
            t.punctAfter = e < j ? text[e] : QChar();
            out.append(t);
            sentenceStart = false;
        }
        for (int k = e; k < j; ++k) {
            if (text[k] == QLatin1Char('.') || text[k] == QLatin1Char('?') || text[k] == QLatin1Char('!')) {
                sentenceStart = true;
            }
        }
        i = j;
    }
    // A turn In Title Case (some recognisers write one so) says nothing by its capitals: its words are read as
    // written in lower case, and names are found as in a lower-case transcript. Told by its small words written
    // with capitals mid-sentence ("How Likely Are You To"), which no address or name has three of.
    static const QSet<QString> small {QStringLiteral("a"), QStringLiteral("an"), QStringLiteral("the"),
        QStringLiteral("of"), QStringLiteral("to"), QStringLiteral("on"), QStringLiteral("in"), QStringLiteral("at"),
        QStringLiteral("is"), QStringLiteral("are"), QStringLiteral("you"), QStringLiteral("how"),
        QStringLiteral("and"), QStringLiteral("for"), QStringLiteral("it"), QStringLiteral("was"), QStringLiteral("we"),
        QStringLiteral("your"), QStringLiteral("that"), QStringLiteral("with")};
    int smallCapitals = 0;
    for (const Token& t : std::as_const(out)) {
        smallCapitals += !t.sentenceStart && small.contains(t.lower) && t.text.front().isUpper() ? 1 : 0;
    }
    if (smallCapitals >= 3) {
        for (Token& t : out) {
            if (t.text.size() > 1 && t.text.front().isUpper() && t.text.at(1).isLower()) {
                t.text = t.lower;
            }
        }
    }
    return out;
}

int digitWord(const QString& lower)
{
    static const QHash<QString, int> words {{QStringLiteral("zero"), 0}, {QStringLiteral("oh"), 0},
        {QStringLiteral("o"), 0}, {QStringLiteral("nought"), 0}, {QStringLiteral("nil"), 0}, {QStringLiteral("one"), 1},
        {QStringLiteral("two"), 2}, {QStringLiteral("three"), 3}, {QStringLiteral("four"), 4},
        {QStringLiteral("five"), 5}, {QStringLiteral("six"), 6}, {QStringLiteral("seven"), 7},
        {QStringLiteral("eight"), 8}, {QStringLiteral("nine"), 9}};
    return words.value(lower, -1);
}

int numberWord(const QString& lower)
{
    static const QHash<QString, int> words {{QStringLiteral("ten"), 10}, {QStringLiteral("eleven"), 11},
        {QStringLiteral("twelve"), 12}, {QStringLiteral("thirteen"), 13}, {QStringLiteral("fourteen"), 14},
        {QStringLiteral("fifteen"), 15}, {QStringLiteral("sixteen"), 16}, {QStringLiteral("seventeen"), 17},
        {QStringLiteral("eighteen"), 18}, {QStringLiteral("nineteen"), 19}, {QStringLiteral("twenty"), 20},
        {QStringLiteral("thirty"), 30}, {QStringLiteral("forty"), 40}, {QStringLiteral("fifty"), 50},
        {QStringLiteral("sixty"), 60}, {QStringLiteral("seventy"), 70}, {QStringLiteral("eighty"), 80},
        {QStringLiteral("ninety"), 90}};
    const int d = digitWord(lower);
    return d >= 0 && lower != QLatin1String("o") ? d : words.value(lower, -1);
}

QChar natoLetter(const QString& lower)
{
    // Letter names as people say them when spelling (only those that are not everyday words).
    static const QHash<QString, QChar> names {{QStringLiteral("aitch"), QLatin1Char('H')},
        {QStringLiteral("haitch"), QLatin1Char('H')}, {QStringLiteral("em"), QLatin1Char('M')},
        {QStringLiteral("en"), QLatin1Char('N')}, {QStringLiteral("ess"), QLatin1Char('S')},
        {QStringLiteral("ex"), QLatin1Char('X')}, {QStringLiteral("zed"), QLatin1Char('Z')},
        {QStringLiteral("eff"), QLatin1Char('F')}, {QStringLiteral("ef"), QLatin1Char('F')},
        {QStringLiteral("el"), QLatin1Char('L')}, {QStringLiteral("cee"), QLatin1Char('C')},
        {QStringLiteral("dee"), QLatin1Char('D')}, {QStringLiteral("gee"), QLatin1Char('G')},
        {QStringLiteral("vee"), QLatin1Char('V')}, {QStringLiteral("double-u"), QLatin1Char('W')},
        {QStringLiteral("ay"), QLatin1Char('A')}, {QStringLiteral("ee"), QLatin1Char('E')},
        {QStringLiteral("bee"), QLatin1Char('B')}, {QStringLiteral("pee"), QLatin1Char('P')},
        {QStringLiteral("tee"), QLatin1Char('T')}, {QStringLiteral("cue"), QLatin1Char('Q')},
        {QStringLiteral("ar"), QLatin1Char('R')}, {QStringLiteral("kay"), QLatin1Char('K')},
        {QStringLiteral("why"), QLatin1Char('Y')}};
    if (const auto it = names.constFind(lower); it != names.constEnd()) {
        return *it;
    }
    static const QHash<QString, QChar> words {{QStringLiteral("alpha"), QLatin1Char('A')},
        {QStringLiteral("alfa"), QLatin1Char('A')}, {QStringLiteral("bravo"), QLatin1Char('B')},
        {QStringLiteral("charlie"), QLatin1Char('C')}, {QStringLiteral("delta"), QLatin1Char('D')},
        {QStringLiteral("echo"), QLatin1Char('E')}, {QStringLiteral("foxtrot"), QLatin1Char('F')},
        {QStringLiteral("golf"), QLatin1Char('G')}, {QStringLiteral("hotel"), QLatin1Char('H')},
        {QStringLiteral("india"), QLatin1Char('I')}, {QStringLiteral("juliet"), QLatin1Char('J')},
        {QStringLiteral("juliett"), QLatin1Char('J')}, {QStringLiteral("kilo"), QLatin1Char('K')},
        {QStringLiteral("lima"), QLatin1Char('L')}, {QStringLiteral("mike"), QLatin1Char('M')},
        {QStringLiteral("november"), QLatin1Char('N')}, {QStringLiteral("oscar"), QLatin1Char('O')},
        {QStringLiteral("papa"), QLatin1Char('P')}, {QStringLiteral("quebec"), QLatin1Char('Q')},
        {QStringLiteral("romeo"), QLatin1Char('R')}, {QStringLiteral("sierra"), QLatin1Char('S')},
        {QStringLiteral("tango"), QLatin1Char('T')}, {QStringLiteral("uniform"), QLatin1Char('U')},
        {QStringLiteral("victor"), QLatin1Char('V')}, {QStringLiteral("whiskey"), QLatin1Char('W')},
        {QStringLiteral("whisky"), QLatin1Char('W')}, {QStringLiteral("x-ray"), QLatin1Char('X')},
        {QStringLiteral("xray"), QLatin1Char('X')}, {QStringLiteral("yankee"), QLatin1Char('Y')},
        {QStringLiteral("zulu"), QLatin1Char('Z')}};
    return words.value(lower);
}

bool isFiller(const QString& lower)
{
    static const QSet<QString> fillers {QStringLiteral("um"), QStringLiteral("umm"), QStringLiteral("er"),
        QStringLiteral("erm"), QStringLiteral("uh"), QStringLiteral("uhm"), QStringLiteral("ah"), QStringLiteral("eh"),
        QStringLiteral("hmm"), QStringLiteral("mm")};
    return fillers.contains(lower);
}

bool isOrdinal(const QString& lower)
{
    static const QSet<QString> words {QStringLiteral("first"), QStringLiteral("second"), QStringLiteral("third"),
        QStringLiteral("fourth"), QStringLiteral("fifth"), QStringLiteral("sixth"), QStringLiteral("seventh"),
        QStringLiteral("eighth"), QStringLiteral("ninth"), QStringLiteral("tenth"), QStringLiteral("eleventh"),
        QStringLiteral("twelfth"), QStringLiteral("thirteenth"), QStringLiteral("fourteenth"),
        QStringLiteral("fifteenth"), QStringLiteral("sixteenth"), QStringLiteral("seventeenth"),
        QStringLiteral("eighteenth"), QStringLiteral("nineteenth"), QStringLiteral("twentieth"),
        QStringLiteral("thirtieth"), QStringLiteral("twenty"), QStringLiteral("thirty")};
    static const QRegularExpression written(QStringLiteral("^[0-3]?[0-9](st|nd|rd|th)?$"));
    static const QRegularExpression compound(QStringLiteral("^(twenty|thirty)-(first|second|third|fourth|fifth|"
                                                            "sixth|seventh|eighth|ninth)$"));
    if (lower.isEmpty() || words.contains(lower)) {
        return !lower.isEmpty();
    }
    if (lower.front().isDigit()) {
        return written.match(lower).hasMatch();
    }
    return lower.contains(QLatin1Char('-')) && compound.match(lower).hasMatch();
}

int monthOf(const QString& lower)
{
    static const QHash<QString, int> months {{QStringLiteral("january"), 1}, {QStringLiteral("february"), 2},
        {QStringLiteral("march"), 3}, {QStringLiteral("april"), 4}, {QStringLiteral("may"), 5},
        {QStringLiteral("june"), 6}, {QStringLiteral("july"), 7}, {QStringLiteral("august"), 8},
        {QStringLiteral("september"), 9}, {QStringLiteral("october"), 10}, {QStringLiteral("november"), 11},
        {QStringLiteral("december"), 12}, {QStringLiteral("jan"), 1}, {QStringLiteral("feb"), 2},
        {QStringLiteral("mar"), 3}, {QStringLiteral("apr"), 4}, {QStringLiteral("jun"), 6}, {QStringLiteral("jul"), 7},
        {QStringLiteral("aug"), 8}, {QStringLiteral("sep"), 9}, {QStringLiteral("sept"), 9},
        {QStringLiteral("oct"), 10}, {QStringLiteral("nov"), 11}, {QStringLiteral("dec"), 12}};
    return months.value(lower, 0);
}

QList<Symbol> normalise(const QList<Token>& tokens)
{
    QList<Symbol> out;
    const int n = int(tokens.size());
    for (int i = 0; i < n; ++i) {
        const Token& t = tokens[i];
        Symbol s;
        s.first = s.last = i;
        // Written digits, possibly grouped with dashes, dots, slashes or brackets: "20-00-00", "(0161)", "+44".
        QString stripped;
        bool onlyDigitsAndSeparators = true;
        for (QChar c : t.text) {
            if (c.isDigit() || (c == QLatin1Char('+') && stripped.isEmpty())) {
                stripped += c;
            } else if (c != QLatin1Char('-') && c != QLatin1Char('(') && c != QLatin1Char(')')
                && c != QLatin1Char('.')) {
                onlyDigitsAndSeparators = false;
                break;
            }
        }
        if (onlyDigitsAndSeparators && allDigits(stripped, true)) {
            s.kind = Symbol::Kind::Digits;
            s.chars = stripped;
            out.append(s);
            continue;
        }
        // "double seven", "triple two", "treble five": the digit repeated.
        const int times = t.lower == QLatin1String("double")                           ? 2
            : t.lower == QLatin1String("triple") || t.lower == QLatin1String("treble") ? 3
                                                                                       : 0;
        if (times > 0 && i + 1 < n && digitWord(tokens[i + 1].lower) >= 0) {
            const int d = digitWord(tokens[i + 1].lower);
            s.kind = Symbol::Kind::Digits;
            s.chars = QString(times, QChar(u'0' + d));
            s.last = i + 1;
            s.spoken = true;
            out.append(s);
            ++i;
            continue;
        }
        // Spelled letters: "double you" is W; "double ay", "double a", "triple ex": the letter repeated.
        if (times > 0 && i + 1 < n) {
            const Token& next = tokens[i + 1];
            QChar letter = next.lower == QLatin1String("you") && t.lower == QLatin1String("double")
                ? QChar(QLatin1Char('W'))
                : natoLetter(next.lower);
            const bool w = next.lower == QLatin1String("you");
            if (letter.isNull() && next.text.size() == 1 && next.text.front().isLetter()
                && next.text.front().unicode() < 128) {
                letter = next.text.front().toUpper();
            }
            if (!letter.isNull()) {
                s.kind = Symbol::Kind::Letters;
                s.chars = w ? QString(letter) : QString(times, letter);
                s.last = i + 1;
                s.spoken = true;
                out.append(s);
                ++i;
                continue;
            }
        }
        // "sixty-six" -> 66, as "sixty six".
        if (const qsizetype dash = t.lower.indexOf(QLatin1Char('-')); dash > 0) {
            const int tens = numberWord(t.lower.left(dash));
            const int unit = digitWord(t.lower.mid(dash + 1));
            if (tens >= 20 && tens % 10 == 0 && unit > 0) {
                s.kind = Symbol::Kind::Digits;
                s.chars = QString::number(tens + unit);
                s.spoken = true;
                out.append(s);
                continue;
            }
        }
        // "twenty three" -> 23; "nine hundred" -> 900 (as people read phone numbers); "two thousand" -> 2000.
        const int v = numberWord(t.lower);
        if (v >= 0 || t.lower == QLatin1String("o")) {
            int value = t.lower == QLatin1String("o") ? 0 : v;
            QString chars = QString::number(value);
            int last = i;
            if (value >= 20 && value % 10 == 0 && i + 1 < n) {
                const int unit = digitWord(tokens[i + 1].lower);
                if (unit > 0 && tokens[i + 1].lower != QLatin1String("o")
                    && tokens[i + 1].lower != QLatin1String("oh")) {
                    chars = QString::number(value + unit);
                    last = i + 1;
                }
            }
            if (last + 1 < n && value > 0 && value < 10) {
                if (tokens[last + 1].lower == QLatin1String("hundred")) {
                    chars += QStringLiteral("00");
                    ++last;
                } else if (tokens[last + 1].lower == QLatin1String("thousand")) {
                    chars += QStringLiteral("000");
                    ++last;
                }
            }
            s.kind = Symbol::Kind::Digits;
            s.chars = chars;
            s.last = last;
            s.spoken = true;
            out.append(s);
            i = last;
            continue;
        }
        if (t.lower == QLatin1String("plus") && i + 1 < n
            && (numberWord(tokens[i + 1].lower) >= 0 || allDigits(tokens[i + 1].text, false))) {
            s.kind = Symbol::Kind::Digits;
            s.chars = QStringLiteral("+");
            s.spoken = true;
            out.append(s);
            continue;
        }
        if (const QChar nato = natoLetter(t.lower); !nato.isNull()) {
            s.kind = Symbol::Kind::Letters;
            s.chars = nato;
            s.spoken = true;
            out.append(s);
            continue;
        }
        // A single letter ("S"), or a written code mixing letters and digits ("SW1A", "1AA", "QQ123456C").
        bool alnum = true;
        bool hasDigit = false;
        for (QChar c : t.text) {
            alnum = alnum && c.isLetterOrNumber() && c.unicode() < 128;
            hasDigit = hasDigit || c.isDigit();
        }
        if (alnum
            && (t.text.size() == 1 || (hasDigit && t.text.size() <= 9)
                || (t.text == t.text.toUpper() && t.text.size() <= 2))) {
            s.kind = Symbol::Kind::Letters;
            s.chars = t.text.toUpper();
            out.append(s);
            continue;
        }
        s.kind = Symbol::Kind::Word;
        s.chars = t.lower;
        out.append(s);
    }
    return out;
}

} // namespace Earmark::Anonymise
