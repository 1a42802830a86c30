#pragma once

#include "quality/Evaluation.h"

#include <QWidget>

class QAction;
class QLabel;
class QPushButton;
class QToolButton;

namespace Earmark::Gui {

// The buttons for what can be done with the evaluation shown, in its state and by this user: submit or discard
// (the reviewer's own draft), acknowledge, dispute, resolve, re-score, in one row with More (history, PDF) on the
// right. Only those that apply are shown. While a draft cannot be submitted, a line under the buttons says what is
// still to do, with a link to that question in the form.
class EvaluationActionsBar : public QWidget
{
    Q_OBJECT

public:
    explicit EvaluationActionsBar(QWidget* parent = nullptr);

    // current: the evaluation shown (none: nothing applies); problems: what stops a draft's submission (none: not
    // known yet, Submit stays as it is).
    void update(const Evaluation* current, const std::optional<QList<Evaluation::DraftProblem>>& problems);
    // While re-scoring, Re-score saves it.
    void setRescoring(bool rescoring);

    QPushButton* submitButton() const { return m_submit; }
    // More: the evaluation's history and its PDF.
    QToolButton* moreButton() const { return m_more; }
    QAction* historyAction() const { return m_history; }
    QAction* pdfAction() const { return m_pdf; }
    // What is still to do before Submit (hidden when nothing is).
    QLabel* todoLabel() const { return m_todo; }

Q_SIGNALS:
    void submitRequested();
    void discardRequested();
    void acknowledgeRequested();
    void disputeRequested();
    void resolveRequested();
    void rescoreRequested();
    void historyRequested();
    void pdfRequested();
    // After every update: whether Submit can be used now (the reviewer's own draft, nothing left to do), for the
    // menu's Submit the evaluation.
    void submitAvailable(bool available);
    // The to-do line's link: the form should show this question (and its reason box).
    void questionRequested(const QString& questionId);

private:
    QPushButton* m_submit;
    QPushButton* m_discard;
    QPushButton* m_acknowledge;
    QPushButton* m_dispute;
    QPushButton* m_resolve;
    QPushButton* m_rescore;
    QToolButton* m_more;
    QAction* m_history;
    QAction* m_pdf;
    QLabel* m_todo;
};

} // namespace Earmark::Gui
