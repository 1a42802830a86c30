#include "ui/training/ScenarioDialog.h"

#include "cache/CacheWorker.h"
#include "core/TimeText.h"
#include "ui/shell/MessageBox.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>

namespace Earmark::Gui {

ScenarioDialog::ScenarioDialog(CacheWorker* worker, const QString& callId, double startS, double endS, QWidget* parent)
    : QDialog(parent)
    , m_worker(worker)
    , m_callId(callId)
    , m_start(startS)
    , m_end(endS)
    , m_title(new QLineEdit(this))
    , m_category(new QComboBox(this))
    , m_objectives(new QPlainTextEdit(this))
    , m_notes(new QPlainTextEdit(this))
    , m_tags(new QLineEdit(this))
    , m_difficulty(new QSpinBox(this))
{
    setWindowTitle(tr("Flag as training scenario"));
    m_category->setEditable(true);
    m_category->addItems(Scenario::categories());
    m_difficulty->setRange(1, 3);
    m_difficulty->setValue(2);
    m_tags->setPlaceholderText(tr("comma-separated, e.g. notice, opening"));
    m_objectives->setPlaceholderText(tr("What a tele researcher should learn from it"));
    auto* info
        = new QLabel(tr("%1 s of the call, from %2 to %3. Only the anonymised transcript and the bleeped audio of "
                        "this region are kept; personal data in what you write here is replaced too.")
                         .arg(endS - startS, 0, 'f', 1)
                         .arg(clockText(startS), clockText(endS)),
            this);
    info->setWordWrap(true);
    auto* form = new QFormLayout(this);
    form->addRow(info);
    form->addRow(tr("Title:"), m_title);
    form->addRow(tr("Category:"), m_category);
    form->addRow(tr("Learning objectives:"), m_objectives);
    form->addRow(tr("Notes:"), m_notes);
    form->addRow(tr("Tags:"), m_tags);
    form->addRow(tr("Difficulty (1-3):"), m_difficulty);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ScenarioDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(560, 520);
}

void ScenarioDialog::setDetails(const Scenario& d)
{
    m_title->setText(d.title);
    m_category->setCurrentText(d.category);
    m_objectives->setPlainText(d.objectives);
    m_notes->setPlainText(d.notes);
    m_tags->setText(d.tags.join(QStringLiteral(", ")));
    m_difficulty->setValue(d.difficulty);
}

Scenario ScenarioDialog::details() const
{
    Scenario d;
    d.title = m_title->text().trimmed();
    d.category = m_category->currentText().trimmed();
    d.objectives = m_objectives->toPlainText().trimmed();
    d.notes = m_notes->toPlainText().trimmed();
    for (const QString& t : m_tags->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!t.trimmed().isEmpty()) {
            d.tags << t.trimmed();
        }
    }
    d.difficulty = m_difficulty->value();
    return d;
}

void ScenarioDialog::save()
{
    const Scenario d = details();
    const QString callId = m_callId;
    const double from = m_start;
    const double to = m_end;
    setEnabled(false);
    m_worker->run<ScenarioLibrary>(
        this, [=](ScenarioLibrary& library) { return library.create(callId, from, to, d); },
        [this](Result<qint64> id) {
            setEnabled(true);
            if (!id) {
                MessageBox::critical(this, windowTitle(), id.errorMessage());
                Q_EMIT saved(0, id.errorMessage());
                return;
            }
            Q_EMIT saved(id.value(), QString());
            accept();
        });
}

} // namespace Earmark::Gui
