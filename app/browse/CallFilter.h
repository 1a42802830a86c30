#pragma once

#include <QDate>
#include <QString>
#include <QVariantList>
#include <optional>

namespace Earmark {

class KeyHierarchy;

enum class CallColumn
{
    Start,
    Duration,
    Agent,
    Campaign,
    Client,
    Disposition,
    Phone,
    Transcript,
    Evaluated,
    Count
};

// What the call browser shows: filters and sort order, turned into SQL over the indexed calls table.
struct CallFilter
{
    QDate from;
    QDate to; // inclusive
    QString agentId;
    QString client;
    QString campaign;
    QString disposition;
    std::optional<double> minDurationS;
    std::optional<double> maxDurationS;
    std::optional<bool> hasTranscript;
    std::optional<bool> noticeFlag; // the provider's consent.recorded flag
    QString phoneE164; // normalised; matched through the blind index
    QString phoneTail; // the last six digits alone; matched through their own blind index

    CallColumn sortColumn = CallColumn::Start;
    bool descending = true;

    bool operator==(const CallFilter&) const = default;

    // " WHERE ..." (or empty) and its bound values, in order.
    QString whereClause(const KeyHierarchy& keys, QVariantList& binds) const;
    // " ORDER BY ..." with a unique tie-break, so that pages never overlap or skip rows.
    QString orderClause() const;
};

} // namespace Earmark
