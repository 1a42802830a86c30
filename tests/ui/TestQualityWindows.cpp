#include "DemoWindow.h"
#include "TestSupport.h"
#include "browse/CallListModel.h"
#include "cache/Cache.h"
#include "cache/CacheWorker.h"
#include "cache/Statement.h"
#include "quality/EvaluationRepository.h"
#include "ui/browse/CallDetailPane.h"
#include "ui/player/PlayerWidget.h"
#include "ui/quality/QualityActions.h"
#include "ui/quality/ReportCharts.h"
#include "ui/quality/ReportsWindow.h"
#include "ui/quality/ReviewQueueDock.h"
#include "ui/quality/SamplingDialog.h"
#include "ui/quality/ScorecardEditor.h"
#include "ui/setup/UnlockFlow.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/MessageBox.h"
#include "ui/transcript/TranscriptSearchDock.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDoubleSpinBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTreeWidget>
#include <QValueAxis>

using namespace Earmark;
using namespace Earmark::Gui;

// The quality windows in the real main window on a synced demo store: the scorecard editor, sampling plans with
// the review queue (audio fetched ahead), and the reports with their CSV and PDF exports.
class TestQualityWindows : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    Test::DemoWindow m_demo;
    QString m_cache;
    QString m_pass;
    CacheWorker* m_worker = nullptr;
    MainWindow* m_window = nullptr;

    QualityActions* quality() const { return m_window->quality(); }

    // Runs work on the cache's worker thread (the one that owns the connection) and waits for its result.
    template<typename R>
    R onCache(std::function<R(Cache&)> work)
    {
        std::optional<R> out;
        m_worker->post<R>(m_window, std::move(work), [&out](R r) { out = std::move(r); });
        QDeadlineTimer deadline(20000);
        while (!out && !deadline.hasExpired()) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        }
        if (!out) {
            qFatal("The cache worker did not answer within 20 s");
        }
        return std::move(*out);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_demo.makeCache(m_root.path(), 16);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_cache = m_demo.cache;
        m_pass = m_demo.passFile;
    }

    void init()
    {
        const QString error = m_demo.open();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_window = m_demo.window.get();
        m_worker = m_demo.worker.get();
    }

    void cleanup() { m_demo.close(); }

    void scorecardEditorValidatesAsYouTypeAndSavesTheNextVersion()
    {
        ScorecardEditor* editor = quality()->scorecardEditor();
        QSignalSpy listed(editor, &ScorecardEditor::storedListChanged);
        editor->show();
        QVERIFY(listed.wait(10000));
        QVERIFY(editor->problems().isEmpty());
        QVERIFY(!editor->saveButton()->isEnabled()); // nothing changed yet

        editor->selectTemplate();
        editor->passMarkEdit()->setValue(150);
        QCOMPARE(editor->problems().size(), 1);
        QVERIFY(editor->problems().first().startsWith(QStringLiteral("$.pass_mark")));
        QVERIFY(!editor->saveButton()->isEnabled());
        editor->passMarkEdit()->setValue(85);
        QVERIFY(editor->problems().isEmpty());
        QVERIFY(editor->saveButton()->isEnabled());

        // A new question in the first section, with a condition typed wrong and then right.
        editor->selectSection(0);
        editor->addQuestion();
        QTest::keyClicks(editor->questionTextEdit(), QStringLiteral(" about age band"));
        editor->questionTypeEdit()->setCurrentIndex(editor->questionTypeEdit()->findData(QStringLiteral("choice")));
        QVERIFY2(!editor->problems().isEmpty(), "a choice without options is a problem");
        editor->questionTypeEdit()->setCurrentIndex(editor->questionTypeEdit()->findData(QStringLiteral("yes_no")));
        editor->criticalEdit()->setCurrentIndex(editor->criticalEdit()->findData(QStringLiteral("fail_section")));
        QTest::keyClicks(editor->showIfEdit(), QStringLiteral(R"({"question": "nope", "answer": "yes"})"));
        QVERIFY(!editor->problems().isEmpty());
        QVERIFY(editor->problems().join(u'\n').contains(QStringLiteral("show_if")));
        editor->showIfEdit()->clear();
        QTest::keyClicks(editor->showIfEdit(), QStringLiteral(R"({"question": "purpose", "answer": "yes"})"));
        QVERIFY2(editor->problems().isEmpty(), qPrintable(editor->problems().join(u'\n')));

        QSignalSpy saved(editor, &ScorecardEditor::saved);
        editor->save();
        QVERIFY(saved.wait(10000));
        QCOMPARE(saved.first().at(1).toInt(), 2);
        QVERIFY(!editor->saveButton()->isEnabled());

        // Export: a valid file with the new version and question.
        const QString exported = m_root.filePath(QStringLiteral("exported.json"));
        QVERIFY(editor->exportFile(exported));
        QList<Scorecard::Problem> problems;
        auto t = Scorecard::Template::parse(Test::readFile(exported), &problems);
        QVERIFY(t.ok());
        QCOMPARE(t->version, 2);
        QCOMPARE(t->passMark, 85.0);
        const Scorecard::Question* added = t->question(QStringLiteral("question-1"));
        QVERIFY(added);
        QCOMPARE(added->text, QStringLiteral("New question about age band"));
        QCOMPARE(added->critical, Scorecard::Fail::Section);

        // Import: a file with problems is shown with them and cannot be saved; a file that is not JSON is refused.
        QJsonObject broken = QJsonDocument::fromJson(Test::readFile(exported)).object();
        broken.insert(QStringLiteral("pass_mark"), QStringLiteral("high"));
        Test::writeFile(m_root.filePath(QStringLiteral("broken.json")), QJsonDocument(broken).toJson());
        QVERIFY(editor->importFile(m_root.filePath(QStringLiteral("broken.json"))));
        QVERIFY(editor->problems().join(u'\n').contains(QStringLiteral("$.pass_mark")));
        QVERIFY(!editor->saveButton()->isEnabled());
        Test::writeFile(m_root.filePath(QStringLiteral("notes.json")), "not json at all");
        MessageBox::setNextAnswer(QMessageBox::Ok);
        QVERIFY(!editor->importFile(m_root.filePath(QStringLiteral("notes.json"))));
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("is not a scorecard file")));
        QVERIFY(editor->problems().join(u'\n').contains(QStringLiteral("$.pass_mark"))); // nothing was changed
    }

    void transcriptSearchOpensTheCallAtTheMoment()
    {
        TranscriptSearchDock* dock = quality()->search();
        QSignalSpy searched(dock, &TranscriptSearchDock::searched);
        QTest::keyClicks(dock->queryEdit(), QStringLiteral("punctual"));
        QVERIFY(searched.wait(5000));
        QVERIFY(searched.last().at(0).toInt() > 0);
        const SearchHit hit = dock->hits().first();
        QVERIFY2(hit.snippet.contains(QStringLiteral("[punctuality]")), qPrintable(hit.snippet));
        QVERIFY(hit.startS > 0);
        QCOMPARE(dock->results()->topLevelItemCount(), int(dock->hits().size()));
        QSignalSpy ready(m_window->detailPane(), &CallDetailPane::audioReady);
        Q_EMIT dock->results()->itemActivated(dock->results()->topLevelItem(0), 0);
        QVERIFY(ready.wait(20000));
        QCOMPARE(m_window->detailPane()->currentCallId(), hit.callId);
        // It plays from the moment (the clock moves on from there), and the list shows which call it is.
        QTRY_COMPARE(m_window->detailPane()->player()->engine()->state(), PlayerEngine::State::Playing);
        const double at = m_window->detailPane()->player()->engine()->position();
        QVERIFY2(at >= hit.startS - 0.05 && at < hit.startS + 1.5, qPrintable(QString::number(at)));
        QCOMPARE(m_window->callView()->currentIndex().data(CallListModel::CallIdRole).toString(), hit.callId);
        m_window->detailPane()->player()->engine()->pause();
        // The same search headless.
        auto cli = Test::runCli({QStringLiteral("--cache"), m_cache, QStringLiteral("--passphrase-file"), m_pass,
            QStringLiteral("search"), QStringLiteral("punctual"), QStringLiteral("--json")});
        QVERIFY2(cli.exitCode == 0, cli.err.constData());
        const QJsonArray found = QJsonDocument::fromJson(cli.out).array();
        QCOMPARE(found.size(), dock->hits().size());
        QCOMPARE(found.first().toObject().value(QStringLiteral("call_id")).toString(), hit.callId);
        QCOMPARE(found.first().toObject().value(QStringLiteral("at_s")).toDouble(), hit.startS);
        // Nothing found: an empty list, no error.
        dock->search(QStringLiteral("zzyzx"));
        QVERIFY(searched.wait(5000));
        QCOMPARE(searched.last().at(0).toInt(), 0);
    }

    void samplingFillsTheQueueFetchesAudioAheadAndReportsFollow()
    {
        // The month of the newest demo call, and how many calls each researcher made in it.
        const auto month = onCache<QPair<QDate, int>>([](Cache& cache) {
            auto s = cache.database().prepare(QStringLiteral("SELECT MAX(start_utc) FROM calls"));
            (void)s->step();
            const QDate day = QDateTime::fromSecsSinceEpoch(s->int64(0), QTimeZone::utc()).date();
            const QDate first(day.year(), day.month(), 1);
            auto per = cache.database().prepare(
                QStringLiteral("SELECT COUNT(*) FROM calls WHERE start_utc >= ? AND start_utc < ? GROUP BY agent_id"));
            per->bind(1, QDateTime(first, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch());
            per->bind(2, QDateTime(first.addMonths(1), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch());
            int expected = 0;
            while (per->step().value()) {
                expected += int(std::min<qint64>(2, per->int64(0)));
            }
            return QPair<QDate, int> {day, expected};
        });
        QVERIFY(month.second > 0);

        SamplingDialog* dialog = quality()->samplingDialog();
        QSignalSpy done(dialog, &SamplingDialog::done);
        dialog->show();
        QVERIFY(done.wait(10000));
        // Draw waits for the plan to be saved.
        auto* drawButton = dialog->findChild<QPushButton*>(QStringLiteral("drawSample"));
        QVERIFY(drawButton && !drawButton->isEnabled());
        QVERIFY(drawButton->toolTip().contains(QStringLiteral("Save the plan first")));
        dialog->nameEdit()->setText(QStringLiteral("Monthly two each"));
        dialog->periodEdit()->setCurrentIndex(dialog->periodEdit()->findData(int(SamplePlan::Period::Month)));
        dialog->perAgentEdit()->setValue(2);
        dialog->savePlan();
        QVERIFY(done.wait(10000));
        QCOMPARE(dialog->plansList()->count(), 1);
        QVERIFY(drawButton->isEnabled());
        // The draw starts from the period of the newest call, not from a week that may have none.
        QCOMPARE(dialog->dayEdit()->date(), month.first);
        // A period without calls is refused, and nothing is recorded for it.
        MessageBox::setNextAnswer(QMessageBox::Ok);
        dialog->draw(month.first.addYears(-5), QStringLiteral("7"));
        QVERIFY(done.wait(10000));
        QVERIFY2(dialog->lastMessage().contains(QStringLiteral("No call in the cache is from"))
                && dialog->lastMessage().contains(month.first.toString(Qt::ISODate)),
            qPrintable(dialog->lastMessage()));
        QCOMPARE(dialog->samplesTable()->rowCount(), 0);

        ReviewQueueDock* queue = quality()->queue();
        // Before any sample, the queue says where samples come from.
        queue->refresh();
        QSignalSpy empty(queue, &ReviewQueueDock::refreshed);
        QVERIFY(empty.wait(10000));
        QVERIFY2(queue->statusText().contains(QStringLiteral("Sampling plans")), qPrintable(queue->statusText()));
        QSignalSpy fetched(queue, &ReviewQueueDock::prefetchDone);
        MessageBox::setNextAnswer(QMessageBox::Ok);
        dialog->draw(month.first, QStringLiteral("12345"));
        QVERIFY(done.wait(10000));
        QVERIFY2(dialog->lastMessage().contains(QStringLiteral("seed 12345")), qPrintable(dialog->lastMessage()));
        QCOMPARE(dialog->samplesTable()->rowCount(), 1);
        QCOMPARE(dialog->samplesTable()->item(0, 4)->text().toInt(), month.second);
        // A sample that took every call of the period says so.
        QCOMPARE(dialog->lastMessage().contains(QStringLiteral("Every call of the period is in the sample")),
            dialog->samplesTable()->item(0, 4)->text() == dialog->samplesTable()->item(0, 3)->text());

        // The queue shows the sampled calls and fetches their audio ahead, one call at a time.
        QTRY_COMPARE_WITH_TIMEOUT(int(queue->items().size()), month.second, 10000);
        QVERIFY(queue->isVisible());
        QVERIFY(fetched.wait(60000) || queue->prefetchesLeft() == 0);
        QTRY_VERIFY_WITH_TIMEOUT(queue->prefetchesLeft() == 0, 60000);
        queue->refresh();
        QSignalSpy refreshed(queue, &ReviewQueueDock::refreshed);
        QVERIFY(refreshed.wait(10000));
        for (const QueueItem& i : queue->items()) {
            QVERIFY2(i.audioCached, qPrintable(i.callId));
            QVERIFY(i.evaluationState.isEmpty());
            QVERIFY2(!i.agentName.isEmpty(), qPrintable(i.agentId));
        }
        // The queue names the researchers (their id in the tooltip), as the call list does.
        auto* tree = queue->findChild<QTreeWidget*>();
        QVERIFY(tree && tree->topLevelItemCount() > 0);
        QCOMPARE(tree->topLevelItem(0)->text(1), queue->items().constFirst().agentName);
        QCOMPARE(tree->topLevelItem(0)->toolTip(1), queue->items().constFirst().agentId);
        // One click opens the call, as in the call list.
        Q_EMIT tree->itemClicked(tree->topLevelItem(0), 0);
        QCOMPARE(m_window->detailPane()->currentCallId(), tree->topLevelItem(0)->data(0, Qt::UserRole).toString());

        // The same period twice is refused; drawing again from the seed gives the same calls.
        MessageBox::setNextAnswer(QMessageBox::Ok);
        dialog->draw(month.first, QString());
        QVERIFY(done.wait(10000));
        QVERIFY(dialog->lastMessage().contains(QStringLiteral("already drawn")));
        MessageBox::setNextAnswer(QMessageBox::Ok);
        dialog->checkSample(0);
        QVERIFY(done.wait(10000));
        QVERIFY2(dialog->lastMessage().contains(QStringLiteral("reproducible")), qPrintable(dialog->lastMessage()));

        // The sample-size helper.
        dialog->setSampleSizeInputs(10, 50, 0);
        QVERIFY(dialog->sampleSizeText().contains(QStringLiteral("<b>97 calls</b>")));
        dialog->setSampleSizeInputs(10, 50, 40);
        QVERIFY(dialog->sampleSizeText().contains(QStringLiteral("<b>%1 calls</b>").arg(sampleSizeFor(0.1, 0.5, 40))));
        // It is tied to the plan: one click puts its size in the plan, and the plan says what its own size gives.
        const int before = dialog->perAgentEdit()->value();
        QVERIFY(dialog->planMarginText().contains(QStringLiteral("This plan: %1 calls per researcher").arg(before)));
        auto* use = dialog->findChild<QPushButton*>(QStringLiteral("useSampleSize"));
        QVERIFY(use && use->isEnabled());
        QVERIFY(use->text().contains(QString::number(sampleSizeFor(0.1, 0.5, 40))));
        const QString nameBefore = dialog->nameEdit()->text();
        use->click();
        QCOMPARE(dialog->perAgentEdit()->value(), sampleSizeFor(0.1, 0.5, 40));
        // A name that only said what the plan did says it still; one the supervisor wrote stays.
        if (nameBefore == QStringLiteral("Weekly, %1 per researcher").arg(before)) {
            QCOMPARE(dialog->nameEdit()->text(),
                QStringLiteral("Weekly, %1 per researcher").arg(sampleSizeFor(0.1, 0.5, 40)));
        } else {
            QCOMPARE(dialog->nameEdit()->text(), nameBefore);
        }
        QVERIFY(!use->isEnabled()); // the plan already says it
        QVERIFY2(dialog->planMarginText().contains(QStringLiteral("within ±")), qPrintable(dialog->planMarginText()));
        const double shown = std::round(marginFor(sampleSizeFor(0.1, 0.5, 40), 0.5, 40) * 1000) / 10;
        QVERIFY(shown <= 10.0);
        QVERIFY(dialog->planMarginText().contains(QStringLiteral("±%1 points").arg(shown)));
        dialog->setSampleSizeInputs(10, 50, 3);
        QVERIFY(dialog->planMarginText().contains(QStringLiteral("every call of the period")));
        dialog->perAgentEdit()->setValue(before); // as saved: the plan is not changed by the check
        dialog->setSampleSizeInputs(10, 50, 0);
        // A new plan's name follows what it does until the supervisor writes one.
        dialog->newPlan();
        QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("Weekly, 5 per researcher"));
        dialog->perAgentEdit()->setValue(11);
        QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("Weekly, 11 per researcher"));
        dialog->periodEdit()->setCurrentIndex(dialog->periodEdit()->findData(int(SamplePlan::Period::Month)));
        QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("Monthly, 11 per researcher"));
        dialog->nameEdit()->setText(QStringLiteral("Complaints follow-up"));
        dialog->perAgentEdit()->setValue(12);
        QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("Complaints follow-up"));
        dialog->plansList()->setCurrentRow(0);

        // Opening a queued call shows it in the detail pane.
        const QString first = queue->items().first().callId;
        Q_EMIT queue->openCall(first);
        QTRY_COMPARE(m_window->detailPane()->currentCallId(), first);

        // Score the queued calls (on the worker, as the panel does), then the reports show them.
        const QList<QueueItem> items = queue->items();
        const int submitted = onCache<int>([items](Cache& cache) {
            EvaluationRepository store(cache);
            int n = 0;
            for (int k = 0; k < items.size(); ++k) {
                auto e = store.start(items[k].callId, QStringLiteral("survey-call-quality"), 1);
                e->answers = QJsonObject {
                    {QStringLiteral("recording-notice"), k % 3 ? QStringLiteral("yes") : QStringLiteral("no")},
                    {QStringLiteral("introduction"), 4}, {QStringLiteral("purpose"), QStringLiteral("yes")},
                    {QStringLiteral("read-neutrally"), QStringLiteral("minor")},
                    {QStringLiteral("recorded-accurately"), 5},
                    {QStringLiteral("scale-explained"), QStringLiteral("yes")}, {QStringLiteral("courtesy"), 5},
                    {QStringLiteral("complaint-raised"), QStringLiteral("no")},
                    {QStringLiteral("no-extra-data"), QStringLiteral("yes")},
                    {QStringLiteral("data-read-back"), QStringLiteral("na")},
                    {QStringLiteral("thanked"), QStringLiteral("yes")}};
                if (store.saveDraft(e.value()).ok() && store.submit(e->id).ok()) {
                    ++n;
                }
            }
            return n;
        });
        QCOMPARE(submitted, int(items.size()));

        ReportsWindow* reports = quality()->reportsWindow();
        QSignalSpy ready(reports, &ReportsWindow::refreshed);
        reports->setRange(month.first.addMonths(-2), month.first.addDays(1));
        reports->setGrouping(ReportGrouping::Agent);
        reports->show();
        reports->refresh();
        QVERIFY(ready.wait(10000));
        QSet<QString> agents;
        for (const QueueItem& i : items) {
            agents.insert(i.agentId);
        }
        QCOMPARE(reports->summaryTable()->rowCount(), int(agents.size()));
        QCOMPARE(reports->charts()->barCount(), int(agents.size()));
        QVERIFY(reports->charts()->trendPoints() >= 1);
        // The charts read at a glance: room above 100 (a perfect score is a point, not the chart's edge) and the
        // points carry their values; the questions table wraps instead of scrolling sideways.
        QChart* trend = reports->charts()->trendView()->chart();
        auto* axis = qobject_cast<QValueAxis*>(trend->axes(Qt::Vertical).value(0));
        QVERIFY(axis && axis->max() > 100 && axis->min() == 0);
        auto* line = qobject_cast<QLineSeries*>(trend->series().value(0));
        QVERIFY(line && line->pointLabelsVisible());
        QCOMPARE(reports->questionTable()->horizontalScrollBarPolicy(), Qt::ScrollBarAlwaysOff);
        QCOMPARE(reports->questionTable()->horizontalHeader()->sectionResizeMode(0), QHeaderView::Stretch);
        QVERIFY(reports->questionTable()->rowCount() > 0);
        QVERIFY(!reports->questionTable()->item(0, 0)->toolTip().isEmpty());
        // A short period's trend is by day: a point per day, not one dot for the whole period.
        {
            QSignalSpy again(reports, &ReportsWindow::refreshed);
            reports->setRange(month.first, month.first.addMonths(1).addDays(-1));
            reports->refresh();
            QVERIFY(again.wait(10000));
            QVERIFY(!reports->data().trend.isEmpty());
            for (const ReportRow& r : reports->data().trend) {
                QVERIFY2(QDate::fromString(r.key, Qt::ISODate).isValid(), qPrintable(r.key));
            }
            reports->setRange(month.first.addMonths(-2), month.first.addDays(1));
            reports->refresh();
            QVERIFY(again.wait(10000));
        }
        // The summary names the researchers; its CSV keeps their ids.
        QVERIFY(reports->summaryTable()->rowCount() > 0);
        QStringList labels;
        for (const ReportRow& r : reports->data().summary) {
            labels << reports->data().agentLabel(r.key);
        }
        const QString topRow = reports->summaryTable()->item(0, 0)->text();
        QVERIFY2(labels.contains(topRow) && topRow.contains(QLatin1String(" (TR")), qPrintable(topRow));
        int total = 0;
        int autoFails = 0;
        for (const ReportRow& r : reports->data().summary) {
            total += r.evaluations;
            autoFails += r.autoFails;
        }
        QCOMPARE(total, int(items.size()));
        QCOMPARE(autoFails, int((items.size() + 2) / 3)); // every third failed the recording notice
        QVERIFY(!reports->data().questions.isEmpty());
        QCOMPARE(reports->data().questions.first().questionId, QStringLiteral("recording-notice")); // most missed

        QSignalSpy exported(reports, &ReportsWindow::exported);
        const QString csv = m_root.filePath(QStringLiteral("summary.csv"));
        reports->exportCsv(ReportsWindow::CsvKind::Summary, csv);
        QVERIFY(exported.count() == 1 || exported.wait(5000));
        QCOMPARE(Test::readFile(csv).count("\r\n"), qsizetype(agents.size() + 1));
        const QString all = m_root.filePath(QStringLiteral("evaluations.csv"));
        reports->exportCsv(ReportsWindow::CsvKind::Evaluations, all);
        QTRY_COMPARE(exported.count(), 2);
        QCOMPARE(Test::readFile(all).count("\r\n"), qsizetype(items.size() + 1));

        // The same report headless, from earmark-cli (a second connection to the cache while the window has one).
        auto cli = Test::runCli({QStringLiteral("--cache"), m_cache, QStringLiteral("--passphrase-file"), m_pass,
            QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("agent")});
        QVERIFY2(cli.exitCode == 0, cli.err.constData());
        QCOMPARE(cli.out, Test::readFile(csv));
        cli = Test::runCli({QStringLiteral("--cache"), m_cache, QStringLiteral("--passphrase-file"), m_pass,
            QStringLiteral("report"), QStringLiteral("--questions")});
        QVERIFY2(cli.out.split('\n').value(1).startsWith("survey-call-quality,recording-notice,"), cli.out.constData());
        cli = Test::runCli({QStringLiteral("--cache"), m_cache, QStringLiteral("--passphrase-file"), m_pass,
            QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("fortnight")});
        QCOMPARE(cli.exitCode, 1);
        QVERIFY(cli.err.contains("--by takes agent, campaign, week or month"));

        // One researcher's PDF summary: its text holds the scores.
        const QString agent = items.first().agentId;
        reports->setAgent(agent);
        reports->refresh();
        QVERIFY(ready.wait(10000));
        const QString pdf = m_root.filePath(QStringLiteral("summary.pdf"));
        reports->exportAgentPdf(pdf);
        QTRY_COMPARE(exported.count(), 3);
        QVERIFY2(exported.last().at(1).toString().isEmpty(), qPrintable(exported.last().at(1).toString()));
        const auto text = Test::run(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
        const QString body = QString::fromUtf8(text.out);
        const ReportRow row = reports->data().summary.first();
        // Named as the call list and the queue name them, with the id.
        const QString name = items.first().agentName;
        QVERIFY(!name.isEmpty());
        const QString label = QStringLiteral("%1 (%2)").arg(name, agent);
        QVERIFY2(body.contains(QStringLiteral("Quality summary: ") + label), qPrintable(body));
        QCOMPARE(reports->findChild<QComboBox*>(QStringLiteral("reportAgent"))->currentText(), label);
        QVERIFY2(body.contains(QStringLiteral("Average score %1").arg(QString::number(*row.averageScore, 'f', 1))),
            qPrintable(body));
        QVERIFY(body.contains(QStringLiteral("Recording notice given and permission obtained")));

        // A plan asking for more calls than the period holds takes them all, and says so.
        dialog->newPlan();
        dialog->nameEdit()->setText(QStringLiteral("Everything this month"));
        dialog->periodEdit()->setCurrentIndex(dialog->periodEdit()->findData(int(SamplePlan::Period::Month)));
        dialog->perAgentEdit()->setValue(1000);
        dialog->savePlan();
        QVERIFY(done.wait(10000));
        MessageBox::setNextAnswer(QMessageBox::Ok);
        dialog->draw(month.first, QStringLiteral("99"));
        QVERIFY(done.wait(10000));
        QVERIFY2(dialog->lastMessage().contains(QStringLiteral("Every call of the period is in the sample")),
            qPrintable(dialog->lastMessage()));
    }
};

QTEST_MAIN(TestQualityWindows)
#include "TestQualityWindows.moc"
