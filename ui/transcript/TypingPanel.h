#pragma once

#include <QFrame>
#include <QTimer>

class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QCheckBox;

namespace Earmark {
class PlayerEngine;
}

namespace Earmark::Gui {

// Typing mode, for a call the provider sent no transcript for: the typist listens and types in one place. Typing
// pauses the player; it plays on by itself a moment after the typing stops (rewound a little, so the last words are
// heard again), or on F4; "play in steps" stops it every few seconds to let the typist catch up. Ctrl+T inserts the
// player's time; Alt+A, Alt+R and Alt+O start an agent's, respondent's or other's turn at that time. The text is
// a typed transcript (TranscriptEdit::parseTyped) saved with Ctrl+S as a revision of the call's transcript.
class TypingPanel : public QFrame
{
    Q_OBJECT

public:
    TypingPanel(PlayerEngine* engine, QWidget* parent = nullptr);

    void start(const QString& text);
    QString text() const;
    bool isModified() const { return m_modified; }
    void markSaved() { m_modified = false; }
    void markModified() { m_modified = true; }
    QPlainTextEdit* editor() const { return m_editor; }
    QDoubleSpinBox* rewindBox() const { return m_rewind; }
    QDoubleSpinBox* resumeBox() const { return m_resume; }
    QDoubleSpinBox* stepBox() const { return m_step; }
    void setMessage(const QString& message);

    void insertTime();
    void newTurn(const QString& speaker);
    // F4: pause, or play on from a little before where it stopped.
    void playOrPause();
    // The player's position, to stop at the end of a step.
    void setPosition(double seconds);

Q_SIGNALS:
    void saveRequested(const QString& text);
    void closeRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void typed();
    void resume();

    PlayerEngine* m_engine;
    QPlainTextEdit* m_editor;
    QCheckBox* m_pauseWhileTyping;
    QDoubleSpinBox* m_rewind;
    QDoubleSpinBox* m_resume;
    QDoubleSpinBox* m_step;
    QLabel* m_message;
    QTimer m_idle;
    bool m_modified = false;
    bool m_inserting = false;
    bool m_pausedByTyping = false;
    bool m_waitingForTypist = false;
    double m_stopAt = -1;
};

} // namespace Earmark::Gui
