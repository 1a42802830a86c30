#pragma once

#include <QDialog>

class QPlainTextEdit;
class QTreeWidget;

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

// The history of a call's transcript: the provider's original and every correction (revision, who, when, what
// changed); choosing one shows the whole transcript as it was then.
class TranscriptHistoryDialog : public QDialog
{
    Q_OBJECT

public:
    TranscriptHistoryDialog(CacheWorker* worker, QWidget* parent = nullptr);

    void load(const QString& callId);
    QTreeWidget* revisions() const { return m_revisions; }
    QPlainTextEdit* text() const { return m_text; }

Q_SIGNALS:
    void loaded();
    void revisionShown(int revision);

private:
    void showRevision(int revision);

    CacheWorker* m_worker;
    QString m_callId;
    QTreeWidget* m_revisions;
    QPlainTextEdit* m_text;
};

} // namespace Earmark::Gui
