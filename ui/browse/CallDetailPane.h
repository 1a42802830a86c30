#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace Earmark {
class CacheWorker;
class CallAudioStream;
struct Transcript;
} // namespace Earmark

namespace Earmark::Gui {

class AnonymisedView;
class EvaluationPanel;
class PlayerWidget;
class TalkMetricsLabel;
class TranscriptActions;
class TranscriptView;
class TurnEditor;
class TypingPanel;

// The selected call: its facts, the player and the transcript that follows playback. The call's audio is decrypted
// chunk by chunk as it is decoded on a pool thread, into memory only, and plays from the first decoded seconds; the
// window never waits.
class CallDetailPane : public QWidget
{
    Q_OBJECT

public:
    explicit CallDetailPane(QWidget* parent = nullptr);
    ~CallDetailPane() override;

    void setWorker(CacheWorker* worker);
    // The player/transcript and evaluation splitters as the user left them (QSettings, per user).
    void saveLayout() const;
    void restoreLayout();
    void showCall(const QString& callId);
    // Shows a call and plays it from a moment (a search hit): the transcript goes there at once, the player as
    // soon as the audio is ready.
    void showCallAt(const QString& callId, double seconds);
    void clear();
    QString currentCallId() const { return m_callId; }
    QString transcriptText() const;
    QString headerText() const;
    // The call's talk figures under the header (who talked how long, the longest silence, overtalk).
    QString metricsText() const;
    PlayerWidget* player() const { return m_player; }
    TranscriptView* transcript() const { return m_transcript; }
    EvaluationPanel* evaluation() const { return m_evaluation; }
    QPushButton* exportAnonymisedButton() const { return m_exportAnonymised; }
    AnonymisedView* anonymised() const { return m_anonymised; }
    TranscriptActions* transcriptActions() const { return m_transcriptActions; }
    TurnEditor* turnEditor() const { return m_turnEditor; }
    TypingPanel* typingPanel() const { return m_typing; }
    QToolButton* anonymisedButton() const { return m_anonymisedButton; }
    QLabel* reviewNote() const { return m_reviewNote; }
    // Shows the call as it would leave Earmark (anonymised transcript, bleeped audio), or back as it is.
    void setAnonymised(bool on);
    void seek(double seconds);
    // What the acting user's role may see: the original call (audio, transcript, corrections), or only its anonymised
    // version (trainers); the evaluation panel (supervisors).
    void setAccess(bool original, bool evaluate, bool reviewRedactions = true);
    bool showsOriginal() const { return m_original; }
    // Reads the call's staff-safety flags again and marks them on the waveform (after a moment is flagged).
    void refreshFlags();

Q_SIGNALS:
    // The call's details and transcript are shown (its audio may still be decoding).
    void loaded(const QString& callId);
    // Another call is to be shown (from the list, the review queue, a search hit, a case): the list follows.
    void callChosen(const QString& callId);
    // Its audio is ready to play (or known to be unavailable).
    void audioReady(const QString& callId, bool available);

private:
    void findNext();
    void showAnonymisedOnly();
    // Shows a transcript in the view and its turns on the waveform.
    void showTranscript(const Transcript& transcript);

    CacheWorker* m_worker = nullptr;
    QString m_callId;
    double m_pendingSeek = -1;
    bool m_original = true;
    QString m_channelLayout;
    QLabel* m_header;
    TalkMetricsLabel* m_metrics;
    PlayerWidget* m_player;
    TranscriptView* m_transcript;
    EvaluationPanel* m_evaluation;
    AnonymisedView* m_anonymised;
    TurnEditor* m_turnEditor;
    TypingPanel* m_typing;
    TranscriptActions* m_transcriptActions = nullptr;
    QToolButton* m_transcriptButton;
    QLabel* m_reviewNote; // in the anonymised view: whether a person reviewed the redactions
    QToolButton* m_anonymisedButton;
    QPushButton* m_exportAnonymised;
    QLineEdit* m_find;
    QPushButton* m_backToPlayback;
    CallAudioStream* m_stream;
};

} // namespace Earmark::Gui
