#include "ui/evaluation/AnswerButtons.h"
#include "ui/evaluation/EvaluationForm.h"
#include "ui/evaluation/EvaluationPicker.h"
#include "ui/evaluation/RunningScoreLabel.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace Earmark;
using namespace Earmark::Gui;

namespace {
const QByteArray kTemplate = R"({"schema": "earmark.scorecard/1", "id": "form-test", "version": 1, "title": "Form test",
  "pass_mark": 80, "sections": [{"id": "s", "title": "Opening", "questions": [
    {"id": "notice", "text": "Recording notice given", "type": "yes_no", "na_allowed": false},
    {"id": "intro", "text": "Introduced self", "type": "scale", "min": 1, "max": 5},
    {"id": "tone", "text": "Tone", "type": "choice", "options": [
      {"id": "good", "label": "Good", "points": 10}, {"id": "ok", "label": "Acceptable", "points": 5}]},
    {"id": "thanked", "text": "Thanked the respondent", "type": "yes_no"},
    {"id": "notes", "text": "Notes", "type": "text"}]}]})";
} // namespace

// The evaluation form as a reviewer answers it: buttons, keys, a layout that stays put, and answers that stay
// readable once submitted.
class TestEvaluationForm : public QObject
{
    Q_OBJECT

    Scorecard::Template m_template;

    AnswerButtons* buttons(EvaluationForm& form, const char* id)
    {
        return qobject_cast<AnswerButtons*>(form.editorFor(QLatin1String(id)));
    }
    QStringList texts(AnswerButtons* b)
    {
        QStringList out;
        for (int i = 0; i < b->count(); ++i) {
            out << b->button(i)->text();
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QList<Scorecard::Problem> problems;
        auto t = Scorecard::Template::parse(kTemplate, &problems);
        QVERIFY(t);
        m_template = t.value();
    }

    void shortChoicesAreButtonsAndScalesAreLabelled()
    {
        EvaluationForm form;
        form.setScorecard(m_template);
        form.show();
        QCOMPARE(texts(buttons(form, "notice")), QStringList({QStringLiteral("Yes"), QStringLiteral("No")}));
        QCOMPARE(texts(buttons(form, "thanked")),
            QStringList({QStringLiteral("Yes"), QStringLiteral("No"), QStringLiteral("N/A")}));
        QCOMPARE(texts(buttons(form, "intro")),
            QStringList({QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("4"),
                QStringLiteral("5"), QStringLiteral("N/A")}));
        QCOMPARE(texts(buttons(form, "tone")),
            QStringList({QStringLiteral("Good"), QStringLiteral("Acceptable"), QStringLiteral("N/A")}));
        // Each point of the scale says what it means.
        QVERIFY(buttons(form, "intro")->button(0)->toolTip().startsWith(QStringLiteral("Very poor")));
        QVERIFY(buttons(form, "intro")->button(4)->toolTip().startsWith(QStringLiteral("Excellent")));

        // One click answers; the chosen answer is the checked button and its meaning is said beside the row.
        QSignalSpy changed(&form, &EvaluationForm::changed);
        QTest::mouseClick(buttons(form, "intro")->button(3), Qt::LeftButton);
        QCOMPARE(form.answers().value(QStringLiteral("intro")).toInt(), 4);
        QCOMPARE(changed.count(), 1);
        auto* caption = buttons(form, "intro")->findChild<QLabel*>(QStringLiteral("answerCaption"));
        QCOMPARE(caption->text(), QStringLiteral("Good"));
        QTest::mouseClick(buttons(form, "notice")->button(1), Qt::LeftButton);
        QCOMPARE(form.answers().value(QStringLiteral("notice")).toString(), QStringLiteral("no"));
    }

    void digitsLettersAndArrowsAnswerFromTheKeyboard()
    {
        EvaluationForm form;
        form.setScorecard(m_template);
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        AnswerButtons* intro = buttons(form, "intro");
        intro->setFocus();
        QTRY_VERIFY(intro->hasFocus());
        QTest::keyClick(intro, Qt::Key_4); // the digit is the scale's value
        QCOMPARE(form.answers().value(QStringLiteral("intro")).toInt(), 4);
        QTest::keyClick(intro, Qt::Key_Left);
        QCOMPARE(form.answers().value(QStringLiteral("intro")).toInt(), 3);
        QTest::keyClick(intro, Qt::Key_4, Qt::ControlModifier); // a window shortcut, not an answer
        QCOMPARE(form.answers().value(QStringLiteral("intro")).toInt(), 3);
        QTest::keyClick(intro, Qt::Key_Delete);
        QVERIFY(!form.answers().contains(QStringLiteral("intro")));
        AnswerButtons* thanked = buttons(form, "thanked");
        thanked->setFocus();
        QTest::keyClick(thanked, Qt::Key_N); // the first letter
        QCOMPARE(form.answers().value(QStringLiteral("thanked")).toString(), QStringLiteral("no"));
        QTest::keyClick(thanked, Qt::Key_1); // the position for yes/no and choices
        QCOMPARE(form.answers().value(QStringLiteral("thanked")).toString(), QStringLiteral("yes"));
        QTest::keyClick(thanked, Qt::Key_3);
        QCOMPARE(form.answers().value(QStringLiteral("thanked")).toString(), QStringLiteral("na"));
        // Tab goes from question to question: one stop each, never into the buttons.
        QCOMPARE(buttons(form, "notice")->button(0)->focusPolicy(), Qt::NoFocus);
    }

    void answeringNeverMovesTheQuestionsBelow()
    {
        // The notice has a suggestion: answering against it asks why, in room kept for it, so that the next
        // question stays under the pointer (a second click lands where it was aimed).
        EvaluationForm form;
        form.setScorecard(m_template);
        form.setAnswers({},
            {{QStringLiteral("notice"),
                Suggestion {QStringLiteral("yes"), 4.2, QStringLiteral("this call is recorded")}}},
            {});
        form.resize(420, 700);
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        QWidget* below = buttons(form, "intro");
        const int before = below->mapTo(&form, QPoint(0, 0)).y();
        QTest::mouseClick(buttons(form, "notice")->button(1), Qt::LeftButton);
        QVERIFY(form.overrideEditorFor(QStringLiteral("notice"))->isVisible());
        QApplication::processEvents();
        QCOMPARE(below->mapTo(&form, QPoint(0, 0)).y(), before);
        QTest::mouseClick(buttons(form, "notice")->button(0), Qt::LeftButton);
        QApplication::processEvents();
        QCOMPARE(below->mapTo(&form, QPoint(0, 0)).y(), before);
    }

    void submittedAnswersStayReadable()
    {
        EvaluationForm form;
        form.setScorecard(m_template);
        form.setAnswers({{QStringLiteral("notice"), QStringLiteral("yes")}, {QStringLiteral("intro"), 5}}, {}, {});
        form.show();
        AnswerButtons* intro = buttons(form, "intro");
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        const QImage live = intro->button(1)->grab().toImage();
        form.setEditable(false);
        // The answers not chosen no longer look like buttons to press.
        QVERIFY(intro->button(1)->grab().toImage() != live);
        QCOMPARE(intro->button(1)->property("answerReadOnly").toBool(), true);
        // Not greyed out: enabled, the answer checked (in the selection colours), nothing that can be changed.
        QVERIFY(intro->isEnabled() && intro->button(4)->isEnabled());
        QVERIFY(intro->button(4)->isChecked());
        QVERIFY(intro->isReadOnly());
        QCOMPARE(intro->focusPolicy(), Qt::NoFocus);
        QTest::mouseClick(intro->button(1), Qt::LeftButton);
        QCOMPARE(form.answers().value(QStringLiteral("intro")).toInt(), 5);
        QVERIFY(intro->styleSheet().contains(QStringLiteral(":checked")));
    }

    void thePickerShowsNothingBeforeACallIsOpened()
    {
        // No unlabelled empty drop-down or Evaluate button before there is a call to evaluate.
        EvaluationPicker picker;
        picker.show();
        for (QWidget* w : picker.findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly)) {
            QVERIFY2(w->isHidden(), w->metaObject()->className());
        }
        picker.setCallOpen(true);
        QVERIFY(!picker.findChild<QPushButton*>()->isHidden());
    }

    void theRunningScoreIsASoFarUntilEverythingIsAnswered()
    {
        RunningScoreLabel label;
        Evaluation e;
        e.state = EvaluationState::Draft;
        e.answers = {{QStringLiteral("notice"), QStringLiteral("yes")}};
        label.showScore(&m_template, &e);
        QVERIFY2(label.text().contains(QStringLiteral("100.0</b></span> so far")), qPrintable(label.text()));
        QVERIFY2(label.text().contains(QStringLiteral("so far · 3 question")), qPrintable(label.text()));
        QVERIFY(!label.text().contains(QStringLiteral("Pass")));
        e.answers.insert(QStringLiteral("intro"), 5);
        e.answers.insert(QStringLiteral("tone"), QStringLiteral("ok"));
        e.answers.insert(QStringLiteral("thanked"), QStringLiteral("yes"));
        label.showScore(&m_template, &e);
        QVERIFY2(label.text().contains(QStringLiteral("· Pass")), qPrintable(label.text()));
        QVERIFY(!label.text().contains(QStringLiteral("so far")));
    }
};

QTEST_MAIN(TestEvaluationForm)
#include "TestEvaluationForm.moc"
