#pragma once

#include "transcript/TranscriptCorrections.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QAction;
class QMenu;

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

class CallDetailPane;
class RedactionReviewDialog;
class TranscriptHistoryDialog;
class TurnEditor;
class TypingPanel;

// The Transcript menu of the selected call: correct a turn (F2, or double-click it), type a transcript for a call
// without one (Ctrl+Shift+Y), review the redactions (Ctrl+Shift+D) and the history of corrections. Every save is a
// revision made on the cache's worker thread; the pane shows the new transcript when it is stored.
class TranscriptActions : public QObject
{
    Q_OBJECT

public:
    TranscriptActions(CacheWorker* worker, CallDetailPane* pane, TurnEditor* editor, TypingPanel* typing);

    QMenu* menu() const { return m_menu; }
    QList<QAction*> actions() const;
    // The pane shows another call (empty: none).
    void setCall(const QString& callId);
    const TranscriptHistory& history() const { return m_history; }

    void correctTurn(int segment = -1);
    void startTyping();
    void stopTyping();
    RedactionReviewDialog* reviewRedactions();
    TranscriptHistoryDialog* showHistory();

Q_SIGNALS:
    // The call's transcript as it now stands was loaded (after the call was shown, or after a save).
    void historyLoaded(const QString& callId);
    // A save changed the transcript: show this one.
    void transcriptChanged(const QString& callId, const Transcript& transcript);
    void redactionsSaved(const QString& callId);

private:
    void refresh(bool changed);
    void updateActions();
    void saveTurn(int segment, const QString& speaker, const QString& text);
    void saveTyped(const QString& callId, int base, const QString& text);
    bool refuseWhileAnonymised();

    CacheWorker* m_worker;
    CallDetailPane* m_pane;
    TurnEditor* m_editor;
    TypingPanel* m_typing;
    QMenu* m_menu;
    QAction* m_correct;
    QAction* m_type;
    QAction* m_review;
    QAction* m_historyAction;
    QString m_callId;
    TranscriptHistory m_history;
    bool m_loaded = false;
    QPointer<RedactionReviewDialog> m_reviewDialog;
    QPointer<TranscriptHistoryDialog> m_historyDialog;
    QHash<QString, QString> m_drafts; // typed text that could not be saved, by call (memory only)
};

} // namespace Earmark::Gui
