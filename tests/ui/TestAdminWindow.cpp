// The Admin menu in the real window on a synced demo store: a hold on a selection, the Holds and retention view,
// retention after a sync (the store's period shortened), release with a reason, and the audit log with its export.
#include "DemoWindow.h"
#include "TestSupport.h"
#include "browse/CallListModel.h"
#include "ui/browse/CallDetailPane.h"
#include "ui/retention/AdminActions.h"
#include "ui/retention/AuditDialog.h"
#include "ui/retention/CertificatesPage.h"
#include "ui/retention/HoldsDialog.h"
#include "ui/retention/PlaceHoldDialog.h"
#include "ui/shell/EmptyState.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/MessageBox.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDateEdit>
#include <QFile>
#include <QFocusEvent>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;
using namespace Earmark::Gui;

class TestAdminWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    Test::DemoWindow m_demo;
    MainWindow* m_window = nullptr;

    QString status() const { return m_window->findChild<QLabel*>(QStringLiteral("statusText"))->text(); }
    AdminActions* admin() const { return m_window->admin(); }

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_demo.makeCache(m_root.path(), 6);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QString opened = m_demo.open();
        QVERIFY2(opened.isEmpty(), qPrintable(opened));
        m_window = m_demo.window.get();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->model()->totalCount(), 6, 20000);
    }

    void cleanupTestCase() { m_demo.close(); }

    void theEmptyViewsSayWhyTheyAreEmpty()
    {
        // No hold yet, nothing past the default 730 days: each table says so, and Run retention now says why it
        // cannot be used.
        HoldsDialog* holds = admin()->holdsDialog();
        holds->refresh();
        holds->show();
        QTRY_VERIFY_WITH_TIMEOUT(holds->policyLabel()->text().contains(QLatin1String("730")), 10000);
        QCOMPARE(holds->holdsTable()->rowCount(), 0);
        QTRY_VERIFY(holds->holdsEmpty()->isShown());
        QVERIFY2(holds->holdsEmpty()->text().contains(QLatin1String("Hold the selected calls")),
            qPrintable(holds->holdsEmpty()->text()));
        holds->showRetention();
        QCOMPARE(holds->dueTable()->rowCount(), 0);
        QVERIFY(holds->dueEmpty()->isShown());
        QVERIFY2(holds->dueEmpty()->text().contains(QLatin1String("730-day")), qPrintable(holds->dueEmpty()->text()));
        QVERIFY(holds->heldEmpty()->isShown());
        QVERIFY(!holds->runButton()->isEnabled());
        QVERIFY2(holds->runButton()->toolTip().contains(QLatin1String("Nothing to run")),
            qPrintable(holds->runButton()->toolTip()));
        holds->close();
    }

    void aHoldIsPlacedOnTheSelectedCalls()
    {
        QTableView* list = m_window->callView();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->model()->index(1, 0).data(CallListModel::CallIdRole).isValid(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->model()->index(2, 0).data(CallListModel::CallIdRole).isValid(), 10000);
        list->selectionModel()->select(
            m_window->model()->index(1, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        list->selectionModel()->setCurrentIndex(
            m_window->model()->index(2, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        const QStringList selected = admin()->selectedCalls();
        QCOMPARE(selected.size(), 2);
        const QString current = m_window->model()->index(2, 0).data(CallListModel::CallIdRole).toString();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->detailPane()->currentCallId(), current, 10000);
        QSignalSpy reset(m_window->model(), &QAbstractItemModel::modelReset);
        // The action is on the Admin menu and on the list's context menu.
        QVERIFY(list->actions().contains(admin()->actions().constFirst()));
        admin()->actions().constFirst()->trigger();
        auto* dialog = m_window->findChild<PlaceHoldDialog*>(QStringLiteral("placeHoldDialog"));
        QVERIFY(dialog);
        // The example reference is the one New case gives.
        QVERIFY(dialog->caseEdit()->placeholderText().contains(QStringLiteral("COMP-2026-0142")));
        dialog->caseEdit()->setText(QStringLiteral("CMP-2026-0142"));
        dialog->reasonEdit()->setPlainText(QStringLiteral("Complaint about the interviewer"));
        dialog->place();
        QTRY_VERIFY_WITH_TIMEOUT(status().contains(QLatin1String("Hold H-")), 10000);
        QVERIFY2(status().contains(QLatin1String("2 call")), qPrintable(status()));
        // The list is read again (the held calls show it), and the same two calls stay selected, the same one
        // current: the next action or click is on them, never on the top call.
        QTRY_VERIFY_WITH_TIMEOUT(reset.count() >= 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->model()->index(2, 0).data(CallListModel::CallIdRole).isValid(), 10000);
        QCOMPARE(admin()->selectedCalls(), selected);
        QCOMPARE(list->currentIndex().row(), 2);
        QCOMPARE(list->currentIndex().siblingAtColumn(0).data(CallListModel::CallIdRole).toString(), current);
        QVERIFY(!list->selectionModel()->isRowSelected(0, {}));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(list->currentIndex()).center());
        QCOMPARE(m_window->detailPane()->currentCallId(), current);
        // Holding it again (the click left the current call selected) says it is held already, and by which hold
        // (another case may hold it too).
        const QString holdId = status().section(QLatin1Char(' '), 1, 1);
        QTRY_VERIFY(m_window->findChildren<PlaceHoldDialog*>().isEmpty());
        admin()->actions().constFirst()->trigger();
        auto* again = m_window->findChild<PlaceHoldDialog*>(QStringLiteral("placeHoldDialog"));
        QVERIFY(again);
        QTRY_VERIFY_WITH_TIMEOUT(!again->alreadyHeldText().isEmpty(), 10000);
        QVERIFY2(again->alreadyHeldText().contains(current) && again->alreadyHeldText().contains(holdId),
            qPrintable(again->alreadyHeldText() + QStringLiteral(" / ") + holdId));
        again->reject();

        HoldsDialog* holds = admin()->holdsDialog();
        holds->refresh();
        holds->show();
        QTRY_COMPARE_WITH_TIMEOUT(holds->holdsTable()->rowCount(), 1, 10000);
        QCOMPARE(holds->holdsTable()->item(0, 1)->text(), QStringLiteral("CMP-2026-0142"));
        QTRY_VERIFY(!holds->holdsEmpty()->isShown());
        QVERIFY(holds->holdsTable()->item(0, 2)->text().contains(selected.constFirst()));
        // Every column is within the table's width (the reason takes what is left, whole in its tooltip); when a
        // hold was released is a column of the released ones only.
        QTableWidget* table = holds->holdsTable();
        QVERIFY(table->isColumnHidden(7));
        const auto fits = [table] {
            int right = 0;
            for (int c = 0; c < table->columnCount(); ++c) {
                right += table->isColumnHidden(c) ? 0 : table->columnWidth(c);
            }
            return right <= table->viewport()->width() && table->columnWidth(6) > 100;
        };
        QTRY_VERIFY(fits());
        QCOMPARE(table->item(0, 6)->toolTip(), QStringLiteral("Complaint about the interviewer"));
        holds->releasedCheck()->setChecked(true);
        QTRY_VERIFY(!table->isColumnHidden(7));
        QTRY_VERIFY(fits());
        holds->releasedCheck()->setChecked(false);
        holds->filterEdit()->setText(QStringLiteral("no such case"));
        QVERIFY(holds->holdsTable()->isRowHidden(0));
        QVERIFY(holds->holdsEmpty()->isShown());
        QVERIFY2(holds->holdsEmpty()->text().contains(QLatin1String("No hold matches")),
            qPrintable(holds->holdsEmpty()->text()));
        holds->filterEdit()->setText(selected.constLast());
        QVERIFY(!holds->holdsTable()->isRowHidden(0));
        // A passphrase cache: the administrator is told about backups.
        QVERIFY(!holds->findChild<QLabel*>(QStringLiteral("backupNote"))->isHidden());
        QTRY_VERIFY_WITH_TIMEOUT(holds->policyLabel()->text().contains(QLatin1String("730")), 10000);
        // Today nothing is due; a day past every call's 730 days shows them all, but the held two kept, and no run
        // is offered for a day that is not today.
        holds->showRetention();
        QTRY_COMPARE_WITH_TIMEOUT(holds->dueLabel()->text(), QStringLiteral("The next run destroys:"), 10000);
        QCOMPARE(holds->dueTable()->rowCount(), 0);
        QVERIFY(holds->dueEmpty()->text().startsWith(QLatin1String("Nothing is due")));
        const QDate later = QDate::currentDate().addDays(800);
        holds->asOfEdit()->setDate(later);
        QTRY_VERIFY_WITH_TIMEOUT(holds->dueTable()->rowCount() > 0, 10000);
        QCOMPARE(holds->dueLabel()->text(),
            QStringLiteral("By %1, retention will have destroyed:").arg(later.toString(Qt::ISODate)));
        QCOMPARE(holds->heldTable()->rowCount(), 2);
        QCOMPARE(holds->dueTable()->rowCount() + 2, m_window->model()->totalCount());
        QVERIFY(!holds->runButton()->isEnabled());
        QVERIFY(holds->runButton()->toolTip().contains(QLatin1String("as of today")));
        holds->asOfEdit()->setDate(QDate::currentDate().addDays(-5)); // no earlier day: a preview is of what is to come
        QCOMPARE(holds->asOfEdit()->date(), QDate::currentDate());
        QTRY_COMPARE_WITH_TIMEOUT(holds->dueTable()->rowCount(), 0, 10000);
        QCOMPARE(holds->dueLabel()->text(), QStringLiteral("The next run destroys:"));
    }

    void theListFollowsTheCallShownWhereverItWasOpened()
    {
        QTableView* list = m_window->callView();
        CallDetailPane* pane = m_window->detailPane();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->model()->index(3, 0).data(CallListModel::CallIdRole).isValid(), 10000);
        // Opened from elsewhere (the review queue, a case): its row becomes current.
        const QString third = m_window->model()->index(3, 0).data(CallListModel::CallIdRole).toString();
        pane->showCall(third);
        QCOMPARE(list->currentIndex().row(), 3);
        QVERIFY(list->selectionModel()->isRowSelected(3, {}));
        // A call the list does not show: no row is current, and the list taking the focus (after a dialog closes)
        // does not open its top call instead.
        MessageBox::setNextAnswer(QMessageBox::Ok);
        pane->showCall(QStringLiteral("C-20991231-000001"));
        QVERIFY(!list->currentIndex().isValid());
        QFocusEvent focus(QEvent::FocusIn, Qt::ActiveWindowFocusReason);
        QApplication::sendEvent(list, &focus);
        QApplication::processEvents();
        QCOMPARE(pane->currentCallId(), QStringLiteral("C-20991231-000001"));
        QVERIFY(!list->currentIndex().isValid());
        // Enter (or a double click) on a row opens it.
        Q_EMIT list->activated(m_window->model()->index(1, 0));
        QCOMPARE(pane->currentCallId(), m_window->model()->index(1, 0).data(CallListModel::CallIdRole).toString());
        QCOMPARE(list->currentIndex().row(), 1);
    }

    void retentionRunsAfterASyncAndHoldsKeepTheirCalls()
    {
        // The store now keeps calls one day: after the sync every call is past it, except what the hold keeps.
        Test::writeFile(
            m_demo.store + QStringLiteral("/v1/store.json"), "{\"name\": \"demo\", \"retention_days\": 1}\n");
        m_window->syncAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(status().startsWith(QLatin1String("Retention:")), 30000);
        QVERIFY2(status().contains(QLatin1String("4 call")), qPrintable(status()));
        QVERIFY2(status().contains(QLatin1String("kept by holds")), qPrintable(status()));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->model()->totalCount(), 2, 10000);

        HoldsDialog* holds = admin()->holdsDialog();
        holds->showRetention();
        holds->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(holds->heldTable()->rowCount(), 2, 10000);
        QCOMPARE(holds->dueTable()->rowCount(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(holds->policyLabel()->text().contains(QLatin1String("store.json")), 10000);
    }

    void releasingTheHoldLetsTheNextRunDestroyThem()
    {
        HoldsDialog* holds = admin()->holdsDialog();
        holds->showHoldsMatching({});
        holds->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(holds->holdsTable()->rowCount(), 1, 10000);
        holds->holdsTable()->selectRow(0);
        MessageBox::setNextText(QStringLiteral("Complaint closed: no further action"));
        holds->releaseSelected();
        QTRY_VERIFY_WITH_TIMEOUT(status().contains(QLatin1String("released")), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(holds->dueTable()->rowCount(), 2, 10000);
        MessageBox::setNextAnswer(QMessageBox::Yes);
        holds->runRetention();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->model()->totalCount(), 0, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(holds->dueTable()->rowCount(), 0, 10000);

        // Both runs issued a certificate: listed newest first (the two calls the hold kept), one copied out for an
        // auditor checks as intact; a changed copy does not.
        m_demo.action(QStringLiteral("certificates"))->trigger();
        CertificatesPage* page = holds->certificates();
        QVERIFY(page->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(page->table()->rowCount(), 2, 10000);
        QVERIFY(!page->emptyState()->isShown());
        QCOMPARE(page->table()->item(0, 4)->text(), QStringLiteral("2"));
        QCOMPARE(page->table()->item(1, 4)->text(), QStringLiteral("4"));
        QCOMPARE(page->table()->item(1, 5)->text(), QStringLiteral("2"));
        QVERIFY(!page->exportButton()->isEnabled());
        page->table()->selectRow(0);
        QVERIFY(page->exportButton()->isEnabled());
        const QString runId = page->table()->item(0, 0)->text();
        QTemporaryDir out;
        page->exportSelectedTo(out.path());
        QTRY_VERIFY_WITH_TIMEOUT(
            page->resultText().startsWith(QStringLiteral("Certificate %1 written").arg(runId)), 10000);
        const QString json = out.path() + QLatin1Char('/') + runId + QStringLiteral(".json");
        QVERIFY(QFile::exists(json) && QFile::exists(json + QStringLiteral(".minisig")));
        page->verifyFile(json);
        QTRY_VERIFY_WITH_TIMEOUT(
            page->resultText().startsWith(QStringLiteral("<b>Intact:</b> certificate ") + runId), 10000);
        QByteArray body = Test::readFile(json);
        body.insert(body.indexOf('{') + 1, ' '); // the same JSON, other bytes: the signature no longer matches
        Test::writeFile(json, body);
        MessageBox::setNextAnswer(QMessageBox::Ok);
        page->verifyFile(json);
        QTRY_VERIFY_WITH_TIMEOUT(page->resultText().startsWith(QStringLiteral("<b>Not intact:</b>")), 10000);
    }

    void theAuditLogShowsAndExportsWhatWasDone()
    {
        AuditDialog* audit = admin()->auditDialog();
        audit->refresh();
        audit->show();
        QTRY_VERIFY_WITH_TIMEOUT(audit->table()->rowCount() > 6, 10000);
        // In words and local time; the log's own action and UTC time in the tooltips.
        QStringList actions;
        QStringList words;
        for (int r = 0; r < audit->table()->rowCount(); ++r) {
            actions << audit->table()->item(r, 3)->toolTip();
            words << audit->table()->item(r, 3)->text();
            QVERIFY(audit->table()->item(r, 1)->toolTip().endsWith(QLatin1Char('Z')));
            QVERIFY(!audit->table()->item(r, 1)->text().endsWith(QLatin1Char('Z')));
        }
        for (const char* a : {"hold.place", "hold.release", "destroy", "destruction.certificate", "retention.run"}) {
            QVERIFY2(actions.contains(QLatin1String(a)), a);
        }
        for (const char* w : {"Hold placed", "Hold released", "Call destroyed", "Retention run"}) {
            QVERIFY2(words.contains(QLatin1String(w)), w);
        }
        // Details in words, not JSON; the tooltip keeps the log's own detail.
        for (int r = 0; r < audit->table()->rowCount(); ++r) {
            const QTableWidgetItem* detail = audit->table()->item(r, 5);
            QVERIFY2(!detail->text().startsWith(u'{'), qPrintable(detail->text()));
            if (actions.at(r) == QLatin1String("retention.run")) {
                QVERIFY2(detail->text().contains(QLatin1String(" destroyed, ")), qPrintable(detail->text()));
                QVERIFY(detail->toolTip().contains(QLatin1String("\"destroyed\":")));
            } else if (actions.at(r) == QLatin1String("sync")) {
                QVERIFY2(detail->text().contains(QLatin1String(" imported, ")), qPrintable(detail->text()));
            }
        }
        QVERIFY(actions.contains(QStringLiteral("sync")));
        QVERIFY(audit->publicKeyEdit()->text().startsWith(QLatin1String("RW")));
        const QString csv = m_root.filePath(QStringLiteral("audit.csv"));
        audit->exportTo(csv);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(csv), 10000);
        QVERIFY(Test::readFile(csv).startsWith("seq,at_utc,actor,action,subject,detail,hash\n"));
        QTRY_VERIFY_WITH_TIMEOUT(status().contains(QLatin1String("exported")), 10000);
        // The export is itself in the log.
        QTRY_VERIFY_WITH_TIMEOUT(
            audit->table()->item(audit->table()->rowCount() - 1, 3)->toolTip() == QLatin1String("audit.export"), 10000);
        // Filtered by a call, only that call's entries.
        audit->showSubject(QStringLiteral("no-such-call"));
        QTRY_COMPARE_WITH_TIMEOUT(audit->table()->rowCount(), 0, 10000);
        // ... and the line says what to type instead of a bare "0".
        QVERIFY2(audit->summaryLabel()->text().startsWith(
                     QStringLiteral("No entry is about “no-such-call”: type a whole id")),
            qPrintable(audit->summaryLabel()->text()));
    }
};

QTEST_MAIN(TestAdminWindow)
#include "TestAdminWindow.moc"
