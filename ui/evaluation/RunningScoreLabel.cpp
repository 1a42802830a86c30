#include "ui/evaluation/RunningScoreLabel.h"

namespace Earmark::Gui {

RunningScoreLabel::RunningScoreLabel(QWidget* parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("runningScore"));
    setWordWrap(true);
}

void RunningScoreLabel::showScore(const Scorecard::Template* t, const Evaluation* evaluation)
{
    if (!evaluation || !t) {
        clear();
        return;
    }
    const Scorecard::ScoreResult r = Scorecard::score(*t, evaluation->answers);
    QString text = r.score ? tr("<span style='font-size:large'><b>%1</b></span> · %2 (pass mark %3)")
                                 .arg(QString::number(*r.score, 'f', 1), r.pass ? tr("Pass") : tr("Fail"))
                                 .arg(t->passMark)
                           : tr("<b>No score yet</b> (pass mark %1)").arg(t->passMark);
    if (evaluation->state == EvaluationState::Draft && r.score) {
        const int missing = int(Scorecard::checkAnswers(*t, evaluation->answers).size());
        if (missing > 0) {
            text += tr(" · <i>so far: %n question(s) to answer</i>", nullptr, missing);
        }
    }
    if (!r.autoFail.isEmpty()) {
        const auto* q = t->question(r.autoFail);
        text += tr("<br><span style='color:#b00'>Failed by: %1</span>").arg((q ? q->text : r.autoFail).toHtmlEscaped());
    }
    setText(text);
}

} // namespace Earmark::Gui
