#include "ui/requests/NewRequestDialog.h"

#include "core/Phone.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Earmark::Gui {

NewRequestDialog::NewRequestDialog(QWidget* parent)
    : QDialog(parent)
    , m_phone(new QLineEdit(this))
    , m_received(new QDateEdit(QDate::currentDate(), this))
    , m_channel(new QComboBox(this))
    , m_reference(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_identity(new QCheckBox(tr("We asked the requester to confirm their identity"), this))
    , m_identityNote(new QLineEdit(this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(tr("New subject access request"));
    setObjectName(QStringLiteral("newRequestDialog"));
    m_phone->setPlaceholderText(tr("The number the calls were made to, typed any way"));
    m_received->setCalendarPopup(true);
    m_received->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_received->setMaximumDate(QDate::currentDate());
    m_channel->addItem(tr("Letter"), QStringLiteral("letter"));
    m_channel->addItem(tr("E-mail"), QStringLiteral("email"));
    m_channel->addItem(tr("Phone (verbal request)"), QStringLiteral("phone"));
    m_channel->addItem(tr("In person (verbal request)"), QStringLiteral("in-person"));
    m_channel->setToolTip(tr("A request made by phone or in person counts as much as a letter: record it here."));
    m_reference->setPlaceholderText(tr("Optional: your reference, e.g. SAR-2026-031"));
    m_name->setObjectName(QStringLiteral("requesterName"));
    m_name->setPlaceholderText(tr("As they gave it, e.g. Janet Okafor"));
    m_name->setToolTip(tr("A number can be shared (a household's landline): calls that name someone else are left "
                          "for you to decide on before the pack is built, and the letter is addressed to this name"));
    m_identityNote->setPlaceholderText(tr("How identity was or will be checked (no copies of documents here)"));
    m_problem->setObjectName(QStringLiteral("newRequestProblem"));
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("Requester's &number:"), m_phone);
    form->addRow(tr("Requester's na&me:"), m_name);
    form->addRow(tr("&Received on:"), m_received);
    form->addRow(tr("&Channel:"), m_channel);
    form->addRow(tr("R&eference:"), m_reference);
    form->addRow(QString(), m_identity);
    form->addRow(tr("&Identity check:"), m_identityNote);
    auto* explain = new QLabel(tr("The answer is due one calendar month after the request arrives (or after identity "
                                  "is confirmed, when it was asked for), moved past weekends and bank holidays. "
                                  "While the request is open its calls are held: retention leaves them."),
        this);
    explain->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Record the request"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(explain);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    resize(540, sizeHint().height());
}

NewSubjectRequest NewRequestDialog::request() const
{
    NewSubjectRequest r;
    r.phone = m_phone->text().trimmed();
    r.received = m_received->date();
    r.channel = m_channel->currentData().toString();
    r.reference = m_reference->text().trimmed();
    r.name = m_name->text().trimmed();
    r.identityPending = m_identity->isChecked();
    r.identityNote = m_identityNote->text().trimmed();
    return r;
}

void NewRequestDialog::accept()
{
    const NewSubjectRequest r = request();
    if (auto n = Phone::normalise(r.phone); !n) {
        m_problem->setText(tr("%1\nType the requester's number as they gave it, e.g. 07700 900123 or +44 7700 900123.")
                               .arg(r.phone.isEmpty() ? tr("The requester's number is needed: it finds their calls.")
                                                      : n.errorMessage()));
        m_problem->show();
        return;
    }
    m_problem->hide();
    m_ok->setEnabled(false); // until the cache answers
    Q_EMIT submitted();
}

void NewRequestDialog::succeeded()
{
    QDialog::accept();
}

void NewRequestDialog::failed(const QString& problem)
{
    m_problem->setText(problem);
    m_problem->show();
    m_ok->setEnabled(true);
}

} // namespace Earmark::Gui
