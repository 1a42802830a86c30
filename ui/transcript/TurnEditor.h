#pragma once

#include "store/Transcript.h"

#include <QFrame>
#include <optional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace Earmark::Gui {

// Corrects one turn of the transcript below the transcript view, while the player goes on: the speaker and the
// words, with the provider's wording shown when it differs. Ctrl+Return saves, Escape cancels; Ctrl+Space and the
// player's other Ctrl shortcuts still work while typing.
class TurnEditor : public QFrame
{
    Q_OBJECT

public:
    explicit TurnEditor(QWidget* parent = nullptr);

    void edit(int segment, const TranscriptSegment& current, const std::optional<TranscriptSegment>& original);
    int segment() const { return m_segment; }
    QPlainTextEdit* textEdit() const { return m_text; }
    QComboBox* speakerBox() const { return m_speaker; }
    QPushButton* saveButton() const { return m_save; }
    bool isModified() const;

Q_SIGNALS:
    void saveRequested(int segment, const QString& speaker, const QString& text);
    void playRequested(double start, double end);
    void closed();

private:
    int m_segment = -1;
    TranscriptSegment m_current;
    QLabel* m_title;
    QLabel* m_original;
    QComboBox* m_speaker;
    QPlainTextEdit* m_text;
    QPushButton* m_save;
};

} // namespace Earmark::Gui
