#pragma once

#include "core/Result.h"
#include "quality/Evaluation.h"

namespace Earmark {

class Cache;

// What an evaluation's answers score, as stored: the scored answers and the suggestions on its row with the score,
// result and auto-fail, and one row per scored question (evaluation_answers) that the reports count. Free-text
// answers are left out: they may quote the call, and EvaluationNotes keeps them with it.
class EvaluationScores
{
public:
    explicit EvaluationScores(Cache& cache);

    // Scores evaluation's answers with t and stores the result.
    Status write(const Evaluation& evaluation, const Scorecard::Template& t);

private:
    Cache& m_cache;
};

} // namespace Earmark
