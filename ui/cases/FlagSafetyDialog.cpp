#include "ui/cases/FlagSafetyDialog.h"

#include "core/TimeText.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace Earmark::Gui {

FlagSafetyDialog::FlagSafetyDialog(const QString& callId, double seconds, QWidget* parent)
    : QDialog(parent)
    , m_callId(callId)
    , m_atMs(qRound64(seconds * 1000))
    , m_threatening(new QRadioButton(tr("&Threatening: a threat to the interviewer or others"), this))
    , m_abusive(new QRadioButton(tr("&Abusive: insults, harassment, hate speech"), this))
    , m_note(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Flag for staff safety"));
    setObjectName(QStringLiteral("flagSafetyDialog"));
    m_threatening->setChecked(true);
    m_note->setPlaceholderText(
        tr("What was said or happened (optional; kept in the encrypted cache, never in the audit log)"));
    m_note->setTabChangesFocus(true);
    m_note->setMaximumHeight(m_note->fontMetrics().height() * 5);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Flag and hold the call"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    auto* where = new QLabel(tr("<b>%1</b> at <b>%2</b>").arg(callId.toHtmlEscaped(), clockText(seconds)), this);
    layout->addWidget(where);
    layout->addWidget(m_threatening);
    layout->addWidget(m_abusive);
    layout->addWidget(m_note);
    auto* explain = new QLabel(tr("The flag opens the respondent's staff-safety case, or joins the one already open, "
                                  "and holds the call while the case is open. The case shows the flagged moment."),
        this);
    explain->setWordWrap(true);
    layout->addWidget(explain);
    layout->addWidget(buttons);
    resize(480, sizeHint().height());
}

QString FlagSafetyDialog::kind() const
{
    return m_abusive->isChecked() ? QStringLiteral("abusive") : QStringLiteral("threatening");
}

QString FlagSafetyDialog::note() const
{
    return m_note->toPlainText().trimmed();
}

} // namespace Earmark::Gui
