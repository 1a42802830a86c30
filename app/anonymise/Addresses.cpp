#include "anonymise/Addresses.h"

#include "anonymise/NameFinder.h"

#include <QRegularExpression>
#include <QSet>

namespace Earmark::Anonymise {

namespace {

const QSet<QString> kSuffixes {QStringLiteral("road"), QStringLiteral("rd"), QStringLiteral("street"),
    QStringLiteral("st"), QStringLiteral("avenue"), QStringLiteral("ave"), QStringLiteral("lane"),
    QStringLiteral("close"), QStringLiteral("drive"), QStringLiteral("way"), QStringLiteral("crescent"),
    QStringLiteral("court"), QStringLiteral("place"), QStringLiteral("gardens"), QStringLiteral("terrace"),
    QStringLiteral("grove"), QStringLiteral("hill"), QStringLiteral("park"), QStringLiteral("row"),
    QStringLiteral("square"), QStringLiteral("walk"), QStringLiteral("mews"), QStringLiteral("view"),
    QStringLiteral("rise"), QStringLiteral("parade"), QStringLiteral("wharf"), QStringLiteral("green"),
    QStringLiteral("meadow"), QStringLiteral("meadows"), QStringLiteral("vale"), QStringLiteral("boulevard"),
    QStringLiteral("quay"), QStringLiteral("wynd"), QStringLiteral("brae"), QStringLiteral("gate"),
    QStringLiteral("end"), QStringLiteral("heights"), QStringLiteral("bank")};

// Words that end a house's name: "Clarence House", "Ivy House Farm", "The Old Forge".
const QSet<QString> kHouseWords {QStringLiteral("house"), QStringLiteral("cottage"), QStringLiteral("cottages"),
    QStringLiteral("farm"), QStringLiteral("lodge"), QStringLiteral("barn"), QStringLiteral("mill"),
    QStringLiteral("manor"), QStringLiteral("hall"), QStringLiteral("villa"), QStringLiteral("bungalow"),
    QStringLiteral("forge"), QStringLiteral("rectory"), QStringLiteral("vicarage"), QStringLiteral("court"),
    QStringLiteral("mansions"), QStringLiteral("homes"), QStringLiteral("buildings"), QStringLiteral("flats")};

// Small words inside place names: "Isle of Skye", "Newcastle upon Tyne", "Cwrt yr Ysgol", "Taigh na Mara".
const QSet<QString> kConnectors {QStringLiteral("of"), QStringLiteral("upon"), QStringLiteral("on"),
    QStringLiteral("y"), QStringLiteral("yr"), QStringLiteral("na"), QStringLiteral("nan"), QStringLiteral("an"),
    QStringLiteral("le"), QStringLiteral("la"), QStringLiteral("de"), QStringLiteral("by"), QStringLiteral("under"),
    QStringLiteral("near")};

} // namespace

bool isPlaceName(const Token& t)
{
    if (t.text.size() < 2 || NameFinder::isNotName(t.lower) || monthOf(t.lower) > 0 || numberWord(t.lower) >= 0
        || t.text == t.text.toUpper()) {
        return false; // not "Eight", not "GMT" or "BBC"
    }
    // A Gaelic mutation keeps its capital after the prefix: "t-Sìthein", "n-Eilean".
    const QString core
        = t.text.size() > 2 && t.text.at(1) == QLatin1Char('-') && t.text.front().isLower() ? t.text.mid(2) : t.text;
    if (core.isEmpty() || !core.front().isUpper()) {
        return false;
    }
    for (QChar c : core) {
        if (!c.isLetter() && c != QLatin1Char('\'') && c != QChar(0x2019) && c != QLatin1Char('-')) {
            return false;
        }
    }
    return true;
}

namespace {

bool flatNumber(const Token& t)
{
    static const QRegularExpression re(QStringLiteral("^([0-9]{1,3}/[0-9]{1,3}|[0-9]{1,3}[a-z]?[0-9]?|[a-z])$"));
    return re.match(t.lower).hasMatch() || isHouseNumber(t);
}

} // namespace

bool isHouseNumber(const Token& t)
{
    // "14", "14a" (by hand: this runs on every token).
    const QString& w = t.lower;
    if (!w.isEmpty() && w.front().isDigit()) {
        qsizetype digits = 0;
        while (digits < w.size() && w.at(digits).isDigit()) {
            ++digits;
        }
        return digits <= 4 && (digits == w.size() || (digits + 1 == w.size() && w.back().isLetter()));
    }
    return numberWord(t.lower) > 0
        || (t.lower.contains(QLatin1Char('-')) && numberWord(t.lower.section(QLatin1Char('-'), 0, 0)) >= 20
            && numberWord(t.lower.section(QLatin1Char('-'), 1)) > 0);
}

bool isStreetSuffix(const QString& lower)
{
    return kSuffixes.contains(lower);
}

bool isPlaceWord(const QString& lower)
{
    static const QSet<QString> words {QStringLiteral("central"), QStringLiteral("station"), QStringLiteral("airport"),
        QStringLiteral("hospital"), QStringLiteral("centre"), QStringLiteral("council"), QStringLiteral("gas"),
        QStringLiteral("mail"), QStringLiteral("energy"), QStringLiteral("water"), QStringLiteral("group"),
        QStringLiteral("services"), QStringLiteral("university"), QStringLiteral("college"), QStringLiteral("school"),
        QStringLiteral("church"), QStringLiteral("bridge"), QStringLiteral("wells"), QStringLiteral("island"),
        QStringLiteral("city"), QStringLiteral("town"), QStringLiteral("estate"), QStringLiteral("retail"),
        QStringLiteral("surgery"), QStringLiteral("practice"), QStringLiteral("pharmacy"), QStringLiteral("day"),
        // An organisation's or a department's last word: "Virgin Media", "Customer Relations".
        QStringLiteral("media"), QStringLiteral("mobile"), QStringLiteral("telecom"), QStringLiteral("broadband"),
        QStringLiteral("insurance"), QStringLiteral("homes"), QStringLiteral("housing"), QStringLiteral("motors"),
        QStringLiteral("airways"), QStringLiteral("airlines"), QStringLiteral("trains"), QStringLiteral("buses"),
        QStringLiteral("travel"), QStringLiteral("foods"), QStringLiteral("direct"), QStringLiteral("news"),
        QStringLiteral("radio"), QStringLiteral("relations"), QStringLiteral("support"), QStringLiteral("department"),
        QStringLiteral("team"), QStringLiteral("desk"), QStringLiteral("accounts"), QStringLiteral("billing"),
        QStringLiteral("complaints"), QStringLiteral("sales"), QStringLiteral("care"), QStringLiteral("resolutions")};
    return kSuffixes.contains(lower) || kHouseWords.contains(lower) || words.contains(lower);
}

int withTown(const QList<Token>& t, int end)
{
    int last = end;
    int k = end + 1;
    while (k < t.size() && k - end <= 6) {
        const Token& prev = t[k - 1];
        if (prev.punctAfter == QLatin1Char('.') || prev.punctAfter == QLatin1Char('?')
            || prev.punctAfter == QLatin1Char('!')) {
            break;
        }
        if (isPlaceName(t[k])) {
            last = k++;
            continue;
        }
        // "Heol y Nant, um, in Llanelli": a filler before the town.
        if (isFiller(t[k].lower) && k + 1 < t.size()
            && (t[k].punctAfter.isNull() || t[k].punctAfter == QLatin1Char(','))
            && (isPlaceName(t[k + 1])
                || (t[k + 1].lower == QLatin1String("in") && k + 2 < t.size() && isPlaceName(t[k + 2])))) {
            k += 1;
            continue;
        }
        // "in Hartlepool", "near Stafford", "Isle of Skye": a connector counts when a place name follows it.
        if ((kConnectors.contains(t[k].lower) || t[k].lower == QLatin1String("in")) && k + 1 < t.size()
            && isPlaceName(t[k + 1]) && t[k].punctAfter.isNull()) {
            k += 1;
            continue;
        }
        break;
    }
    return last;
}

int withFlat(const QList<Token>& t, int start)
{
    static const QSet<QString> flatWords {QStringLiteral("flat"), QStringLiteral("apartment"), QStringLiteral("apt"),
        QStringLiteral("unit"), QStringLiteral("pitch"), QStringLiteral("plot"), QStringLiteral("croft"),
        QStringLiteral("number"), QStringLiteral("no")};
    static const QSet<QString> floors {QStringLiteral("top"), QStringLiteral("ground"), QStringLiteral("first"),
        QStringLiteral("second"), QStringLiteral("third"), QStringLiteral("basement")};
    int first = start;
    while (first >= 1) {
        const int k = first - 1;
        // "Flat 3 ", "number 9 ": the word before the house number.
        if (flatWords.contains(t[k].lower) && t[k].punctAfter.isNull() && first == start && isHouseNumber(t[start])) {
            first = k;
            continue;
        }
        // "flat above 50 High Street", "the flat over number 3".
        if (k >= 1 && first == start && t[k].punctAfter.isNull() && t[k - 1].punctAfter.isNull()
            && (t[k].lower == QLatin1String("above") || t[k].lower == QLatin1String("over")
                || t[k].lower == QLatin1String("below"))
            && (t[k - 1].lower == QLatin1String("flat") || t[k - 1].lower == QLatin1String("apartment"))) {
            first = k - 1;
            continue;
        }
        if (t[k].punctAfter != QLatin1Char(',')) {
            break;
        }
        // "Flat 3,", "flat 0/1,", "Apartment 12,"
        if (flatNumber(t[k]) && k >= 1 && flatWords.contains(t[k - 1].lower)) {
            first = k - 1;
            continue;
        }
        // "2/1,"
        if (t[k].text.contains(QLatin1Char('/')) && flatNumber(t[k])) {
            first = k;
            continue;
        }
        // "forty, um, forty-four Highfield Road": the first attempt of a corrected house number.
        if (k >= 1 && isFiller(t[k].lower) && isHouseNumber(t[k - 1]) && t[k - 1].punctAfter == QLatin1Char(',')) {
            first = k - 1;
            continue;
        }
        // "two stroke one,"
        if (k >= 2 && t[k - 1].lower == QLatin1String("stroke") && isHouseNumber(t[k]) && isHouseNumber(t[k - 2])) {
            first = k - 2;
            continue;
        }
        // "top floor left,"
        if (k >= 2 && t[k - 1].lower == QLatin1String("floor") && floors.contains(t[k - 2].lower)) {
            first = k - 2;
            continue;
        }
        // "Clarence House,", "The Old Forge,": a house's name.
        if (isPlaceName(t[k]) && kHouseWords.contains(t[k].lower)) {
            int h = k;
            while (h >= 1 && h > k - 3 && t[h - 1].punctAfter.isNull()
                && (isPlaceName(t[h - 1]) || t[h - 1].lower == QLatin1String("the"))) {
                --h;
            }
            first = h;
            continue;
        }
        break;
    }
    return first;
}

QList<Span> addressSpans(const QList<Token>& t)
{
    QList<Span> out;
    for (int j = 0; j < t.size(); ++j) {
        if (!isHouseNumber(t[j])) {
            continue;
        }
        // The street after the number, through a filler and a range ("58, um, Station Road", "12 to 14 ...").
        int k = j + 1;
        while (k < t.size()
            && (isFiller(t[k].lower)
                || (t[k].lower == QLatin1String("to") && k + 1 < t.size() && isHouseNumber(t[k + 1])))) {
            k += t[k].lower == QLatin1String("to") ? 2 : 1;
        }
        // "27 b Dalston Lane", "six b Sunlight House": the house number's letter, said apart.
        if (k == j + 1 && k + 1 < t.size() && t[j].punctAfter.isNull() && t[k].punctAfter.isNull()
            && t[k].lower.size() == 1 && t[k].lower.front() >= u'a' && t[k].lower.front() <= u'h'
            && (isPlaceName(t[k + 1]) || t[k + 1].lower == QLatin1String("the"))) {
            ++k;
        }
        if (k < t.size() && t[k - 1].punctAfter == QLatin1Char('.')) {
            continue;
        }
        int names = 0;
        int capitals = 0;
        int end = -1;
        int m = k;
        // A lower-case street name counts before a suffix ("14 harbour road"), a capitalised one on its own.
        const auto lowerName = [](const Token& w) {
            return w.lower.size() >= 3 && w.text == w.lower && !NameFinder::isNotName(w.lower)
                && std::all_of(w.lower.begin(), w.lower.end(), [](QChar c) { return c.isLetter() || c == u'\''; });
        };
        // Suffixes that are also everyday words ("a 5 minute walk", "either way") end a street only after a
        // capitalised name.
        static const QSet<QString> everyday {QStringLiteral("walk"), QStringLiteral("drive"), QStringLiteral("way"),
            QStringLiteral("end"), QStringLiteral("view"), QStringLiteral("rise"), QStringLiteral("green"),
            QStringLiteral("park"), QStringLiteral("row"), QStringLiteral("place"), QStringLiteral("close"),
            QStringLiteral("court"), QStringLiteral("gate"), QStringLiteral("bank"), QStringLiteral("hill"),
            QStringLiteral("square"), QStringLiteral("heights"), QStringLiteral("walks")};
        // "five the Crescent", "fourteen the Mill": a street or building named with "the".
        if (m + 1 < t.size() && t[m].lower == QLatin1String("the") && t[m].punctAfter.isNull() && isPlaceName(t[m + 1])
            && (isStreetSuffix(t[m + 1].lower) || kHouseWords.contains(t[m + 1].lower))) {
            end = m + 1;
        }
        // "twenty six Heol y Nant", "4 Ffordd Las": a Welsh street, its word first.
        static const QSet<QString> streetFirst {QStringLiteral("heol"), QStringLiteral("ffordd"),
            QStringLiteral("stryd"), QStringLiteral("lon"), QStringLiteral("l\u00f4n"), QStringLiteral("rhodfa"),
            QStringLiteral("cwrt"), QStringLiteral("maes"), QStringLiteral("plas")};
        if (end < 0 && m + 1 < t.size() && streetFirst.contains(t[m].lower) && t[m].punctAfter.isNull()) {
            int n = m + 1;
            if (n + 1 < t.size() && kConnectors.contains(t[n].lower) && t[n].punctAfter.isNull()) {
                ++n;
            }
            if (isPlaceName(t[n])) {
                end = n;
            }
        }
        while (end < 0 && m < t.size() && names < 4) {
            if (isStreetSuffix(t[m].lower) && names > 0 && (capitals > 0 || !everyday.contains(t[m].lower))) {
                end = m;
                break;
            }
            const bool capital = isPlaceName(t[m]);
            if (!capital && !lowerName(t[m]) && !(names > 0 && kConnectors.contains(t[m].lower))) {
                break;
            }
            capitals += capital ? 1 : 0;
            ++names;
            if (!t[m].punctAfter.isNull()) {
                break;
            }
            ++m;
        }
        // Not part of a name or a product: "Channel 4 News, BBC", "iPhone 13 Pro, Apple".
        const bool named = j > 0 && !t[j - 1].sentenceStart && !t[j - 1].text.isEmpty()
            && (t[j - 1].text.front().isUpper() || t[j - 1].text.back().isUpper())
            && !NameFinder::isNotName(t[j - 1].lower) && t[j - 1].lower != QLatin1String("flat")
            && t[j - 1].lower != QLatin1String("number");
        // "flat nine Jubilee House": a flat in a named building, no street said.
        const bool inFlat
            = j > 0 && (t[j - 1].lower == QLatin1String("flat") || t[j - 1].lower == QLatin1String("apartment"));
        if (end < 0 && inFlat && names >= 1 && capitals == names) {
            const int lastName = k + names - 1;
            if (lastName < t.size() && kHouseWords.contains(t[lastName].lower)) {
                end = lastName;
            }
        }
        bool oneWordStreet = false;
        if (end < 0 && !named && names >= 1 && capitals == names && m < t.size() && t[m].punctAfter == QLatin1Char(',')
            && m + 1 < t.size() && isPlaceName(t[m + 1]) && !isPlaceWord(t[m].lower)) {
            end = m; // "4 Kingsmead, Nailsea": a street without a suffix, then the town
            oneWordStreet = true;
        }
        // "My sister's at 9 Ashgrove", "we live at 4 Kingsmead": a one-word street after someone living there.
        const auto livesAt = [&t](int at) {
            if (at < 1 || t[at].lower != QLatin1String("at")) {
                return false;
            }
            static const QSet<QString> who {QStringLiteral("live"), QStringLiteral("lives"), QStringLiteral("living"),
                QStringLiteral("stay"), QStringLiteral("staying"), QStringLiteral("we're"), QStringLiteral("i'm"),
                QStringLiteral("she's"), QStringLiteral("he's"), QStringLiteral("they're"), QStringLiteral("moved"),
                QStringLiteral("still")};
            return who.contains(t[at - 1].lower) || t[at - 1].lower.endsWith(QLatin1String("'s"));
        };
        if (end < 0 && names == 1 && capitals == 1 && j > 0
            && (livesAt(j - 1) || t[j - 1].lower == QLatin1String("number"))) {
            end = k; // "at 9 Ashgrove"
        }
        if (end < 0) {
            continue;
        }
        int start = j;
        // Back over the rest of a house number said in words: "one hundred and twelve", "twenty four".
        while (start > 0 && t[start - 1].punctAfter.isNull()
            && ((isHouseNumber(t[start - 1]) && numberWord(t[start - 1].lower) >= 0)
                || t[start - 1].lower == QLatin1String("hundred")
                || (t[start - 1].lower == QLatin1String("and") && start >= 2
                    && t[start - 2].lower == QLatin1String("hundred")))) {
            --start;
        }
        start = withFlat(t, start);
        const int last = oneWordStreet || t[end].punctAfter == QLatin1Char(',') || t[end].punctAfter.isNull()
            ? withTown(t, end)
            : end;
        out.append({start, last, Entity::Address, {}});
        j = last;
    }
    return out;
}

} // namespace Earmark::Anonymise
