#include "DemoWindow.h"
#include "TestSupport.h"
#include "anonymise/AudioRedaction.h"
#include "cache/CacheWorker.h"
#include "demo/DemoScript.h"
#include "redaction/RedactionReviews.h"
#include "transcript/TranscriptCorrections.h"
#include "ui/browse/CallDetailPane.h"
#include "ui/player/PlayerWidget.h"
#include "ui/player/WaveformWidget.h"
#include "ui/quality/QualityActions.h"
#include "ui/redaction/AnonymisedView.h"
#include "ui/redaction/RedactionReviewDialog.h"
#include "ui/setup/UnlockFlow.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/MessageBox.h"
#include "ui/shell/StatusLine.h"
#include "ui/training/ScenarioDialog.h"
#include "ui/training/ScenarioLibraryDialog.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace Earmark;
using namespace Earmark::Gui;

// The anonymised view of a demo call in the real window: placeholders instead of the respondent's data in the
// transcript, bleeps in the audio the player plays, exports as text, JSON and PDF with nothing personal in them.
class TestAnonymisedView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    Test::DemoWindow m_demo;
    MainWindow* m_window = nullptr;

    // Export… from the window: the first question (is it reviewed?) answered no, then yes, where the save dialog
    // would ask: nothing written after no, the file after yes; then the audit log's record says `recorded`. The
    // question's text, for the caller to check.
    QString exportAskingTwice(CallDetailPane* pane, const QString& name, const QByteArray& recorded)
    {
        const QString declined = m_root.filePath(name + QStringLiteral("-declined.txt"));
        MessageBox::setNextAnswer(QMessageBox::No);
        MessageBox::setNextSaveFileName(declined);
        pane->exportAnonymisedButton()->click();
        const QString asked = MessageBox::lastText();
        if (QFile::exists(declined)) {
            return QStringLiteral("written although declined");
        }
        const QString confirmed = m_root.filePath(name + QStringLiteral("-confirmed.txt"));
        MessageBox::setNextAnswer(QMessageBox::Yes);
        MessageBox::setNextSaveFileName(confirmed);
        pane->exportAnonymisedButton()->click();
        if (!QFile::exists(confirmed)) {
            return QStringLiteral("not written when confirmed");
        }
        bool found = false;
        for (int i = 0; i < 100 && !found; ++i) {
            found = m_demo.cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--json")})
                        .out.contains(recorded);
            if (!found) {
                QTest::qWait(100);
            }
        }
        return found ? asked : QStringLiteral("not recorded: ") + QString::fromUtf8(recorded);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error = m_demo.makeCache(m_root.path(), 12);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        error = m_demo.open();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_window = m_demo.window.get();
    }

    void cleanupTestCase() { m_demo.close(); }

    void showsExportsAndPlaysTheAnonymisedCall()
    {
        std::optional<Demo::CallPlan> plan;
        for (int i = 0; i < 12 && !plan; ++i) {
            const Demo::CallPlan p = Demo::planCall(i, 1, 14);
            if (p.hasTranscript && p.spokenPersonal.size() >= 1 && p.stereo) {
                plan = p;
            }
        }
        QVERIFY(plan);
        CallDetailPane* pane = m_window->detailPane();
        QSignalSpy audio(pane, &CallDetailPane::audioReady);
        pane->showCall(plan->callId);
        QVERIFY(audio.wait(20000));
        const QString lastName = plan->respondentName.section(u' ', -1);
        QVERIFY(pane->transcriptText().contains(lastName));

        QSignalSpy ready(pane->anonymised(), &AnonymisedView::ready);
        pane->anonymisedButton()->click();
        QVERIFY(ready.wait(20000));
        QVERIFY2(ready.first().at(1).toString().isEmpty(), qPrintable(ready.first().at(1).toString()));
        const QString text = pane->transcriptText();
        QVERIFY2(!text.contains(lastName), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("[PERSON_1]")));
        QVERIFY(pane->anonymised()->redactionCount() >= 2);
        QVERIFY(pane->reviewNote()->isVisible()); // nobody has reviewed this call's redactions: the window says so
        QVERIFY(pane->reviewNote()->text().contains(QStringLiteral("not yet reviewed by a person")));

        // The player has the bleeped audio: the first redacted span is the tone, on every channel.
        const QJsonObject first
            = pane->anonymised()->transcript().value(QStringLiteral("redactions")).toArray().first().toObject();
        const auto played = pane->player()->engine()->audio();
        QVERIFY(played);
        const double startS = first.value(QStringLiteral("start_s")).toDouble();
        const double endS = first.value(QStringLiteral("end_s")).toDouble();
        const qint64 from = qint64(std::floor(startS * played->sampleRate));
        const qint64 span = qint64(std::ceil(endS * played->sampleRate)) - from;
        QList<Anonymise::Redaction> spans;
        for (const auto& v : pane->anonymised()->transcript().value(QStringLiteral("redactions")).toArray()) {
            spans.append({0, Anonymise::Entity::Phone, v.toObject().value(QStringLiteral("start_s")).toDouble(),
                v.toObject().value(QStringLiteral("end_s")).toDouble()});
        }
        const double level = Anonymise::bleepLevel(played->samples, played->channels, played->sampleRate, spans);
        for (qint64 k = 5; k < 50; ++k) {
            for (int c = 0; c < played->channels; ++c) {
                QCOMPARE(played->samples[(from + k) * played->channels + c],
                    Anonymise::toneSample(k, span, played->sampleRate, level));
            }
        }

        // Exports: nothing personal in any of them.
        QStringList needles {lastName, plan->respondentName.section(u' ', 0, 0)};
        for (const QString& v : plan->spokenPersonal) {
            needles << v << QString(v).remove(u' ');
        }
        for (const QString& name : {QStringLiteral("a.txt"), QStringLiteral("a.json"), QStringLiteral("a.pdf")}) {
            const QString path = m_root.filePath(name);
            QVERIFY(pane->anonymised()->exportTo(path).ok());
            QByteArray bytes = Test::readFile(path);
            if (name.endsWith(QLatin1String(".pdf"))) {
                bytes = Test::run(QStringLiteral("pdftotext"), {path, QStringLiteral("-")}).out;
            }
            QVERIFY2(bytes.contains("[PERSON_1]"), name.toUtf8().constData());
            for (const QString& n : needles) {
                QVERIFY2(!bytes.contains(n.toUtf8()), qPrintable(name + QStringLiteral(": ") + n));
            }
        }
        const QJsonObject json
            = QJsonDocument::fromJson(Test::readFile(m_root.filePath(QStringLiteral("a.json")))).object();
        QCOMPARE(json.value(QStringLiteral("anonymised")).toBool(), true);

        // Export… from the window: nobody has reviewed the redactions, so it asks first; no leaves nothing, yes
        // writes the file and the audit log says it left unreviewed on the user's word.
        QVERIFY(pane->anonymised()->reviewedBy().isEmpty());
        const QString asked
            = exportAskingTwice(pane, QStringLiteral("unreviewed"), "unreviewed, exported on the user's confirmation");
        QVERIFY2(asked.contains(QStringLiteral("No person has reviewed")), qPrintable(asked));
        // The status line says what was written, and how it left.
        QTRY_VERIFY2(m_window->findChild<QLabel*>(QStringLiteral("statusText"))
                         ->text()
                         .startsWith(QStringLiteral("Anonymised transcript written: ")),
            qPrintable(m_window->findChild<QLabel*>(QStringLiteral("statusText"))->text()));
        QVERIFY(m_window->findChild<QLabel*>(QStringLiteral("statusText"))
                    ->text()
                    .contains(QStringLiteral("not reviewed")));

        // The organisation's rule, set by an administrator: then no confirmation lets it out, and the box says what
        // to do instead; turned off, the confirmation is back.
        auto* rule = m_window->findChild<QAction*>(QStringLiteral("requireRedactionReview"));
        QVERIFY(rule && rule->isCheckable() && !rule->isChecked() && rule->isEnabled());
        rule->trigger();
        QTRY_VERIFY(pane->anonymised()->reviewRequired());
        QTRY_VERIFY_WITH_TIMEOUT(
            m_demo.cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--json")})
                .out.contains("review required before export"),
            10000);
        const QString refused = m_root.filePath(QStringLiteral("refused.txt"));
        MessageBox::setNextAnswer(QMessageBox::Ok);
        MessageBox::setNextSaveFileName(refused);
        pane->exportAnonymisedButton()->click();
        QVERIFY2(MessageBox::lastText().contains(QStringLiteral("requires a person to review the redactions")),
            qPrintable(MessageBox::lastText()));
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("Ctrl+Shift+D")));
        QVERIFY(!QFile::exists(refused));
        rule->trigger();
        QTRY_VERIFY(!pane->anonymised()->reviewRequired());
        QVERIFY(!rule->isChecked());

        // Back to the call as it is.
        QSignalSpy back(pane, &CallDetailPane::loaded);
        pane->anonymisedButton()->click();
        QVERIFY(back.wait(20000));
        QVERIFY(pane->transcriptText().contains(lastName));
    }

    void aReviewOutdatedByACorrectionIsNotTakenAsReviewed()
    {
        // A call reviewed by a person, then one of its turns corrected: that turn's redactions are found afresh and
        // nobody has looked at them, so the export asks again and the record says so.
        std::optional<Demo::CallPlan> plan;
        for (int i = 11; i >= 0 && !plan; --i) { // not the call the other tests take
            const Demo::CallPlan p = Demo::planCall(i, 1, 14);
            if (p.hasTranscript && !p.spokenPersonal.isEmpty()) {
                plan = p;
            }
        }
        QVERIFY(plan);
        const QString callId = plan->callId;
        bool done = false;
        QString failure;
        m_demo.worker->run<RedactionReviews>(
            this,
            [callId](RedactionReviews& reviews) -> Status {
                auto state = reviews.load(callId);
                if (!state) {
                    return state.error();
                }
                auto saved = reviews.save(callId, state->transcript, state->spans);
                return saved ? Status() : Status(saved.error());
            },
            [&](Status st) {
                failure = st.errorMessage();
                done = true;
            });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        done = false;
        m_demo.worker->run<TranscriptCorrections>(
            this,
            [callId](TranscriptCorrections& corrections) -> Status {
                auto revision = corrections.correctSegment(
                    callId, 0, 0, QStringLiteral("agent"), QStringLiteral("Good morning, this call is recorded."));
                return revision ? Status() : Status(revision.error());
            },
            [&](Status st) {
                failure = st.errorMessage();
                done = true;
            });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));

        CallDetailPane* pane = m_window->detailPane();
        if (pane->anonymisedButton()->isChecked()) {
            QSignalSpy back(pane, &CallDetailPane::loaded);
            pane->anonymisedButton()->click();
            QVERIFY(back.wait(20000));
        }
        QSignalSpy loaded(pane, &CallDetailPane::loaded);
        pane->showCall(callId);
        QVERIFY(loaded.count() > 0 || loaded.wait(20000));
        QSignalSpy ready(pane->anonymised(), &AnonymisedView::ready);
        pane->anonymisedButton()->click();
        QVERIFY(ready.wait(20000));
        QVERIFY(!pane->anonymised()->reviewedBy().isEmpty());
        QCOMPARE(pane->anonymised()->staleSegments(), 1);
        QVERIFY2(pane->reviewNote()->text().contains(QStringLiteral("1 turn corrected since then")),
            qPrintable(pane->reviewNote()->text()));

        const QString asked = exportAskingTwice(
            pane, QStringLiteral("stale"), "1 corrected turn(s) unreviewed, exported on the user's confirmation");
        QVERIFY2(asked.contains(QStringLiteral("1 turn of this call was corrected after")), qPrintable(asked));

        // The note's shortcut opens the review from the anonymised view; saving it brings the view up to date.
        QTest::keySequence(m_window, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
        auto* review = m_window->findChild<RedactionReviewDialog*>();
        QVERIFY(review);
        QTRY_VERIFY_WITH_TIMEOUT(review->isVisible() && review->callId() == callId, 10000);
        QSignalSpy reviewed(pane->anonymised(), &AnonymisedView::ready);
        review->save();
        QVERIFY(reviewed.wait(20000));
        QCOMPARE(pane->anonymised()->staleSegments(), 0);
        QVERIFY2(!pane->reviewNote()->text().contains(QStringLiteral("corrected since then")),
            qPrintable(pane->reviewNote()->text()));
        review->close();
        QSignalSpy back(pane, &CallDetailPane::loaded);
        pane->anonymisedButton()->click();
        QVERIFY(back.wait(20000));
    }

    void flagARegionAsAScenarioBrowseItAndExportAPack()
    {
        std::optional<Demo::CallPlan> plan;
        for (int i = 0; i < 12 && !plan; ++i) {
            const Demo::CallPlan p = Demo::planCall(i, 1, 14);
            if (p.hasTranscript && !p.spokenPersonal.isEmpty()) {
                plan = p;
            }
        }
        QVERIFY(plan);
        CallDetailPane* pane = m_window->detailPane();
        QSignalSpy audio(pane, &CallDetailPane::audioReady);
        pane->showCall(plan->callId);
        QVERIFY(audio.count() > 0 || audio.wait(20000));
        QualityActions* quality = m_window->quality();
        // Without a selected region there is nothing to flag, and the reviewer is told how.
        pane->player()->waveform()->clearSelection();
        MessageBox::setNextAnswer(QMessageBox::Ok);
        QVERIFY(!quality->flagScenario());
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("drag")));

        pane->player()->waveform()->setSelection(0, 20);
        ScenarioDialog* dialog = quality->flagScenario();
        QVERIFY(dialog);
        // The region is given with its start and end, as the player's clock reads them.
        bool region = false;
        for (QLabel* l : dialog->findChildren<QLabel*>()) {
            region = region || l->text().contains(QStringLiteral("from 0:00 to 0:20"));
        }
        QVERIFY(region);
        const QString lastName = plan->respondentName.section(u' ', -1);
        Scenario d;
        d.title = QStringLiteral("Notice given well");
        d.category = QStringLiteral("Recording notice");
        d.objectives = QStringLiteral("Give the notice before the first question");
        d.notes = QStringLiteral("Mrs %1 was happy to go on").arg(lastName);
        d.tags = {QStringLiteral("notice")};
        dialog->setDetails(d);
        QSignalSpy saved(dialog, &ScenarioDialog::saved);
        MessageBox::setNextAnswer(QMessageBox::Ok); // an error would be shown in a box: answered, never blocking
        dialog->save();
        QVERIFY(saved.wait(20000));
        QVERIFY2(saved.first().at(1).toString().isEmpty(), qPrintable(saved.first().at(1).toString()));
        // Saying so, and where it went.
        QTRY_VERIFY2(m_window->findChild<QLabel*>(QStringLiteral("statusText"))
                         ->text()
                         .startsWith(QStringLiteral("Training scenario saved")),
            qPrintable(m_window->findChild<QLabel*>(QStringLiteral("statusText"))->text()));

        ScenarioLibraryDialog* library = quality->trainingLibrary();
        QSignalSpy refreshed(library, &ScenarioLibraryDialog::refreshed);
        // Its shortcut, from wherever the focus is in the window (the call list here).
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        m_window->callView()->setFocus();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_B, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(library->isVisible());
        QVERIFY(refreshed.wait(10000));
        // Every column but the title fits its header and values; the title takes the rest, with a tooltip.
        auto* list = library->findChild<QTreeWidget*>();
        QVERIFY(list && list->topLevelItemCount() == 1);
        QTRY_VERIFY(list->header()->length() <= list->viewport()->width() + 1);
        for (int c = 1; c < list->columnCount(); ++c) {
            QVERIFY2(list->header()->sectionSize(c) >= list->header()->sectionSizeHint(c),
                qPrintable(list->headerItem()->text(c)));
        }
        QVERIFY(list->header()->sectionSize(0) >= 120);
        QCOMPARE(list->topLevelItem(0)->toolTip(0), list->topLevelItem(0)->text(0));
        auto* remove = library->findChild<QPushButton*>(QStringLiteral("removeScenario"));
        QVERIFY(remove && !remove->isEnabled()); // nothing chosen yet
        QCOMPARE(library->scenarios().size(), 1);
        QSignalSpy opened(library, &ScenarioLibraryDialog::opened);
        library->open(library->scenarios().first().id);
        QVERIFY(opened.wait(10000));
        QVERIFY(library->detailText().contains(QStringLiteral("Notice given well")));
        QVERIFY2(!library->detailText().contains(lastName), qPrintable(library->detailText()));
        QVERIFY(library->detailText().contains(QStringLiteral("[PERSON_")));
        QVERIFY(library->player()->engine()->audio());
        QVERIFY(std::abs(library->player()->engine()->audio()->durationS() - 20) < 0.05);
        // Search and filter.
        QTest::keyClicks(library->searchEdit(), QStringLiteral("notice"));
        QTest::keyClick(library->searchEdit(), Qt::Key_Return);
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(library->scenarios().size(), 1);
        library->searchEdit()->setText(QStringLiteral("nothing-like-this"));
        QTest::keyClick(library->searchEdit(), Qt::Key_Return);
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(library->scenarios().size(), 0);
        library->searchEdit()->clear();
        QVERIFY(refreshed.wait(10000));
        // Opened again from the menu, after a search that found nothing: every scenario, not the old search's.
        library->searchEdit()->setText(QStringLiteral("nothing-like-this"));
        QTest::keyClick(library->searchEdit(), Qt::Key_Return);
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(library->scenarios().size(), 0);
        library->close();
        m_window->findChild<QAction*>(QStringLiteral("trainingLibrary"))->trigger();
        QVERIFY(refreshed.wait(10000));
        QVERIFY(library->isVisible() && library->searchEdit()->text().isEmpty());
        QCOMPARE(library->scenarios().size(), 1);

        // Cancelled as it starts: nothing is written, and the line says so.
        const QString stopped = m_root.filePath(QStringLiteral("pack-cancelled"));
        QSignalSpy cancelled(library, &ScenarioLibraryDialog::exported);
        auto hold = m_demo.holdWorker();
        library->exportPack(stopped, QStringLiteral("Notices"));
        QVERIFY(library->statusLine()->cancelButton()->isVisible());
        library->statusLine()->cancelButton()->click();
        hold->release();
        QVERIFY(cancelled.wait(20000));
        QCOMPARE(library->statusLine()->text(), QStringLiteral("Cancelled: the training pack was not written."));
        QVERIFY(!QFileInfo::exists(stopped));

        const QString folder = m_root.filePath(QStringLiteral("pack"));
        QSignalSpy exported(library, &ScenarioLibraryDialog::exported);
        library->exportPack(folder, QStringLiteral("Notices"));
        QVERIFY(library->statusLine()->isBusy()); // the pack is written on the worker: the window says so
        QVERIFY(library->statusLine()->text().contains(QStringLiteral("Writing the training pack")));
        QVERIFY(exported.wait(20000));
        QVERIFY2(exported.first().at(1).toString().isEmpty(), qPrintable(exported.first().at(1).toString()));
        QVERIFY(!library->statusLine()->isBusy());
        QVERIFY2(library->statusLine()->text().startsWith(QStringLiteral("Training pack written: ")),
            qPrintable(library->statusLine()->text()));

        // The staff-names policy for new scenarios: shown as the cache has it (default pseudonymise), changed here.
        QComboBox* staff = library->staffPolicyBox();
        QCOMPARE(staff->currentData().toInt(), int(Anonymise::StaffPolicy::Pseudonymise));
        QSignalSpy policySaved(library, &ScenarioLibraryDialog::staffPolicySaved);
        staff->setCurrentIndex(staff->findData(int(Anonymise::StaffPolicy::Keep)));
        Q_EMIT staff->activated(staff->currentIndex());
        QVERIFY(policySaved.wait(10000));
        QVERIFY(policySaved.first().first().toString().isEmpty());
        QVERIFY(m_demo.cli({QStringLiteral("scenario"), QStringLiteral("policy")}).out.contains("keep"));
        QVERIFY(QFile::exists(folder + QStringLiteral("/index.html")));
        QVERIFY(QFile::exists(folder + QStringLiteral("/clips/scenario-1.wav")));
        QList<QByteArray> needles {lastName.toUtf8(), plan->respondentName.section(u' ', 0, 0).toUtf8()};
        for (const QString& v : plan->spokenPersonal) {
            needles << v.toUtf8() << QString(v).remove(u' ').toUtf8();
        }
        const QStringList leaks = Test::filesContaining(folder, needles);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u'\n')));
    }
};

QTEST_MAIN(TestAnonymisedView)
#include "TestAnonymisedView.moc"
