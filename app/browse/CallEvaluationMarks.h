#pragma once

#include "core/Result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <optional>

namespace Earmark {

class Cache;

// One evaluation of a call as the call list shows it: who, how far it got, its score.
struct CallEvaluationMark
{
    QString reviewer; // the OS user
    QString reviewerName; // the display name they chose ("" when none)
    QString state; // "draft", "submitted", ...
    std::optional<double> score;
    std::optional<bool> passed;
};

// The call list's Evaluated column: the evaluations of a page of calls (for roles that may evaluate; none for
// others), oldest first, and their texts.
namespace CallEvaluationMarks {

Result<QHash<QString, QList<CallEvaluationMark>>> forCalls(Cache& cache, const QStringList& callIds);
// "Ann Reviewer 92.5 ✓" (✗: failed) for the newest finished one ("+1" for each other), "Ann Reviewer (draft)" when
// only drafts; "" for none.
QString cellText(const QList<CallEvaluationMark>& marks);
// One line per evaluation: "Ann Reviewer (ann): submitted, 92.5, pass".
QString toolTip(const QList<CallEvaluationMark>& marks);

} // namespace CallEvaluationMarks
} // namespace Earmark
