#include "requests/DsarRedaction.h"

#include "core/Phone.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace Earmark {

using namespace Anonymise;

QString staffNamesText(StaffNames policy)
{
    switch (policy) {
    case StaffNames::Keep:
        return QStringLiteral("keep");
    case StaffNames::Remove:
        return QStringLiteral("remove");
    case StaffNames::FirstName:
        break;
    }
    return QStringLiteral("first-name");
}

std::optional<StaffNames> staffNamesFromText(const QString& text)
{
    for (StaffNames p : {StaffNames::Keep, StaffNames::FirstName, StaffNames::Remove}) {
        if (text == staffNamesText(p)) {
            return p;
        }
    }
    return std::nullopt;
}

namespace {
QStringList nameParts(const QString& name)
{
    QStringList out;
    for (const Token& t : tokenize(name)) {
        out << t.lower;
    }
    return out;
}

bool isTitle(const QString& lower)
{
    static const QSet<QString> titles = {QStringLiteral("mr"), QStringLiteral("mrs"), QStringLiteral("ms"),
        QStringLiteral("miss"), QStringLiteral("mx"), QStringLiteral("dr"), QStringLiteral("sir")};
    return titles.contains(lower);
}

// The digits a PHONE span says (spoken or written), as E.164 when they make a number.
QString spanNumber(const QList<Token>& tokens, const Span& span)
{
    QString digits;
    for (const Symbol& s : normalise(tokens)) {
        if (s.first >= span.first && s.last <= span.last && s.kind == Symbol::Kind::Digits) {
            digits += s.chars;
        }
    }
    auto e164 = Phone::normalise(digits);
    return e164 ? e164.value() : digits;
}

struct Decided
{
    QList<Span> kept; // detected spans left in the text
    QList<Span> added; // parts of detected spans redacted on their own (a staff surname)
    QList<RedactionDecision> log;
};

void decidePerson(const QList<Token>& tokens, const Span& span, const CallParties& parties, StaffNames policy,
    RedactionDecision d, Decided* out)
{
    const QStringList requester = nameParts(parties.respondentName);
    const QStringList agent = nameParts(parties.agentName);
    bool allRequester = true;
    bool allAgent = true;
    for (int k = span.first; k <= span.last; ++k) {
        const QString& w = tokens[k].lower;
        if (isTitle(w)) {
            continue;
        }
        allRequester = allRequester && requester.contains(w);
        allAgent = allAgent && agent.contains(w);
    }
    if (allRequester && !requester.isEmpty()) {
        d.reason = QStringLiteral("the requester's own name");
        out->kept << span;
        out->log << d;
        return;
    }
    if (!allAgent || agent.isEmpty() || policy == StaffNames::Remove) {
        d.redacted = true;
        d.reason = allAgent && !agent.isEmpty() ? QStringLiteral("a member of staff's name (policy: remove)")
                                                : QStringLiteral("another person's name");
        out->log << d;
        return;
    }
    out->kept << span;
    if (policy == StaffNames::Keep) {
        d.reason = QStringLiteral("a member of staff's name (policy: keep)");
        out->log << d;
        return;
    }
    // First names only: every surname token of the span is removed, the first name (and a title) stays.
    bool removed = false;
    for (int k = span.first; k <= span.last; ++k) {
        const QString& w = tokens[k].lower;
        if (isTitle(w) || w == agent.constFirst()) {
            continue;
        }
        Span part {k, k, Entity::Person, {}};
        if (!out->added.isEmpty() && out->added.constLast().last == k - 1) {
            out->added.last().last = k;
        } else {
            out->added << part;
        }
        removed = true;
    }
    d.redacted = removed;
    d.reason = removed ? QStringLiteral("a member of staff's surname (policy: first names only)")
                       : QStringLiteral("a member of staff's first name (policy: first names only)");
    out->log << d;
}
} // namespace

Result<DsarTranscript> redactForRequester(const Transcript& transcript, const CallParties& parties, StaffNames policy)
{
    Options options;
    if (!parties.respondentName.trimmed().isEmpty()) {
        options.knownNames = {parties.respondentName};
    }
    if (!parties.agentName.trimmed().isEmpty()) {
        options.agentNames = {parties.agentName};
    }
    options.redactAgent = true; // found like anyone's, then decided by the policy
    const QList<QList<Span>> detected = Anonymiser(options).detect(transcript);

    DsarTranscript out;
    for (int si = 0; si < transcript.segments.size(); ++si) {
        const TranscriptSegment& seg = transcript.segments[si];
        const QList<Token> tokens = tokenize(seg.text);
        Decided decided;
        for (const Span& span : detected.value(si)) {
            RedactionDecision d;
            d.segment = si;
            d.atS = seg.startS;
            d.type = entityName(span.type);
            if (span.type == Entity::Person) {
                decidePerson(tokens, span, parties, policy, d, &decided);
                continue;
            }
            if (span.type == Entity::Phone) {
                const bool theirs
                    = !parties.respondentPhoneE164.isEmpty() && spanNumber(tokens, span) == parties.respondentPhoneE164;
                d.redacted = !theirs;
                d.reason = theirs ? QStringLiteral("the requester's own number") : QStringLiteral("another number");
            } else {
                d.reason = QStringLiteral("the requester's own details, given in their call");
            }
            if (!d.redacted) {
                decided.kept << span;
            }
            decided.log << d;
        }
        if (!decided.kept.isEmpty() || !decided.added.isEmpty()) {
            SegmentReview review;
            review.text = seg.text;
            review.rejected = decided.kept;
            review.added = decided.added;
            options.review.insert(si, review);
        }
        out.decisions += decided.log;
    }
    auto anonymised = Anonymiser(options).anonymise(transcript.toJson());
    if (!anonymised) {
        return anonymised.error();
    }
    out.redactions = anonymised->redactions;
    QJsonObject doc = anonymised->transcript;
    doc.remove(QStringLiteral("anonymised"));
    doc.remove(QStringLiteral("anonymiser"));
    doc.insert(QStringLiteral("redaction"),
        QJsonObject {{QStringLiteral("kind"), QStringLiteral("subject-access")},
            {QStringLiteral("engine"), QLatin1String(Anonymiser::Version)},
            {QStringLiteral("staff_names"), staffNamesText(policy)}});
    out.transcript = doc;
    return out;
}

} // namespace Earmark
