#include "anonymise/Anonymiser.h"

#include "anonymise/Detector.h"
#include "store/Transcript.h"
#include "store/TranscriptEdit.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Earmark::Anonymise {

namespace {
// The turn before is context (a question such as "what's your date of birth?") when it asks something or is the
// other speaker's; a speaker's own earlier sentence is not ("I was born in 1982." then "we called on the 3rd of June").
QString contextOf(const TranscriptSegment* previous, const QString& speaker)
{
    if (!previous) {
        return {};
    }
    const QString t = previous->text.trimmed();
    return previous->speaker != speaker || t.endsWith(QLatin1Char('?')) ? t : QString();
}

// Maps each text token to the index of its word in "words" (or -1), walking both in order.
QList<int> alignWords(const QList<Token>& tokens, const QList<TranscriptWord>& words)
{
    QList<int> out(tokens.size(), -1);
    qsizetype w = 0;
    for (int i = 0; i < tokens.size() && w < words.size(); ++i) {
        const QString t = TranscriptEdit::wordKey(tokens[i].text);
        for (qsizetype k = w; k < words.size() && k < w + 4; ++k) {
            if (TranscriptEdit::wordKey(words[k].text) == t) {
                out[i] = int(k);
                w = k + 1;
                break;
            }
        }
    }
    return out;
}

// Gives each person a number in order of first mention; a mention sharing a name part with an earlier person
// is the same person ("Hannah Pendle", later "Hannah" or "Mrs Pendle").
QSet<QString> nameParts(const QStringList& names)
{
    QSet<QString> parts;
    for (const QString& name : names) {
        for (const QString& p : name.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            parts.insert(p);
        }
    }
    return parts;
}

// Words before a name that make it someone the speaker knows, not the member of staff on the line: "my husband Tom",
// "your son Tom", "our Tom", "Tom's" (a name that is also an agent's first name is then someone else).
bool relatedMention(const QList<Token>& tokens, const Span& span)
{
    static const QSet<QString> Related {QStringLiteral("my"), QStringLiteral("your"), QStringLiteral("his"),
        QStringLiteral("her"), QStringLiteral("our"), QStringLiteral("their"), QStringLiteral("husband"),
        QStringLiteral("wife"), QStringLiteral("partner"), QStringLiteral("son"), QStringLiteral("daughter"),
        QStringLiteral("brother"), QStringLiteral("sister"), QStringLiteral("mum"), QStringLiteral("mom"),
        QStringLiteral("mother"), QStringLiteral("dad"), QStringLiteral("father"), QStringLiteral("friend"),
        QStringLiteral("neighbour"), QStringLiteral("neighbor"), QStringLiteral("boyfriend"),
        QStringLiteral("girlfriend"), QStringLiteral("grandson"), QStringLiteral("granddaughter"),
        QStringLiteral("uncle"), QStringLiteral("aunt"), QStringLiteral("auntie"), QStringLiteral("cousin"),
        QStringLiteral("nephew"), QStringLiteral("niece"), QStringLiteral("lodger"), QStringLiteral("carer")};
    for (int k = std::max(0, span.first - 2); k < span.first; ++k) {
        if (Related.contains(tokens[k].lower)) {
            return true;
        }
    }
    const QString& last = tokens[span.last].lower;
    return last.endsWith(QLatin1String("'s")) || last.endsWith(QStringLiteral("\u2019s"));
}

// A name found that is the staff's: an agent's full name, or a part of one (none the respondent's) not said as
// someone the speaker knows (a first name alone may be anyone's: "my husband Tom" with agent Tom Baker is not staff).
bool isStaff(const QString& personKey, const QSet<QString>& staffParts, const QStringList& agentNames,
    const QList<Token>& tokens, const Span& span)
{
    const QStringList parts = personKey.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (parts.isEmpty()
        || !std::all_of(parts.cbegin(), parts.cend(), [&](const QString& p) { return staffParts.contains(p); })) {
        return false;
    }
    const bool fullName = std::any_of(agentNames.cbegin(), agentNames.cend(), [&](const QString& name) {
        return name.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts) == parts && parts.size() > 1;
    });
    return fullName || !relatedMention(tokens, span);
}

class Pseudonyms
{
public:
    // Parts of one known name (from the call's metadata) belong to one person even when said apart.
    explicit Pseudonyms(const QStringList& knownNames)
    {
        for (const QString& name : knownNames) {
            const QStringList parts = name.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
            m_known.append(QSet<QString>(parts.begin(), parts.end()));
        }
    }

    int numberFor(const QString& key)
    {
        QStringList parts = key.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (const QSet<QString>& known : std::as_const(m_known)) {
            if (std::any_of(parts.begin(), parts.end(), [&](const QString& p) { return known.contains(p); })) {
                parts += known.values();
            }
        }
        for (int p = 0; p < m_people.size(); ++p) {
            for (const QString& part : parts) {
                if (m_people[p].contains(part)) {
                    for (const QString& more : parts) {
                        m_people[p].insert(more);
                    }
                    return p + 1;
                }
            }
        }
        m_people.append(QSet<QString>(parts.begin(), parts.end()));
        return int(m_people.size());
    }

private:
    QList<QSet<QString>> m_people;
    QList<QSet<QString>> m_known;
};
} // namespace

Anonymiser::Anonymiser(Options options)
    : m_options(std::move(options))
{ }

Result<Result_> Anonymiser::anonymise(const QByteArray& json) const
{
    // Validated by the store's rules first: a file that is not a transcript is refused with the reason.
    auto parsed = Transcript::parse(json, QString());
    if (!parsed) {
        return parsed.error();
    }
    // Staff names that are not kept are found like anyone's, then given a pseudonym of their own.
    Options detection = m_options;
    const bool staffFound = !m_options.redactAgent && m_options.staff != StaffPolicy::Keep;
    detection.redactAgent = m_options.redactAgent || staffFound;
    if (staffFound) {
        detection.knownNames += m_options.agentNames; // always found, as the respondent's are
    }
    Detector detector(detection);
    Pseudonyms pseudonyms(m_options.knownNames);
    Pseudonyms staff(m_options.agentNames);
    QSet<QString> staffParts = nameParts(m_options.agentNames) - nameParts(m_options.knownNames);
    Result_ result;
    QJsonArray segmentsOut;
    QJsonArray redactionsOut;
    const QList<TranscriptSegment>& segments = parsed->segments;
    for (int si = 0; si < segments.size(); ++si) {
        const TranscriptSegment& seg = segments[si];
        const QString& text = seg.text;
        const QString& speaker = seg.speaker;
        const double segStart = seg.startS;
        const double segEnd = seg.endS;
        const QList<TranscriptWord>& words = seg.words;
        const QList<Token> tokens = tokenize(text);
        QList<Span> spans = detector.detect(
            tokens, SegmentContext {speaker, contextOf(si > 0 ? &segments[si - 1] : nullptr, speaker)});
        if (const auto r = m_options.review.constFind(si); r != m_options.review.cend() && r->text == text) {
            spans = reviewed(std::move(spans), *r, tokens);
        }
        const QList<int> wordOf = alignWords(tokens, words);

        QString newText;
        int cursor = 0;
        QSet<int> removedWords;
        QHash<int, QJsonObject> placeholderWords; // first word index -> replacement
        for (const Span& span : spans) {
            QString placeholder;
            if (span.type == Entity::Person && staffFound && span.staff) {
                staffParts += nameParts({span.personKey}) - nameParts(m_options.knownNames); // said again later
            }
            if (span.type == Entity::Person && staffFound
                && (span.staff || isStaff(span.personKey, staffParts, m_options.agentNames, tokens, span))) {
                placeholder = m_options.staff == StaffPolicy::Remove
                    ? QStringLiteral("[AGENT]")
                    : QStringLiteral("[AGENT_%1]").arg(staff.numberFor(span.personKey));
            } else if (span.type == Entity::Person) {
                placeholder = QStringLiteral("[PERSON_%1]").arg(pseudonyms.numberFor(span.personKey));
            } else {
                placeholder = QLatin1Char('[') + entityName(span.type) + QLatin1Char(']');
            }
            if (span.type == Entity::Person) {
                const QString& last = tokens[span.last].text;
                if (last.endsWith(QLatin1String("'s")) || last.endsWith(QStringLiteral("\u2019s"))) {
                    placeholder += last.right(2); // "[PERSON_1]'s account"
                }
            }
            newText += text.mid(cursor, tokens[span.first].begin - cursor) + placeholder;
            cursor = tokens[span.last].end;
            // Times: from the span's words, or estimated from its place in the text.
            int firstWord = -1;
            int lastWord = -1;
            for (int k = span.first; k <= span.last; ++k) {
                if (wordOf[k] >= 0) {
                    firstWord = firstWord < 0 ? wordOf[k] : std::min(firstWord, wordOf[k]);
                    lastWord = std::max(lastWord, wordOf[k]);
                }
            }
            double start = 0;
            double end = 0;
            if (firstWord >= 0) {
                start = words[firstWord].startS;
                end = words[lastWord].endS;
                for (int k = firstWord; k <= lastWord; ++k) {
                    removedWords.insert(k);
                }
                placeholderWords.insert(firstWord,
                    QJsonObject {{QStringLiteral("w"), placeholder}, {QStringLiteral("start_s"), start},
                        {QStringLiteral("end_s"), end}});
            } else {
                const double len = std::max<qsizetype>(1, text.size());
                start = segStart + (segEnd - segStart) * tokens[span.first].begin / len;
                end = segStart + (segEnd - segStart) * tokens[span.last].end / len;
            }
            result.redactions.append({si, span.type, start, end});
            redactionsOut.append(
                QJsonObject {{QStringLiteral("segment"), si}, {QStringLiteral("type"), entityName(span.type)},
                    {QStringLiteral("start_s"), start}, {QStringLiteral("end_s"), end}});
        }
        newText += text.mid(cursor);

        QJsonObject segOut {{QStringLiteral("speaker"), speaker}, {QStringLiteral("start_s"), segStart},
            {QStringLiteral("end_s"), segEnd}, {QStringLiteral("text"), newText}};
        if (!words.isEmpty()) {
            QJsonArray wordsOut;
            for (int k = 0; k < words.size(); ++k) {
                if (placeholderWords.contains(k)) {
                    wordsOut.append(placeholderWords.value(k));
                } else if (!removedWords.contains(k)) {
                    const TranscriptWord& w = words[k];
                    QJsonObject keep {{QStringLiteral("w"), w.text}, {QStringLiteral("start_s"), w.startS},
                        {QStringLiteral("end_s"), w.endS}};
                    if (w.confidence >= 0) {
                        keep.insert(QStringLiteral("conf"), w.confidence);
                    }
                    wordsOut.append(keep);
                }
            }
            segOut.insert(QStringLiteral("words"), wordsOut);
        }
        segmentsOut.append(segOut);
    }
    QJsonArray entities;
    for (Entity e : allEntities()) {
        if (m_options.wants(e)) {
            entities.append(entityName(e));
        }
    }
    QJsonObject out {{QStringLiteral("schema"), QStringLiteral("earmark.transcript/1")},
        {QStringLiteral("call_id"), parsed->callId}, {QStringLiteral("anonymised"), true},
        {QStringLiteral("anonymiser"),
            QJsonObject {{QStringLiteral("version"), QLatin1String(Version)}, {QStringLiteral("entities"), entities}}},
        {QStringLiteral("segments"), segmentsOut}, {QStringLiteral("redactions"), redactionsOut}};
    if (!parsed->language.isEmpty()) {
        out.insert(QStringLiteral("language"), parsed->language);
    }
    if (!parsed->engine.isEmpty()) {
        out.insert(QStringLiteral("engine"), parsed->engine);
    }
    result.transcript = out;
    return result;
}

QList<QList<Span>> Anonymiser::detect(const Transcript& transcript) const
{
    Detector detector(m_options);
    QList<QList<Span>> out;
    for (int si = 0; si < transcript.segments.size(); ++si) {
        const TranscriptSegment& seg = transcript.segments[si];
        out.append(detector.detect(tokenize(seg.text),
            SegmentContext {seg.speaker, contextOf(si > 0 ? &transcript.segments[si - 1] : nullptr, seg.speaker)}));
    }
    return out;
}

QList<Span> Anonymiser::reviewed(QList<Span> detected, const SegmentReview& review, const QList<Token>& tokens)
{
    const auto same = [](const Span& a, const Span& b) { return a.first == b.first && a.last == b.last; };
    detected.removeIf([&](const Span& s) {
        return std::any_of(review.rejected.cbegin(), review.rejected.cend(), [&](const Span& r) { return same(r, s); });
    });
    for (const QList<Span>* more : {&review.accepted, &review.added}) {
        for (Span s : *more) {
            if (s.first < 0 || s.last >= tokens.size() || s.first > s.last
                || std::any_of(detected.cbegin(), detected.cend(), [&](const Span& d) { return same(d, s); })) {
                continue;
            }
            if (s.type == Entity::Person && s.personKey.isEmpty()) {
                QStringList words;
                for (int k = s.first; k <= s.last; ++k) {
                    words << tokens[k].lower;
                }
                s.personKey = words.join(QLatin1Char(' '));
            }
            detected.append(s);
        }
    }
    return mergeSpans(std::move(detected));
}

QString Anonymiser::anonymiseText(const QString& text, const QString& speaker) const
{
    const QJsonObject doc {{QStringLiteral("schema"), QStringLiteral("earmark.transcript/1")},
        {QStringLiteral("call_id"), QStringLiteral("C-TEXT")}, {QStringLiteral("language"), QStringLiteral("en-GB")},
        {QStringLiteral("segments"),
            QJsonArray {QJsonObject {{QStringLiteral("speaker"), speaker}, {QStringLiteral("start_s"), 0.0},
                {QStringLiteral("end_s"), 1.0}, {QStringLiteral("text"), text}}}}};
    auto r = anonymise(QJsonDocument(doc).toJson(QJsonDocument::Compact));
    if (!r) {
        return {};
    }
    return r->transcript.value(QStringLiteral("segments"))
        .toArray()
        .first()
        .toObject()
        .value(QStringLiteral("text"))
        .toString();
}

QString staffPolicyName(StaffPolicy policy)
{
    switch (policy) {
    case StaffPolicy::Keep:
        return QStringLiteral("keep");
    case StaffPolicy::Pseudonymise:
        return QStringLiteral("pseudonymise");
    case StaffPolicy::Remove:
        return QStringLiteral("remove");
    }
    return {};
}

std::optional<StaffPolicy> staffPolicyFromName(const QString& name)
{
    for (StaffPolicy p : {StaffPolicy::Keep, StaffPolicy::Pseudonymise, StaffPolicy::Remove}) {
        if (staffPolicyName(p) == name) {
            return p;
        }
    }
    return std::nullopt;
}

QString entityName(Entity e)
{
    static const char* const names[] = {"PERSON", "PHONE", "EMAIL", "POSTCODE", "ADDRESS", "DATE_OF_BIRTH", "CARD",
        "NINO", "NHS", "SORT_CODE", "BANK_ACCOUNT"};
    return QLatin1String(names[int(e)]);
}

QList<Entity> allEntities()
{
    QList<Entity> out;
    for (int i = 0; i <= int(Entity::BankAccount); ++i) {
        out.append(Entity(i));
    }
    return out;
}

std::optional<Entity> entityFromName(const QString& name)
{
    for (Entity e : allEntities()) {
        if (entityName(e).compare(name, Qt::CaseInsensitive) == 0) {
            return e;
        }
    }
    return std::nullopt;
}

} // namespace Earmark::Anonymise
