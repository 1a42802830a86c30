#include "ui/cases/CasesWindow.h"

#include "cache/CacheWorker.h"
#include "cases/EvidencePack.h"
#include "ui/cases/CasePage.h"
#include "ui/cases/NewCaseDialog.h"
#include "ui/shell/MessageBox.h"
#include "ui/shell/StatusLine.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace Earmark::Gui {

namespace {
enum Column
{
    Reference,
    Type,
    State,
    Calls,
    Flags,
    Owner,
    Opened,
    ColumnCount,
};
}

CasesWindow::CasesWindow(CacheWorker* worker, std::function<QStringList()> selectedCalls, QWidget* parent)
    : ToolWindow(parent)
    , m_worker(worker)
    , m_selectedCalls(std::move(selectedCalls))
    , m_status(new QComboBox(this))
    , m_type(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_new(new QPushButton(tr("&New case…"), this))
    , m_list(new QTableWidget(0, ColumnCount, this))
    , m_page(new CasePage(this))
    , m_key(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_statusText(new StatusLine(this))
{
    setWindowTitle(tr("Cases"));
    setObjectName(QStringLiteral("casesWindow"));
    m_status->addItem(tr("Open cases"), int(CaseFilter::Status::Open));
    m_status->addItem(tr("Closed cases"), int(CaseFilter::Status::Closed));
    m_status->addItem(tr("All cases"), int(CaseFilter::Status::Any));
    m_status->setToolTip(tr("Which cases to list"));
    m_type->addItem(tr("Any type"), QString());
    m_type->addItem(tr("Complaints"), QStringLiteral("complaint"));
    m_type->addItem(tr("Queries"), QStringLiteral("query"));
    m_type->addItem(tr("Staff safety"), QStringLiteral("safety"));
    m_type->setToolTip(tr("Which kind of case to list"));
    m_search->setPlaceholderText(tr("Reference, case id or call id"));
    m_search->setClearButtonEnabled(true);
    m_list->setObjectName(QStringLiteral("caseList"));
    m_list->setHorizontalHeaderLabels(
        {tr("Reference"), tr("Type"), tr("Status"), tr("Calls"), tr("Flags"), tr("Owner"), tr("Opened")});
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->verticalHeader()->hide();
    // The list fits its pane (no sideways scrolling): the figures fit their contents, the reference takes the rest
    // and elides in the middle (its whole text and the case id in the tooltip).
    m_list->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->horizontalHeader()->setSectionResizeMode(Reference, QHeaderView::Stretch);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_list->setWordWrap(false);
    m_key->setObjectName(QStringLiteral("signingKey"));
    m_key->setReadOnly(true);
    m_key->setToolTip(tr("The key that signs evidence packs: give it to the recipient by another channel than the "
                         "pack; they check it with minisign -Vm tagmanifest-sha256.txt -P <key>"));
    auto* copy = new QToolButton(this);
    copy->setObjectName(QStringLiteral("copyKey"));
    copy->setText(tr("Copy"));
    copy->setToolTip(tr("Copy the public key to the clipboard"));
    connect(copy, &QToolButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_key->text());
        setDone(tr("Public key copied."));
    });
    m_statusText->setObjectName(QStringLiteral("casesStatus"));
    m_count->setObjectName(QStringLiteral("caseCount"));

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_status);
    filters->addWidget(m_type);
    filters->addWidget(m_search, 1);
    filters->addWidget(m_new);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_list);
    split->addWidget(m_page);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({460, 640}); // the list's columns fit at 1280 × 800
    auto* keyRow = new QHBoxLayout;
    auto* keyLabel = new QLabel(tr("Signing key (public):"), this);
    keyLabel->setObjectName(QStringLiteral("signingKeyLabel"));
    keyRow->addWidget(keyLabel);
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(copy);
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_count);
    statusRow->addSpacing(12);
    statusRow->addWidget(m_statusText, 1);
    statusRow->addWidget(closeButton());
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(split, 1);
    layout->addLayout(keyRow);
    layout->addLayout(statusRow);
    resize(1100, 680);

    connect(m_status, &QComboBox::currentIndexChanged, this, &CasesWindow::refresh);
    connect(m_type, &QComboBox::currentIndexChanged, this, &CasesWindow::refresh);
    connect(m_search, &QLineEdit::textChanged, this, &CasesWindow::refresh);
    connect(m_new, &QPushButton::clicked, this, &CasesWindow::newCase);
    connect(m_list, &QTableWidget::currentCellChanged, this, [this](int row, int, int previousRow) {
        const QTableWidgetItem* item = row >= 0 && row != previousRow ? m_list->item(row, Reference) : nullptr;
        if (item) {
            loadCase(item->data(Qt::UserRole).toString());
        }
    });
    connect(m_page, &CasePage::playRequested, this, &CasesWindow::playRequested);
    connect(m_page, &CasePage::noteRequested, this, [this](const QString& text) {
        const QString id = m_page->record().caseId;
        m_worker->run<Cases>(
            this, [id, text](Cases& cases) { return cases.addNote(id, text); },
            [this, id](Status st) { st ? changed(id, tr("Note added.")) : fail(tr("Add a note"), st.errorMessage()); });
    });
    connect(m_page, &CasePage::linkRequested, this, [this] {
        const QString id = m_page->record().caseId;
        m_worker->run<Cases>(
            this, [id](Cases& cases) { return cases.linkRespondentCalls(id); },
            [this, id](Result<QStringList> linked) {
                if (!linked) {
                    fail(tr("Link calls"), linked.errorMessage());
                    return;
                }
                changed(id,
                    linked->isEmpty() ? tr("No newer calls of the number to link.")
                                      : tr("%n call(s) of the number linked and held.", nullptr, int(linked->size())));
            });
    });
    connect(m_page, &CasePage::addCallsRequested, this, [this] {
        const QString id = m_page->record().caseId;
        const QStringList calls = m_selectedCalls ? m_selectedCalls() : QStringList();
        if (calls.isEmpty()) {
            setDone(tr("Select the calls to add in the call list first."));
            return;
        }
        m_worker->run<Cases>(
            this,
            [id, calls](Cases& cases) {
                for (const QString& call : calls) {
                    if (auto st = cases.addCall(id, call); !st) {
                        return st;
                    }
                }
                return Status {};
            },
            [this, id, n = int(calls.size())](Status st) {
                st ? changed(id, tr("%n call(s) added to the case and held.", nullptr, n))
                   : fail(tr("Add calls"), st.errorMessage());
            });
    });
    connect(m_page, &CasePage::removeCallRequested, this, [this](const QString& call) {
        const CaseRecord c = m_page->record();
        const QString name = c.respondentNames.value(call);
        const QString reason = MessageBox::getText(this, tr("Not this case's call"),
            tr("Why is %1%2 not a call of %3? (e.g. “another person on the same number”). The call is taken out of "
               "the case and its hold, and the reason is kept with the case.")
                .arg(call, name.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(name), c.reference));
        if (reason.isEmpty()) {
            setDone(tr("%1 stays in the case: a call is taken out with a reason.").arg(call));
            return;
        }
        m_worker->run<Cases>(
            this, [id = c.caseId, call, reason](Cases& cases) { return cases.removeCall(id, call, reason); },
            [this, id = c.caseId, call](Status st) {
                st ? changed(id, tr("%1 taken out of the case; the case no longer holds it.").arg(call))
                   : fail(tr("Take a call out"), st.errorMessage());
            });
    });
    // To another case (a flag's safety case): the filters are cleared so that it is in the list.
    connect(m_page, &CasePage::caseRequested, this, [this](const QString& caseId) {
        for (QWidget* w : std::initializer_list<QWidget*> {m_status, m_type, m_search}) {
            w->blockSignals(true);
        }
        m_status->setCurrentIndex(0);
        m_type->setCurrentIndex(0);
        m_search->clear();
        for (QWidget* w : std::initializer_list<QWidget*> {m_status, m_type, m_search}) {
            w->blockSignals(false);
        }
        showCase(caseId);
    });
    connect(m_page, &CasePage::addCallRequested, this, [this](const QString& call) {
        const QString id = m_page->record().caseId;
        m_worker->run<Cases>(
            this, [id, call](Cases& cases) { return cases.addCall(id, call); },
            [this, id, call](Status st) {
                st ? changed(id, tr("%1 added to the case and held.").arg(call))
                   : fail(tr("Add a call"), st.errorMessage());
            });
    });
    connect(m_page, &CasePage::closeRequested, this, [this] {
        const CaseRecord c = m_page->record();
        const QString reason = MessageBox::getText(this, tr("Close the case"),
            tr("Why is %1 closed? (e.g. “resolved: apology sent”). The reason is kept with the case and the hold on "
               "its %n call(s) is released with it.",
                nullptr, int(c.callIds.size()))
                .arg(c.reference));
        if (reason.isEmpty()) {
            m_statusText->setDone(tr("%1 is still open: a case is closed with a reason.").arg(c.reference));
            return;
        }
        m_worker->run<Cases>(
            this, [id = c.caseId, reason](Cases& cases) { return cases.close(id, reason); },
            [this, id = c.caseId](Status st) {
                st ? changed(id, tr("Case closed; its calls are no longer held by it."))
                   : fail(tr("Close the case"), st.errorMessage());
            });
    });
    connect(m_page, &CasePage::exportRequested, this, [this] {
        const CaseRecord c = m_page->record();
        QString safe = c.reference;
        safe.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
        const QString path = MessageBox::getSaveFileName(this, tr("Export evidence"),
            QDir::home().filePath(QStringLiteral("evidence-%1.zip").arg(safe)), tr("Evidence pack (*.zip)"));
        if (!path.isEmpty()) {
            exportEvidence(path);
        }
    });
    m_worker->run<EvidencePack>(
        this, [](EvidencePack& pack) { return pack.signingKey(); },
        [this](EvidencePack::SigningKeyText key) {
            m_key->setText(key.publicKey);
            // Named by the id the export messages and the packs' signatures give.
            if (auto* label = findChild<QLabel*>(QStringLiteral("signingKeyLabel"))) {
                label->setText(tr("Signing key %1 (public):").arg(key.keyId));
            }
        });
}

CaseFilter CasesWindow::filter() const
{
    CaseFilter f;
    f.status = static_cast<CaseFilter::Status>(m_status->currentData().toInt());
    f.type = m_type->currentData().toString();
    f.text = m_search->text().trimmed();
    return f;
}

void CasesWindow::refresh()
{
    const CaseFilter f = filter();
    const quint64 generation = ++m_generation;
    if (m_wanted.isEmpty() && m_page->hasCase()) {
        m_wanted = m_page->record().caseId;
    }
    m_worker->run<Cases>(
        this, [f](Cases& cases) { return cases.list(f); },
        [this, generation](Result<QList<CaseRecord>> cases) {
            if (generation != m_generation) {
                return;
            }
            if (!cases) {
                m_list->setRowCount(0);
                m_page->clear(cases.errorMessage());
                m_count->clear();
                m_statusText->setDone(cases.errorMessage());
                return;
            }
            const QString wanted = std::exchange(m_wanted, QString());
            m_list->blockSignals(true);
            m_list->setRowCount(int(cases->size()));
            int select = -1;
            for (int r = 0; r < cases->size(); ++r) {
                const CaseRecord& c = cases->at(r);
                const QStringList cells = {c.reference, c.type == QLatin1String("safety") ? tr("staff safety") : c.type,
                    c.isOpen() ? tr("open") : tr("closed"), QString::number(c.callIds.size()),
                    c.flagCount == 0 ? QString() : QString::number(c.flagCount), c.owner,
                    QDateTime::fromSecsSinceEpoch(c.openedUtc).toString(QStringLiteral("yyyy-MM-dd"))};
                for (int col = 0; col < ColumnCount; ++col) {
                    auto* item = new QTableWidgetItem(cells.at(col));
                    item->setData(Qt::UserRole, c.caseId);
                    if (col == Reference) {
                        item->setToolTip(QStringLiteral("%1 (%2)").arg(c.reference, c.caseId));
                    }
                    m_list->setItem(r, col, item);
                }
                if (c.caseId == wanted) {
                    select = r;
                }
            }
            m_list->blockSignals(false);
            m_count->setText(cases->isEmpty() ? tr("No cases match. Open one with New case…, or flag a moment "
                                                   "from the player (Cases menu).")
                    : cases->size() == 1      ? tr("1 case")
                                              : tr("%1 cases").arg(cases->size()));
            if (select < 0 && !cases->isEmpty()) {
                select = 0;
            }
            if (select >= 0) {
                m_list->blockSignals(true); // the case is loaded once, here
                m_list->setCurrentCell(select, Reference);
                m_list->blockSignals(false);
                loadCase(cases->at(select).caseId);
            } else {
                m_page->clear(tr("No case selected."));
            }
        });
}

void CasesWindow::showCase(const QString& caseId)
{
    m_wanted = caseId;
    refresh();
}

void CasesWindow::loadCase(const QString& caseId)
{
    m_worker->run<Cases>(
        this, [caseId](Cases& cases) { return cases.get(caseId); },
        [this](Result<CaseRecord> c) {
            if (c) {
                m_page->showCase(c.value());
            } else {
                m_page->clear(c.errorMessage());
            }
        });
}

void CasesWindow::newCase()
{
    auto* dialog = new NewCaseDialog(m_selectedCalls ? m_selectedCalls() : QStringList(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewCaseDialog::submitted, this, [this, dialog] {
        const NewCase request = dialog->request();
        m_statusText->setBusy(tr("Opening the case…"));
        m_worker->run<Cases>(
            this, [request](Cases& cases) { return cases.create(request); },
            [this, dialog = QPointer<NewCaseDialog>(dialog)](Result<CaseRecord> c) {
                if (!c) {
                    setDone(tr("The case was not opened: %1").arg(c.errorMessage()));
                    if (dialog) {
                        dialog->failed(c.errorMessage()); // what was typed stays, to be corrected
                    }
                    return;
                }
                if (dialog) {
                    dialog->succeeded();
                }
                // The filters show open cases of any type: the new one is among them.
                m_status->blockSignals(true);
                m_type->blockSignals(true);
                m_search->blockSignals(true);
                m_status->setCurrentIndex(0);
                m_type->setCurrentIndex(0);
                m_search->clear();
                m_status->blockSignals(false);
                m_type->blockSignals(false);
                m_search->blockSignals(false);
                changed(c->caseId,
                    tr("Case %1 opened with %n call(s), held while it is open.", nullptr, int(c->callIds.size()))
                        .arg(c->reference));
            });
    });
    dialog->show();
}

void CasesWindow::exportEvidence(const QString& zipPath)
{
    const QString id = m_page->record().caseId;
    if (id.isEmpty()) {
        return;
    }
    auto progress = std::make_shared<Progress>();
    m_statusText->setBusy(
        tr("Writing the evidence pack (the original audio may be fetched from the store first)…"), progress);
    m_page->setExporting(true);
    m_worker->run<EvidencePack>(
        this, [id, zipPath, progress](EvidencePack& pack) { return pack.write(id, zipPath, progress.get()); },
        [this](Result<EvidenceSummary> s) {
            m_page->setExporting(false);
            if (!s && Progress::isCancelledMessage(s.errorMessage())) {
                setDone(s.errorMessage());
                return;
            }
            if (!s) {
                fail(tr("Export evidence"), s.errorMessage());
                return;
            }
            setDone(tr("Evidence pack written: %1 (%n call(s), %2 files, %3), signed with key %4 (shown below).",
                        nullptr, s->calls)
                        .arg(QDir::toNativeSeparators(s->zipPath))
                        .arg(s->files)
                        .arg(QLocale().formattedDataSize(s->bytes))
                        .arg(s->keyId)
                + (s->destroyedCalls.isEmpty() ? QString()
                                               : QLatin1Char(' ')
                            + tr("%n call(s) of the case were already destroyed and are listed as such.", nullptr,
                                int(s->destroyedCalls.size()))));
        });
}

void CasesWindow::changed(const QString& caseId, const QString& text)
{
    setDone(text);
    m_page->noteEdit()->clear();
    showCase(caseId);
    Q_EMIT casesChanged();
}

void CasesWindow::fail(const QString& title, const QString& error)
{
    setDone(tr("%1: %2").arg(title, error));
    MessageBox::critical(this, title, error);
}

void CasesWindow::setDone(const QString& text)
{
    m_statusText->setDone(text);
    Q_EMIT message(text);
}

QString CasesWindow::statusText() const
{
    return m_statusText->text();
}

} // namespace Earmark::Gui
