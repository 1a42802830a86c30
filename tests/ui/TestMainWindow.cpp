#include "DemoWindow.h"
#include "TestSupport.h"
#include "browse/CallListModel.h"
#include "cache/CacheWorker.h"
#include "sync/BackgroundSync.h"
#include "ui/browse/CallDetailPane.h"
#include "ui/browse/CallListColumns.h"
#include "ui/browse/FilterBar.h"
#include "ui/evaluation/EvaluationActionsBar.h"
#include "ui/evaluation/EvaluationForm.h"
#include "ui/evaluation/EvaluationPanel.h"
#include "ui/evaluation/EvaluationPicker.h"
#include "ui/evaluation/TimedCommentsBox.h"
#include "ui/player/PlayerWidget.h"
#include "ui/player/WaveformWidget.h"
#include "ui/setup/UnlockFlow.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/MessageBox.h"
#include "ui/shell/RejectionsDialog.h"
#include "ui/shell/ShortcutsDialog.h"
#include "ui/shell/SortArrowStyle.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QProxyStyle>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStyleOptionHeader>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Earmark;
using namespace Earmark::Gui;

// Drives the real main window offscreen on a real demo store and an encrypted cache opened with a passphrase.
class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    Test::DemoWindow m_demo;
    MainWindow* m_window = nullptr;

    // Every audit entry as "action" and "action subject", read by earmark-cli as an auditor would.
    QSet<QString> auditActions()
    {
        auto log = m_demo.cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--json")});
        QSet<QString> out;
        for (const auto& v : QJsonDocument::fromJson(log.out).object().value(QStringLiteral("entries")).toArray()) {
            const QString action = v.toObject().value(QStringLiteral("action")).toString();
            out << action << action + QLatin1Char(' ') + v.toObject().value(QStringLiteral("subject")).toString();
        }
        return out;
    }

    void waitForCount()
    {
        QSignalSpy spy(m_window->model(), &CallListModel::countChanged);
        QVERIFY(spy.wait(15000));
    }

    void waitForRow(int row)
    {
        if (!m_window->model()->rowAt(row)) {
            QSignalSpy spy(m_window->model(), &CallListModel::pageLoaded);
            QVERIFY(spy.wait(15000));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_demo.makeCache(m_root.path(), 24);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void init()
    {
        QString error = m_demo.show();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_window = m_demo.window.get();
        new QAbstractItemModelTester(
            m_window->model(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_window);
        QVERIFY(!m_window->isEnabled()); // until the cache is open
        error = m_demo.unlock();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(m_window->isEnabled());
        // The cache's folder; the platform adds the application's name once ("<folder> — Earmark").
        QCOMPARE(m_window->windowTitle(), QDir::toNativeSeparators(m_demo.cache));
        waitForCount();
    }

    void cleanup()
    {
        m_window = nullptr;
        m_demo.close();
    }

    void everyFilterSaysWhatItFilters()
    {
        // No filter reads only "Any": each says what it is about, and has a tooltip.
        for (const QString& name : {QStringLiteral("transcriptFilter"), QStringLiteral("noticeFilter")}) {
            auto* box = m_window->filterBar()->findChild<QComboBox*>(name);
            QVERIFY2(box, qPrintable(name));
            QVERIFY2(box->itemText(0) != QLatin1String("Any") && box->itemText(0).startsWith(QLatin1String("Any ")),
                qPrintable(box->itemText(0)));
            QVERIFY(!box->toolTip().isEmpty());
        }
        // The staff member is the researcher everywhere: the list's column and its filter, as the reports and the
        // review queue say.
        QCOMPARE(m_window->model()->headerData(int(CallColumn::Agent), Qt::Horizontal).toString(),
            QStringLiteral("Researcher"));
        auto* agent = m_window->filterBar()->findChild<QComboBox*>(QStringLiteral("agentFilter"));
        QVERIFY(agent);
        QCOMPARE(agent->itemText(0), QStringLiteral("All researchers"));
    }

    void listsTheCallsNewestFirstWithPhonesMasked()
    {
        QCOMPARE(m_window->model()->rowCount(), 24);
        QVERIFY(m_window->findChild<QLabel*>(QStringLiteral("matchCount"))->text().contains(QLatin1String("24")));
        waitForRow(0);
        const QString phone = m_window->model()->index(0, static_cast<int>(CallColumn::Phone)).data().toString();
        QVERIFY2(phone.startsWith(QChar(0x2022)) || phone == QLatin1String("withheld"), qPrintable(phone));
        m_window->revealAction()->trigger();
        const QString revealed = m_window->model()->index(0, static_cast<int>(CallColumn::Phone)).data().toString();
        QVERIFY2(
            revealed.startsWith(QLatin1String("+44")) || revealed == QLatin1String("withheld"), qPrintable(revealed));
        // Shown whole, not elided to "+4…34": the column grows to fit a whole number.
        const int phoneColumn = static_cast<int>(CallColumn::Phone);
        QVERIFY(m_window->callView()->columnWidth(phoneColumn)
            > m_window->callView()->fontMetrics().horizontalAdvance(QStringLiteral("+447700900123")));
        // Revealing numbers is audited (who, when; never the numbers).
        QTRY_VERIFY_WITH_TIMEOUT(auditActions().contains(QStringLiteral("phones.reveal")), 10000);
    }

    void filteringByAgentAndSearchingByPhone()
    {
        auto* agent = m_window->findChild<QComboBox*>(QStringLiteral("agentFilter"));
        QTRY_VERIFY_WITH_TIMEOUT(agent->count() > 2, 10000);
        agent->setCurrentIndex(1);
        const QString agentId = agent->currentData().toString();
        waitForCount();
        const int n = m_window->model()->rowCount();
        QVERIFY(n > 0 && n < 24);
        auto r = m_demo.cli({QStringLiteral("calls"), QStringLiteral("--agent"), agentId, QStringLiteral("--json")});
        QCOMPARE(n, QJsonDocument::fromJson(r.out).array().size());
        agent->setCurrentIndex(0);
        waitForCount();
        QCOMPARE(m_window->model()->rowCount(), 24);

        // Quick search: reveal a number, then type it the way a person reads it.
        m_window->revealAction()->trigger();
        waitForRow(3);
        const QString e164 = m_window->model()->index(3, static_cast<int>(CallColumn::Phone)).data().toString();
        QVERIFY(e164.startsWith(QLatin1String("+44")));
        const QString typed = QStringLiteral("0") + e164.mid(3, 4) + QLatin1Char(' ') + e164.mid(7);
        auto* phone = m_window->findChild<QLineEdit*>(QStringLiteral("phoneSearch"));
        QTest::keyClicks(phone, typed);
        waitForCount();
        QVERIFY(m_window->model()->rowCount() >= 1);
        waitForRow(0);
        QCOMPARE(m_window->model()->index(0, static_cast<int>(CallColumn::Phone)).data().toString(), e164);

        // Only the last six digits (what the masked list shows the end of) find it too, and only numbers ending so.
        phone->clear();
        QTest::keyClicks(phone, e164.right(6));
        waitForCount();
        QVERIFY(m_window->model()->rowCount() >= 1);
        bool found = false;
        for (int i = 0; i < m_window->model()->rowCount(); ++i) {
            waitForRow(i);
            const QString shown = m_window->model()->index(i, static_cast<int>(CallColumn::Phone)).data().toString();
            QVERIFY2(shown.endsWith(e164.right(6)), qPrintable(shown));
            found = found || shown == e164;
        }
        QVERIFY(found);
        // Fewer digits are not searchable, and the field says what is needed.
        phone->clear();
        QTest::keyClicks(phone, e164.right(4));
        waitForCount();
        QCOMPARE(m_window->model()->rowCount(), 0);
        bool explained = false;
        for (QLabel* l : m_window->filterBar()->findChildren<QLabel*>()) {
            explained = explained || l->text().contains(QLatin1String("last 6 digits"));
        }
        QVERIFY(explained);
        // The last 3 digits, as the masked list shows them: too few, and both lines say so (never "no call to that
        // number", which would send a reviewer looking elsewhere).
        phone->clear();
        QTest::keyClicks(phone, e164.right(3));
        waitForCount();
        QVERIFY2(m_window->filterBar()
                     ->findChild<QLabel*>(QStringLiteral("phoneProblem"))
                     ->text()
                     .startsWith(QLatin1String("Too few digits to search by")),
            qPrintable(m_window->filterBar()->findChild<QLabel*>(QStringLiteral("phoneProblem"))->text()));
        QTRY_VERIFY(m_window->findChild<QLabel*>(QStringLiteral("statusText"))
                        ->text()
                        .startsWith(QLatin1String("Not searched yet")));
        phone->clear();
        QTest::keyClicks(phone, e164.right(4));
        waitForCount();
        // It reads: dark on the light window, not white on white.
        auto* problem = m_window->filterBar()->findChild<QLabel*>(QStringLiteral("phoneProblem"));
        QVERIFY(problem && problem->isVisible());
        const QImage shot = problem->grab().toImage();
        const QColor background = m_window->filterBar()->palette().color(QPalette::Window);
        int darkest = 255;
        for (int y = 0; y < shot.height(); ++y) {
            for (int x = 0; x < shot.width(); ++x) {
                darkest = std::min(darkest, qGray(shot.pixel(x, y)));
            }
        }
        QVERIFY2(qGray(background.rgb()) - darkest > 100, qPrintable(QString::number(darkest)));
        // The status line speaks of the number, not of Sync: too few digits were not searched; a whole number that
        // no call has was.
        QTRY_VERIFY2_WITH_TIMEOUT(m_window->findChild<QLabel*>(QStringLiteral("statusText"))
                                      ->text()
                                      .startsWith(QLatin1String("Not searched yet")),
            qPrintable(m_window->findChild<QLabel*>(QStringLiteral("statusText"))->text()), 20000);
        phone->clear();
        QTest::keyClicks(phone, QStringLiteral("01632 960999"));
        waitForCount();
        QTRY_VERIFY2_WITH_TIMEOUT(m_window->findChild<QLabel*>(QStringLiteral("statusText"))
                                      ->text()
                                      .contains(QLatin1String("No call to that number")),
            qPrintable(m_window->findChild<QLabel*>(QStringLiteral("statusText"))->text()), 20000);
        phone->clear();
        QTest::keyClicks(phone, typed);
        waitForCount();
    }

    void selectingACallShowsItsTranscript()
    {
        QTableView* view = m_window->callView();
        int row = -1;
        for (int r = 0; r < 24 && row < 0; ++r) {
            waitForRow(r);
            if (!m_window->model()->index(r, static_cast<int>(CallColumn::Transcript)).data().toString().isEmpty()) {
                row = r;
            }
        }
        QVERIFY(row >= 0);
        QSignalSpy loaded(m_window->detailPane(), &CallDetailPane::loaded);
        view->setCurrentIndex(m_window->model()->index(row, 0));
        QVERIFY(loaded.wait(10000));
        const QString text = m_window->detailPane()->transcriptText();
        QVERIFY2(text.contains(QLatin1String("Agent")) && text.contains(QLatin1String("Fieldline Research")),
            qPrintable(text.left(200)));
        // Opening a call (its transcript and audio) is audited with the call's id.
        const QString opened = m_window->model()->index(row, 0).data(CallListModel::CallIdRole).toString();
        QTRY_VERIFY_WITH_TIMEOUT(auditActions().contains(QStringLiteral("call.open ") + opened), 10000);
        // A call without a transcript says so.
        for (int r = 0; r < 24; ++r) {
            if (m_window->model()->index(r, static_cast<int>(CallColumn::Transcript)).data().toString().isEmpty()) {
                view->setCurrentIndex(m_window->model()->index(r, 0));
                QVERIFY(loaded.wait(10000));
                QVERIFY(m_window->detailPane()->transcriptText().contains(QLatin1String("no transcript")));
                break;
            }
        }
    }

    void theListFitsBesideTheCallAt1280By800()
    {
        // The window as it opens at 1280 x 800 (the settings are new): the list's columns hold their contents, the
        // list does not scroll sideways, and opening a call does not narrow it.
        m_demo.close();
        QString error = m_demo.show(QSize(1280, 800));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        error = m_demo.unlock();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_window = m_demo.window.get();
        waitForCount();
        waitForRow(3);
        QTableView* view = m_window->callView();
        const QFontMetrics fm = view->fontMetrics();
        QVERIFY(view->columnWidth(int(CallColumn::Start)) > fm.horizontalAdvance(QStringLiteral("2026-11-20 14:46")));
        QVERIFY(view->columnWidth(int(CallColumn::Agent)) > fm.horizontalAdvance(QStringLiteral("Daniel Hughes")));
        for (CallColumn c : {CallColumn::Start, CallColumn::Duration, CallColumn::Agent, CallColumn::Disposition,
                 CallColumn::Phone, CallColumn::Evaluated}) {
            QVERIFY2(!view->isColumnHidden(int(c)), qPrintable(QString::number(int(c))));
        }
        const auto fits = [view] {
            int width = 0;
            for (int c = 0; c < view->model()->columnCount(); ++c) {
                width += view->isColumnHidden(c) ? 0 : view->columnWidth(c);
            }
            return width <= view->viewport()->width();
        };
        QCOMPARE(view->horizontalScrollBarPolicy(), Qt::ScrollBarAlwaysOff);
        QTRY_VERIFY(fits());
        const int listWidth = view->width();
        QVERIFY2(listWidth >= 500, qPrintable(QString::number(listWidth)));

        // No call is open yet: "Evaluate this call" waits for one, although the role allows it.
        QAction* evaluate = m_demo.action(QStringLiteral("evaluateCall"));
        QTRY_VERIFY(m_demo.action(QStringLiteral("casesWindow"))->isEnabled()); // the roles are known
        QVERIFY(evaluate && !evaluate->isEnabled());
        // ... nor a comment box; and the Transcript menu's button has room for its text and its arrow.
        auto* comments = m_window->detailPane()->evaluation()->findChild<TimedCommentsBox*>();
        QVERIFY(comments && comments->isHidden());
        auto* transcriptTools = m_window->detailPane()->findChild<QToolButton*>(QStringLiteral("transcriptTools"));
        QVERIFY(transcriptTools);
        QVERIFY(
            transcriptTools->width() >= transcriptTools->fontMetrics().horizontalAdvance(transcriptTools->text()) + 24);
        QSignalSpy ready(m_window->detailPane(), &CallDetailPane::audioReady);
        view->selectRow(3);
        QVERIFY(ready.wait(15000));
        QVERIFY(evaluate->isEnabled());
        QTRY_VERIFY(!comments->isHidden());
        QApplication::processEvents();
        QCOMPARE(view->width(), listWidth);
        QVERIFY(fits());
        PlayerWidget* player = m_window->detailPane()->player();
        QVERIFY(player->width() >= player->minimumSizeHint().width());
        QVERIFY(m_window->detailPane()->evaluation()->width() >= 280);
        QVERIFY(m_window->detailPane()->geometry().right() <= m_window->width());
        // Nothing the reviewer does in the call moves the splitter: selecting a region (its times appear under the
        // waveform), then starting an evaluation (the form fills the side panel).
        player->waveform()->setSelection(1.0, 4.5);
        Q_EMIT player->waveform()->selectionChanged(1.0, 4.5);
        QVERIFY(!player->selectionText().isEmpty());
        QApplication::processEvents();
        QCOMPARE(view->width(), listWidth);
        MessageBox::setNextText(QStringLiteral("Ann Reviewer"));
        EvaluationPanel* evaluation = m_window->detailPane()->evaluation();
        evaluation->startEvaluation();
        QTRY_VERIFY_WITH_TIMEOUT(evaluation->current().has_value() && !evaluation->isBusy(), 10000);
        QApplication::processEvents();
        QCOMPARE(view->width(), listWidth);
        QVERIFY(fits());
        // The form has the panel's height (it had 265 px): while drafting, the scorecard picker is away, the buttons
        // are one row (More holds the history and the PDF), the talk figures sit under the call's header.
        auto* formBox = qobject_cast<QScrollArea*>(evaluation->form()->parentWidget()->parentWidget());
        QVERIFY(formBox);
        QVERIFY2(formBox->viewport()->height() >= 360, qPrintable(QString::number(formBox->viewport()->height())));
        QVERIFY(evaluation->findChild<EvaluationPicker*>()->isHidden());
        auto* more = evaluation->actionsBar()->moreButton();
        QVERIFY(more->isVisible());
        QCOMPARE(more->geometry().top(), evaluation->submitButton()->geometry().top());
        QVERIFY(evaluation->actionsBar()->pdfAction()->isVisible());
        QVERIFY(!evaluation->actionsBar()->historyAction()->isVisible()); // a draft has no history yet
        // F9 gives the call the window's width, and brings the list back as it was.
        QAction* callList = m_demo.action(QStringLiteral("showCallList"));
        QVERIFY(callList && callList->isChecked());
        const int evaluationWidth = evaluation->width();
        callList->trigger();
        QTRY_VERIFY(view->isHidden());
        QTRY_VERIFY(evaluation->width() > evaluationWidth + 100);
        callList->trigger();
        QTRY_VERIFY(!view->isHidden());
        QTRY_COMPARE(view->width(), listWidth);
        // ... submitting it, and opening the evaluated call again from another one (its read-only answers, the
        // history and the acknowledge and dispute buttons).
        for (const QString& id : {QStringLiteral("recording-notice"), QStringLiteral("purpose"),
                 QStringLiteral("scale-explained"), QStringLiteral("no-extra-data"), QStringLiteral("thanked")}) {
            evaluation->form()->choose(id, QStringLiteral("yes"));
        }
        evaluation->form()->choose(QStringLiteral("complaint-raised"), QStringLiteral("no"));
        evaluation->form()->choose(QStringLiteral("data-read-back"), QStringLiteral("na"));
        evaluation->form()->choose(QStringLiteral("read-neutrally"), QStringLiteral("verbatim"));
        for (const QString& id :
            {QStringLiteral("introduction"), QStringLiteral("recorded-accurately"), QStringLiteral("courtesy")}) {
            evaluation->form()->choose(id, 5);
        }
        QTRY_VERIFY(evaluation->submitButton()->isEnabled());
        evaluation->submit();
        QTRY_VERIFY_WITH_TIMEOUT(
            evaluation->current()->state == EvaluationState::Submitted && !evaluation->isBusy(), 10000);
        view->selectRow(2);
        QVERIFY(ready.wait(15000));
        view->selectRow(3);
        QVERIFY(ready.wait(15000));
        QTRY_VERIFY_WITH_TIMEOUT(evaluation->current().has_value() && !evaluation->isBusy(), 10000);
        QApplication::processEvents();
        QCOMPARE(view->width(), listWidth);
        QVERIFY(fits());

        // The header's menu shows a column kept out at first (the campaign) and puts the defaults back.
        auto* columns = m_window->findChild<CallListColumns*>();
        QVERIFY(columns);
        QVERIFY(view->isColumnHidden(int(CallColumn::Campaign)));
        columns->showHeaderMenu(QPoint(10, 5));
        QTRY_VERIFY(columns->headerMenu() && columns->headerMenu()->isVisible());
        auto* campaign
            = columns->headerMenu()->findChild<QAction*>(QStringLiteral("column-%1").arg(int(CallColumn::Campaign)));
        QVERIFY(campaign && campaign->isEnabled());
        campaign->trigger();
        QVERIFY(!view->isColumnHidden(int(CallColumn::Campaign)));
        QVERIFY(!columns->headerMenu()->findChild<QAction*>(QStringLiteral("column-0"))->isEnabled());
        columns->headerMenu()->close();
        columns->setDefaults();
        QVERIFY(view->isColumnHidden(int(CallColumn::Campaign)));
        // A column a role may not use is hidden, and shown again when the role allows it.
        columns->setAllowed(CallColumn::Phone, false);
        QVERIFY(view->isColumnHidden(int(CallColumn::Phone)));
        columns->setAllowed(CallColumn::Phone, true);
        QVERIFY(!view->isColumnHidden(int(CallColumn::Phone)));
    }

    void theCallListHasAContextMenu()
    {
        // What a reviewer does with a call, then the window's actions on the selected calls, in that order.
        QTableView* view = m_window->callView();
        QCOMPARE(view->contextMenuPolicy(), Qt::ActionsContextMenu);
        QStringList names;
        for (QAction* a : view->actions()) {
            names << (a->isSeparator() ? QStringLiteral("|") : a->objectName());
        }
        QCOMPARE(names,
            QStringList({QStringLiteral("playFromStart"), QStringLiteral("copyCallId"), QStringLiteral("|"),
                QStringLiteral("evaluateCall"), QStringLiteral("newCase"), QStringLiteral("holdCalls"),
                QStringLiteral("releaseHold"), QStringLiteral("callAudit"), QStringLiteral("|"),
                QStringLiteral("revealNumbers")}));
        waitForRow(2);
        view->selectRow(2);
        const QString id = m_window->model()->index(2, 0).data(CallListModel::CallIdRole).toString();
        QVERIFY(!id.isEmpty());
        QApplication::clipboard()->clear();
        view->actions().at(1)->trigger();
        QCOMPARE(QApplication::clipboard()->text(), id);
        // Play from the start: the call opens and plays from 0:00.
        view->actions().at(0)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->detailPane()->currentCallId(), id, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_window->detailPane()->player()->engine()->state(), PlayerEngine::State::Playing, 15000);
        QVERIFY(m_window->detailPane()->player()->engine()->position() < 5);
        m_window->detailPane()->player()->engine()->stop();
    }

    void theSortArrowShowsTheListsOrder()
    {
        QTableView* view = m_window->callView();
        QHeaderView* header = view->horizontalHeader();
        CallListModel* model = m_window->model();
        const int start = int(CallColumn::Start);
        const int duration = int(CallColumn::Duration);
        const int phone = int(CallColumn::Phone);
        QCOMPARE(header->sortIndicatorSection(), start);
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        // Newest first, the arrow points down, as in a file manager: the window's style draws Qt's "up" (which Qt's
        // header asks for when descending) as the base style's "down", and the other way round.
        QVERIFY(qobject_cast<SortArrowStyle*>(QApplication::style()));
        const auto arrow = [](QStyle* style, QStyleOptionHeader::SortIndicator indicator) {
            QImage image(16, 16, QImage::Format_ARGB32);
            image.fill(Qt::white);
            QStyleOptionHeader option;
            option.rect = image.rect();
            option.sortIndicator = indicator;
            QPainter painter(&image);
            style->drawPrimitive(QStyle::PE_IndicatorHeaderArrow, &option, &painter, nullptr);
            return image;
        };
        QStyle* base = static_cast<QProxyStyle*>(QApplication::style())->baseStyle();
        QCOMPARE(arrow(QApplication::style(), QStyleOptionHeader::SortUp), arrow(base, QStyleOptionHeader::SortDown));
        QCOMPARE(arrow(QApplication::style(), QStyleOptionHeader::SortDown), arrow(base, QStyleOptionHeader::SortUp));
        QVERIFY(arrow(base, QStyleOptionHeader::SortUp) != arrow(base, QStyleOptionHeader::SortDown));
        const auto clickHeader = [&](int column) {
            QVERIFY(!view->isColumnHidden(column));
            QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                QPoint(
                    header->sectionViewportPosition(column) + header->sectionSize(column) / 2, header->height() / 2));
        };
        // The phone is personal and not sortable: a click on it leaves the arrow where the order is.
        clickHeader(phone);
        QCOMPARE(header->sortIndicatorSection(), start);
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        QCOMPARE(model->filter().sortColumn, CallColumn::Start);
        // A sortable column: the list follows the arrow.
        clickHeader(duration);
        QCOMPARE(header->sortIndicatorSection(), duration);
        QCOMPARE(model->filter().sortColumn, CallColumn::Duration);
        QCOMPARE(model->filter().descending, header->sortIndicatorOrder() == Qt::DescendingOrder);
        const QByteArray byDuration = header->saveState();
        clickHeader(start);
        QCOMPARE(model->filter().sortColumn, CallColumn::Start);
        // A state restored at start (as the window does from the settings) puts the list in its arrow's order.
        QVERIFY(header->restoreState(byDuration));
        auto* columns = view->findChild<CallListColumns*>();
        QVERIFY(columns);
        columns->applySortIndicator();
        QCOMPARE(model->filter().sortColumn, CallColumn::Duration);
        QCOMPARE(header->sortIndicatorSection(), duration);
        // ... and the rows are in that order.
        waitForRow(0);
        QTRY_VERIFY(model->rowAt(0) && model->rowAt(1));
        const bool descending = header->sortIndicatorOrder() == Qt::DescendingOrder;
        QVERIFY(descending ? model->rowAt(0)->durationS >= model->rowAt(1)->durationS
                           : model->rowAt(0)->durationS <= model->rowAt(1)->durationS);
    }

    void theShortcutsListHasEveryMenusActions()
    {
        // Ctrl+/ lists the window's own actions and every feature's, from the actions themselves.
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        QTest::keyClick(m_window->callView(), Qt::Key_Slash, Qt::ControlModifier);
        ShortcutsDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<ShortcutsDialog*>()) && dialog->isVisible());
        auto* table = dialog->findChild<QTableWidget*>();
        QVERIFY(table);
        QHash<QString, QString> keys;
        for (int r = 0; r < table->rowCount(); ++r) {
            keys.insert(table->item(r, 0)->text(), table->item(r, 1)->text());
        }
        QCOMPARE(
            keys.value(QStringLiteral("Sync")), QKeySequence(QKeySequence::Refresh).toString(QKeySequence::NativeText));
        QVERIFY(keys.contains(QStringLiteral("Reveal phone numbers")));
        QVERIFY(keys.contains(QStringLiteral("Search by phone number")));
        QVERIFY2(keys.contains(QStringLiteral("Training library…")), qPrintable(keys.keys().join(u'|')));
        QVERIFY(keys.contains(QStringLiteral("Audit log…")));
        dialog->close();
    }

    void syncFromTheWindowShowsRejections()
    {
        Test::writeFile(m_demo.store + QStringLiteral("/v1/2026/11/20/C-broken.json"), "{ broken");
        QSignalSpy finished(m_window->backgroundSync(), &BackgroundSync::finished);
        QSignalSpy progress(m_window->backgroundSync(), &BackgroundSync::progress);
        m_window->syncAction()->trigger();
        QVERIFY(finished.wait(30000));
        QVERIFY(progress.size() >= 1);
        QVERIFY(m_window->rejectionsDialog()->isVisible());
        QCOMPARE(m_window->rejectionsDialog()->rowCount(), 1);
        QVERIFY(m_window->syncAction()->isEnabled());
        QFile::remove(m_demo.store + QStringLiteral("/v1/2026/11/20/C-broken.json"));
    }

    void filtersAreRememberedButNeverThePhoneNumber()
    {
        auto* phone = m_window->findChild<QLineEdit*>(QStringLiteral("phoneSearch"));
        QTest::keyClicks(phone, QStringLiteral("07700 900123"));
        auto* minutes = m_window->filterBar()->findChild<QSpinBox*>(QStringLiteral("minDuration"));
        minutes->setValue(1);
        waitForCount();
        FilterBar again; // as the next start of the window builds it
        QCOMPARE(again.filter().minDurationS.value_or(0), 60.0);
        QVERIFY(again.filter().phoneE164.isEmpty());
        QSettings settings;
        for (const QString& key : settings.allKeys()) {
            QVERIFY2(!settings.value(key).toString().contains(QLatin1String("900123")), qPrintable(key));
        }
    }

    void aWrongPassphraseIsExplainedNotAnEmptyCache()
    {
        const QString wrong = m_root.filePath(QStringLiteral("wrong"));
        Test::writeFile(wrong, "otter velvet cinnamon harbour 32\n");
        CacheWorker worker;
        MainWindow window(&worker, m_demo.cache);
        UnlockFlow flow(m_demo.cache, wrong, &worker, &window);
        QSignalSpy failed(&flow, &UnlockFlow::failed);
        flow.start();
        QVERIFY(failed.wait(20000));
        QVERIFY(failed.first().first().toString().contains(QLatin1String("Wrong passphrase")));
        QVERIFY(!window.isEnabled());
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
