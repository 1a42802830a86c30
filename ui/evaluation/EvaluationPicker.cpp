#include "ui/evaluation/EvaluationPicker.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QPushButton>

namespace Earmark::Gui {

EvaluationPicker::EvaluationPicker(QWidget* parent)
    : QWidget(parent)
    , m_evaluations(new QComboBox(this))
    , m_scorecards(new QComboBox(this))
    , m_start(new QPushButton(tr("&Evaluate"), this))
{
    m_scorecards->setToolTip(tr("The scorecard to evaluate this call with"));
    m_evaluations->setToolTip(tr("Evaluations of this call"));
    m_evaluations->hide(); // shown when a call has more than one evaluation to choose from
    setCallOpen(false); // nothing to choose before a call is opened
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_evaluations, 1);
    layout->addWidget(m_scorecards, 1);
    layout->addWidget(m_start);
    connect(m_evaluations, &QComboBox::activated, this, &EvaluationPicker::evaluationChosen);
    connect(m_start, &QPushButton::clicked, this, &EvaluationPicker::startRequested);
}

void EvaluationPicker::setChoices(const QList<ScorecardVersion>& scorecards, const QList<Evaluation>& evaluations,
    int index, const std::function<QString(const QString&)>& label)
{
    m_scorecards->clear();
    for (const ScorecardVersion& s : scorecards) {
        m_scorecards->addItem(tr("%1 (v%2)").arg(s.title).arg(s.version), QVariant::fromValue(s.version));
        m_scorecards->setItemData(m_scorecards->count() - 1, s.id, Qt::UserRole + 1);
    }
    m_evaluations->clear();
    for (const Evaluation& e : evaluations) {
        m_evaluations->addItem(tr("%1 · %2 · %3")
                                   .arg(stateLabel(e.state), label(e.reviewer),
                                       e.score ? QString::number(*e.score, 'f', 1) : tr("no score")));
    }
    m_evaluations->setVisible(evaluations.size() > 1);
    updateVisibility();
    if (index >= 0) {
        m_evaluations->setCurrentIndex(index);
    }
}

void EvaluationPicker::setCallOpen(bool open)
{
    m_callOpen = open;
    updateVisibility();
}

void EvaluationPicker::setDrafting(bool drafting)
{
    m_drafting = drafting;
    updateVisibility();
}

void EvaluationPicker::updateVisibility()
{
    const bool canStart = m_callOpen && !m_drafting;
    m_start->setEnabled(canStart && m_scorecards->count() > 0);
    m_start->setVisible(canStart);
    m_scorecards->setVisible(canStart);
    setVisible(canStart || !m_evaluations->isHidden());
}

std::optional<std::pair<QString, int>> EvaluationPicker::scorecard() const
{
    if (m_scorecards->currentIndex() < 0) {
        return std::nullopt;
    }
    return std::pair {m_scorecards->currentData(Qt::UserRole + 1).toString(), m_scorecards->currentData().toInt()};
}

} // namespace Earmark::Gui
