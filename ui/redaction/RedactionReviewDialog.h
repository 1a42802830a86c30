#pragma once

#include "redaction/RedactionReviews.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;
class QTextBrowser;
class QTreeWidget;

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

// Reviewing what the anonymiser found in a call before it leaves Earmark: the transcript with every detected span
// highlighted (pending yellow, accepted red, rejected struck through, added blue) and the list of spans. The
// reviewer accepts (A) or rejects (R) a span, or selects words in the transcript and adds them as a span of a type;
// Save stores the decisions as the call's redaction set with who and when, which every anonymised output follows.
// Clicking a span plays the call from there.
class RedactionReviewDialog : public QDialog
{
    Q_OBJECT

public:
    RedactionReviewDialog(CacheWorker* worker, QWidget* parent = nullptr);

    void load(const QString& callId);
    QString callId() const { return m_state.callId; }
    const QList<ReviewSpan>& spans() const { return m_state.spans; }
    bool isModified() const { return m_modified; }
    QTreeWidget* list() const { return m_list; }
    QTextBrowser* text() const { return m_text; }
    QComboBox* typeBox() const { return m_type; }
    QLabel* status() const { return m_status; }

    void setDecision(ReviewSpan::Decision decision); // on the selected spans
    // Adds the words selected in the transcript as a span of the type chosen; false (with a message) when the
    // selection is not words of one turn.
    bool addSelection();
    void save();

Q_SIGNALS:
    void loaded(const QString& callId, const QString& error);
    void saved(const QString& callId);
    void seekRequested(double seconds);

protected:
    void done(int result) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void render();
    void fillList();
    double spanTime(const ReviewSpan& span) const;
    QString spanWords(const ReviewSpan& span) const;

    CacheWorker* m_worker;
    RedactionReviewState m_state;
    QList<QList<std::pair<int, int>>> m_tokenPositions; // per segment, per token: document start and end
    bool m_modified = false;
    QTextBrowser* m_text;
    QTreeWidget* m_list;
    QComboBox* m_type;
    QLabel* m_status;
    QPushButton* m_save;
};

} // namespace Earmark::Gui
