#include "ui/evaluation/RunningScoreLabel.h"

namespace Earmark::Gui {

RunningScoreLabel::RunningScoreLabel(QWidget* parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("runningScore"));
    setWordWrap(true);
    // Room for two lines (a large score and its words) from the start: the form below never moves as answers
    // change what this says, so that a second click lands where it was aimed.
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setMinimumHeight(fontMetrics().lineSpacing() * 3);
}

void RunningScoreLabel::showScore(const Scorecard::Template* t, const Evaluation* evaluation)
{
    if (!evaluation || !t) {
        clear();
        return;
    }
    const Scorecard::ScoreResult r = Scorecard::score(*t, evaluation->answers);
    // A draft with questions left is a score so far, not a verdict: pass or fail is said once every required
    // question is answered (an automatic fail is said at once, below).
    const int missing = evaluation->state == EvaluationState::Draft
        ? int(Scorecard::checkAnswers(*t, evaluation->answers).size())
        : 0;
    QString text;
    if (!r.score) {
        text = tr("<b>No score yet</b> (pass mark %1)").arg(t->passMark);
    } else if (missing > 0) {
        text = tr("<span style='font-size:large'><b>%1</b></span> so far · %n question(s) to answer (pass mark %2)",
            nullptr, missing)
                   .arg(QString::number(*r.score, 'f', 1))
                   .arg(t->passMark);
    } else {
        text = tr("<span style='font-size:large'><b>%1</b></span> · %2 (pass mark %3)")
                   .arg(QString::number(*r.score, 'f', 1), r.pass ? tr("Pass") : tr("Fail"))
                   .arg(t->passMark);
    }
    if (!r.autoFail.isEmpty()) {
        const auto* q = t->question(r.autoFail);
        text += tr("<br><span style='color:#b00'>Failed by: %1</span>").arg((q ? q->text : r.autoFail).toHtmlEscaped());
    }
    setText(text);
}

} // namespace Earmark::Gui
