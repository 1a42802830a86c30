#include "anonymise/Detector.h"

#include "anonymise/Addresses.h"
#include "anonymise/Checks.h"
#include "anonymise/Emails.h"
#include "anonymise/NameCues.h"
#include "anonymise/NameFinder.h"
#include "anonymise/NotPersonal.h"
#include "anonymise/Question.h"
#include "anonymise/Replies.h"
#include "core/Phone.h"

#include <QRegularExpression>
#include <QSet>

namespace Earmark::Anonymise {

namespace {
// A run of consecutive digit symbols: its characters and, for each, the symbol it came from.
struct DigitRun
{
    QString chars;
    QList<int> symbolOf; // per char
    QList<int> starts; // char offsets where a symbol starts
    QList<int> ends; // char offsets where a symbol ends (one past)
};

QList<DigitRun> digitRuns(const QList<Symbol>& symbols, bool allowPlus)
{
    QList<DigitRun> out;
    DigitRun run;
    auto flush = [&] {
        if (!run.chars.isEmpty()) {
            out.append(run);
        }
        run = DigitRun {};
    };
    for (int i = 0; i < symbols.size(); ++i) {
        const Symbol& s = symbols[i];
        const bool digits = s.kind == Symbol::Kind::Digits && (allowPlus || !s.chars.contains(QLatin1Char('+')));
        // "four oh dash double two dash one one": a spoken dash between digits joins them.
        if (!digits && !run.chars.isEmpty() && s.kind == Symbol::Kind::Word
            && (s.chars == QLatin1String("dash") || s.chars == QLatin1String("hyphen")) && i + 1 < symbols.size()
            && symbols[i + 1].kind == Symbol::Kind::Digits && !symbols[i + 1].chars.contains(QLatin1Char('+'))) {
            continue;
        }
        // "oh seven seven, um, double oh nine": a filler between digits does not end the number.
        if (!digits && !run.chars.isEmpty() && s.kind == Symbol::Kind::Word && isFiller(s.chars)
            && i + 1 < symbols.size() && symbols[i + 1].kind == Symbol::Kind::Digits
            && !symbols[i + 1].chars.contains(QLatin1Char('+'))) {
            continue;
        }
        // A '+' only starts a run.
        if (!digits || (s.chars.startsWith(QLatin1Char('+')) && !run.chars.isEmpty())) {
            flush();
            if (!digits) {
                continue;
            }
        }
        run.starts.append(int(run.chars.size()));
        for (int k = 0; k < s.chars.size(); ++k) {
            run.symbolOf.append(i);
        }
        run.chars += s.chars;
        run.ends.append(int(run.chars.size()));
    }
    flush();
    return out;
}

Span spanOf(const QList<Symbol>& symbols, int firstSymbol, int lastSymbol, Entity type)
{
    return Span {symbols[firstSymbol].first, symbols[lastSymbol].last, type, {}};
}

const QStringList kMonths {QStringLiteral("january"), QStringLiteral("february"), QStringLiteral("march"),
    QStringLiteral("april"), QStringLiteral("may"), QStringLiteral("june"), QStringLiteral("july"),
    QStringLiteral("august"), QStringLiteral("september"), QStringLiteral("october"), QStringLiteral("november"),
    QStringLiteral("december"), QStringLiteral("jan"), QStringLiteral("feb"), QStringLiteral("mar"),
    QStringLiteral("apr"), QStringLiteral("jun"), QStringLiteral("jul"), QStringLiteral("aug"), QStringLiteral("sep"),
    QStringLiteral("sept"), QStringLiteral("oct"), QStringLiteral("nov"), QStringLiteral("dec")};

bool isYearWord(const Token& t)
{
    static const QRegularExpression year(QStringLiteral("^(19|20)[0-9]{2}$"));
    if (t.lower.contains(QLatin1Char('-'))) { // "seventy-eight"
        const QStringList parts = t.lower.split(QLatin1Char('-'));
        return std::all_of(parts.begin(), parts.end(), [](const QString& p) { return numberWord(p) >= 0; });
    }
    return numberWord(t.lower) >= 0 || t.lower == QLatin1String("hundred") || t.lower == QLatin1String("thousand")
        || t.lower == QLatin1String("and") || t.lower == QLatin1String("oh") || year.match(t.lower).hasMatch();
}

} // namespace

Detector::Detector(Options options)
    : m_options(std::move(options))
    , m_names(std::make_unique<NameFinder>(m_options))
{ }

Detector::~Detector() = default;

QList<Span> mergeSpans(QList<Span> spans)
{
    std::stable_sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
        const int la = a.last - a.first;
        const int lb = b.last - b.first;
        return la != lb ? la > lb : a.first < b.first;
    });
    QList<Span> kept;
    for (const Span& s : spans) {
        const bool overlaps = std::any_of(
            kept.begin(), kept.end(), [&](const Span& k) { return !(s.last < k.first || s.first > k.last); });
        if (!overlaps) {
            kept.append(s);
        }
    }
    std::sort(kept.begin(), kept.end(), [](const Span& a, const Span& b) { return a.first < b.first; });
    return kept;
}

QList<Span> Detector::detect(const QList<Token>& tokens, const SegmentContext& context) const
{
    QList<Span> out;
    if (tokens.isEmpty()) {
        return out;
    }
    const QList<Symbol> symbols = normalise(tokens);
    QString text;
    for (const Token& t : tokens) {
        text += t.lower + QLatin1Char(' ');
    }
    const QString around = context.previousText.toLower() + QLatin1Char(' ') + text;
    numbers(tokens, symbols, around, &out);
    codes(symbols, &out);
    if (m_options.wants(Entity::Email)) {
        out += emailSpans(tokens);
    }
    if (m_options.wants(Entity::Address)) {
        out += addressSpans(tokens);
    }
    if (m_options.wants(Entity::DateOfBirth)) {
        datesOfBirth(tokens, around, &out);
    }
    if (m_options.wants(Entity::Person)) {
        out += m_names->find(tokens, context);
        if (context.speaker != QLatin1String("agent") || m_options.redactAgent) {
            out += cuedNames(tokens); // not the agent's own introduction, kept by the staff policy
        }
        for (int i = 0; i < tokens.size(); ++i) {
            if (isSpelledWord(tokens[i].text)) {
                out.append({i, i, Entity::Person, tokens[i].lower}); // "A-D-J-E-I", wherever it is said
            }
        }
    }
    // The agent's own name is kept unless the policy says otherwise ("Who am I speaking to?" "It's Dave."): the
    // structure rules name nobody in the agent's speech then.
    const bool keepAgent = context.speaker == QLatin1String("agent") && !m_options.redactAgent;
    for (const Span& s : replySpans(tokens, symbols, askedFor(context.previousText))) {
        if (!(keepAgent && s.type == Entity::Person)) {
            out.append(s);
        }
    }
    if (m_options.wants(Entity::Person) && !keepAgent) {
        out += sameNamesAgain(tokens, mergeSpans(out));
    }
    dropNotPersonal(tokens, context.speaker == QLatin1String("agent"), askedFor(context.previousText).name, &out);
    QList<Span> wanted;
    for (const Span& s : out) {
        if (m_options.wants(s.type)) {
            wanted.append(s);
        }
    }
    return mergeSpans(wanted);
}

void Detector::numbers(
    const QList<Token>& tokens, const QList<Symbol>& symbols, const QString& context, QList<Span>* out) const
{
    static const QRegularExpression sortCodeWritten(QStringLiteral("^[0-9]{2}-[0-9]{2}-[0-9]{2}$"));
    static const QRegularExpression sortContext(QStringLiteral("\\bsort ?code\\b"));
    static const QRegularExpression accountContext(QStringLiteral("\\baccount\\b"));
    static const QRegularExpression nhsContext(QStringLiteral("\\bnhs\\b|\\bhealth\\b"));
    for (const DigitRun& run : digitRuns(symbols, true)) {
        QSet<int> used; // char offsets already in a span
        auto take = [&](int from, int to, Entity type) {
            for (int k = from; k < to; ++k) {
                used.insert(k);
            }
            out->append(spanOf(symbols, run.symbolOf[from], run.symbolOf[to - 1], type));
        };
        auto free = [&](int from, int to) {
            for (int k = from; k < to; ++k) {
                if (used.contains(k)) {
                    return false;
                }
            }
            return true;
        };
        // Candidates start and end where symbols do; the longest valid one wins at each start.
        for (int from : run.starts) {
            for (qsizetype e = run.ends.size() - 1; e >= 0; --e) {
                const int to = run.ends[e];
                if (to <= from || !free(from, to)) {
                    continue;
                }
                const QString digits = run.chars.mid(from, to - from);
                const QString plain = QString(digits).remove(QLatin1Char('+'));
                if ((digits.startsWith(QLatin1Char('0')) || digits.startsWith(QLatin1Char('+'))) && digits.size() >= 10
                    && digits.size() <= 16 && Phone::isPhoneNumberDigits(digits)) {
                    // A digit or two said after a whole number belong to it (said twice, or one too many): they go
                    // too, rather than leave part of a phone number standing.
                    const int runEnd = int(run.chars.size());
                    take(from, runEnd - to <= 2 && free(to, runEnd) ? runEnd : to, Entity::Phone);
                    break;
                }
                // "double four seven seven ...": the UK country code said without the plus.
                if (digits.startsWith(QLatin1String("44")) && digits.size() == 12
                    && Phone::isPhoneNumberDigits(QLatin1Char('+') + digits)) {
                    take(from, to, Entity::Phone);
                    break;
                }
                if (plain.size() >= 13 && !digits.contains(QLatin1Char('+')) && isCardNumber(plain)) {
                    take(from, to, Entity::Card);
                    break;
                }
                if (!digits.contains(QLatin1Char('+')) && plain.size() == 10 && nhsNumberValid(plain)
                    && (run.chars.size() == 10 || nhsContext.match(context).hasMatch())) {
                    take(from, to, Entity::Nhs);
                    break;
                }
            }
        }
        const QString whole = run.chars;
        if (!free(0, int(whole.size()))) {
            continue;
        }
        const int firstSymbol = run.symbolOf.first();
        const int lastSymbol = run.symbolOf.last();
        const bool writtenSort
            = firstSymbol == lastSymbol && sortCodeWritten.match(tokens[symbols[firstSymbol].first].text).hasMatch();
        if (whole.size() == 6 && (writtenSort || sortContext.match(context).hasMatch())) {
            out->append(spanOf(symbols, firstSymbol, lastSymbol, Entity::SortCode));
        } else if (whole.size() == 8 && accountContext.match(context).hasMatch()) {
            out->append(spanOf(symbols, firstSymbol, lastSymbol, Entity::BankAccount));
        }
    }
}

void Detector::codes(const QList<Symbol>& symbols, QList<Span>* out) const
{
    // Postcodes and National Insurance numbers: letters and digits, written or spelled, over up to 9 symbols.
    for (int i = 0; i < symbols.size(); ++i) {
        if (symbols[i].kind == Symbol::Kind::Word || symbols[i].chars.contains(QLatin1Char('+'))) {
            continue;
        }
        QString code;
        int best = -1;
        Entity bestType = Entity::Postcode;
        for (int j = i; j < symbols.size() && j < i + 9; ++j) {
            const Symbol& s = symbols[j];
            if (s.kind == Symbol::Kind::Word || s.chars.contains(QLatin1Char('+'))) {
                break;
            }
            code += s.chars;
            if (code.size() > 9) {
                break;
            }
            if (code.size() >= 5 && code.size() <= 7 && postcodeValid(code)) {
                best = j;
                bestType = Entity::Postcode;
            } else if (code.size() == 9 && ninoValid(code)) {
                best = j;
                bestType = Entity::Nino;
            }
        }
        if (best >= 0) {
            out->append(spanOf(symbols, i, best, bestType));
            i = best;
        }
    }
}

void Detector::datesOfBirth(const QList<Token>& t, const QString& context, QList<Span>* out) const
{
    static const QRegularExpression birth(QStringLiteral("\\bborn\\b|\\bbirth|\\bd\\.?o\\.?b\\b|\\bbirthday\\b"));
    // "the twelfth of the sixth": a month said as its number.
    const auto numberedMonth = [&t](int i) {
        return i + 3 < t.size() && isOrdinal(t[i].lower) && t[i + 1].lower == QLatin1String("of")
            && t[i + 2].lower == QLatin1String("the") && isOrdinal(t[i + 3].lower);
    };
    bool anyDate = std::any_of(t.begin(), t.end(), [](const Token& k) {
        return kMonths.contains(k.lower) || k.text.count(QLatin1Char('/')) == 2 || k.text.count(QLatin1Char('.')) == 2
            || k.text.count(QLatin1Char('-')) == 2;
    });
    for (int i = 0; i < t.size() && !anyDate; ++i) {
        anyDate = numberedMonth(i);
    }
    if (!anyDate) {
        return;
    }
    // Without a word about birth, a whole date with a year of the last century is still a birth date ("just to
    // confirm that's the eleventh of April, nineteen fifty-three?"): appointments and deliveries are not that old.
    const bool asked = birth.match(context).hasMatch();
    QList<Span> found;
    datesIn(t, &found);
    for (const Span& span : std::as_const(found)) {
        // A whole date: a day, a month and a year of the last century ("1953", "nineteen fifty-three", not "the
        // 19th", "twenty nineteen" or "since March 1998").
        bool day = false;
        bool month = false;
        bool oldYear = false;
        for (int k = span.first; k <= span.last; ++k) {
            const QString& w = t[k].lower;
            const bool year
                = (w.size() == 4 && w.startsWith(QLatin1String("19")) && w.at(2).isDigit() && w.at(3).isDigit())
                || (w == QLatin1String("nineteen") && k + 1 <= span.last
                    && numberWord(t[k + 1].lower.section(QLatin1Char('-'), 0, 0)) >= 0
                    && (k == 0 || t[k - 1].lower != QLatin1String("twenty")));
            const bool written = t[k].text.size() == 10 && t[k].text.mid(6, 2) == QLatin1String("19");
            oldYear = oldYear || year || written;
            month = month || monthOf(w) > 0 || written;
            day = day || written || (isOrdinal(w) && !year);
        }
        if (asked || (oldYear && month && day)) {
            out->append(span);
        }
    }
}

void Detector::datesIn(const QList<Token>& t, QList<Span>* out) const
{
    static const QRegularExpression written(QStringLiteral("^[0-3]?[0-9][/.-][01]?[0-9][/.-]([0-9]{2}|[0-9]{4})$"));
    const auto numberedMonth = [&t](int i) {
        return i + 3 < t.size() && isOrdinal(t[i].lower) && t[i + 1].lower == QLatin1String("of")
            && t[i + 2].lower == QLatin1String("the") && isOrdinal(t[i + 3].lower);
    };
    for (int i = 0; i < t.size(); ++i) {
        if (written.match(t[i].text).hasMatch()) {
            out->append({i, i, Entity::DateOfBirth, {}});
            continue;
        }
        if (numberedMonth(i)) {
            const int start = i > 0 && t[i - 1].lower == QLatin1String("the") ? i - 1 : i;
            int y = i + 4;
            while (y < t.size() && y - i <= 8 && isYearWord(t[y])) {
                ++y;
            }
            out->append({start, y - 1, Entity::DateOfBirth, {}});
            i = y - 1;
            continue;
        }
        if (!kMonths.contains(t[i].lower)) {
            continue;
        }
        int start = i;
        int end = i;
        int j = i - 1;
        if (j >= 0 && t[j].lower == QLatin1String("of")) {
            --j;
        }
        while (j >= 0 && i - j <= 3 && isOrdinal(t[j].lower)) {
            start = j--;
        }
        if (start < i && j >= 0 && t[j].lower == QLatin1String("the")) {
            start = j;
        }
        if (start == i && i + 1 < t.size() && isOrdinal(t[i + 1].lower)) {
            end = i + 1; // "March the third", "March 3rd"
        }
        int y = end + 1;
        while (y < t.size() && y - end <= 5 && isYearWord(t[y])) {
            ++y;
        }
        while (y - 1 > end && t[y - 1].lower == QLatin1String("and")) {
            --y;
        }
        end = std::max(end, y - 1);
        if (start < i || end > i) {
            out->append({start, end, Entity::DateOfBirth, {}});
        }
    }
}

} // namespace Earmark::Anonymise
