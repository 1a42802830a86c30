#include "ui/transcript/TranscriptSearchDock.h"

#include "cache/CacheWorker.h"
#include "core/TimeText.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Earmark::Gui {

TranscriptSearchDock::TranscriptSearchDock(CacheWorker* worker, QWidget* parent)
    : QDockWidget(tr("Search transcripts"), parent)
    , m_worker(worker)
    , m_query(new QLineEdit(this))
    , m_results(new QTreeWidget(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("transcriptSearch"));
    m_query->setObjectName(QStringLiteral("transcriptQuery"));
    m_query->setPlaceholderText(tr("Words said in any call (a prefix is enough; \"quotes\" for a phrase)"));
    m_query->setClearButtonEnabled(true);
    m_results->setObjectName(QStringLiteral("transcriptResults"));
    m_results->setRootIsDecorated(false);
    m_results->setHeaderLabels({tr("Call"), tr("Researcher"), tr("At"), tr("Speaker"), tr("Words")});
    m_results->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_results->header()->setStretchLastSection(true);
    m_results->setToolTip(tr("Double-click or press Enter to play the call from this moment"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->addWidget(m_query);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_status);
    setWidget(body);
    // Searches as you type, after a short pause.
    auto* debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(250);
    connect(m_query, &QLineEdit::textEdited, debounce, qOverload<>(&QTimer::start));
    connect(debounce, &QTimer::timeout, this, [this] { search(m_query->text()); });
    connect(m_query, &QLineEdit::returnPressed, this, [this, debounce] {
        debounce->stop();
        search(m_query->text());
    });
    auto open = [this](QTreeWidgetItem* item) {
        const int i = item->data(0, Qt::UserRole).toInt();
        if (i >= 0 && i < m_hits.size()) {
            Q_EMIT openCallAt(m_hits[i].callId, m_hits[i].startS);
        }
    };
    connect(m_results, &QTreeWidget::itemActivated, this, open);
    connect(m_results, &QTreeWidget::itemDoubleClicked, this, open);
}

void TranscriptSearchDock::search(const QString& text)
{
    const int generation = ++m_generation;
    if (text.trimmed().isEmpty()) {
        m_hits.clear();
        m_results->clear();
        m_status->clear();
        Q_EMIT searched(0);
        return;
    }
    m_status->setText(tr("Searching…"));
    m_worker->run<TranscriptIndex>(
        this, [text](TranscriptIndex& index) { return index.search(text, 500); },
        [this, generation](Result<QList<SearchHit>> hits) {
            if (generation != m_generation) {
                return; // a newer search is on its way
            }
            m_results->clear();
            if (!hits) {
                m_hits.clear();
                m_status->setText(hits.errorMessage());
                Q_EMIT searched(0);
                return;
            }
            m_hits = hits.value();
            for (int i = 0; i < m_hits.size(); ++i) {
                const SearchHit& h = m_hits[i];
                auto* item = new QTreeWidgetItem(m_results,
                    {QDateTime::fromSecsSinceEpoch(h.callStartUtc).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                        h.agentId, clockText(h.startS), h.speaker, h.snippet});
                item->setData(0, Qt::UserRole, i);
                item->setToolTip(0, h.callId);
                item->setToolTip(4, h.snippet);
            }
            m_status->setText(m_hits.size() >= 500 ? tr("The first 500 moments, newest calls first.")
                                                   : tr("%n moment(s) found.", nullptr, int(m_hits.size())));
            Q_EMIT searched(int(m_hits.size()));
        });
}

} // namespace Earmark::Gui
