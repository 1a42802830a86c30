#pragma once

#include "quality/Evaluation.h"

#include <QLabel>

namespace Earmark::Gui {

// The evaluation's score as it is answered: the score and result against the pass mark, how many questions a draft
// still has to answer, and the question that failed the whole form.
class RunningScoreLabel : public QLabel
{
    Q_OBJECT

public:
    explicit RunningScoreLabel(QWidget* parent = nullptr);

    // Scores evaluation's answers with t; either missing: nothing is shown.
    void showScore(const Scorecard::Template* t, const Evaluation* evaluation);
};

} // namespace Earmark::Gui
