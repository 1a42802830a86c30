#pragma once

#include "quality/SamplingRepository.h"

#include <QDockWidget>

class QCheckBox;
class QLabel;
class QTreeWidget;

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

// The signed-in reviewer's queue: the calls sampled for them, how far each evaluation got, and whether the audio
// is already in the cache. Audio still missing is fetched ahead, one call at a time, so a queued call plays at once.
class ReviewQueueDock : public QDockWidget
{
    Q_OBJECT

public:
    ReviewQueueDock(CacheWorker* worker, QWidget* parent = nullptr);

    void refresh();
    const QList<QueueItem>& items() const { return m_items; }
    QTreeWidget* view() const { return m_view; }
    int prefetchesLeft() const { return int(m_toFetch.size()); }
    QString statusText() const;

Q_SIGNALS:
    void openCall(const QString& callId);
    void refreshed();
    void prefetchDone();

private:
    void showItems(const QList<QueueItem>& items);
    void fetchNext();

    CacheWorker* m_worker;
    QList<QueueItem> m_items;
    QStringList m_toFetch;
    bool m_fetching = false;
    QTreeWidget* m_view;
    QCheckBox* m_showDone;
    QLabel* m_status;
};

} // namespace Earmark::Gui
