#include "ui/evaluation/EvaluationHistoryDialog.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Earmark::Gui {

namespace {
QString when(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}
} // namespace

EvaluationHistoryDialog::EvaluationHistoryDialog(
    const EvaluationHistory& history, const std::function<QString(const QString&)>& label, QWidget* parent)
    : QDialog(parent)
    , m_view(new QTextBrowser(this))
{
    setWindowTitle(tr("Evaluation history"));
    QString html = tr("<h3>Revisions</h3><table cellpadding=4>");
    for (const EvaluationRevision& r : history.revisions) {
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                    .arg(r.revision)
                    .arg(when(r.atUtc), label(r.byUser).toHtmlEscaped(),
                        r.score ? QString::number(*r.score, 'f', 1) : tr("no score"), r.reason.toHtmlEscaped());
    }
    html += tr("</table><h3>Events</h3><table cellpadding=4>");
    for (const EvaluationEvent& e : history.events) {
        html
            += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3 → %4</td><td>%5</td></tr>")
                   .arg(when(e.atUtc), label(e.byUser).toHtmlEscaped(), e.fromState, e.toState, e.text.toHtmlEscaped());
    }
    m_view->setHtml(html + QStringLiteral("</table>"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto* l = new QVBoxLayout(this);
    l->addWidget(m_view);
    l->addWidget(buttons);
    resize(640, 420);
}

QString EvaluationHistoryDialog::text() const
{
    return m_view->toPlainText();
}

} // namespace Earmark::Gui
