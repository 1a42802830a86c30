#pragma once

#include "cache/TranscriptIndex.h"

#include <QDockWidget>

class QLabel;
class QLineEdit;
class QTreeWidget;

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

// Full-text search across every cached transcript: type words (a prefix is enough) or a "quoted phrase"; each
// hit shows the call, the speaker, the moment and the words around the match; opening one plays the call from there.
class TranscriptSearchDock : public QDockWidget
{
    Q_OBJECT

public:
    TranscriptSearchDock(CacheWorker* worker, QWidget* parent = nullptr);

    void search(const QString& text);
    QLineEdit* queryEdit() const { return m_query; }
    QTreeWidget* results() const { return m_results; }
    const QList<SearchHit>& hits() const { return m_hits; }

Q_SIGNALS:
    void openCallAt(const QString& callId, double seconds);
    void searched(int hits);

private:
    CacheWorker* m_worker;
    QList<SearchHit> m_hits;
    QLineEdit* m_query;
    QTreeWidget* m_results;
    QLabel* m_status;
    int m_generation = 0;
};

} // namespace Earmark::Gui
