#include "ui/cases/NewCaseDialog.h"

#include "core/Phone.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Earmark::Gui {

NewCaseDialog::NewCaseDialog(const QStringList& selectedCalls, QWidget* parent)
    : QDialog(parent)
    , m_selected(selectedCalls)
    , m_type(new QComboBox(this))
    , m_reference(new QLineEdit(this))
    , m_phone(new QLineEdit(this))
    , m_owner(new QLineEdit(this))
    , m_linkSelected(new QCheckBox(this))
    , m_useNumber(new QCheckBox(this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(tr("New case"));
    setObjectName(QStringLiteral("newCaseDialog"));
    m_type->addItem(tr("Complaint"), QStringLiteral("complaint"));
    m_type->addItem(tr("Query"), QStringLiteral("query"));
    m_type->addItem(tr("Staff safety"), QStringLiteral("safety"));
    m_reference->setPlaceholderText(tr("e.g. COMP-2026-0142 (the reference the complaint came with)"));
    m_phone->setToolTip(tr("Every cached call of this number is linked to the case and held while it is open. The "
                           "number is kept sealed in the cache; lists show only its last digits."));
    m_owner->setPlaceholderText(tr("You, unless you name someone else"));
    m_linkSelected->setText(tr("Link the %n call(s) selected in the list", nullptr, int(selectedCalls.size())));
    m_linkSelected->setChecked(!selectedCalls.isEmpty());
    m_linkSelected->setEnabled(!selectedCalls.isEmpty());
    // The selected call's number stands in for a typed one: every call of it is linked, and the number is never
    // shown here (the list shows its last digits only).
    m_useNumber->setObjectName(QStringLiteral("useCallsNumber"));
    m_useNumber->setVisible(!selectedCalls.isEmpty());
    m_useNumber->setChecked(!selectedCalls.isEmpty());
    if (!selectedCalls.isEmpty()) {
        m_useNumber->setText(tr("Every call of the number of %1").arg(selectedCalls.constFirst()));
        m_useNumber->setToolTip(tr("The respondent's number of %1, read sealed in the cache: every cached call of it "
                                   "is linked to the case and held. Type a number instead to use another.")
                                    .arg(selectedCalls.constFirst()));
    }
    const auto followNumber = [this] {
        m_phone->setEnabled(!m_useNumber->isChecked());
        m_phone->setPlaceholderText(m_useNumber->isChecked() ? tr("The selected call's number (kept sealed)")
                                                             : tr("Optional: 07700 900123, +44 7700 900123, …"));
    };
    connect(m_useNumber, &QCheckBox::toggled, this, followNumber);
    followNumber();
    m_problem->setObjectName(QStringLiteral("newCaseProblem"));
    m_problem->setStyleSheet(QStringLiteral("color: palette(highlight);"));
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("&Type:"), m_type);
    form->addRow(tr("&Reference:"), m_reference);
    form->addRow(tr("Respondent's &number:"), m_phone);
    form->addRow(QString(), m_useNumber);
    form->addRow(tr("&Owner:"), m_owner);
    form->addRow(QString(), m_linkSelected);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Open the case"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("An open case holds its calls: retention and erasure leave them until the case "
                                    "is closed."),
        this));
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    resize(520, sizeHint().height());
}

NewCase NewCaseDialog::request() const
{
    NewCase c;
    c.type = m_type->currentData().toString();
    c.reference = m_reference->text().trimmed();
    if (m_useNumber->isChecked() && !m_selected.isEmpty()) {
        c.numberOfCall = m_selected.constFirst();
    } else {
        c.phone = m_phone->text().trimmed();
    }
    c.owner = m_owner->text().trimmed();
    if (m_linkSelected->isChecked()) {
        c.callIds = m_selected;
    }
    return c;
}

void NewCaseDialog::accept()
{
    // What the core would refuse is said here, where it can be fixed, and nothing typed is lost.
    const NewCase c = request();
    QString problem;
    if (c.reference.isEmpty()) {
        problem = tr("Give the case a reference: the one the complaint or query came with, or your own.");
    } else if (auto n = Phone::normalise(c.phone); !c.phone.isEmpty() && !n) {
        problem = tr("%1\nType the number as the respondent gave it, e.g. 07700 900123 or +44 7700 900123, or "
                     "leave it empty.")
                      .arg(n.errorMessage());
    } else if (c.phone.isEmpty() && c.numberOfCall.isEmpty() && c.callIds.isEmpty()) {
        problem = tr("A case needs calls: give the respondent's number, or select calls in the list first.");
    }
    if (!problem.isEmpty()) {
        m_problem->setText(problem);
        m_problem->show();
        return;
    }
    m_problem->hide();
    m_ok->setEnabled(false); // until the cache answers
    Q_EMIT submitted();
}

void NewCaseDialog::succeeded()
{
    QDialog::accept();
}

void NewCaseDialog::failed(const QString& problem)
{
    m_problem->setText(problem);
    m_problem->show();
    m_ok->setEnabled(true);
}

} // namespace Earmark::Gui
