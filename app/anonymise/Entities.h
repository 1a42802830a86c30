#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <optional>

namespace Earmark::Anonymise {

// The entity types of shared/spec/anonymisation.md.
enum class Entity
{
    Person,
    Phone,
    Email,
    Postcode,
    Address,
    DateOfBirth,
    Card,
    Nino,
    Nhs,
    SortCode,
    BankAccount,
};

QString entityName(Entity e); // "PERSON", "PHONE", ...
std::optional<Entity> entityFromName(const QString& name);
QList<Entity> allEntities();

// A detected span of a segment's tokens (inclusive).
struct Span
{
    int first = 0;
    int last = 0;
    Entity type = Entity::Person;
    QString personKey; // for PERSON: the name as found, lower case (pseudonyms are given per person)
    bool staff = false; // for PERSON: the agent's own name, from their introduction
};

// What a detector knows beyond the segment itself.
struct SegmentContext
{
    QString speaker; // agent, respondent, other
    QString previousText; // the segment before (a question like "what's your postcode?" gives context)
};

// A reviewer's decisions on one segment's spans (token indexes of the segment's text as tokenize() splits it).
// They apply while the segment's text is the one reviewed; a corrected segment is detected afresh.
struct SegmentReview
{
    QString text; // the segment's text when it was reviewed
    QList<Span> accepted; // detected spans the reviewer confirmed: redacted even if a later detector misses them
    QList<Span> rejected; // detected spans that are not personal data: kept
    QList<Span> added; // spans the reviewer marked by hand
};
using Review = QHash<int, SegmentReview>; // by segment index

// What becomes of the names of the company's own staff (the agent on the call, from the call's metadata):
// kept as said, a pseudonym of their own ([AGENT_1], [AGENT_2]: distinct from the people the call is about), or
// removed ([AGENT]). shared/spec/anonymisation.md: keep in the review view, pseudonymise in training packs.
enum class StaffPolicy
{
    Keep,
    Pseudonymise,
    Remove,
};
QString staffPolicyName(StaffPolicy policy); // "keep", "pseudonymise", "remove"
std::optional<StaffPolicy> staffPolicyFromName(const QString& name);

struct Options
{
    QSet<Entity> entities; // empty: all
    QStringList knownNames; // from the call's metadata: the respondent's (and any third party's) names
    QStringList agentNames; // the agent's names: kept unless redactAgent
    bool redactAgent = false; // the agent's names found like anyone's and pseudonymised as people (DSAR packs)
    StaffPolicy staff = StaffPolicy::Keep; // when not redactAgent
    Review review; // a saved redaction review of the call (browse/RedactionReviews)

    bool wants(Entity e) const { return entities.isEmpty() || entities.contains(e); }
};

} // namespace Earmark::Anonymise
