#include "ui/transcript/TranscriptActions.h"

#include "cache/CacheWorker.h"
#include "store/TranscriptEdit.h"
#include "ui/browse/CallDetailPane.h"
#include "ui/player/PlayerWidget.h"
#include "ui/redaction/RedactionReviewDialog.h"
#include "ui/shell/MessageBox.h"
#include "ui/transcript/TranscriptHistoryDialog.h"
#include "ui/transcript/TranscriptView.h"
#include "ui/transcript/TurnEditor.h"
#include "ui/transcript/TypingPanel.h"

#include <QAction>
#include <QMenu>
#include <QTime>
#include <QToolButton>

namespace Earmark::Gui {

TranscriptActions::TranscriptActions(CacheWorker* worker, CallDetailPane* pane, TurnEditor* editor, TypingPanel* typing)
    : QObject(pane)
    , m_worker(worker)
    , m_pane(pane)
    , m_editor(editor)
    , m_typing(typing)
    , m_menu(new QMenu(tr("&Transcript"), pane))
{
    m_menu->setObjectName(QStringLiteral("transcriptMenu"));
    const auto add = [this](const char* name, const QString& text, const QKeySequence& key) {
        auto* a = m_menu->addAction(text);
        a->setObjectName(QString::fromLatin1(name));
        a->setShortcut(key);
        a->setShortcutContext(Qt::WindowShortcut);
        m_pane->addAction(a);
        return a;
    };
    m_correct = add("correctTurn", tr("&Correct this turn…"), QKeySequence(Qt::Key_F2));
    m_type = add("typeTranscript", tr("&Type the transcript…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Y));
    m_menu->addSeparator();
    m_review = add("reviewRedactions", tr("&Review redactions…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    m_historyAction = add("transcriptHistoryAction", tr("&History of corrections…"), QKeySequence());
    connect(m_correct, &QAction::triggered, this, [this] { correctTurn(); });
    connect(m_type, &QAction::triggered, this, &TranscriptActions::startTyping);
    connect(m_review, &QAction::triggered, this, &TranscriptActions::reviewRedactions);
    connect(m_historyAction, &QAction::triggered, this, &TranscriptActions::showHistory);

    connect(m_pane->transcript(), &TranscriptView::editRequested, this, [this](int s) { correctTurn(s); });
    connect(m_editor, &TurnEditor::saveRequested, this, &TranscriptActions::saveTurn);
    connect(m_editor, &TurnEditor::playRequested, m_pane, [this](double start, double) {
        m_pane->seek(start);
        m_pane->player()->engine()->play();
    });
    connect(m_typing, &TypingPanel::saveRequested, this,
        [this](const QString& text) { saveTyped(m_callId, m_history.revision, text); });
    connect(m_typing, &TypingPanel::closeRequested, this, &TranscriptActions::stopTyping);
    connect(m_pane->player(), &PlayerWidget::positionChanged, m_typing, &TypingPanel::setPosition);
    updateActions();
}

QList<QAction*> TranscriptActions::actions() const
{
    return {m_correct, m_type, m_review, m_historyAction};
}

void TranscriptActions::setCall(const QString& callId)
{
    if (m_typing->isVisible()) {
        stopTyping(); // asks to save what was typed for the call being left
    }
    m_editor->hide();
    m_callId = callId;
    m_history = TranscriptHistory {};
    m_loaded = false;
    updateActions();
    if (!callId.isEmpty()) {
        refresh(false);
    }
}

void TranscriptActions::refresh(bool changed)
{
    const QString callId = m_callId;
    m_worker->run<TranscriptCorrections>(
        this, [callId](TranscriptCorrections& corrections) { return corrections.load(callId); },
        [this, callId, changed](Result<TranscriptHistory> h) {
            if (callId != m_callId) {
                return;
            }
            m_loaded = h.ok();
            m_history = h ? std::move(h.value()) : TranscriptHistory {};
            updateActions();
            if (changed && m_history.current) {
                Q_EMIT transcriptChanged(callId, *m_history.current);
            }
            Q_EMIT historyLoaded(callId);
        });
}

void TranscriptActions::updateActions()
{
    const bool has = m_loaded && m_history.current && !m_history.current->segments.isEmpty();
    m_correct->setEnabled(has);
    m_type->setEnabled(m_loaded && !m_history.provider);
    m_review->setEnabled(has);
    m_historyAction->setEnabled(m_loaded && (m_history.provider || !m_history.revisions.isEmpty()));
    m_type->setText(m_history.current ? tr("&Type on with the transcript…") : tr("&Type the transcript…"));
}

bool TranscriptActions::refuseWhileAnonymised()
{
    if (!m_pane->anonymisedButton()->isChecked()) {
        return false;
    }
    MessageBox::information(m_pane, tr("Transcript"),
        tr("The anonymised view is shown. Leave it (Ctrl+Shift+A) to work on the call's own transcript."));
    return true;
}

void TranscriptActions::correctTurn(int segment)
{
    if (!m_loaded || !m_history.current || refuseWhileAnonymised()) {
        return;
    }
    if (segment < 0) {
        segment = std::max(0, m_pane->transcript()->activeSegment());
    }
    if (segment >= m_history.current->segments.size()) {
        return;
    }
    std::optional<TranscriptSegment> original;
    if (m_history.provider && segment < m_history.provider->segments.size()) {
        original = m_history.provider->segments.at(segment);
    }
    m_editor->edit(segment, m_history.current->segments.at(segment), original);
}

void TranscriptActions::saveTurn(int segment, const QString& speaker, const QString& text)
{
    const QString callId = m_callId;
    const int base = m_history.revision;
    m_worker->run<TranscriptCorrections>(
        this,
        [=](TranscriptCorrections& corrections) {
            return corrections.correctSegment(callId, base, segment, speaker, text);
        },
        [this, callId](Result<int> revision) {
            if (callId != m_callId) {
                return;
            }
            if (!revision) {
                // The editor stays open with what was typed: nothing is lost.
                MessageBox::critical(m_pane, tr("Correct the transcript"), revision.errorMessage());
                return;
            }
            m_editor->hide();
            refresh(true);
        });
}

void TranscriptActions::startTyping()
{
    if (!m_loaded || m_history.provider || refuseWhileAnonymised()) {
        return;
    }
    m_editor->hide();
    m_pane->transcript()->hide();
    // Text typed earlier that could not be saved comes back as it was left.
    const QString draft = m_drafts.take(m_callId);
    m_typing->start(!draft.isNull() ? draft
            : m_history.current     ? TranscriptEdit::formatTyped(*m_history.current)
                                    : QString());
    if (!draft.isNull()) {
        m_typing->markModified();
        m_typing->setMessage(tr("Your unsaved text from before, as you left it."));
    }
}

void TranscriptActions::stopTyping()
{
    if (m_typing->isModified()
        && MessageBox::question(m_pane, tr("Type the transcript"),
               tr("Save the transcript you typed for %1 before closing?").arg(m_callId))
            == QMessageBox::Yes) {
        const QString text = m_typing->text();
        if (auto t = TranscriptEdit::parseTyped(text, m_callId, m_history.durationS); !t) {
            // Nothing typed is lost: kept (in memory) for when typing mode is opened on this call again.
            m_drafts.insert(m_callId, text);
            MessageBox::information(m_pane, tr("Type the transcript"),
                tr("The transcript for %1 was not saved: %2 Your text is kept: open typing mode on the call again "
                   "(Ctrl+Shift+Y) to put it right.")
                    .arg(m_callId, t.errorMessage()));
        } else {
            saveTyped(m_callId, m_history.revision, text);
        }
    }
    m_typing->markSaved();
    m_typing->hide();
    m_pane->transcript()->show();
}

void TranscriptActions::saveTyped(const QString& callId, int base, const QString& text)
{
    m_worker->run<TranscriptCorrections>(
        this, [=](TranscriptCorrections& corrections) { return corrections.saveTyped(callId, base, text); },
        [this, callId, text](Result<int> revision) {
            if (callId != m_callId) {
                if (!revision) {
                    m_drafts.insert(callId, text);
                    MessageBox::critical(m_pane, tr("Type the transcript"),
                        tr("The transcript typed for %1 was not saved: %2 Your text is kept: open typing mode on the "
                           "call again (Ctrl+Shift+Y).")
                            .arg(callId, revision.errorMessage()));
                }
                return;
            }
            if (!revision) {
                m_typing->setMessage(revision.errorMessage()); // the text stays as typed
                return;
            }
            if (m_typing->text() == text) {
                m_typing->markSaved();
            }
            m_typing->setMessage(tr("Saved as revision %1 at %2.")
                                     .arg(revision.value())
                                     .arg(QTime::currentTime().toString(QStringLiteral("HH:mm"))));
            refresh(true);
        });
}

RedactionReviewDialog* TranscriptActions::reviewRedactions()
{
    // Also from the anonymised view, which asks for it (Ctrl+Shift+D) and follows what the review saves.
    if (m_callId.isEmpty()) {
        return nullptr;
    }
    if (!m_reviewDialog) {
        m_reviewDialog = new RedactionReviewDialog(m_worker, m_pane->window());
        connect(m_reviewDialog, &RedactionReviewDialog::seekRequested, m_pane, &CallDetailPane::seek);
        connect(m_reviewDialog, &RedactionReviewDialog::saved, this, &TranscriptActions::redactionsSaved);
    }
    m_reviewDialog->load(m_callId);
    m_reviewDialog->show();
    m_reviewDialog->raise();
    return m_reviewDialog;
}

TranscriptHistoryDialog* TranscriptActions::showHistory()
{
    if (m_callId.isEmpty()) {
        return nullptr;
    }
    if (!m_historyDialog) {
        m_historyDialog = new TranscriptHistoryDialog(m_worker, m_pane->window());
    }
    m_historyDialog->load(m_callId);
    m_historyDialog->show();
    m_historyDialog->raise();
    return m_historyDialog;
}

} // namespace Earmark::Gui
