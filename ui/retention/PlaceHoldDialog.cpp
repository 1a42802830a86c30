#include "ui/retention/PlaceHoldDialog.h"

#include "cache/CacheWorker.h"
#include "retention/Holds.h"
#include "ui/shell/MessageBox.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Earmark::Gui {

PlaceHoldDialog::PlaceHoldDialog(CacheWorker* worker, QStringList callIds, QWidget* parent)
    : QDialog(parent)
    , m_worker(worker)
    , m_callIds(std::move(callIds))
    , m_case(new QLineEdit(this))
    , m_reason(new QPlainTextEdit(this))
    , m_alreadyHeld(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Place a legal hold"));
    setObjectName(QStringLiteral("placeHoldDialog"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("A hold keeps %n call(s) from retention and from erasure notices until it is released. "
                                "It is recorded in the audit log with your name.",
                                 nullptr, static_cast<int>(m_callIds.size())),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* calls = new QLabel(m_callIds.join(QStringLiteral(", ")), this);
    calls->setWordWrap(true);
    calls->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* form = new QFormLayout;
    form->addRow(tr("Calls:"), calls);
    m_case->setPlaceholderText(tr("e.g. COMP-2026-0142"));
    form->addRow(tr("&Case reference:"), m_case);
    m_reason->setPlaceholderText(tr("Why these calls must be kept, e.g. complaint under investigation"));
    m_reason->setTabChangesFocus(true);
    m_reason->setMaximumHeight(m_reason->fontMetrics().height() * 5);
    form->addRow(tr("&Reason:"), m_reason);
    layout->addLayout(form);
    m_alreadyHeld->setObjectName(QStringLiteral("alreadyHeld"));
    m_alreadyHeld->setWordWrap(true);
    m_alreadyHeld->hide();
    layout->addWidget(m_alreadyHeld);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Place hold"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PlaceHoldDialog::place);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_case, &QLineEdit::textChanged, this, &PlaceHoldDialog::updateOk);
    connect(m_reason, &QPlainTextEdit::textChanged, this, &PlaceHoldDialog::updateOk);
    updateOk();
    resize(480, sizeHint().height());
    // Which of the calls are held already (a second hold for another case is allowed, and said).
    m_worker->run<Holds>(
        this,
        [ids = m_callIds](Holds& holds) -> Result<QStringList> {
            QStringList lines;
            for (const QString& id : ids) {
                auto on = holds.holdsOn(id);
                if (!on) {
                    return on.error();
                }
                if (!on->isEmpty()) {
                    lines << QStringLiteral("%1 (%2)").arg(id, on->join(QStringLiteral(", ")));
                }
            }
            return lines;
        },
        [this](Result<QStringList> lines) {
            if (lines) {
                showAlreadyHeld(*lines);
            }
        });
}

void PlaceHoldDialog::showAlreadyHeld(const QStringList& lines)
{
    m_alreadyHeld->setVisible(!lines.isEmpty());
    if (lines.isEmpty()) {
        return;
    }
    m_alreadyHeld->setText(tr("Already held: %1. Another hold is kept beside it, and each is released on its own.")
                               .arg(lines.join(QStringLiteral("; "))));
}

QString PlaceHoldDialog::alreadyHeldText() const
{
    return m_alreadyHeld->isHidden() ? QString() : m_alreadyHeld->text();
}

void PlaceHoldDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(!m_case->text().trimmed().isEmpty() && !m_reason->toPlainText().trimmed().isEmpty());
}

void PlaceHoldDialog::place()
{
    const QString caseRef = m_case->text().trimmed();
    const QString reason = m_reason->toPlainText().trimmed();
    setEnabled(false);
    m_worker->run<Holds>(
        this, [ids = m_callIds, caseRef, reason](Holds& holds) { return holds.place(ids, reason, caseRef); },
        [this, caseRef](Result<QString> id) {
            setEnabled(true);
            if (!id) {
                MessageBox::critical(this, tr("Hold not placed"), id.errorMessage());
                return;
            }
            Q_EMIT placed(id.value(),
                tr("Hold %1 placed on %n call(s) for case %2: retention and erasure leave them until it is released.",
                    nullptr, static_cast<int>(m_callIds.size()))
                    .arg(id.value(), caseRef));
            accept();
        });
}

} // namespace Earmark::Gui
