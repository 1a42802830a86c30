#include "ui/transcript/TranscriptHistoryDialog.h"

#include "cache/CacheWorker.h"
#include "store/TranscriptEdit.h"
#include "transcript/TranscriptCorrections.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Earmark::Gui {

TranscriptHistoryDialog::TranscriptHistoryDialog(CacheWorker* worker, QWidget* parent)
    : QDialog(parent)
    , m_worker(worker)
    , m_revisions(new QTreeWidget(this))
    , m_text(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("transcriptHistory"));
    m_revisions->setObjectName(QStringLiteral("transcriptRevisions"));
    m_revisions->setHeaderLabels({tr("Revision"), tr("By"), tr("When"), tr("What changed")});
    m_revisions->setRootIsDecorated(false);
    m_revisions->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_text->setObjectName(QStringLiteral("revisionText"));
    m_text->setReadOnly(true);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_revisions);
    split->addWidget(m_text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    resize(760, 560);
    connect(m_revisions, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item) {
            showRevision(item->data(0, Qt::UserRole).toInt());
        }
    });
}

void TranscriptHistoryDialog::load(const QString& callId)
{
    m_callId = callId;
    setWindowTitle(tr("Transcript history: %1").arg(callId));
    m_worker->run<TranscriptCorrections>(
        this, [callId](TranscriptCorrections& corrections) { return corrections.load(callId); },
        [this, callId](Result<TranscriptHistory> h) {
            if (callId != m_callId) {
                return;
            }
            m_revisions->clear();
            if (!h) {
                m_text->setPlainText(h.errorMessage());
                Q_EMIT loaded();
                return;
            }
            if (h->provider) {
                auto* item = new QTreeWidgetItem(m_revisions,
                    {tr("Original"), tr("the provider"), QString(),
                        tr("As the provider's speech recognition wrote it")});
                item->setData(0, Qt::UserRole, 0);
            }
            for (const CallDocument& r : std::as_const(h->revisions)) {
                auto* item = new QTreeWidgetItem(m_revisions,
                    {QString::number(r.revision), r.byUser,
                        QDateTime::fromSecsSinceEpoch(r.atUtc).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                        r.summary});
                item->setData(0, Qt::UserRole, r.revision);
            }
            if (m_revisions->topLevelItemCount() == 0) {
                m_text->setPlainText(tr("This call has no transcript yet."));
            } else {
                m_revisions->setCurrentItem(m_revisions->topLevelItem(m_revisions->topLevelItemCount() - 1));
            }
            Q_EMIT loaded();
        });
}

void TranscriptHistoryDialog::showRevision(int revision)
{
    const QString callId = m_callId;
    m_worker->run<TranscriptCorrections>(
        this, [callId, revision](TranscriptCorrections& corrections) { return corrections.at(callId, revision); },
        [this, callId, revision](Result<Transcript> t) {
            if (callId != m_callId) {
                return;
            }
            m_text->setPlainText(t ? TranscriptEdit::formatTyped(t.value()) : t.errorMessage());
            Q_EMIT revisionShown(revision);
        });
}

} // namespace Earmark::Gui
