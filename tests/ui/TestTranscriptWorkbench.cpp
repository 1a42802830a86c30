#include "DemoWindow.h"
#include "cache/AuditLog.h"
#include "cache/CacheSettings.h"
#include "cache/CacheWorker.h"
#include "demo/DemoScript.h"
#include "ui/browse/CallDetailPane.h"
#include "ui/player/PlayerWidget.h"
#include "ui/redaction/AnonymisedView.h"
#include "ui/redaction/RedactionReviewDialog.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/MessageBox.h"
#include "ui/transcript/TranscriptActions.h"
#include "ui/transcript/TranscriptHistoryDialog.h"
#include "ui/transcript/TranscriptView.h"
#include "ui/transcript/TurnEditor.h"
#include "ui/transcript/TypingPanel.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeWidget>

using namespace Earmark;
using namespace Earmark::Gui;
using Decision = ReviewSpan::Decision;

// The transcript workbench in the real window, on a demo cache, with the player running on the real audio sink:
// correcting a turn beside the player (a revision with who and when, the provider's wording kept), typing a
// transcript for a call without one (typing pauses the player, it plays on rewound), and reviewing redactions
// (accept, reject, add a span by selecting words; saved with who and when and followed by the anonymised view).
class TestTranscriptWorkbench : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    Test::DemoWindow m_demo;
    MainWindow* m_window = nullptr;
    CallDetailPane* m_pane = nullptr;
    static constexpr int Calls = 12;

    Demo::CallPlan planWith(bool transcript, bool personal)
    {
        for (int i = 0; i < Calls; ++i) {
            const Demo::CallPlan p = Demo::planCall(i, 1, 14);
            if (p.hasTranscript == transcript && (!personal || p.spokenPersonal.size() >= 2)) {
                return p;
            }
        }
        return {};
    }

    // Shows a call and waits until its audio and its transcript history are there.
    bool open(const QString& callId)
    {
        QSignalSpy audio(m_pane, &CallDetailPane::audioReady);
        QSignalSpy history(m_pane->transcriptActions(), &TranscriptActions::historyLoaded);
        m_pane->showCall(callId);
        return audio.wait(20000) && (history.count() > 0 || history.wait(10000));
    }

    QAction* action(const char* name) { return m_window->findChild<QAction*>(QString::fromLatin1(name)); }

private Q_SLOTS:
    void initTestCase()
    {
        QString error = m_demo.makeCache(m_root.path(), Calls);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        error = m_demo.open();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_window = m_demo.window.get();
        m_pane = m_window->detailPane();
    }

    void cleanupTestCase() { m_demo.close(); }

    void init()
    {
        // Shortcuts go to the active window: a dialog closed by the test before leaves none active offscreen.
        QApplication::setActiveWindow(m_window);
    }

    void cleanup()
    {
        // A failed test leaves nothing that would ask a question in the next one.
        if (m_pane->typingPanel()->isVisible()) {
            MessageBox::setNextAnswer(QMessageBox::No);
            m_pane->transcriptActions()->stopTyping();
        }
        m_pane->player()->engine()->pause();
    }

    void correctATurnBesideThePlayer()
    {
        const Demo::CallPlan plan = planWith(true, false);
        QVERIFY(!plan.callId.isEmpty());
        QVERIFY(open(plan.callId));
        TranscriptActions* actions = m_pane->transcriptActions();
        QVERIFY(action("correctTurn")->isEnabled());
        QVERIFY(!action("typeTranscript")->isEnabled()); // the provider sent a transcript: corrected, not retyped
        m_pane->player()->engine()->play();
        QTRY_VERIFY(m_pane->player()->engine()->state() == PlayerEngine::State::Playing);

        // Double-click a word of the second turn: the editor opens on that turn.
        TranscriptView* view = m_pane->transcript();
        int word = 0;
        while (word < view->wordCount() && view->segmentOfWord(word) != 1) {
            ++word;
        }
        QVERIFY(word < view->wordCount());
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, view->wordRect(word).center());
        TurnEditor* editor = m_pane->turnEditor();
        QVERIFY(editor->isVisible());
        QCOMPARE(editor->segment(), 1);
        const QString before = editor->textEdit()->toPlainText();
        QCOMPARE(before, actions->history().current->segments.at(1).text);

        editor->textEdit()->selectAll();
        QTest::keyClicks(editor->textEdit(), QStringLiteral("Yes, speaking, corrected by hand."));
        editor->speakerBox()->setCurrentIndex(editor->speakerBox()->findData(QStringLiteral("other")));
        QSignalSpy changed(actions, &TranscriptActions::transcriptChanged);
        QTest::keyClick(editor->textEdit(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(changed.wait(10000));
        QVERIFY(!editor->isVisible());
        QVERIFY(m_pane->transcriptText().contains(QStringLiteral("Yes, speaking, corrected by hand.")));
        // The corrected turn says so; the others do not.
        QTRY_COMPARE(m_pane->transcriptText().count(QStringLiteral("· corrected")), 1);
        QVERIFY(m_pane->transcriptText().contains(QStringLiteral("· corrected\nYes, speaking, corrected by hand.")));
        QVERIFY(!m_pane->transcriptText().contains(before));
        // The player went on playing all along.
        QVERIFY(m_pane->player()->engine()->state() == PlayerEngine::State::Playing);
        QCOMPARE(actions->history().revision, 1);
        QCOMPARE(actions->history().revisions.at(0).byUser, AuditLog::currentActor());
        QVERIFY(actions->history().revisions.at(0).summary.startsWith(QStringLiteral("Turn 2 at ")));
        QCOMPARE(actions->history().current->segments.at(1).speaker, QStringLiteral("other"));
        QCOMPARE(actions->history().provider->segments.at(1).text, before); // the provider's original is kept

        // Reopening the turn shows what the provider said; Escape closes it without a change.
        actions->correctTurn(1);
        QVERIFY(editor->isVisible());
        QVERIFY(editor->findChild<QLabel*>(QStringLiteral("providerWording"))->text().contains(before.toHtmlEscaped()));
        QTest::keyClick(editor->textEdit(), Qt::Key_Escape);
        QVERIFY(!editor->isVisible());

        // The history: the provider's original and the revision, each shown whole.
        TranscriptHistoryDialog* history = actions->showHistory();
        QVERIFY(history);
        QSignalSpy shown(history, &TranscriptHistoryDialog::revisionShown);
        QVERIFY(shown.wait(10000));
        QCOMPARE(history->revisions()->topLevelItemCount(), 2);
        QVERIFY(history->text()->toPlainText().contains(QStringLiteral("Other: Yes, speaking, corrected by hand.")));
        history->revisions()->setCurrentItem(history->revisions()->topLevelItem(0));
        QVERIFY(shown.wait(10000));
        QVERIFY(history->text()->toPlainText().contains(before));
        history->close();
        m_pane->player()->engine()->pause();
    }

    void typeATranscriptWhileListening()
    {
        const Demo::CallPlan plan = planWith(false, false);
        QVERIFY(!plan.callId.isEmpty());
        QVERIFY(open(plan.callId));
        QVERIFY(action("typeTranscript")->isEnabled());
        QVERIFY(!action("correctTurn")->isEnabled());
        action("typeTranscript")->trigger();
        TypingPanel* typing = m_pane->typingPanel();
        QVERIFY(typing->isVisible());
        QVERIFY(!m_pane->transcript()->isVisible());
        typing->resumeBox()->setValue(0.4);
        typing->rewindBox()->setValue(1.0);
        typing->stepBox()->setValue(0);

        PlayerEngine* engine = m_pane->player()->engine();
        engine->play();
        QTRY_VERIFY_WITH_TIMEOUT(engine->position() > 2.5, 10000);
        // Alt+R starts the respondent's turn at the player's time; typing pauses the player.
        QTest::keyClick(typing->editor(), Qt::Key_R, Qt::AltModifier);
        QVERIFY2(typing->text().startsWith(QStringLiteral("[0:0")), qPrintable(typing->text()));
        QVERIFY(typing->text().contains(QStringLiteral("] Respondent: ")));
        QTest::keyClicks(typing->editor(), QStringLiteral("hello there"));
        QVERIFY(engine->state() == PlayerEngine::State::Paused);
        const double pausedAt = engine->position();
        // It plays on by itself once the typing stops, from a second before.
        double resumedFrom = -1;
        auto connection = connect(engine, &PlayerEngine::stateChanged, this, [&](PlayerEngine::State s) {
            if (s == PlayerEngine::State::Playing && resumedFrom < 0) {
                resumedFrom = engine->position();
            }
        });
        QTRY_VERIFY_WITH_TIMEOUT(engine->state() == PlayerEngine::State::Playing, 5000);
        disconnect(connection);
        QVERIFY2(resumedFrom >= 0 && resumedFrom < pausedAt - 0.7 && resumedFrom > pausedAt - 1.3,
            qPrintable(QStringLiteral("paused at %1, resumed from %2").arg(pausedAt).arg(resumedFrom)));

        // The agent's turn; Ctrl+S saves the typed transcript as the call's transcript.
        QTest::keyClick(typing->editor(), Qt::Key_A, Qt::AltModifier);
        QTest::keyClicks(typing->editor(), QStringLiteral("thank you"));
        QTest::keyClick(typing->editor(), Qt::Key_S, Qt::ControlModifier);
        QLabel* message = typing->findChild<QLabel*>(QStringLiteral("typingMessage"));
        QTRY_VERIFY2_WITH_TIMEOUT(message->text().startsWith(QStringLiteral("Saved")),
            qPrintable(message->text() + QStringLiteral(" | ") + typing->text()), 10000);
        QVERIFY(!typing->isModified());

        // Play in steps: F4 plays on and it stops by itself a second and a half later.
        engine->pause();
        typing->stepBox()->setValue(1.5);
        const double stepFrom = engine->position();
        QTest::keyClick(typing->editor(), Qt::Key_F4);
        QTRY_VERIFY(engine->state() == PlayerEngine::State::Playing);
        QTRY_VERIFY_WITH_TIMEOUT(engine->state() == PlayerEngine::State::Paused, 5000);
        QVERIFY2(qAbs(engine->position() - (stepFrom + 1.5)) < 0.5,
            qPrintable(QStringLiteral("from %1 to %2").arg(stepFrom).arg(engine->position())));

        // An error in the text is named and nothing typed is lost.
        QTest::keyClick(typing->editor(), Qt::Key_Return);
        QTest::keyClicks(typing->editor(), QStringLiteral("[0:00.5] Agent: too early"));
        QTest::keyClick(typing->editor(), Qt::Key_S, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(typing->findChild<QLabel*>(QStringLiteral("typingMessage"))
                                     ->text()
                                     .contains(QStringLiteral("is before the turn above it")),
            10000);
        QVERIFY(typing->text().endsWith(QStringLiteral("too early")));
        // Closing it and answering "save": it cannot be, so it is kept as it was and comes back on reopening.
        const QString unsaved = typing->text();
        MessageBox::setNextAnswers({QMessageBox::Yes, QMessageBox::Ok});
        m_pane->transcriptActions()->stopTyping();
        QVERIFY2(MessageBox::lastText().contains(QStringLiteral("was not saved")), qPrintable(MessageBox::lastText()));
        QVERIFY2(MessageBox::lastText().contains(QStringLiteral("Line 3")), qPrintable(MessageBox::lastText()));
        QVERIFY(!typing->isVisible());
        m_pane->transcriptActions()->startTyping();
        QVERIFY(typing->isVisible());
        QCOMPARE(typing->text(), unsaved);
        QVERIFY(typing->isModified());
        // Closing with unsaved text asks; "No" discards it, and the saved transcript is shown.
        MessageBox::setNextAnswer(QMessageBox::No);
        QSignalSpy changed(m_pane->transcriptActions(), &TranscriptActions::historyLoaded);
        m_pane->transcriptActions()->stopTyping();
        QVERIFY(MessageBox::lastText().contains(plan.callId));
        QVERIFY(!typing->isVisible());
        QVERIFY(m_pane->transcript()->isVisible());
        QVERIFY(m_pane->transcriptText().contains(QStringLiteral("hello there")));
        QVERIFY(m_pane->transcriptText().contains(QStringLiteral("thank you")));
        QVERIFY(!m_pane->transcriptText().contains(QStringLiteral("too early")));
        QCOMPARE(m_pane->transcriptActions()->history().current->engine, QStringLiteral("earmark-typed"));
        engine->pause();
    }

    void reviewRedactionsAcceptRejectAdd()
    {
        const Demo::CallPlan plan = planWith(true, true);
        QVERIFY(!plan.callId.isEmpty());
        QVERIFY(open(plan.callId));
        RedactionReviewDialog* review = m_pane->transcriptActions()->reviewRedactions();
        QVERIFY(review);
        QSignalSpy loaded(review, &RedactionReviewDialog::loaded);
        QVERIFY(loaded.wait(10000));
        QVERIFY2(loaded.first().at(1).toString().isEmpty(), qPrintable(loaded.first().at(1).toString()));
        const int found = int(review->spans().size());
        QVERIFY(found >= 3); // the respondent's name, and the spoken phone, postcode or e-mail
        QVERIFY(std::all_of(review->spans().cbegin(), review->spans().cend(),
            [](const ReviewSpan& s) { return s.decision == Decision::Pending; }));
        // Highlighted in the transcript: the first span's words have the "to review" colour.
        QTextCursor first = review->text()->document()->find(review->list()->topLevelItem(0)->text(3));
        QVERIFY(!first.isNull());
        QTextCursor inside(review->text()->document());
        const int firstAt = first.selectionStart(); // the document is drawn again after each decision
        inside.setPosition(firstAt + 1);
        QCOMPARE(inside.charFormat().background().color(), QColor(0xff, 0xe0, 0x70));

        // Accept the first span with A; reject the last with R.
        QApplication::setActiveWindow(review);
        review->list()->setFocus();
        review->list()->setCurrentItem(review->list()->topLevelItem(0));
        QTest::keyClick(review->list(), Qt::Key_A);
        QVERIFY2(review->spans().at(0).decision == Decision::Accepted,
            qPrintable(review->status()->text()
                + QStringLiteral(" decision %1 of %2 selected %3")
                      .arg(int(review->spans().at(0).decision))
                      .arg(review->spans().size())
                      .arg(review->list()->selectedItems().size())));
        QTextCursor after(review->text()->document());
        after.setPosition(firstAt + 1);
        QCOMPARE(after.charFormat().background().color(), QColor(0xf2, 0x8b, 0x82));
        const int lastIndex = found - 1;
        review->list()->setCurrentItem(review->list()->topLevelItem(lastIndex));
        const QString rejectedWords = review->list()->topLevelItem(lastIndex)->text(3);
        QTest::keyClick(review->list(), Qt::Key_R);
        QVERIFY(review->spans().at(lastIndex).decision == Decision::Rejected);

        // Add: select "Fieldline" (the research company's name) and add it as an address.
        QTextCursor company = review->text()->document()->find(QStringLiteral("Fieldline"));
        QVERIFY(!company.isNull());
        review->text()->setTextCursor(company);
        review->typeBox()->setCurrentIndex(review->typeBox()->findText(QStringLiteral("ADDRESS")));
        review->findChild<QAction*>(QStringLiteral("addSpan"))->trigger();
        QCOMPARE(review->spans().size(), found + 1);
        QVERIFY(std::any_of(review->spans().cbegin(), review->spans().cend(), [](const ReviewSpan& s) {
            return s.decision == Decision::Added && s.span.type == Anonymise::Entity::Address;
        }));
        // A selection across two turns is refused with the reason.
        QTextCursor across(review->text()->document());
        across.setPosition(0);
        across.movePosition(QTextCursor::Down, QTextCursor::KeepAnchor, 2);
        review->text()->setTextCursor(across);
        QVERIFY(!review->addSelection());
        QVERIFY(review->status()->text().contains(QStringLiteral("one turn")));

        // Save: stored with who and when, the reviewer named as the evaluation panel names them.
        bool named = false;
        m_demo.worker->run<CacheSettings>(
            this,
            [](CacheSettings& settings) {
                return settings.setReviewerName(AuditLog::currentActor(), QStringLiteral("Rita Reviewer"));
            },
            [&named](Status st) { named = st.ok(); });
        QTRY_VERIFY(named);
        QSignalSpy saved(review, &RedactionReviewDialog::saved);
        review->findChild<QPushButton*>(QStringLiteral("saveReview"))->click();
        QVERIFY(saved.wait(10000));
        QVERIFY(loaded.wait(10000));
        QVERIFY(!review->isModified());
        QVERIFY2(review->status()->text().contains(
                     QStringLiteral("Last saved by Rita Reviewer (%1)").arg(AuditLog::currentActor())),
            qPrintable(review->status()->text()));
        QVERIFY(review->status()->text().contains(
            QStringLiteral("1 accepted, 1 rejected, 1 added, %1 not looked at").arg(found - 2)));
        QCOMPARE(review->spans().size(), found + 1);
        review->close();

        // The anonymised view follows the set: the rejected words stay, the added one is replaced.
        QSignalSpy ready(m_pane->anonymised(), &AnonymisedView::ready);
        m_pane->anonymisedButton()->click();
        QVERIFY(ready.wait(20000));
        const QString text = m_pane->transcriptText();
        QVERIFY2(text.contains(rejectedWords), qPrintable(rejectedWords + QStringLiteral(" | ") + text));
        QVERIFY(!text.contains(QStringLiteral("Fieldline")));
        QVERIFY(text.contains(QStringLiteral("[ADDRESS]")));
        QVERIFY(m_pane->reviewNote()->isVisible());
        QVERIFY2(m_pane->reviewNote()->text().contains(QStringLiteral("reviewed by %1").arg(AuditLog::currentActor())),
            qPrintable(m_pane->reviewNote()->text()));
        QSignalSpy back(m_pane, &CallDetailPane::loaded);
        m_pane->anonymisedButton()->click();
        QVERIFY(back.wait(20000));
    }
};

QTEST_MAIN(TestTranscriptWorkbench)
#include "TestTranscriptWorkbench.moc"
