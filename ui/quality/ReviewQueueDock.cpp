#include "ui/quality/ReviewQueueDock.h"

#include "browse/CallMediaLoader.h"
#include "cache/AuditLog.h"
#include "cache/CacheWorker.h"
#include "quality/Evaluation.h"

#include <QCheckBox>
#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Earmark::Gui {

ReviewQueueDock::ReviewQueueDock(CacheWorker* worker, QWidget* parent)
    : QDockWidget(tr("My review queue"), parent)
    , m_worker(worker)
    , m_view(new QTreeWidget(this))
    , m_showDone(new QCheckBox(tr("Show evaluated"), this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("reviewQueue"));
    m_view->setObjectName(QStringLiteral("reviewQueueView"));
    m_view->setRootIsDecorated(false);
    m_view->setHeaderLabels({tr("Call"), tr("Researcher"), tr("Period"), tr("Plan"), tr("Evaluation"), tr("Audio")});
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->setToolTip(tr("Double-click or press Enter to open the call"));
    m_status->setWordWrap(true);
    auto* refreshButton = new QPushButton(tr("Refresh"), this);
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    auto* row = new QHBoxLayout;
    row->addWidget(m_showDone);
    row->addStretch(1);
    row->addWidget(refreshButton);
    layout->addLayout(row);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    setWidget(body);
    connect(refreshButton, &QPushButton::clicked, this, &ReviewQueueDock::refresh);
    connect(m_showDone, &QCheckBox::toggled, this, [this] { showItems(m_items); });
    connect(m_view, &QTreeWidget::itemActivated, this,
        [this](QTreeWidgetItem* item) { Q_EMIT openCall(item->data(0, Qt::UserRole).toString()); });
    // One click opens it, as in the call list (double clicks and Enter too).
    connect(m_view, &QTreeWidget::itemClicked, this,
        [this](QTreeWidgetItem* item) { Q_EMIT openCall(item->data(0, Qt::UserRole).toString()); });
}

QString ReviewQueueDock::statusText() const
{
    return m_status->text();
}

void ReviewQueueDock::refresh()
{
    if (!m_worker) {
        return;
    }
    const QString user = AuditLog::currentActor();
    m_worker->run<SamplingRepository>(
        this, [user](SamplingRepository& sampling) { return sampling.queue(user); },
        [this](Result<QList<QueueItem>> items) {
            if (!items) {
                m_items.clear();
                showItems(m_items);
                m_status->setText(tr("The review queue cannot be read: %1").arg(items.errorMessage()));
                Q_EMIT refreshed();
                return;
            }
            m_items = items.value();
            showItems(m_items);
            m_toFetch.clear();
            for (const QueueItem& i : std::as_const(m_items)) {
                if (!i.audioCached) {
                    m_toFetch << i.callId;
                }
            }
            Q_EMIT refreshed();
            fetchNext();
        });
}

void ReviewQueueDock::showItems(const QList<QueueItem>& items)
{
    m_view->clear();
    int open = 0;
    for (const QueueItem& i : items) {
        const bool done = !i.evaluationState.isEmpty() && i.evaluationState != QLatin1String("draft");
        open += done ? 0 : 1;
        if (done && !m_showDone->isChecked()) {
            continue;
        }
        const auto state = stateFromName(i.evaluationState);
        auto* item = new QTreeWidgetItem(m_view,
            {QDateTime::fromSecsSinceEpoch(i.callStartUtc).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                i.agentName.isEmpty() ? i.agentId : i.agentName, i.period, i.planName,
                state ? stateLabel(*state) : tr("To do"), i.audioCached ? tr("ready") : tr("fetching…")});
        item->setData(0, Qt::UserRole, i.callId);
        item->setToolTip(0, i.callId);
        item->setToolTip(1, i.agentId);
    }
    m_status->setText(items.isEmpty()
            ? tr("Nothing to evaluate: no sample gives you calls. Draw one in Quality › Sampling plans… "
                 "(Ctrl+Shift+L).")
            : tr("%n call(s) to evaluate.", nullptr, open));
}

void ReviewQueueDock::fetchNext()
{
    if (m_fetching || m_toFetch.isEmpty() || !m_worker) {
        if (m_toFetch.isEmpty() && !m_fetching) {
            Q_EMIT prefetchDone();
        }
        return;
    }
    m_fetching = true;
    const QString callId = m_toFetch.first();
    // One call per job: the worker stays free for whatever the reviewer opens in between.
    m_worker->run<CallMediaLoader>(
        this, [callId](CallMediaLoader& loader) { return loader.prefetch(callId).errorMessage(); },
        [this, callId](QString error) {
            m_fetching = false;
            m_toFetch.removeAll(callId);
            for (QueueItem& i : m_items) {
                if (i.callId == callId) {
                    i.audioCached = error.isEmpty();
                }
            }
            for (int r = 0; r < m_view->topLevelItemCount(); ++r) {
                QTreeWidgetItem* item = m_view->topLevelItem(r);
                if (item->data(0, Qt::UserRole).toString() == callId) {
                    item->setText(5, error.isEmpty() ? tr("ready") : tr("unavailable"));
                    item->setToolTip(5, error);
                }
            }
            m_status->setText(m_toFetch.isEmpty()
                    ? tr("All queued audio is in the cache.")
                    : tr("Fetching audio ahead: %n call(s) left.", nullptr, int(m_toFetch.size())));
            fetchNext();
        });
}

} // namespace Earmark::Gui
