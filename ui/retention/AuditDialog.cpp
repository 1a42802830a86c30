#include "ui/retention/AuditDialog.h"

#include "cache/AuditActions.h"
#include "cache/CacheWorker.h"
#include "cases/CaseAuditTrail.h"
#include "core/Files.h"
#include "core/TimeText.h"
#include "ui/shell/MessageBox.h"
#include "ui/shell/RecordTable.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace Earmark::Gui {

AuditDialog::AuditDialog(CacheWorker* worker, QWidget* parent)
    : QDialog(parent)
    , m_worker(worker)
    , m_useFrom(new QCheckBox(tr("&From"), this))
    , m_from(new QDateEdit(QDate::currentDate().addMonths(-1), this))
    , m_useTo(new QCheckBox(tr("&To"), this))
    , m_to(new QDateEdit(QDate::currentDate(), this))
    , m_subject(new QLineEdit(this))
    , m_actor(new QLineEdit(this))
    , m_action(new QComboBox(this))
    , m_table(new QTableWidget(0, 6, this))
    , m_summary(new QLabel(this))
    , m_checkpoint(new QLabel(this))
    , m_key(new QLineEdit(this))
{
    setWindowTitle(tr("Audit log"));
    setObjectName(QStringLiteral("auditDialog"));
    for (QDateEdit* d : {m_from, m_to}) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        d->setEnabled(false);
    }
    connect(m_useFrom, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_useTo, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    m_subject->setPlaceholderText(tr("Case reference, call, hold or run id"));
    m_subject->setToolTip(tr("A case's reference or id shows everything about the case: its notes, its calls being "
                             "added, its hold, its evidence packs."));
    m_subject->setClearButtonEnabled(true);
    m_actor->setPlaceholderText(tr("Account name"));
    m_actor->setClearButtonEnabled(true);
    m_action->addItem(tr("Every action"), QString());
    m_action->addItem(tr("Holds"), QStringLiteral("hold."));
    m_action->addItem(tr("Destruction"), QStringLiteral("destr"));
    m_action->addItem(tr("Retention"), QStringLiteral("retention."));
    m_action->addItem(tr("Erasure notices"), QStringLiteral("erase"));
    m_action->addItem(tr("Exports"), QStringLiteral("export"));
    m_action->addItem(tr("Evaluations"), QStringLiteral("evaluation."));
    m_action->addItem(tr("Cases"), QStringLiteral("case."));
    m_action->addItem(tr("Evidence packs"), QStringLiteral("evidence."));
    m_action->addItem(tr("Subject access requests"), QStringLiteral("request."));
    m_action->addItem(tr("Syncs"), QStringLiteral("sync"));
    m_action->addItem(tr("The log itself"), QStringLiteral("audit."));

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_useFrom);
    filters->addWidget(m_from);
    filters->addWidget(m_useTo);
    filters->addWidget(m_to);
    filters->addWidget(new QLabel(tr("&Subject:"), this));
    filters->addWidget(m_subject, 1);
    filters->addWidget(new QLabel(tr("&Who:"), this));
    filters->addWidget(m_actor);
    filters->addWidget(m_action);
    auto* apply = new QPushButton(tr("&Show"), this);
    apply->setDefault(true);
    filters->addWidget(apply);
    for (QLabel* l : findChildren<QLabel*>()) {
        if (l->text() == tr("&Subject:")) {
            l->setBuddy(m_subject);
        } else if (l->text() == tr("&Who:")) {
            l->setBuddy(m_actor);
        }
    }

    RecordTable::setUp(m_table, {tr("#"), tr("When"), tr("Who"), tr("Action"), tr("Subject"), tr("Detail")});
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection); // several entries copied at once

    m_key->setReadOnly(true);
    m_key->setObjectName(QStringLiteral("publicKey"));
    auto* copy = new QPushButton(tr("&Copy key"), this);
    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(new QLabel(tr("Signing key (minisign):"), this));
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(copy);
    m_checkpoint->setWordWrap(true);
    m_checkpoint->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* verifyButton = buttons->addButton(tr("&Verify the log"), QDialogButtonBox::ActionRole);
    auto* exportButton = buttons->addButton(tr("&Export CSV…"), QDialogButtonBox::ActionRole);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_checkpoint);
    layout->addLayout(keyRow);
    layout->addWidget(buttons);

    connect(apply, &QPushButton::clicked, this, &AuditDialog::refresh);
    connect(m_subject, &QLineEdit::returnPressed, this, &AuditDialog::refresh);
    connect(m_actor, &QLineEdit::returnPressed, this, &AuditDialog::refresh);
    connect(m_action, &QComboBox::currentIndexChanged, this, &AuditDialog::refresh);
    connect(copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_key->text());
        Q_EMIT message(tr("The cache's public signing key is on the clipboard."));
    });
    connect(verifyButton, &QPushButton::clicked, this, &AuditDialog::verify);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export the audit log"),
            QDir::home().filePath(QStringLiteral("earmark-audit.csv")), tr("CSV files (*.csv)"));
        if (!path.isEmpty()) {
            exportTo(path);
        }
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(1100, 620);
}

AuditFilter AuditDialog::filter() const
{
    AuditFilter f;
    const auto utc = [](const QDate& d) { return QDateTime(d, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch(); };
    if (m_useFrom->isChecked()) {
        f.fromUtc = utc(m_from->date());
    }
    if (m_useTo->isChecked()) {
        f.toUtc = utc(m_to->date().addDays(1));
    }
    f.actor = m_actor->text().trimmed();
    f.actionPrefix = m_action->currentData().toString();
    return f;
}

void AuditDialog::showSubject(const QString& subject)
{
    m_subject->setText(subject);
    refresh();
}

void AuditDialog::refresh()
{
    const AuditFilter f = filter();
    const QString subject = m_subject->text();
    m_worker->run<CaseAuditTrail>(
        this, [f, subject](CaseAuditTrail& trail) { return trail.read(f, subject, PageSize); },
        [this](Result<AuditPage> page) {
            if (!page) {
                MessageBox::critical(this, tr("Audit log"), page.errorMessage());
                return;
            }
            showPage(page.value());
        });
}

void AuditDialog::showPage(const AuditPage& page)
{
    m_table->setRowCount(static_cast<int>(page.entries.size()));
    for (int i = 0; i < page.entries.size(); ++i) {
        const AuditEntry& e = page.entries.at(i);
        // In the user's local time and words; the tooltips hold the log's own UTC time and action.
        const QString local
            = QDateTime::fromSecsSinceEpoch(e.atUtc).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        const QStringList cells {QString::number(e.seq), local, e.actor, auditActionText(e.action), e.subject,
            auditDetailText(e.action, e.detail)};
        const QStringList tips {cells.at(0), utcText(e.atUtc), e.actor, e.action, e.subject, e.detail};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells.at(c));
            item->setToolTip(tips.at(c));
            m_table->setItem(i, c, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_table->scrollToBottom();
    m_summary->setText(page.truncated
            ? tr("The newest %1 matching entries: narrow the filters to see older ones.").arg(page.entries.size())
            : page.entries.isEmpty() && !m_subject->text().trimmed().isEmpty()
            ? tr("No entry is about “%1”: type a whole id (a call's, such as C-20261119-000017, a hold's H-…, a "
                 "retention run's or request's D-…) or a case's reference.")
                  .arg(m_subject->text().trimmed())
            : tr("Matching entries: %1.").arg(page.entries.size()));
    m_checkpoint->setText(page.checkpoint
            ? tr("Newest signed checkpoint: entry %1, head %2…, signed %3. Anyone with the key below can check it "
                 "with minisign.")
                  .arg(page.checkpoint->size)
                  .arg(QString::fromLatin1(page.checkpoint->head.toHex().left(16)), utcText(page.checkpoint->atUtc))
            : tr("No checkpoint yet: the log is empty."));
    m_key->setText(page.publicKey);
}

void AuditDialog::verify()
{
    m_worker->run<AuditTrail>(
        this, [](AuditTrail& trail) { return trail.verify(); },
        [this](Status st) {
            if (!st) {
                MessageBox::critical(this, tr("The audit log does not verify"), st.errorMessage());
                return;
            }
            MessageBox::information(this, tr("Audit log intact"),
                tr("Every entry matches the hash chain and every checkpoint's signature, and the anchor outside the "
                   "database agrees."));
        });
}

void AuditDialog::exportTo(const QString& path)
{
    const AuditFilter f = filter();
    const QString subject = m_subject->text();
    const QString native = QDir::toNativeSeparators(path);
    m_worker->run<CaseAuditTrail>(
        this, [f, subject, native](CaseAuditTrail& trail) { return trail.exportCsv(f, subject, native); },
        [this, path, native](Result<QByteArray> csv) {
            if (!csv) {
                MessageBox::critical(this, tr("Audit log not exported"), csv.errorMessage());
                return;
            }
            if (auto st = Files::writeAtomically(path, csv.value()); !st) {
                MessageBox::critical(this, tr("Audit log not exported"), st.errorMessage());
                return;
            }
            Q_EMIT message(tr("Audit log exported to %1.").arg(native));
            refresh();
        });
}

} // namespace Earmark::Gui
