#pragma once

#include "store/Transcript.h"

#include <QSet>
#include <QTextBrowser>

namespace Earmark::Gui {

// Speaker turns with times; every word can be clicked to seek there; the word being played is highlighted and
// followed (scroll lock), until the reviewer scrolls by hand, which unlocks following (followChanged(false)).
class TranscriptView : public QTextBrowser
{
    Q_OBJECT

public:
    explicit TranscriptView(QWidget* parent = nullptr);

    void setTranscript(const Transcript& transcript);
    // Marks the turns corrected in Earmark (not as the provider's recognition wrote them), so that nobody takes a
    // corrected turn for the provider's record.
    void setCorrected(const QSet<int>& segments);
    void setNoTranscript(const QString& message);
    void setPosition(double seconds);
    void setFollowing(bool following);
    bool following() const { return m_following; }
    // The word highlighted now (-1: none) and its text, for tests and accessibility.
    int currentWord() const { return m_current; }
    QString wordText(int index) const;
    int wordCount() const { return static_cast<int>(m_words.size()); }
    // The document position of word index (to click it in tests).
    QRect wordRect(int index) const;
    // The turn the reviewer is at: the one last clicked, else the one playing (-1 with no transcript).
    int activeSegment() const;
    int segmentOfWord(int index) const;

Q_SIGNALS:
    void seekRequested(double seconds);
    void followChanged(bool following);
    // A turn was double-clicked: correct it.
    void editRequested(int segment);

protected:
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    struct Word
    {
        double start;
        double end;
        int position = -1;
        int length = 0;
        QString text;
        int segment = 0;
    };
    int wordAt(const QPoint& viewportPos) const;
    void locateWords();
    void highlight(int index);

    void render();

    Transcript m_shown;
    QSet<int> m_corrected;
    QList<Word> m_words;
    int m_current = -1;
    int m_clickedSegment = -1;
    bool m_following = true;
    bool m_autoScrolling = false;
};

} // namespace Earmark::Gui
