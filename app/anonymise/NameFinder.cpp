#include "anonymise/NameFinder.h"

#include "anonymise/Addresses.h"

#include <QFile>
#include <QRegularExpression>

static void initAnonymiseResources()
{
    Q_INIT_RESOURCE(anonymise);
}

namespace Earmark::Anonymise {

namespace {
QSet<QString> loadList(const QString& name)
{
    initAnonymiseResources();
    QFile f(QStringLiteral(":/earmark/anonymise/") + name);
    if (!f.open(QIODevice::ReadOnly)) {
        qFatal("The name lists are missing from the resources");
    }
    QSet<QString> out;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith('#')) {
            continue;
        }
        for (const QByteArray& word : line.simplified().split(' ')) {
            if (!word.isEmpty()) {
                out.insert(QString::fromUtf8(word));
            }
        }
    }
    return out;
}

const QSet<QString>& firstNames()
{
    static const QSet<QString> names = loadList(QStringLiteral("first-names.txt"));
    return names;
}

const QSet<QString>& surnames()
{
    static const QSet<QString> names = loadList(QStringLiteral("surnames.txt"));
    return names;
}

const QSet<QString>& commonWordNames()
{
    static const QSet<QString> names = loadList(QStringLiteral("common-word-names.txt"));
    return names;
}

const QSet<QString> kTitles {QStringLiteral("mr"), QStringLiteral("mrs"), QStringLiteral("ms"), QStringLiteral("miss"),
    QStringLiteral("mister"), QStringLiteral("missus"), QStringLiteral("dr"), QStringLiteral("mx"),
    QStringLiteral("sir"), QStringLiteral("madam"), QStringLiteral("professor"), QStringLiteral("prof"),
    QStringLiteral("doctor"), QStringLiteral("auntie"), QStringLiteral("aunty"), QStringLiteral("uncle"),
    QStringLiteral("nurse"), QStringLiteral("reverend"), QStringLiteral("rev")};

const QSet<QString> kRelations {QStringLiteral("husband"), QStringLiteral("wife"), QStringLiteral("son"),
    QStringLiteral("daughter"), QStringLiteral("partner"), QStringLiteral("mother"), QStringLiteral("father"),
    QStringLiteral("mum"), QStringLiteral("mam"), QStringLiteral("mom"), QStringLiteral("dad"),
    QStringLiteral("brother"), QStringLiteral("sister"), QStringLiteral("friend"), QStringLiteral("neighbour"),
    QStringLiteral("boyfriend"), QStringLiteral("girlfriend"), QStringLiteral("grandson"),
    QStringLiteral("granddaughter"), QStringLiteral("nan"), QStringLiteral("gran"), QStringLiteral("grandad"),
    QStringLiteral("grandma"), QStringLiteral("grandpa"), QStringLiteral("uncle"), QStringLiteral("aunt"),
    QStringLiteral("auntie"), QStringLiteral("cousin"), QStringLiteral("carer"), QStringLiteral("nephew"),
    QStringLiteral("niece"), QStringLiteral("colleague"), QStringLiteral("boss"), QStringLiteral("landlord"),
    QStringLiteral("landlady"), QStringLiteral("fiance"), QStringLiteral("fiancee"), QStringLiteral("flatmate"),
    QStringLiteral("lodger")};

// Words that are never names even when capitalised (sentence starts, greetings, survey words).
const QSet<QString> kNotNames {QStringLiteral("i"), QStringLiteral("i'm"), QStringLiteral("i'll"),
    QStringLiteral("i've"), QStringLiteral("i'd"), QStringLiteral("the"), QStringLiteral("a"), QStringLiteral("an"),
    QStringLiteral("and"), QStringLiteral("but"), QStringLiteral("yes"), QStringLiteral("no"), QStringLiteral("okay"),
    QStringLiteral("ok"), QStringLiteral("hello"), QStringLiteral("hi"), QStringLiteral("thanks"),
    QStringLiteral("thank"), QStringLiteral("good"), QStringLiteral("well"), QStringLiteral("sorry"),
    QStringLiteral("please"), QStringLiteral("question"), QStringLiteral("speaking"), QStringLiteral("calling"),
    QStringLiteral("here"), QStringLiteral("from"), QStringLiteral("on"), QStringLiteral("at"), QStringLiteral("in"),
    QStringLiteral("is"), QStringLiteral("was"), QStringLiteral("it"), QStringLiteral("it's"), QStringLiteral("that"),
    QStringLiteral("this"), QStringLiteral("just"), QStringLiteral("not"), QStringLiteral("fine"),
    QStringLiteral("sure"), QStringLiteral("very"), QStringLiteral("really"), QStringLiteral("quite"),
    QStringLiteral("about"), QStringLiteral("with"), QStringLiteral("and"), QStringLiteral("or"), QStringLiteral("of"),
    QStringLiteral("to"), QStringLiteral("for"), QStringLiteral("he"), QStringLiteral("she"), QStringLiteral("they"),
    QStringLiteral("we"), QStringLiteral("you"), QStringLiteral("my"), QStringLiteral("your"), QStringLiteral("his"),
    QStringLiteral("her"), QStringLiteral("our"), QStringLiteral("called"), QStringLiteral("who"),
    QStringLiteral("what"), QStringLiteral("dear"), QStringLiteral("love"), QStringLiteral("mate"),
    QStringLiteral("ltd"), QStringLiteral("limited"), QStringLiteral("research"), QStringLiteral("survey"),
    QStringLiteral("rail"), QStringLiteral("bank"), QStringLiteral("council"), QStringLiteral("nhs"),
    QStringLiteral("monday"), QStringLiteral("tuesday"), QStringLiteral("wednesday"), QStringLiteral("thursday"),
    QStringLiteral("friday"), QStringLiteral("saturday"), QStringLiteral("sunday"), QStringLiteral("god"),
    QStringLiteral("christmas"), QStringLiteral("english"), QStringLiteral("british"), QStringLiteral("scottish"),
    QStringLiteral("welsh"), QStringLiteral("irish"), QStringLiteral("polish"), QStringLiteral("indian"),
    QStringLiteral("pakistani"), QStringLiteral("bangladeshi"), QStringLiteral("nigerian"), QStringLiteral("ghanaian"),
    QStringLiteral("somali"), QStringLiteral("chinese"), QStringLiteral("french"), QStringLiteral("german"),
    QStringLiteral("italian"), QStringLiteral("spanish"), QStringLiteral("american"), QStringLiteral("european"),
    QStringLiteral("african"), QStringLiteral("asian"), QStringLiteral("muslim"), QStringLiteral("christian"),
    QStringLiteral("catholic"), QStringLiteral("jewish"), QStringLiteral("hindu"), QStringLiteral("sikh"),
    QStringLiteral("st"), QStringLiteral("saint"), QStringLiteral("portuguese"), QStringLiteral("jamaican"),
    QStringLiteral("romanian"), QStringLiteral("lithuanian"), QStringLiteral("latvian"), QStringLiteral("turkish"),
    QStringLiteral("kurdish"), QStringLiteral("eritrean"), QStringLiteral("filipino"), QStringLiteral("brazilian"),
    QStringLiteral("greek"), QStringLiteral("cypriot"), QStringLiteral("russian"), QStringLiteral("ukrainian"),
    QStringLiteral("bulgarian"), QStringLiteral("hungarian"), QStringLiteral("czech"), QStringLiteral("slovak"),
    QStringLiteral("dutch"), QStringLiteral("swedish"), QStringLiteral("australian"), QStringLiteral("canadian"),
    QStringLiteral("kenyan"), QStringLiteral("zimbabwean"), QStringLiteral("sudanese"), QStringLiteral("afghan"),
    QStringLiteral("iranian"), QStringLiteral("iraqi"), QStringLiteral("syrian"), QStringLiteral("vietnamese"),
    QStringLiteral("thai"), QStringLiteral("japanese"), QStringLiteral("korean"), QStringLiteral("cornish")};

bool capitalised(const Token& t)
{
    return !t.text.isEmpty() && t.text.front().isUpper();
}

// "this is Leanne", "this is Parveen from ...": the word after the name ends an introduction (not "this is Rose
// Cottage" nor "this is Mark's fault").
bool endsIntroduction(const QList<Token>& t, int name)
{
    static const QSet<QString> next {QStringLiteral("from"), QStringLiteral("speaking"), QStringLiteral("calling"),
        QStringLiteral("here"), QStringLiteral("how"), QStringLiteral("with"), QStringLiteral("at"),
        QStringLiteral("on"), QStringLiteral("i"), QStringLiteral("i'm"), QStringLiteral("and")};
    return name + 1 == t.size() || !t[name].punctAfter.isNull() || next.contains(t[name + 1].lower);
}

QString partsKey(const QList<Token>& t, int first, int last)
{
    QStringList parts;
    for (int i = first; i <= last; ++i) {
        if (!kTitles.contains(t[i].lower)) {
            parts << t[i].lower;
        }
    }
    return parts.join(QLatin1Char(' '));
}
} // namespace

NameFinder::NameFinder(const Options& options)
    : m_options(options)
{
    for (const QString& name : options.knownNames) {
        for (const QString& part : QString(name)
                                       .replace(QLatin1Char(','), QLatin1Char(' '))
                                       .toLower()
                                       .split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            if (part.size() >= 2 && !kTitles.contains(part)) {
                m_known.insert(part);
            }
        }
    }
    for (const QString& name : options.agentNames) {
        for (const QString& part : name.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            m_agent.insert(part);
        }
    }
}

namespace {
// A double-barrelled name ("taylor-smith", "mary-jane") is on a list when each of its parts is.
bool listed(const QSet<QString>& list, const QString& lower)
{
    if (list.contains(lower)) {
        return true;
    }
    if (!lower.contains(QLatin1Char('-'))) {
        return false;
    }
    const QStringList parts = lower.split(QLatin1Char('-'));
    return std::all_of(parts.begin(), parts.end(), [&](const QString& p) { return p.size() >= 2 && list.contains(p); });
}
} // namespace

bool NameFinder::isFirstName(const QString& lower)
{
    return listed(firstNames(), lower);
}

bool NameFinder::isSurname(const QString& lower)
{
    return listed(surnames(), lower);
}

bool NameFinder::isCommonWordName(const QString& lower)
{
    return commonWordNames().contains(lower);
}

bool NameFinder::isTitle(const QString& lower)
{
    return kTitles.contains(lower);
}

bool NameFinder::isRelation(const QString& lower)
{
    return kRelations.contains(lower);
}

bool NameFinder::isNotName(const QString& lower)
{
    return kNotNames.contains(lower);
}

bool NameFinder::isAgentName(const QString& lower) const
{
    return !m_options.redactAgent && m_agent.contains(lower) && !m_known.contains(lower);
}

bool NameFinder::looksLikeName(const Token& t, bool withContext) const
{
    if (kNotNames.contains(t.lower) || t.lower.size() < 2) {
        return false;
    }
    if (m_known.contains(t.lower)) {
        return true;
    }
    if (!t.lower.front().isLetter()) {
        return false;
    }
    for (QChar c : t.lower) {
        if (!c.isLetter() && c != QLatin1Char('\'') && c != QLatin1Char('-')) {
            return false;
        }
    }
    if (withContext) {
        return capitalised(t) || isFirstName(t.lower) || isSurname(t.lower) || isCommonWordName(t.lower);
    }
    return isFirstName(t.lower) && !isCommonWordName(t.lower);
}

int NameFinder::extend(const QList<Token>& t, int i) const
{
    int last = i;
    // A middle name and a family name: capitalised, or on the lists, never a stop word.
    for (int k = i + 1; k < t.size() && k <= i + 2; ++k) {
        const Token& n = t[k];
        if (kNotNames.contains(n.lower) || kRelations.contains(n.lower) || n.sentenceStart || isPlaceWord(n.lower)) {
            break; // "Victoria Street", "Lincoln Road" are places
        }
        const bool family = isSurname(n.lower) || m_known.contains(n.lower)
            || (capitalised(n) && !n.sentenceStart && (isFirstName(n.lower) || !isCommonWordName(n.lower))
                && n.lower.size() >= 2 && n.text != n.text.toUpper());
        if (!family) {
            break;
        }
        last = k;
    }
    return last;
}

QList<Span> NameFinder::find(const QList<Token>& tokens, const SegmentContext& context) const
{
    // A possessive is its name: "Tom's account", "Mrs Okafor's son" (the span is the whole word; the anonymiser
    // keeps the 's after the placeholder).
    QList<Token> t = tokens;
    for (Token& token : t) {
        if (token.lower.size() > 3
            && (token.lower.endsWith(QLatin1String("'s")) || token.lower.endsWith(QStringLiteral("\u2019s")))) {
            Token stem = token;
            stem.text.chop(2);
            stem.lower.chop(2);
            if (looksLikeName(stem, true) && !stem.lower.contains(QLatin1Char('\''))) {
                token.text = stem.text;
                token.lower = stem.lower;
            }
        }
    }
    QList<Span> out;
    const bool agentSpeaking = context.speaker == QLatin1String("agent");
    auto add = [&](int first, int last) {
        // The agent's own name is kept (unless asked), in their introduction and wherever it is said.
        bool agentOnly = true;
        for (int k = first; k <= last; ++k) {
            agentOnly = agentOnly && (kTitles.contains(t[k].lower) || isAgentName(t[k].lower));
        }
        if (!agentOnly) {
            out.append({first, last, Entity::Person, partsKey(t, first, last)});
        }
    };
    for (int i = 0; i < t.size(); ++i) {
        const QString& w = t[i].lower;
        // Titles: "Mrs Ashworth", "Mr and Mrs Patel" (the name after the title).
        const bool possessed = i > 0
            && (t[i - 1].lower == QLatin1String("my") || t[i - 1].lower == QLatin1String("our")
                || t[i - 1].lower == QLatin1String("his") || t[i - 1].lower == QLatin1String("her"));
        if (kTitles.contains(w) && !(possessed && kRelations.contains(w)) && i + 1 < t.size()
            && looksLikeName(t[i + 1], true)
            && (capitalised(t[i + 1]) || isSurname(t[i + 1].lower) || isFirstName(t[i + 1].lower)
                || m_known.contains(t[i + 1].lower))) {
            const int last = extend(t, i + 1);
            // "Mr and Mrs Patel": both titles go with the name.
            const int first
                = i >= 2 && t[i - 1].lower == QLatin1String("and") && kTitles.contains(t[i - 2].lower) ? i - 2 : i;
            add(first, last);
            i = last;
            continue;
        }
        // Introductions: "my name is X", "my name's X", "this is X speaking", "it's X calling", "call me X".
        int after = -1;
        bool selfIntro = false;
        if (w == QLatin1String("name") && i + 1 < t.size()
            && (t[i + 1].lower == QLatin1String("is") || t[i + 1].lower == QLatin1String("was"))) {
            after = i + 2;
            selfIntro = i > 0 && t[i - 1].lower == QLatin1String("my");
        } else if (w == QLatin1String("name's") || w == QLatin1String("names")) {
            after = i + 1;
            selfIntro = i > 0 && t[i - 1].lower == QLatin1String("my");
        } else if (w == QLatin1String("this") && i + 2 < t.size() && t[i + 1].lower == QLatin1String("is")
            && (isFirstName(t[i + 2].lower) || m_known.contains(t[i + 2].lower)) && endsIntroduction(t, i + 2)) {
            // "hello this is Parveen from the booking team", "this is Leanne": a first name, then the rest.
            after = i + 2;
            selfIntro = true;
        } else if ((w == QLatin1String("this") || w == QLatin1String("it's")) && i + 3 <= t.size() && i + 1 < t.size()
            && (t[i].lower == QLatin1String("it's") || t[i + 1].lower == QLatin1String("is"))) {
            const int n = w == QLatin1String("it's") ? i + 1 : i + 2;
            if (n + 1 < t.size()
                && (t[n + 1].lower == QLatin1String("speaking") || t[n + 1].lower == QLatin1String("calling")
                    || t[n + 1].lower == QLatin1String("here")
                    || (n + 2 < t.size()
                        && (t[n + 2].lower == QLatin1String("speaking")
                            || t[n + 2].lower == QLatin1String("calling"))))) {
                after = n;
                selfIntro = true;
            }
        } else if (w == QLatin1String("call") && i + 1 < t.size() && t[i + 1].lower == QLatin1String("me")) {
            after = i + 2;
            selfIntro = true;
        } else if ((w == QLatin1String("called") || w == QLatin1String("named")) && i > 0) {
            after = i + 1;
        } else if ((w == QLatin1String("to") || w == QLatin1String("for")) && i > 0
            && (t[i - 1].lower == QLatin1String("speak") || t[i - 1].lower == QLatin1String("talk")
                || t[i - 1].lower == QLatin1String("ask") || t[i - 1].lower == QLatin1String("asking"))) {
            after = i + 1;
        } else if ((w == QLatin1String("to") || w == QLatin1String("with")) && i >= 2
            && (t[i - 1].lower == QLatin1String("speaking") || t[i - 1].lower == QLatin1String("talking")
                || t[i - 1].lower == QLatin1String("through"))
            && (t[i - 2].lower == QLatin1String("you're") || t[i - 2].lower == QLatin1String("youre")
                || t[i - 2].lower == QLatin1String("are"))) {
            // "you're through to Dean", "you're speaking to Olu": the one answering, saying who they are.
            after = i + 1;
            selfIntro = true;
        } else if (kRelations.contains(w) && i > 0
            && (t[i - 1].lower == QLatin1String("my") || t[i - 1].lower == QLatin1String("our")
                || t[i - 1].lower == QLatin1String("her") || t[i - 1].lower == QLatin1String("his"))) {
            after = i + 1;
            if (after < t.size()
                && (t[after].lower == QLatin1String("is") || t[after].lower == QLatin1String("called"))) {
                ++after;
            }
        }
        if (after >= 0 && after < t.size() && looksLikeName(t[after], true)) {
            const int last = extend(t, after);
            if ((last > after && isPlaceWord(t[last].lower))
                || (last + 1 < t.size() && t[last].punctAfter.isNull() && capitalised(t[last + 1])
                    && isPlaceWord(t[last + 1].lower))) {
                i = last; // "ask for Customer Relations", "speak to Virgin Media": a department, a company
                continue;
            }
            if (!(selfIntro && agentSpeaking && !m_options.redactAgent)) {
                const qsizetype before = out.size();
                add(after, last);
                if (selfIntro && agentSpeaking && out.size() > before) {
                    out.last().staff = true; // the agent saying who they are
                }
            }
            i = last;
            continue;
        }
        // "Is that Frank Gresham?": the person asked for.
        if (w == QLatin1String("that") && i > 0 && t[i - 1].lower == QLatin1String("is") && i + 1 < t.size()
            && capitalised(t[i + 1]) && looksLikeName(t[i + 1], true) && !kTitles.contains(t[i + 1].lower)) {
            const int last = extend(t, i + 1);
            if (last > i + 1 || t[i + 1].punctAfter == QLatin1Char('?')) {
                add(i + 1, last);
                i = last;
                continue;
            }
        }
        // Vocatives: "Hello Frank,", "Thank you for your time, Victor." (a capitalised name addressed directly).
        if (capitalised(t[i]) && (isFirstName(w) || isCommonWordName(w) || m_known.contains(w))
            && !kNotNames.contains(w)) {
            static const QSet<QString> greetings {QStringLiteral("hello"), QStringLiteral("hi"), QStringLiteral("hey"),
                QStringLiteral("morning"), QStringLiteral("afternoon"), QStringLiteral("evening"),
                QStringLiteral("thanks"), QStringLiteral("bye"), QStringLiteral("goodbye"), QStringLiteral("dear"),
                QStringLiteral("cheers")};
            const bool afterGreeting = i > 0 && greetings.contains(t[i - 1].lower);
            const bool addressed = i > 0 && t[i - 1].punctAfter == QLatin1Char(',')
                && (i + 1 == t.size() || t[i].punctAfter == QLatin1Char('.') || t[i].punctAfter == QLatin1Char('!')
                    || t[i].punctAfter == QLatin1Char('?') || t[i].punctAfter == QLatin1Char(','));
            if (afterGreeting || addressed) {
                const int last = extend(t, i);
                add(i, last);
                i = last;
                continue;
            }
        }
        // Everyday-word names count when a family name follows: "Mark Thompson", not "Mark my words".
        if (isCommonWordName(w) && !m_known.contains(w)) {
            if (i + 1 < t.size() && isSurname(t[i + 1].lower) && capitalised(t[i + 1]) && !t[i + 1].sentenceStart) {
                const int last = extend(t, i);
                add(i, last);
                i = last;
            }
            continue;
        }
        // Names known from the call, and names on the list (not a street's: "Victoria Street").
        if (i + 1 < t.size() && capitalised(t[i + 1]) && isPlaceWord(t[i + 1].lower) && !m_known.contains(w)) {
            continue;
        }
        if (looksLikeName(t[i], false) || m_known.contains(w)) {
            if (!m_known.contains(w) && !capitalised(t[i]) && t[i].sentenceStart) {
                continue;
            }
            const int last = extend(t, i);
            add(i, last);
            i = last;
        }
    }
    return out;
}

} // namespace Earmark::Anonymise
