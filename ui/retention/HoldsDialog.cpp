#include "ui/retention/HoldsDialog.h"

#include "cache/CacheFolder.h"
#include "cache/CacheWorker.h"
#include "core/TimeText.h"
#include "keys/KeyInfo.h"
#include "ui/retention/CertificatesPage.h"
#include "ui/shell/EmptyState.h"
#include "ui/shell/MessageBox.h"
#include "ui/shell/RecordTable.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>
#include <algorithm>

namespace Earmark::Gui {

namespace {
QTableWidget* makeTable(const QStringList& headers, QWidget* parent)
{
    auto* t = new QTableWidget(parent);
    RecordTable::setUp(t, headers);
    return t;
}

void setRow(QTableWidget* t, int row, const QStringList& cells)
{
    for (int c = 0; c < cells.size(); ++c) {
        auto* item = new QTableWidgetItem(cells.at(c));
        item->setToolTip(cells.at(c));
        t->setItem(row, c, item);
    }
}

QString day(qint64 utc)
{
    return QDateTime::fromSecsSinceEpoch(utc, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd"));
}

} // namespace

HoldsDialog::HoldsDialog(CacheWorker* worker, const QString& cacheDir, QWidget* parent)
    : QDialog(parent)
    , m_worker(worker)
    , m_cacheDir(cacheDir)
    , m_tabs(new QTabWidget(this))
    , m_filter(new QLineEdit(this))
    , m_released(new QCheckBox(tr("Show &released holds"), this))
    , m_holds(makeTable(
          {tr("Hold"), tr("Case"), tr("Calls"), tr("Placed by"), tr("Placed"), tr("Age"), tr("Reason"), tr("Released")},
          this))
    , m_release(new QPushButton(tr("&Release…"), this))
    , m_policy(new QLabel(this))
    , m_backupNote(new QLabel(this))
    , m_waiting(new QLabel(this))
    , m_due(makeTable({tr("Call"), tr("Started"), tr("Due")}, this))
    , m_held(makeTable({tr("Call"), tr("Due"), tr("Kept by")}, this))
    , m_run(new QPushButton(tr("Run retention &now…"), this))
    , m_asOf(new QDateEdit(QDate::currentDate(), this))
    , m_dueLabel(new QLabel(this))
    , m_certificates(new CertificatesPage(worker, this))
{
    setWindowTitle(tr("Holds and retention"));
    setObjectName(QStringLiteral("holdsDialog"));
    auto* holdsPage = new QWidget(this);
    auto* hl = new QVBoxLayout(holdsPage);
    auto* filters = new QHBoxLayout;
    m_filter->setPlaceholderText(tr("Filter by case, reason, call or hold id"));
    m_filter->setClearButtonEnabled(true);
    filters->addWidget(m_filter, 1);
    filters->addWidget(m_released);
    hl->addLayout(filters);
    hl->addWidget(m_holds, 1);
    m_holds->horizontalHeader()->setStretchLastSection(false);
    m_holds->horizontalHeader()->setSectionResizeMode(6, QHeaderView::Stretch); // the reason: what is left
    m_holds->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* holdButtons = new QHBoxLayout;
    holdButtons->addStretch(1);
    holdButtons->addWidget(m_release);
    hl->addLayout(holdButtons);
    m_tabs->addTab(holdsPage, tr("&Holds"));

    auto* retentionPage = new QWidget(this);
    auto* rl = new QVBoxLayout(retentionPage);
    m_policy->setWordWrap(true);
    m_backupNote->setWordWrap(true);
    m_backupNote->setObjectName(QStringLiteral("backupNote"));
    rl->addWidget(m_policy);
    rl->addWidget(m_backupNote);
    m_waiting->setWordWrap(true);
    m_waiting->setObjectName(QStringLiteral("erasuresWaiting"));
    m_waiting->hide();
    rl->addWidget(m_waiting);
    // A later day shows what retention will destroy by then (what to warn a complaint handler about); a run is
    // always as of today.
    auto* asOfRow = new QHBoxLayout;
    auto* asOfLabel = new QLabel(tr("Preview &as of"), this);
    asOfLabel->setBuddy(m_asOf);
    m_asOf->setObjectName(QStringLiteral("retentionAsOf"));
    m_asOf->setCalendarPopup(true);
    m_asOf->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_asOf->setMinimumDate(QDate::currentDate());
    m_asOf->setToolTip(tr("Today, or a later day: which calls retention will have destroyed by then"));
    asOfRow->addWidget(asOfLabel);
    asOfRow->addWidget(m_asOf);
    asOfRow->addStretch(1);
    rl->addLayout(asOfRow);
    rl->addWidget(m_dueLabel);
    rl->addWidget(m_due, 2);
    rl->addWidget(new QLabel(tr("Due, but kept by holds:"), this));
    rl->addWidget(m_held, 1);
    auto* runRow = new QHBoxLayout;
    runRow->addStretch(1);
    runRow->addWidget(m_run);
    rl->addLayout(runRow);
    m_tabs->addTab(retentionPage, tr("Re&tention"));
    m_tabs->addTab(m_certificates, tr("&Certificates"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(close);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_filter, &QLineEdit::textChanged, this, &HoldsDialog::applyFilter);
    connect(m_released, &QCheckBox::toggled, this, &HoldsDialog::refresh);
    connect(m_asOf, &QDateEdit::dateChanged, this, &HoldsDialog::refreshPreview);
    connect(m_release, &QPushButton::clicked, this, &HoldsDialog::releaseSelected);
    connect(m_run, &QPushButton::clicked, this, &HoldsDialog::runRetention);
    connect(m_holds, &QTableWidget::itemSelectionChanged, this, [this] {
        // A case's or a request's hold is released with it: said before any reason is typed.
        const int row = m_holds->currentRow();
        const Hold* h = row >= 0 && row < m_allHolds.size() ? &m_allHolds.at(row) : nullptr;
        m_release->setEnabled(h && h->isOpen() && h->owner == Hold::Owner::None);
        m_release->setToolTip(!h || !h->isOpen() ? tr("Select an open hold to release it")
                : h->owner == Hold::Owner::Case
                ? tr("Hold of the open case %1: close the case in Cases › Cases… (Close case…), which releases it.")
                      .arg(h->ownerRef)
                : h->owner == Hold::Owner::Request
                ? tr("Kept for the subject access request %1: released when it is completed or refused (Cases › "
                     "Subject access requests…).")
                      .arg(h->ownerRef)
                : tr("Release the hold, with the reason"));
    });
    m_release->setEnabled(false);
    m_release->setObjectName(QStringLiteral("releaseHold"));
    m_holdsEmpty = new EmptyState(m_holds,
        tr("No hold. A hold keeps calls past their retention date for a complaint or a request: select the calls in "
           "the list, then Admin › Hold the selected calls."));
    m_dueEmpty = new EmptyState(m_due, tr("Nothing is due: no call is past the retention period."));
    m_heldEmpty = new EmptyState(m_held, tr("No due call is kept by a hold."));

    // Passphrase mode cannot make copies of the cache made before a run unreadable: say so where it matters.
    auto info = KeyInfo::load(CacheFolder(cacheDir).keyInfoPath());
    const bool passphrase = info && info->mode == KeyMode::Passphrase;
    m_backupNote->setText(
        tr("<b>This cache is protected by a passphrase.</b> A copy of it made before a run (a backup, a disk image) "
           "still opens with the passphrase and still holds the calls the run destroyed: destroy backups of this "
           "cache on the same schedule."));
    m_backupNote->setVisible(passphrase);
    resize(900, 560);
}

void HoldsDialog::refresh()
{
    const bool released = m_released->isChecked();
    m_worker->run<Holds>(
        this, [released](Holds& holds) { return holds.list(released); },
        [this](Result<QList<Hold>> holds) {
            if (!holds) {
                MessageBox::critical(this, tr("Holds"), holds.errorMessage());
                return;
            }
            showHolds(holds.value());
        });
    refreshPreview();
    m_certificates->refresh();
}

bool HoldsDialog::previewIsToday() const
{
    return m_asOf->date() <= QDate::currentDate();
}

void HoldsDialog::refreshPreview()
{
    // Today: as of now (what a run now destroys); a later day: as of its start (00:00 UTC), as the CLI's --now.
    const qint64 asOf = previewIsToday() ? QDateTime::currentSecsSinceEpoch()
                                         : QDateTime(m_asOf->date(), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
    m_worker->run<Retention>(
        this, [asOf](Retention& r) { return r.preview(asOf); },
        [this](Result<RetentionPreview> preview) {
            if (!preview) {
                m_policy->setText(tr("The retention preview could not be read: %1").arg(preview.errorMessage()));
                return;
            }
            showPreview(preview.value());
        });
}

void HoldsDialog::showHolds(const QList<Hold>& holds)
{
    m_allHolds = holds;
    m_holds->setRowCount(static_cast<int>(holds.size()));
    for (int i = 0; i < holds.size(); ++i) {
        const Hold& h = holds.at(i);
        setRow(m_holds, i,
            {h.holdId, h.caseRef, h.callIds.join(QStringLiteral(", ")), h.placedBy, day(h.placedUtc),
                tr("%n day(s)", nullptr, h.ageDays(QDateTime::currentSecsSinceEpoch())), h.reason,
                h.isOpen() ? QString() : tr("%1 by %2: %3").arg(day(h.releasedUtc), h.releasedBy, h.releaseReason)});
    }
    // The reason takes the width the other columns leave (elided, whole in its tooltip), so that the table never
    // scrolls sideways; when a hold was released is shown only with the released ones.
    m_holds->setColumnHidden(7, !m_released->isChecked());
    m_holds->resizeColumnsToContents();
    const int em = m_holds->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    m_holds->setColumnWidth(2, std::min(m_holds->columnWidth(2), em * 16)); // several calls: all in the tooltip
    m_holds->setColumnWidth(7, std::min(m_holds->columnWidth(7), em * 18));
    applyFilter();
}

void HoldsDialog::applyFilter()
{
    const QString text = m_filter->text().trimmed();
    for (int row = 0; row < m_holds->rowCount(); ++row) {
        bool match = text.isEmpty();
        for (int c : {0, 1, 2, 6}) {
            match = match || m_holds->item(row, c)->text().contains(text, Qt::CaseInsensitive);
        }
        m_holds->setRowHidden(row, !match);
    }
    if (m_holdsEmpty) {
        m_holdsEmpty->setText(m_holds->rowCount() > 0 ? tr("No hold matches \u201c%1\u201d.").arg(text)
                : m_released->isChecked()
                ? tr("No hold has ever been placed in this cache.")
                : tr("No open hold. A hold keeps calls past their retention date for a complaint or a request: "
                     "select the calls in the list, then Admin › Hold the selected calls."));
        m_holdsEmpty->update();
    }
}

void HoldsDialog::showPreview(const RetentionPreview& p)
{
    m_policy->setText(
        tr("Calls are kept <b>%n day(s)</b> after they started (%1), then destroyed; a hold keeps a call past that "
           "until it is released.",
            nullptr, p.policy.days)
            .arg(p.policy.fromStore ? tr("retention_days in the recording store's store.json")
                                    : tr("the default: the store's store.json sets no period")));
    m_dueCount = static_cast<int>(p.due.size());
    m_due->setRowCount(m_dueCount);
    for (int i = 0; i < p.due.size(); ++i) {
        setRow(m_due, i, {p.due.at(i).callId, utcText(p.due.at(i).startUtc), day(p.due.at(i).dueUtc)});
    }
    m_held->setRowCount(static_cast<int>(p.held.size()));
    for (int i = 0; i < p.held.size(); ++i) {
        setRow(m_held, i,
            {p.held.at(i).callId, day(p.held.at(i).dueUtc), p.held.at(i).holdIds.join(QStringLiteral(", "))});
    }
    m_due->resizeColumnsToContents();
    m_held->resizeColumnsToContents();
    m_waiting->setVisible(!p.erasuresWaiting.isEmpty());
    m_waiting->setText(tr("<b>Erasure notices wait for holds:</b> %1. The provider asked for these calls to be erased; "
                          "a legal hold keeps them, and the notice is applied when the call's last hold is released.")
                           .arg(p.erasuresWaiting.join(QStringLiteral(", "))));
    const bool today = previewIsToday();
    const QString when = m_asOf->date().toString(QStringLiteral("yyyy-MM-dd"));
    m_dueLabel->setText(today ? tr("The next run destroys:") : tr("By %1, retention will have destroyed:").arg(when));
    m_run->setEnabled(today && m_dueCount > 0);
    m_run->setToolTip(!today ? tr("A run applies the rule as of today: set the day back to today to run it.")
            : m_dueCount > 0
            ? tr("Destroys the calls listed above now, with a signed certificate (runs also follow every sync)")
            : tr("Nothing to run: no call is past the %n-day retention period.", nullptr, p.policy.days));
    m_dueEmpty->setText(today ? tr("Nothing is due: no call is past the %n-day retention period. The oldest calls "
                                   "reach it first; runs follow every sync.",
                            nullptr, p.policy.days)
                              : tr("Nothing will be due by %1: no call reaches the %n-day retention period before "
                                   "then.",
                                  nullptr, p.policy.days)
                                    .arg(when));
}

void HoldsDialog::showHoldsMatching(const QString& text)
{
    m_tabs->setCurrentIndex(0);
    m_filter->setText(text);
}

void HoldsDialog::showRetention()
{
    m_tabs->setCurrentIndex(1);
}

void HoldsDialog::showCertificates()
{
    m_tabs->setCurrentIndex(2);
}

void HoldsDialog::releaseSelected()
{
    const int row = m_holds->currentRow();
    if (row < 0) {
        return;
    }
    const QString holdId = m_holds->item(row, 0)->text();
    const QString reason = MessageBox::getText(this, tr("Release hold %1").arg(holdId),
        tr("Why is hold %1 (case %2) released? The calls' retention dates apply again: calls already past them are "
           "destroyed by the next run, and erasure notices that waited are applied now.")
            .arg(holdId, m_holds->item(row, 1)->text()),
        true);
    if (reason.trimmed().isEmpty()) {
        return;
    }
    m_worker->run<Holds>(
        this, [holdId, reason](Holds& holds) { return holds.release(holdId, reason); },
        [this, holdId](Result<HoldRelease> released) {
            if (!released) {
                MessageBox::critical(this, tr("Hold not released"), released.errorMessage());
                return;
            }
            QString message = tr("Hold %1 released.").arg(holdId);
            if (released->erasuresApplied > 0) {
                message += QLatin1Char(' ')
                    + tr("%n waiting erasure notice(s) applied.", nullptr, released->erasuresApplied);
            }
            if (!released->stillHeld.isEmpty()) {
                message += QLatin1Char(' ')
                    + tr("Other holds still keep %1.").arg(released->stillHeld.join(QStringLiteral(", ")));
            }
            Q_EMIT changed(message);
            refresh();
        });
}

void HoldsDialog::runRetention()
{
    if (m_dueCount == 0 || !previewIsToday()) {
        return;
    }
    if (MessageBox::question(this, tr("Run retention now"),
            tr("Destroy %n call(s) past the retention period now? This cannot be undone; a signed destruction "
               "certificate records it.",
                nullptr, m_dueCount))
        != QMessageBox::Yes) {
        return;
    }
    Q_EMIT retentionRequested();
}

} // namespace Earmark::Gui
