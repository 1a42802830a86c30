#include "DemoWindow.h"
#include "TestSupport.h"
#include "browse/CallListModel.h"
#include "cache/CacheWorker.h"
#include "ui/browse/CallDetailPane.h"
#include "ui/evaluation/EvaluationActionsBar.h"
#include "ui/evaluation/EvaluationForm.h"
#include "ui/evaluation/EvaluationPanel.h"
#include "ui/player/PlayerWidget.h"
#include "ui/player/WaveformWidget.h"
#include "ui/setup/UnlockFlow.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/MessageBox.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;
using namespace Earmark::Gui;

// Scoring a call beside the player in the real main window: the form filled while the call plays, a comment pinned
// to the playhead, submit, dispute, resolve with a re-score, and the PDF a manager hands over.
class TestEvaluationPanel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    Test::DemoWindow m_demo;
    MainWindow* m_window = nullptr;

    EvaluationPanel* panel() const { return m_window->detailPane()->evaluation(); }
    PlayerWidget* player() const { return m_window->detailPane()->player(); }
    PlayerEngine* engine() const { return player()->engine(); }

    // Waits until the panel has finished its work on the cache and shows the result.
    void settle() { QTRY_VERIFY_WITH_TIMEOUT(!panel()->isBusy(), 10000); }

    void openCall(int skip = 0)
    {
        QSignalSpy count(m_window->model(), &CallListModel::countChanged);
        if (m_window->model()->rowCount() == 0) {
            QVERIFY(count.wait(15000));
        }
        for (int row = 0; row < m_window->model()->rowCount(); ++row) {
            if (!m_window->model()->rowAt(row)) {
                QSignalSpy page(m_window->model(), &CallListModel::pageLoaded);
                QVERIFY(page.wait(10000));
            }
            if (m_window->model()->index(row, static_cast<int>(CallColumn::Transcript)).data().toString().isEmpty()) {
                continue;
            }
            QSignalSpy ready(m_window->detailPane(), &CallDetailPane::audioReady);
            m_window->callView()->setCurrentIndex(m_window->model()->index(row, 0));
            QVERIFY(ready.wait(20000));
            if (engine()->audio() && engine()->audio()->speakersSeparable() && skip-- == 0) {
                settle();
                return;
            }
        }
        QFAIL("no stereo call with a transcript in the demo store");
    }

    void start()
    {
        MessageBox::setNextText(QStringLiteral("Ann Reviewer")); // asked once: the reviewer's display name
        panel()->startEvaluation();
        settle();
        QVERIFY(panel()->current().has_value());
        QCOMPARE(panel()->current()->state, EvaluationState::Draft);
    }

    // Answers every question at its best (the recording notice as the transcript suggests).
    void answerAll(EvaluationForm* form)
    {
        const QList<QPair<QString, QJsonValue>> answers {{QStringLiteral("recording-notice"), QStringLiteral("yes")},
            {QStringLiteral("introduction"), 5}, {QStringLiteral("purpose"), QStringLiteral("yes")},
            {QStringLiteral("read-neutrally"), QStringLiteral("verbatim")}, {QStringLiteral("recorded-accurately"), 5},
            {QStringLiteral("scale-explained"), QStringLiteral("yes")}, {QStringLiteral("courtesy"), 5},
            {QStringLiteral("complaint-raised"), QStringLiteral("no")},
            {QStringLiteral("no-extra-data"), QStringLiteral("yes")},
            {QStringLiteral("data-read-back"), QStringLiteral("na")},
            {QStringLiteral("thanked"), QStringLiteral("yes")}};
        for (const auto& [id, value] : answers) {
            QVERIFY2(form->choose(id, value), qPrintable(id));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_demo.makeCache(m_root.path(), 10);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void init()
    {
        const QString error = m_demo.open();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_window = m_demo.window.get();
    }

    void cleanup() { m_demo.close(); }

    void scoreWhilePlayingCommentSubmitDisputeResolve()
    {
        openCall(0);
        // The metrics need the whole decode, which streams on after the first audio is ready.
        QTRY_VERIFY2_WITH_TIMEOUT(m_window->detailPane()->metricsText().contains(QStringLiteral("talk/listen")),
            qPrintable(m_window->detailPane()->metricsText()), 20000);
        player()->action(QStringLiteral("playPause"))->trigger();
        QCOMPARE(engine()->state(), PlayerEngine::State::Playing);
        start();
        // The demo call gives its recording notice: the automatic check suggests "yes" with the time it was heard.
        const Suggestion notice = panel()->current()->suggestions.value(QStringLiteral("recording-notice"));
        QCOMPARE(notice.answer, QStringLiteral("yes"));
        QVERIFY(notice.atS && *notice.atS > 0 && *notice.atS < 60);

        // The evidence is a link: following it seeks the player to where the notice was heard.
        QLabel* evidence = nullptr;
        for (QLabel* l : panel()->form()->findChildren<QLabel*>()) {
            if (l->text().contains(QStringLiteral("href='seek:"))) {
                evidence = l;
            }
        }
        QVERIFY(evidence);
        Q_EMIT evidence->linkActivated(QStringLiteral("seek:%1").arg(*notice.atS));
        QTRY_VERIFY(std::abs(engine()->position() - *notice.atS) < 0.3);

        EvaluationForm* form = panel()->form();
        QVERIFY(!form->isQuestionVisible(QStringLiteral("complaint-handled")));
        answerAll(form);
        QVERIFY(!form->isQuestionVisible(QStringLiteral("complaint-handled")));
        QVERIFY2(panel()->scoreText().contains(QStringLiteral("100.0")), qPrintable(panel()->scoreText()));
        QVERIFY(panel()->scoreText().contains(QStringLiteral("Pass")));
        QVERIFY(panel()->submitButton()->isEnabled());
        // A condition shows its question: a complaint raised asks how it was handled, and submit waits for it.
        QVERIFY(form->choose(QStringLiteral("complaint-raised"), QStringLiteral("yes")));
        QVERIFY(form->isQuestionVisible(QStringLiteral("complaint-handled")));
        QVERIFY(!panel()->submitButton()->isEnabled());
        QVERIFY(panel()->submitButton()->toolTip().contains(QStringLiteral("Complaint or abuse handled")));
        QVERIFY(form->choose(QStringLiteral("complaint-handled"), QStringLiteral("yes")));
        QVERIFY(panel()->submitButton()->isEnabled());
        QCOMPARE(engine()->state(), PlayerEngine::State::Playing); // the form never interrupts playback

        // The draft is saved automatically.
        QTRY_VERIFY_WITH_TIMEOUT(panel()->statusText().startsWith(QStringLiteral("Draft saved")), 5000);

        // A comment typed while playing is pinned to where the playhead was when typing began.
        QTRY_VERIFY_WITH_TIMEOUT(engine()->position() > 1.0, 5000);
        auto* edit = panel()->findChild<QLineEdit*>(QStringLiteral("commentEdit"));
        QTest::keyClicks(edit, QStringLiteral("Leading wording on question two"));
        const double typedAt = engine()->position();
        QTest::keyClick(edit, Qt::Key_Return);
        settle();
        QCOMPARE(panel()->commentList()->count(), 1);
        QListWidgetItem* item = panel()->commentList()->item(0);
        QVERIFY(item->text().contains(QStringLiteral("Leading wording on question two")));
        const double at = item->data(Qt::UserRole).toDouble();
        QVERIFY2(at > 0.5 && at <= typedAt + 0.01, qPrintable(QStringLiteral("%1 %2").arg(at).arg(typedAt)));
        // Clicking it seeks the player there.
        player()->action(QStringLiteral("playPause"))->trigger();
        engine()->seek(0);
        Q_EMIT panel()->commentList()->itemClicked(item);
        QTRY_VERIFY(std::abs(engine()->position() - at) < 0.05);

        // Submit: revision 1, the score as shown. The menu's Submit follows the panel's: usable for this draft, not
        // once it is submitted.
        QAction* submitAction = m_demo.action(QStringLiteral("submitEvaluation"));
        QVERIFY(submitAction && submitAction->isEnabled());
        panel()->submit();
        settle();
        QCOMPARE(panel()->current()->state, EvaluationState::Submitted);
        QVERIFY(!submitAction->isEnabled());
        QCOMPARE(panel()->current()->revision, 1);
        QCOMPARE(panel()->current()->score.value_or(-1), 100.0);
        QCOMPARE(panel()->current()->comments.size(), 1);
        // The comment is a flag on the waveform at its moment.
        QCOMPARE(player()->waveform()->markers().size(), 1);
        QVERIFY(std::abs(player()->waveform()->markers().constFirst() - panel()->current()->comments.constFirst().atS)
            < 0.001);
        // The status line says what happened, with the outcome.
        QTRY_COMPARE_WITH_TIMEOUT(panel()->statusText(), QStringLiteral("Evaluation submitted: 100.0, pass."), 5000);
        // The call list says the call is evaluated, by whom, with what (the reviewer's account in the tooltip).
        const QModelIndex evaluated = m_window->callView()->currentIndex().siblingAtColumn(int(CallColumn::Evaluated));
        QVERIFY(!m_window->callView()->isColumnHidden(int(CallColumn::Evaluated)));
        QTRY_COMPARE_WITH_TIMEOUT(evaluated.data().toString(), QStringLiteral("Ann Reviewer 100.0 ✓"), 5000);
        QVERIFY2(evaluated.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Ann Reviewer (")),
            qPrintable(evaluated.data(Qt::ToolTipRole).toString()));
        QVERIFY(evaluated.data(Qt::ToolTipRole).toString().contains(QStringLiteral("submitted, 100.0, pass")));

        // Dispute: the tele researcher's response is recorded.
        MessageBox::setNextText(QStringLiteral("I asked question two exactly as scripted"));
        panel()->dispute();
        settle();
        QCOMPARE(panel()->current()->state, EvaluationState::Disputed);

        // Resolve with a re-score: a new revision with the decision as its reason.
        panel()->rescore();
        QVERIFY(form->choose(QStringLiteral("courtesy"), 3));
        MessageBox::setNextText(QStringLiteral("Partly upheld: wording fine, tone curt at the close"));
        panel()->resolve();
        settle();
        QCOMPARE(panel()->current()->state, EvaluationState::Resolved);
        QCOMPARE(panel()->current()->revision, 2);
        // Manner (weight 15 of 100): (courtesy 0.5 x 1 + complaint handled 1 x 2) / 3; 100 - 15 x (1 - 2.5 / 3).
        QCOMPARE(panel()->current()->score.value_or(-1), 97.5);

        // The PDF holds the score, the state, the decision and the comment.
        const QString pdf = m_root.filePath(QStringLiteral("evaluation.pdf"));
        QSignalSpy written(panel(), &EvaluationPanel::pdfWritten);
        panel()->exportPdf(pdf);
        QVERIFY(written.wait(10000));
        QVERIFY2(written.first().at(1).toString().isEmpty(), qPrintable(written.first().at(1).toString()));
        const auto text = Test::run(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
        QCOMPARE(text.exitCode, 0);
        const QString body = QString::fromUtf8(text.out);
        for (const QString& needle : {QStringLiteral("Score: 97.5"), QStringLiteral("PASS"), QStringLiteral("Resolved"),
                 QStringLiteral("Partly upheld"), QStringLiteral("Leading wording on question two"),
                 QStringLiteral("Ann Reviewer"), QStringLiteral("Courteous, patient and clear")}) {
            QVERIFY2(body.contains(needle), qPrintable(needle + QStringLiteral(" not in:\n") + body));
        }
        // Every line of the history names the reviewer as the panel does, never by the account alone.
        const QString history = body.mid(body.indexOf(QLatin1String("History")));
        QVERIFY2(history.count(QLatin1String("Ann Reviewer")) >= 3, qPrintable(history));
        // The title names the researcher whose call it is, with their id.
        const QString agentName = panel()->current()->agentName;
        QVERIFY(!agentName.isEmpty());
        const QString title = QStringLiteral("Call evaluation: %1 (%2)").arg(agentName, panel()->current()->agentId);
        QVERIFY2(body.contains(title), qPrintable(title + QStringLiteral(" not in:\n") + body.left(300)));
    }

    void draftIsKeptAndResumedWhenTheCallIsOpenedAgain()
    {
        openCall(1);
        start();
        QVERIFY(panel()->form()->choose(QStringLiteral("introduction"), 2));
        QVERIFY(!panel()->submitButton()->isEnabled());
        QVERIFY(panel()->submitButton()->toolTip().contains(QStringLiteral("Recording notice")));
        QTRY_VERIFY_WITH_TIMEOUT(panel()->statusText().startsWith(QStringLiteral("Draft saved")), 5000);
        const qint64 id = panel()->current()->id;
        const QString callId = m_window->detailPane()->currentCallId();

        // Another call, then back: the same draft with its answer.
        openCall(0);
        QVERIFY(!panel()->current() || panel()->current()->id != id);
        openCall(1);
        QCOMPARE(m_window->detailPane()->currentCallId(), callId);
        QVERIFY(panel()->current().has_value());
        QCOMPARE(panel()->current()->id, id);
        QCOMPARE(panel()->form()->answers().value(QStringLiteral("introduction")).toInt(), 2);
        // The list marks the draft before the name, so that a narrow column still says it is one.
        const QModelIndex evaluated = m_window->callView()->currentIndex().siblingAtColumn(int(CallColumn::Evaluated));
        QTRY_COMPARE_WITH_TIMEOUT(evaluated.data().toString(), QStringLiteral("✎ Ann Reviewer"), 5000);
        QVERIFY(evaluated.data(Qt::ToolTipRole).toString().contains(QStringLiteral("draft")));
    }

    void whatSubmitWaitsForIsSaidUnderItWithALinkToTheQuestion()
    {
        openCall(1); // the draft the test above left
        QVERIFY(panel()->current().has_value());
        EvaluationForm* form = panel()->form();
        answerAll(form);
        const QString notice = QStringLiteral("recording-notice");
        QVERIFY(panel()->current()->suggestions.contains(notice));
        const bool suggestedYes = panel()->current()->suggestions.value(notice).answer == QLatin1String("yes");
        QVERIFY(form->choose(notice, suggestedYes ? QStringLiteral("no") : QStringLiteral("yes")));
        QVERIFY(!panel()->submitButton()->isEnabled());
        // Said under the buttons, by the question's text (never its id), with a link that shows the reason box.
        QLabel* todo = panel()->actionsBar()->todoLabel();
        QVERIFY(todo->isVisible());
        QVERIFY2(todo->text().contains(QStringLiteral("Before you submit: Recording notice given and permission "
                                                      "obtained: say why your answer differs from the suggestion")),
            qPrintable(todo->text()));
        QVERIFY2(!todo->text().contains(QStringLiteral("recording-notice:")), qPrintable(todo->text()));
        QVERIFY(!panel()->submitButton()->toolTip().contains(QStringLiteral("recording-notice:")));
        QLineEdit* reason = form->overrideEditorFor(notice);
        Q_EMIT todo->linkActivated(QStringLiteral("question:") + notice);
        QCOMPARE(reason->window()->focusWidget(), reason);
        QVERIFY(!reason->visibleRegion().isEmpty());
        QTest::keyClicks(reason, QStringLiteral("The notice came after the first question"));
        QVERIFY(panel()->submitButton()->isEnabled());
        // The line stays (the form does not move under the pointer) and says it is ready.
        QVERIFY(todo->isVisible());
        QVERIFY2(todo->text().startsWith(QStringLiteral("Ready to submit")), qPrintable(todo->text()));
    }
};

QTEST_MAIN(TestEvaluationPanel)
#include "TestEvaluationPanel.moc"
