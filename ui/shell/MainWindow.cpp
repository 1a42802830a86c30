#include "ui/shell/MainWindow.h"

#include "browse/CallListModel.h"
#include "cache/CacheWorker.h"
#include "cache/RoleDirectory.h"
#include "sync/BackgroundSync.h"
#include "ui/browse/CallDetailPane.h"
#include "ui/browse/CallListColumns.h"
#include "ui/browse/CallListMenu.h"
#include "ui/browse/FilterBar.h"
#include "ui/browse/SelectionKeeper.h"
#include "ui/cases/CaseActions.h"
#include "ui/evaluation/EvaluationPanel.h"
#include "ui/player/PlayerWidget.h"
#include "ui/quality/QualityActions.h"
#include "ui/redaction/AnonymisedView.h"
#include "ui/retention/AdminActions.h"
#include "ui/shell/MainStatus.h"
#include "ui/shell/MessageBox.h"
#include "ui/shell/RejectionsDialog.h"
#include "ui/shell/RoleGate.h"
#include "ui/shell/ShellActions.h"
#include "ui/transcript/TranscriptActions.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Earmark::Gui {

MainWindow::MainWindow(CacheWorker* worker, const QString& cacheDir, QWidget* parent)
    : QMainWindow(parent)
    , m_worker(worker)
    , m_cacheDir(cacheDir)
    , m_model(new CallListModel(worker, this))
    , m_filters(new FilterBar(this))
    , m_view(new QTableView(this))
    , m_detail(new CallDetailPane(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_sync(new BackgroundSync(worker, this))
    , m_rejections(new RejectionsDialog(this))
    , m_quality(nullptr)
    , m_gate(new RoleGate(this))
    , m_status(new MainStatus(statusBar()))
    , m_roleLabel(new QLabel(this))
{
    setWindowTitle(tr("Earmark"));
    setObjectName(QStringLiteral("mainWindow"));
    m_view->setObjectName(QStringLiteral("callList"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(static_cast<int>(CallColumn::Start), Qt::DescendingOrder);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_keeper = new SelectionKeeper(m_view, m_model); // the same calls stay selected over a refresh (a hold, a sync)
    m_detail->setWorker(worker);

    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filters);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);

    m_roleLabel->setObjectName(QStringLiteral("roleLabel"));
    statusBar()->addPermanentWidget(m_roleLabel);
    m_status->setText(tr("Opening the cache in %1…").arg(QDir::toNativeSeparators(cacheDir)));

    buildActions();
    connect(m_filters, &FilterBar::problem, this, &MainWindow::showMessage);
    connect(m_filters, &FilterBar::filterChanged, this, [this](CallFilter f) {
        const CallFilter current = m_model->filter();
        f.sortColumn = current.sortColumn;
        f.descending = current.descending;
        m_model->setFilter(f);
        updateCount();
    });
    connect(m_model, &CallListModel::countChanged, this, &MainWindow::updateCount);
    connect(m_model, &CallListModel::loadFailed, this,
        [this](const QString& message) { m_status->setText(tr("Could not read the cache: %1").arg(message)); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& index) {
        const QString id = index.siblingAtColumn(0).data(CallListModel::CallIdRole).toString();
        if (!id.isEmpty()) {
            m_detail->showCall(id);
        }
    });
    // The list's current row is the call shown, wherever it was opened from; Enter opens the current row again.
    connect(m_detail, &CallDetailPane::callChosen, m_keeper, &SelectionKeeper::followCall);
    connect(m_keeper, &SelectionKeeper::openRequested, m_detail, &CallDetailPane::showCall);
    connect(m_model, &CallListModel::pageLoaded, this, [this] {
        // A row selected before its page arrived gets its details now.
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid()) {
            m_detail->showCall(current.siblingAtColumn(0).data(CallListModel::CallIdRole).toString());
        }
    });
    connect(m_detail, &CallDetailPane::audioReady, this, [this](const QString& id, bool available) {
        if (id == m_playWhenReady) {
            m_playWhenReady.clear();
            if (available) {
                m_detail->seek(m_playAt);
                m_detail->player()->engine()->play();
            }
        }
    });
    connect(m_detail->evaluation(), &EvaluationPanel::evaluationChanged, this, [this] {
        // The list's Evaluated column follows what the panel did (started, saved, submitted, resolved).
        if (const auto& e = m_detail->evaluation()->current()) {
            m_model->noteEvaluation(e->callId, e->reviewer, stateName(e->state), e->score);
        }
    });
    connect(m_detail, &CallDetailPane::loaded, this, [this](const QString& id) {
        if (id != m_playWhenReady) {
            m_playWhenReady.clear(); // another call was chosen before this one's audio was ready
        }
    });
    connect(m_sync, &BackgroundSync::progress, this, &MainWindow::onSyncProgress);
    connect(m_sync, &BackgroundSync::finished, this, &MainWindow::onSyncFinished);

    QSettings settings;
    resize(1280, 800);
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    m_detail->restoreLayout();
    auto* columns = new CallListColumns(m_view);
    m_columns = columns;
    connect(m_revealAction, &QAction::toggled, columns, &CallListColumns::fitPhones);
    if (!m_view->horizontalHeader()->restoreState(settings.value(QStringLiteral("window/callColumns")).toByteArray())) {
        columns->setDefaults(); // first start: columns sized for their usual contents
    }
    columns->applySortIndicator();
    if (!m_splitter->restoreState(settings.value(QStringLiteral("window/mainSplitter")).toByteArray())) {
        // First start: the list as wide as its columns ask (at 1280 px about half), the call beside it.
        const int list = std::clamp(columns->preferredWidth(), 420, width() / 2);
        m_splitter->setSizes({list, width() - list});
    }
    m_shell->callList()->setChecked(settings.value(QStringLiteral("window/callListShown"), true).toBool());
    setEnabled(false);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    m_shell = new ShellActions(this, [this] {
        return m_detail->player()->actions() + m_shell->actions() + m_quality->actions() + m_admin->actions()
            + m_cases->actions() + m_detail->transcriptActions()->actions();
    });
    m_syncAction = m_shell->sync();
    m_cancelAction = m_shell->cancelSync();
    m_revealAction = m_shell->reveal();
    m_rejectedAction = m_shell->rejected();
    connect(m_shell->phoneSearch(), &QAction::triggered, this, [this] {
        m_filters->phoneEdit()->setFocus();
        m_filters->phoneEdit()->selectAll();
    });
    connect(m_syncAction, &QAction::triggered, this, [this] { m_sync->start(); });
    connect(m_cancelAction, &QAction::triggered, m_sync, &BackgroundSync::cancel);
    connect(m_revealAction, &QAction::toggled, m_model, &CallListModel::setPhonesRevealed);
    connect(m_rejectedAction, &QAction::triggered, m_rejections, &QDialog::show);
    connect(m_shell, &ShellActions::aboutRequested, this, &MainWindow::about);
    m_shell->addToolbar();
    m_shell->addFileMenu();
    m_shell->addViewMenu();
    connect(m_shell->callList(), &QAction::toggled, this, [this](bool shown) {
        m_view->setVisible(shown);
        if (shown) {
            m_view->setFocus(Qt::ShortcutFocusReason);
        }
    });
    auto* playback = menuBar()->addMenu(tr("&Playback"));
    playback->addActions(m_detail->player()->actions());
    m_quality = new QualityActions(m_worker, this, m_detail);
    connect(m_quality, &QualityActions::playRequested, this, &MainWindow::playCall);
    connect(m_quality, &QualityActions::message, this, &MainWindow::showMessage);
    menuBar()->addMenu(m_detail->transcriptActions()->menu());
    menuBar()->addMenu(m_quality->menu());
    m_admin = new AdminActions(m_worker, this, m_view, m_cacheDir);
    menuBar()->addMenu(m_admin->menu());
    connect(m_admin, &AdminActions::message, this, &MainWindow::showMessage);
    connect(m_admin, &AdminActions::callsChanged, m_model, &CallListModel::refresh);
    connect(m_admin, &AdminActions::reviewRuleChanged, m_detail->anonymised(), &AnonymisedView::setReviewRequired);
    connect(m_detail->anonymised(), &AnonymisedView::exported, this, &MainWindow::showMessage);
    m_cases = new CaseActions(m_worker, this, m_detail, [this] { return m_admin->selectedCalls(); });
    menuBar()->insertMenu(m_admin->menu()->menuAction(), m_cases->menu());
    playback->addSeparator();
    playback->addAction(m_cases->action(QStringLiteral("flagSafety")));
    statusBar()->addPermanentWidget(m_cases->badge());
    connect(m_cases, &CaseActions::message, this, &MainWindow::showMessage);
    connect(m_cases, &CaseActions::callsChanged, m_model, &CallListModel::refresh);
    connect(m_cases, &CaseActions::playRequested, this, &MainWindow::playCall);
    auto* callMenu = new CallListMenu(m_view);
    connect(callMenu, &CallListMenu::playRequested, this, &MainWindow::playCall);
    QList<QAction*> onCalls;
    for (QAction* a : m_quality->actions()) {
        if (a->objectName() == QLatin1String("evaluateCall")) {
            onCalls << a;
        }
    }
    callMenu->setActions(onCalls + QList<QAction*> {m_cases->action(QStringLiteral("newCase"))} + m_admin->callActions()
        + QList<QAction*> {nullptr, m_revealAction});
    m_shell->addHelpMenu();
    for (QMenu* menu : menuBar()->findChildren<QMenu*>()) {
        menu->setToolTipsVisible(true); // a disabled item says which role may use it
    }
    guardActions(m_shell->phoneSearch());
}

void MainWindow::guardActions(QAction* phoneSearch)
{
    m_gate->guard(m_syncAction, Permission::Sync);
    m_gate->guard(m_revealAction, Permission::RevealNumbers);
    m_gate->guard(phoneSearch, Permission::SearchByPhone);
    m_gate->guard(m_filters->phoneEdit(), Permission::SearchByPhone);
    m_gate->guard(m_detail->anonymisedButton(), Permission::AnonymisedView);
    m_gate->guardNamed(
        m_quality->actions() + m_admin->actions() + m_cases->actions() + m_detail->transcriptActions()->actions());
}

void MainWindow::applyRoles(const MyRoles& roles)
{
    m_gate->setRoles(roles);
    m_detail->setAccess(m_gate->can(Permission::PlayOriginal), m_gate->can(Permission::Evaluate),
        m_gate->can(Permission::ReviewRedactions));
    // A role that sees no numbers has no phone column (the model holds none for it either).
    m_columns->setAllowed(CallColumn::Phone, m_gate->can(Permission::SeeMaskedNumbers));
    m_columns->setAllowed(CallColumn::Evaluated, m_gate->can(Permission::Evaluate));
    m_cases->cacheReady(m_gate->can(Permission::SubjectRequests));
    QStringList names;
    for (Role r : Roles::all()) {
        if (roles.roles.contains(r)) {
            names << Roles::name(r);
        }
    }
    m_roleLabel->setText(names.isEmpty() ? tr("%1: no role").arg(roles.user)
                                         : tr("%1: %2").arg(roles.user, names.join(QStringLiteral(", "))));
    m_roleLabel->setToolTip(names.isEmpty()
            ? tr("You have no role in this cache: an administrator can assign one (earmark-cli roles assign %1 "
                 "supervisor).")
                  .arg(roles.user)
            : tr("Your roles in this cache. An administrator assigns them (earmark-cli roles)."));
}

void MainWindow::playCall(const QString& callId, double seconds)
{
    raise();
    activateWindow();
    if (m_detail->currentCallId() == callId && m_detail->player()->engine()->audio()) {
        m_detail->seek(seconds);
        m_detail->player()->engine()->play();
        return;
    }
    m_playWhenReady = callId;
    m_playAt = seconds;
    m_detail->showCallAt(callId, seconds); // the list follows (SelectionKeeper::followCall)
}

void MainWindow::cacheReady()
{
    setEnabled(true);
    setWindowTitle(QDir::toNativeSeparators(m_cacheDir)); // Qt adds " — Earmark", the application's display name
    m_admin->cacheReady();
    // The roles first: what the window offers, and what it asks the cache for, follows them (a role's refusals are
    // audited, so the window does not ask for what it would be refused).
    m_worker->run<RoleDirectory>(
        this, [](RoleDirectory& directory) { return directory.mine(); },
        [this](MyRoles roles) {
            applyRoles(roles);
            loadForRoles();
        });
}

void MainWindow::loadForRoles()
{
    if (m_gate->can(Permission::Evaluate)) {
        m_quality->cacheReady();
    }
    if (!m_gate->can(Permission::BrowseCalls)) {
        showMessage(tr("Your role does not list calls (%1). The Admin menu has what it allows.")
                        .arg(RoleGate::needs(Permission::BrowseCalls)));
        return;
    }
    // The rows first; the filter choices after the first rows are in (the worker runs one job at a time).
    auto done = std::make_shared<bool>(false);
    auto loadChoices = [this, done] {
        if (!*done) {
            *done = true;
            m_filters->loadChoices(m_worker);
        }
    };
    connect(m_model, &CallListModel::pageLoaded, this, loadChoices, Qt::SingleShotConnection);
    connect(
        m_model, &CallListModel::countChanged, this,
        [this, loadChoices](int count) {
            // No rows to wait for, or a hidden list that asks for none: load them anyway.
            count == 0 ? loadChoices() : QTimer::singleShot(1000, this, loadChoices);
        },
        Qt::SingleShotConnection);
    m_filters->apply();
    m_view->setFocus();
}

void MainWindow::showMessage(const QString& message)
{
    m_status->showMessage(message);
}

void MainWindow::updateCount()
{
    m_filters->setCount(m_model->totalCount(), m_model->isCounting());
    if (m_sync->isRunning()) {
        return;
    }
    const CallFilter& f = m_model->filter();
    const bool byNumber = !f.phoneE164.isEmpty() || !f.phoneTail.isEmpty();
    m_status->showIdle(m_model->totalCount() == 0 && !m_model->isCounting()
            ? (f.phoneE164 == QLatin1String("+0") // unfinished: nothing was searched
                    ? tr("Not searched yet: the list shows a number's last 3 digits, too few to find a call by. Type "
                         "its last 6 digits or the whole number.")
                    : byNumber
                        ? tr("No call to that number is in the cache. Check it against what you were given, or "
                             "type only its last 6 digits.")
                        : tr("No calls match. Change the filters, or press Sync to import calls from the store."))
            : tr("Cache: %1").arg(QDir::toNativeSeparators(m_cacheDir)));
}

void MainWindow::showBusy(const QString& message)
{
    m_status->showBusy(message);
}

bool MainWindow::isBusy() const
{
    return m_status->isBusy();
}

void MainWindow::onSyncProgress(const SyncProgress& p)
{
    m_syncAction->setEnabled(false);
    m_cancelAction->setEnabled(true);
    m_status->showSyncProgress(p);
}

void MainWindow::onSyncFinished(const SyncReport& report, const QString& error)
{
    m_syncAction->setEnabled(true);
    m_cancelAction->setEnabled(false);
    m_status->syncEnded(error);
    if (!error.isEmpty()) {
        MessageBox::critical(this, tr("Sync failed"), error);
        return;
    }
    showMessage(tr("Synced: %1").arg(report.summary()));
    m_rejections->setRejections(report.rejected);
    m_rejectedAction->setEnabled(!report.rejected.isEmpty());
    if (!report.rejected.isEmpty()) {
        m_rejections->show();
    }
    m_filters->loadChoices(m_worker);
    m_model->refresh();
    // Calls the sync brought in may already be past the retention period.
    m_admin->retention()->runNow();
}

void MainWindow::about()
{
    MessageBox::information(this, tr("About Earmark"),
        tr("Earmark %1\n\nReview recorded survey calls without leaving personal data lying "
           "around. The cache is encrypted at rest; phone numbers are masked until revealed.")
            .arg(QStringLiteral(EARMARK_VERSION)));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_sync->cancel();
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    if (m_shell->callList()->isChecked()) { // the list's width from when it was last shown stays
        settings.setValue(QStringLiteral("window/mainSplitter"), m_splitter->saveState());
    }
    settings.setValue(QStringLiteral("window/callListShown"), m_shell->callList()->isChecked());
    settings.setValue(QStringLiteral("window/callColumns"), m_view->horizontalHeader()->saveState());
    m_detail->saveLayout();
    event->accept();
}

} // namespace Earmark::Gui
