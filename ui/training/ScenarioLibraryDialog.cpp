#include "ui/training/ScenarioLibraryDialog.h"

#include "audio/CallAudio.h"
#include "cache/CacheWorker.h"
#include "core/TimeText.h"
#include "ui/player/PlayerWidget.h"
#include "ui/player/WaveformWidget.h"
#include "ui/shell/MessageBox.h"
#include "ui/shell/StatusLine.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Earmark::Gui {

ScenarioLibraryDialog::ScenarioLibraryDialog(CacheWorker* worker, QWidget* parent)
    : QDialog(parent)
    , m_worker(worker)
    , m_category(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_list(new QTreeWidget(this))
    , m_detail(new QTextBrowser(this))
    , m_player(new PlayerWidget(this))
    , m_staff(new QComboBox(this))
    , m_status(new StatusLine(this))
{
    setWindowTitle(tr("Training library"));
    setObjectName(QStringLiteral("trainingLibrary"));
    m_category->addItem(tr("All categories"), QString());
    for (const QString& c : Scenario::categories()) {
        m_category->addItem(c, c);
    }
    m_search->setPlaceholderText(tr("Search titles, notes, tags and transcripts"));
    m_search->setClearButtonEnabled(true);
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Title"), tr("Category"), tr("Difficulty"), tr("Length"), tr("Added")});
    // The title takes what the other columns leave (elided in the middle, whole in its tooltip); they fit their
    // headers and values, so none is cut at any width the splitter allows.
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->setTextElideMode(Qt::ElideMiddle);
    auto* exportButton = new QPushButton(tr("Export training pack…"), this);
    auto* removeButton = new QPushButton(tr("Remove"), this);
    removeButton->setObjectName(QStringLiteral("removeScenario"));
    auto* filters = new QHBoxLayout;
    filters->addWidget(m_category);
    filters->addWidget(m_search, 1);
    // The staff's names in scenarios made from now on (those already made keep the text they were stored with).
    m_staff->setObjectName(QStringLiteral("staffPolicy"));
    m_staff->addItem(tr("Staff names: pseudonymised ([AGENT_1])"), int(Anonymise::StaffPolicy::Pseudonymise));
    m_staff->addItem(tr("Staff names: removed ([AGENT])"), int(Anonymise::StaffPolicy::Remove));
    m_staff->addItem(tr("Staff names: kept"), int(Anonymise::StaffPolicy::Keep));
    m_staff->setToolTip(tr("What new scenarios do with the names of the company's staff; scenarios already in the "
                           "library keep the text they were made with"));
    filters->addWidget(m_staff);
    auto* right = new QWidget(this);
    auto* rl = new QVBoxLayout(right);
    rl->setContentsMargins(0, 0, 0, 0);
    rl->addWidget(m_player);
    rl->addWidget(m_detail, 1);
    auto* split = new QSplitter(this);
    split->addWidget(m_list);
    split->addWidget(right);
    split->setChildrenCollapsible(false);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({600, 500});
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(exportButton, QDialogButtonBox::ActionRole);
    buttons->addButton(removeButton, QDialogButtonBox::ActionRole);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(1100, 700);
    // Return in the search box searches; it never presses a button (the export would open a file dialog).
    for (QPushButton* b : findChildren<QPushButton*>()) {
        b->setAutoDefault(false);
        b->setDefault(false);
    }
    m_player->unload(tr("Choose a scenario to hear its clip."));
    m_player->waveform()->setEmptyText(tr("Choose a scenario to hear its clip"));

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_staff, &QComboBox::activated, this, [this] {
        const auto policy = static_cast<Anonymise::StaffPolicy>(m_staff->currentData().toInt());
        m_worker->run<ScenarioLibrary>(
            this, [policy](ScenarioLibrary& library) { return library.setStaffPolicy(policy).errorMessage(); },
            [this](QString error) {
                m_status->setDone(error.isEmpty() ? tr("New scenarios: %1.").arg(m_staff->currentText())
                                                  : tr("The policy could not be saved: %1").arg(error));
                Q_EMIT staffPolicySaved(error);
            });
    });
    connect(m_category, &QComboBox::activated, this, &ScenarioLibraryDialog::refresh);
    connect(m_search, &QLineEdit::returnPressed, this, &ScenarioLibraryDialog::refresh);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& t) {
        if (t.isEmpty()) {
            refresh();
        }
    });
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item) {
            open(item->data(0, Qt::UserRole).toLongLong());
        }
    });
    // A zip file to send or share, or a folder to open at once.
    auto* exportMenu = new QMenu(exportButton);
    connect(exportMenu->addAction(tr("As a zip file…")), &QAction::triggered, this, [this] {
        const QString path = MessageBox::getSaveFileName(this, tr("Save the training pack"),
            QDir::home().filePath(tr("training-pack.zip")), tr("Zip archive (*.zip)"));
        if (!path.isEmpty()) {
            exportPack(path.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive) ? path : path + QStringLiteral(".zip"),
                tr("Training pack"));
        }
    });
    connect(exportMenu->addAction(tr("Into a folder…")), &QAction::triggered, this, [this] {
        const QString folder
            = QFileDialog::getExistingDirectory(this, tr("Folder for the training pack"), QDir::homePath());
        if (!folder.isEmpty()) {
            exportPack(folder, tr("Training pack"));
        }
    });
    exportButton->setMenu(exportMenu);
    removeButton->setEnabled(false); // until a scenario is chosen
    connect(m_list, &QTreeWidget::currentItemChanged, removeButton,
        [removeButton](QTreeWidgetItem* item) { removeButton->setEnabled(item != nullptr); });
    connect(removeButton, &QPushButton::clicked, this, [this] {
        QTreeWidgetItem* item = m_list->currentItem();
        if (!item
            || MessageBox::question(this, tr("Remove"), tr("Remove this scenario from the library?"))
                != QMessageBox::Yes) {
            return;
        }
        const qint64 id = item->data(0, Qt::UserRole).toLongLong();
        m_worker->run<ScenarioLibrary>(
            this, [id](ScenarioLibrary& library) { return library.remove(id); },
            [this](Status removed) {
                if (!removed) {
                    MessageBox::critical(this, tr("Remove"), removed.errorMessage());
                }
                refresh();
            });
    });
}

void ScenarioLibraryDialog::showEverything()
{
    const QSignalBlocker quietSearch(m_search);
    const QSignalBlocker quietCategory(m_category);
    m_search->clear();
    m_category->setCurrentIndex(0);
    if (!m_status->isBusy()) {
        m_status->setDone(QString()); // the last export's line belonged to that visit
    }
    refresh();
}

void ScenarioLibraryDialog::refresh()
{
    m_worker->run<ScenarioLibrary>(
        this, [](ScenarioLibrary& library) { return int(library.staffPolicy()); },
        [this](int policy) { m_staff->setCurrentIndex(std::max(0, m_staff->findData(policy))); });
    const QString category = m_category->currentData().toString();
    const QString words = m_search->text();
    m_worker->run<ScenarioLibrary>(
        this, [category, words](ScenarioLibrary& library) { return library.list(category, words); },
        [this](Result<QList<Scenario>> list) {
            m_list->clear();
            if (!list) {
                m_scenarios.clear();
                m_detail->setPlainText(tr("The library cannot be read: %1").arg(list.errorMessage()));
                Q_EMIT refreshed();
                return;
            }
            m_scenarios = list.value();
            for (const Scenario& s : std::as_const(m_scenarios)) {
                auto* item = new QTreeWidgetItem(m_list,
                    {s.title, s.category, QString::number(s.difficulty), clockText(s.endS - s.startS),
                        QDateTime::fromSecsSinceEpoch(s.createdUtc).toString(QStringLiteral("yyyy-MM-dd"))});
                item->setData(0, Qt::UserRole, s.id);
                item->setToolTip(0, s.title);
            }
            // The splitter never squeezes the list below its fixed columns and a readable title.
            int fixed = 0;
            const int padding = m_list->fontMetrics().horizontalAdvance(QStringLiteral("MM"));
            for (int c = 1; c < m_list->columnCount(); ++c) {
                int widest = m_list->header()->sectionSizeHint(c);
                for (int r = 0; r < m_list->topLevelItemCount(); ++r) {
                    widest = std::max(
                        widest, m_list->fontMetrics().horizontalAdvance(m_list->topLevelItem(r)->text(c)) + padding);
                }
                fixed += widest;
            }
            m_list->setMinimumWidth(
                fixed + 160 + 2 * m_list->frameWidth() + m_list->verticalScrollBar()->sizeHint().width());
            Q_EMIT refreshed();
        });
}

void ScenarioLibraryDialog::open(qint64 id)
{
    m_worker->run<ScenarioLibrary>(
        this, [id](ScenarioLibrary& library) { return library.get(id); },
        [this, id](Result<Scenario> s) {
            if (!s) {
                m_detail->setPlainText(s.errorMessage());
                return;
            }
            // Only the sections the trainer wrote: no empty headings, no dot for tags it has none of.
            QString html = QStringLiteral("<h2>%1</h2><p>%2</p>")
                               .arg(s->title.toHtmlEscaped(), ScenarioLibrary::summaryLine(*s).toHtmlEscaped());
            if (!s->objectives.trimmed().isEmpty()) {
                html += tr("<h3>Learning objectives</h3><p>%1</p>").arg(s->objectives.toHtmlEscaped());
            }
            if (!s->notes.trimmed().isEmpty()) {
                html += tr("<h3>Notes</h3><p>%1</p>").arg(s->notes.toHtmlEscaped());
            }
            html += tr("<h3>Transcript (anonymised)</h3>");
            for (const QJsonValue v : s->excerpt.value(QStringLiteral("segments")).toArray()) {
                const QJsonObject seg = v.toObject();
                html += QStringLiteral("<p><b>%1</b> <span style='color:#777'>%2</span><br>%3</p>")
                            .arg(ScenarioLibrary::speakerLabel(seg.value(QStringLiteral("speaker")).toString()),
                                clockText(seg.value(QStringLiteral("start_s")).toDouble()),
                                seg.value(QStringLiteral("text")).toString().toHtmlEscaped());
            }
            m_detail->setHtml(html);
            auto decoded = CallAudio::decode(s->clip, s->clipLayout);
            if (decoded) {
                m_player->load(decoded.value());
            } else {
                m_player->unload(decoded.errorMessage());
            }
            Q_EMIT opened(id);
        });
}

QString ScenarioLibraryDialog::detailText() const
{
    return m_detail->toPlainText();
}

void ScenarioLibraryDialog::exportPack(const QString& folder, const QString& title)
{
    QList<qint64> ids;
    for (const Scenario& s : std::as_const(m_scenarios)) {
        ids << s.id;
    }
    auto progress = std::make_shared<Progress>();
    m_status->setBusy(tr("Writing the training pack (%n scenario(s))…", nullptr, int(ids.size())), progress);
    m_worker->run<ScenarioLibrary>(
        this,
        [ids, folder, title, progress](
            ScenarioLibrary& library) { return library.exportPack(ids, folder, title, progress.get()).errorMessage(); },
        [this, folder, count = int(ids.size())](QString error) {
            if (Progress::isCancelledMessage(error)) {
                m_status->setDone(error);
            } else if (!error.isEmpty()) {
                m_status->setDone(tr("The training pack was not written."));
                MessageBox::critical(this, tr("Export training pack"), error);
            } else {
                m_status->setDone(tr("Training pack written: %1 (%n scenario(s)).", nullptr, count)
                                      .arg(QDir::toNativeSeparators(folder)));
            }
            Q_EMIT exported(folder, error);
        });
}

} // namespace Earmark::Gui
