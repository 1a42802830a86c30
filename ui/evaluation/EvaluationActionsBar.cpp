#include "ui/evaluation/EvaluationActionsBar.h"

#include "cache/AuditLog.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace Earmark::Gui {

EvaluationActionsBar::EvaluationActionsBar(QWidget* parent)
    : QWidget(parent)
    , m_submit(new QPushButton(tr("Submit"), this))
    , m_discard(new QPushButton(tr("Discard draft"), this))
    , m_acknowledge(new QPushButton(tr("Acknowledged…"), this))
    , m_dispute(new QPushButton(tr("Dispute…"), this))
    , m_resolve(new QPushButton(tr("Resolve…"), this))
    , m_rescore(new QPushButton(tr("Re-score"), this))
    , m_more(new QToolButton(this))
    , m_history(new QAction(tr("&History…"), this))
    , m_pdf(new QAction(tr("Save as &PDF…"), this))
    , m_todo(new QLabel(this))
{
    // The state's actions (only those that apply are shown) and More in one row, then what Submit waits for: the
    // form above keeps the panel's height.
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    auto* layout = new QHBoxLayout;
    column->addLayout(layout);
    m_todo->setObjectName(QStringLiteral("submitTodo"));
    m_todo->setWordWrap(true);
    m_todo->setTextFormat(Qt::RichText);
    m_todo->hide();
    column->addWidget(m_todo);
    connect(m_todo, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link.startsWith(QLatin1String("question:"))) {
            Q_EMIT questionRequested(link.mid(9));
        }
    });
    for (QPushButton* b : {m_submit, m_discard, m_acknowledge, m_dispute, m_resolve, m_rescore}) {
        layout->addWidget(b);
    }
    layout->addStretch(1);
    auto* menu = new QMenu(m_more);
    menu->addAction(m_history);
    menu->addAction(m_pdf);
    m_more->setObjectName(QStringLiteral("evaluationMore"));
    m_more->setText(tr("More"));
    m_more->setToolTip(tr("The evaluation's history, and the evaluation as a PDF"));
    m_more->setMenu(menu);
    m_more->setPopupMode(QToolButton::InstantPopup);
    m_more->setToolButtonStyle(Qt::ToolButtonTextOnly);
    layout->addWidget(m_more);
    connect(m_submit, &QPushButton::clicked, this, &EvaluationActionsBar::submitRequested);
    connect(m_discard, &QPushButton::clicked, this, &EvaluationActionsBar::discardRequested);
    connect(m_acknowledge, &QPushButton::clicked, this, &EvaluationActionsBar::acknowledgeRequested);
    connect(m_dispute, &QPushButton::clicked, this, &EvaluationActionsBar::disputeRequested);
    connect(m_resolve, &QPushButton::clicked, this, &EvaluationActionsBar::resolveRequested);
    connect(m_rescore, &QPushButton::clicked, this, &EvaluationActionsBar::rescoreRequested);
    connect(m_history, &QAction::triggered, this, &EvaluationActionsBar::historyRequested);
    connect(m_pdf, &QAction::triggered, this, &EvaluationActionsBar::pdfRequested);
}

void EvaluationActionsBar::setRescoring(bool rescoring)
{
    m_rescore->setText(rescoring ? tr("Save re-score…") : tr("Re-score"));
}

void EvaluationActionsBar::update(
    const Evaluation* current, const std::optional<QList<Evaluation::DraftProblem>>& problems)
{
    const bool has = current != nullptr;
    const EvaluationState s = has ? current->state : EvaluationState::Draft;
    const bool mine = has && current->reviewer == AuditLog::currentActor();
    const bool draft = has && s == EvaluationState::Draft;
    m_submit->setVisible(draft && mine);
    m_discard->setVisible(draft && mine);
    m_acknowledge->setVisible(has && s == EvaluationState::Submitted);
    m_dispute->setVisible(has && (s == EvaluationState::Submitted || s == EvaluationState::Acknowledged));
    m_resolve->setVisible(has && s == EvaluationState::Disputed);
    m_rescore->setVisible(has && !draft);
    m_history->setVisible(has && !draft);
    m_pdf->setVisible(has);
    m_more->setVisible(has);
    if (!(draft && mine)) {
        m_todo->hide();
    }
    if (draft && problems) {
        m_submit->setEnabled(problems->isEmpty());
        QStringList lines;
        for (const Evaluation::DraftProblem& p : *problems) {
            lines << p.text;
        }
        m_submit->setToolTip(problems->isEmpty() ? tr("Submit the evaluation (Ctrl+Shift+Return)")
                                                 : tr("Still to do:\n") + lines.join(QLatin1Char('\n')));
        // Shown for the whole draft (ready or not), so that the form never moves when the last answer is given.
        m_todo->setVisible(mine);
        m_todo->setText(tr("Ready to submit (Ctrl+Shift+Return)."));
        m_todo->setToolTip(QString());
        if (!problems->isEmpty()) {
            const Evaluation::DraftProblem& first = problems->constFirst();
            // One thing is named; several are counted (one line under the buttons, the list in the tooltip).
            QString text = problems->size() == 1
                ? tr("Before you submit: %1").arg(first.text.toHtmlEscaped())
                : tr("Before you submit: %n things to do.", nullptr, int(problems->size()));
            if (!first.questionId.isEmpty()) {
                text += QStringLiteral(" <a href='question:%1'>%2</a>")
                            .arg(first.questionId, problems->size() == 1 ? tr("Show") : tr("Show the first"));
            }
            m_todo->setText(text);
            m_todo->setToolTip(lines.join(QLatin1Char('\n')));
        }
    }
    Q_EMIT submitAvailable(!m_submit->isHidden() && m_submit->isEnabled());
}

} // namespace Earmark::Gui
