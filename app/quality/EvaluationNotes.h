#pragma once

#include "core/Result.h"
#include "quality/Evaluation.h"

namespace Earmark {

class Cache;

// The words an evaluation keeps about its call: comments pinned to times in the call, free-text answers and the
// comments that say why a suggestion was overridden. They are kept with the call (evaluation_notes) and destroyed
// with it, while the scores stay for reports.
class EvaluationNotes
{
public:
    explicit EvaluationNotes(Cache& cache);

    // Reads an evaluation's notes into it: its comments (by time), text answers and override comments.
    Status load(Evaluation& evaluation);
    // Replaces the text answers and override comments of an evaluation scored with template t.
    Status write(const Evaluation& evaluation, const Scorecard::Template& t);

    Result<TimedComment> addComment(const Evaluation& evaluation, double atS, const QString& text);
    Status removeComment(qint64 evaluation, qint64 commentId);

private:
    // The cache's row of the call (notes belong to it); an error once the call was destroyed.
    Result<qint64> callRow(const QString& callId);

    Cache& m_cache;
};

} // namespace Earmark
