#pragma once

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
};

// What a detector knows beyond the segment itself.
struct SegmentContext
{
    QString speaker; // agent, respondent, other
    QString previousText; // the segment before (a question like "what's your postcode?" gives context)
};

struct Options
{
    QSet<Entity> entities; // empty: all
    QStringList knownNames; // from the call's metadata: the respondent's (and any third party's) names
    QStringList agentNames; // the agent's names: kept unless redactAgent
    bool redactAgent = false;

    bool wants(Entity e) const { return entities.isEmpty() || entities.contains(e); }
};

} // namespace Earmark::Anonymise
