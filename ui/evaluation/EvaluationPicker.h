#pragma once

#include "quality/Evaluation.h"
#include "quality/ScorecardLibrary.h"

#include <QWidget>
#include <functional>
#include <optional>

class QComboBox;
class QPushButton;

namespace Earmark::Gui {

// Above the form: which of the call's evaluations is shown (when it has more than one), and the scorecard to start
// a new evaluation with (Evaluate).
class EvaluationPicker : public QWidget
{
    Q_OBJECT

public:
    explicit EvaluationPicker(QWidget* parent = nullptr);

    // Fills both lists; each evaluation is named by its state, reviewer (label) and score. index: the one shown.
    void setChoices(const QList<ScorecardVersion>& scorecards, const QList<Evaluation>& evaluations, int index,
        const std::function<QString(const QString&)>& label);
    // Whether a call is open: Evaluate and the scorecards are shown only then.
    void setCallOpen(bool open);
    // While the reviewer works on their own draft, the scorecards and Evaluate give the form their room (a second
    // evaluation is started once this one is submitted or discarded); the picker is hidden when nothing in it is
    // shown.
    void setDrafting(bool drafting);
    // The scorecard version chosen for a new evaluation (none before the list is loaded).
    std::optional<std::pair<QString, int>> scorecard() const;

Q_SIGNALS:
    void evaluationChosen(int index);
    void startRequested();

private:
    void updateVisibility();

    bool m_callOpen = false;
    bool m_drafting = false;
    QComboBox* m_evaluations;
    QComboBox* m_scorecards;
    QPushButton* m_start;
};

} // namespace Earmark::Gui
