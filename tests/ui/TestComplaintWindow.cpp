// The real window as a complaint handler uses it (issue 12): a case opened from a selected call and the respondent's
// number (typed another way), notes with who and when, a call of the case played from its page, a moment flagged for
// staff safety from the player, the evidence pack exported and checked by earmark-cli, the case closed; a subject
// access request recorded with its days left and the main window's badge, its pack built, the request completed.
#include "DemoWindow.h"
#include "TestSupport.h"
#include "browse/CallListModel.h"
#include "cache/AuditLog.h"
#include "core/PersonName.h"
#include "demo/DemoScript.h"
#include "ui/browse/CallDetailPane.h"
#include "ui/cases/CaseActions.h"
#include "ui/cases/CasePage.h"
#include "ui/cases/CasesWindow.h"
#include "ui/cases/FlagSafetyDialog.h"
#include "ui/cases/NewCaseDialog.h"
#include "ui/evaluation/EvaluationPanel.h"
#include "ui/player/PlayerWidget.h"
#include "ui/player/WaveformWidget.h"
#include "ui/requests/NewRequestDialog.h"
#include "ui/requests/RequestsWindow.h"
#include "ui/retention/AdminActions.h"
#include "ui/retention/HoldsDialog.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/MessageBox.h"
#include "ui/shell/RoleGate.h"
#include "ui/shell/StatusLine.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QDirIterator>
#include <QFile>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>
#include <QUrl>

using namespace Earmark;
using namespace Earmark::Gui;

class TestComplaintWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    Test::DemoWindow m_demo;
    MainWindow* m_window = nullptr;
    Demo::CallPlan m_plan; // the complainant's call
    QStringList m_sameNumber; // every call of the complainant's number that names them
    QString m_otherOnNumber; // a call of the same number that names someone else
    static constexpr int Calls = 10;

    QString status() const { return m_window->findChild<QLabel*>(QStringLiteral("statusText"))->text(); }
    int rowOf(const QString& callId) const
    {
        for (int r = 0; r < m_window->model()->rowCount(); ++r) {
            if (m_window->model()->index(r, 0).data(CallListModel::CallIdRole).toString() == callId) {
                return r;
            }
        }
        return -1;
    }
    // The number as a complainant might write it: national format with spaces.
    QString typedNumber() const
    {
        return QStringLiteral("0") + m_plan.phoneE164.mid(3, 4) + u' ' + m_plan.phoneE164.mid(7);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error = m_demo.makeCache(m_root.path(), Calls);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        error = m_demo.actAs(QStringLiteral("complaint-handler"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (int i = 0; i < Calls && m_plan.callId.isEmpty(); ++i) {
            const Demo::CallPlan p = Demo::planCall(i, 1, 14);
            if (p.phoneE164.startsWith(QLatin1String("+447"))) {
                m_plan = p;
            }
        }
        QVERIFY(!m_plan.callId.isEmpty());
        for (int i = 0; i < Calls; ++i) {
            const Demo::CallPlan p = Demo::planCall(i, 1, 14);
            if (p.phoneE164 == m_plan.phoneE164
                && PersonName::compare(p.respondentName, m_plan.respondentName) != PersonName::Match::Different) {
                m_sameNumber << p.callId;
            }
        }
        // A household's landline: another call is given the complainant's number and someone else's name.
        QDirIterator it(m_demo.store + QStringLiteral("/v1"), {QStringLiteral("*.json")}, QDir::Files,
            QDirIterator::Subdirectories);
        while (it.hasNext() && m_otherOnNumber.isEmpty()) {
            const QString path = it.next();
            QJsonObject o = QJsonDocument::fromJson(Test::readFile(path)).object();
            const QString id = o.value(QStringLiteral("call_id")).toString();
            if (path.endsWith(QLatin1String(".transcript.json")) || id.isEmpty() || m_sameNumber.contains(id)
                || o.value(QStringLiteral("respondent")).toObject().value(QStringLiteral("phone_e164")).toString()
                    == m_plan.phoneE164) {
                continue;
            }
            QJsonObject r = o.value(QStringLiteral("respondent")).toObject();
            r.insert(QStringLiteral("phone_e164"), m_plan.phoneE164);
            r.insert(QStringLiteral("name"), QStringLiteral("Tomasz Reid"));
            o.insert(QStringLiteral("respondent"), r);
            Test::writeFile(path, QJsonDocument(o).toJson());
            m_otherOnNumber = id;
        }
        QVERIFY(!m_otherOnNumber.isEmpty());
        const Test::ProcessResult synced
            = m_demo.cli({QStringLiteral("sync"), QStringLiteral("--store"), m_demo.store});
        QVERIFY2(synced.exitCode == 0, synced.err.constData());
        error = m_demo.open();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_window = m_demo.window.get();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->model()->totalCount(), Calls, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->roleGate()->roles().known, 10000);
    }

    void cleanupTestCase() { m_demo.close(); }

    void aComplaintHandlerRevealsButDoesNotEvaluate()
    {
        QVERIFY(m_window->revealAction()->isEnabled());
        QVERIFY(!m_window->callView()->isColumnHidden(int(CallColumn::Phone)));
        m_window->revealAction()->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(m_plan.callId) >= 0, 10000);
        const int row = rowOf(m_plan.callId);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_window->model()->index(row, int(CallColumn::Phone)).data().toString(), m_plan.phoneE164, 10000);
        m_window->revealAction()->setChecked(false);
        QVERIFY(
            m_window->model()->index(row, int(CallColumn::Phone)).data().toString().startsWith(QStringLiteral("••••")));
        QAction* evaluate = m_demo.action(QStringLiteral("evaluateCall"));
        QVERIFY(evaluate && !evaluate->isEnabled());
        QVERIFY(evaluate->toolTip().contains(QLatin1String("supervisor or administrator role")));
        QVERIFY(m_window->detailPane()->evaluation()->isHidden());
        QVERIFY(m_window->detailPane()->showsOriginal());
        for (const QString& name : {QStringLiteral("casesWindow"), QStringLiteral("newCase"),
                 QStringLiteral("flagSafety"), QStringLiteral("requestsWindow")}) {
            QVERIFY2(m_demo.action(name) && m_demo.action(name)->isEnabled(), qPrintable(name));
        }
    }

    void aCaseIsOpenedFromASelectedCallAndTheNumber()
    {
        const int row = rowOf(m_plan.callId);
        m_window->callView()->selectionModel()->select(
            m_window->model()->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_demo.action(QStringLiteral("newCase"))->trigger();
        auto* dialog = m_window->findChild<NewCaseDialog*>(QStringLiteral("newCaseDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->linkSelected()->isChecked());
        // The selected call's number is offered, without being shown: the number field waits.
        QVERIFY(dialog->useCallsNumber()->isChecked());
        QVERIFY(dialog->useCallsNumber()->text().contains(m_plan.callId));
        QVERIFY(!dialog->phoneEdit()->isEnabled());
        QVERIFY(!dialog->findChildren<QLabel*>().isEmpty());
        for (const QLabel* label : dialog->findChildren<QLabel*>()) {
            QVERIFY(!label->text().contains(m_plan.phoneE164.right(6)));
        }
        // A number typed instead is checked; no reference: said in the dialog, which stays open with what was typed.
        dialog->useCallsNumber()->setChecked(false);
        QVERIFY(dialog->phoneEdit()->isEnabled());
        dialog->phoneEdit()->setText(QStringLiteral("not a number"));
        dialog->accept();
        QVERIFY(dialog->isVisible());
        QVERIFY(
            dialog->findChild<QLabel*>(QStringLiteral("newCaseProblem"))->text().contains(QLatin1String("reference")));
        dialog->referenceEdit()->setText(QStringLiteral("COMP-2026-0142"));
        dialog->accept();
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("newCaseProblem"))
                    ->text()
                    .contains(QLatin1String("07700 900123")));
        QCOMPARE(dialog->referenceEdit()->text(), QStringLiteral("COMP-2026-0142"));
        // Back to the selected call's number: every call of it is linked, as if it had been typed.
        dialog->useCallsNumber()->setChecked(true);
        dialog->accept();

        CasesWindow* cases = m_window->cases()->casesWindow();
        QTRY_COMPARE_WITH_TIMEOUT(cases->list()->rowCount(), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(cases->page()->pageText().contains(QLatin1String("COMP-2026-0142")), 10000);
        const QString page = cases->page()->pageText();
        QVERIFY2(page.contains(QLatin1String("Held")), qPrintable(page));
        for (const QString& id : m_sameNumber) {
            QVERIFY2(page.contains(id), qPrintable(id));
        }
        QVERIFY2(page.contains(QStringLiteral("Calls (%1)").arg(m_sameNumber.size())), qPrintable(page));
        // The call of the same number that names someone else is set aside, named, and can be added by hand.
        QVERIFY2(page.contains(QLatin1String("Not linked (1)")) && page.contains(m_otherOnNumber)
                && page.contains(QLatin1String("Tomasz Reid")) && page.contains(m_plan.respondentName),
            qPrintable(page));
        QVERIFY(!page.contains(m_plan.phoneE164)); // the page shows the last digits only
        QVERIFY(cases->statusText().contains(QLatin1String("opened")));
        QVERIFY(!cases->publicKeyEdit()->text().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(cases->publicKeyEdit()->text().startsWith(QLatin1String("RW")), 5000);
    }

    void notesKeepWhoAndWhen()
    {
        CasesWindow* cases = m_window->cases()->casesWindow();
        // The case list fits its pane: no sideways scrolling, the reference elided with the whole in a tooltip.
        QCOMPARE(cases->list()->horizontalScrollBarPolicy(), Qt::ScrollBarAlwaysOff);
        QCOMPARE(cases->list()->horizontalHeader()->sectionResizeMode(0), QHeaderView::Stretch);
        QVERIFY(cases->list()->rowCount() > 0);
        QVERIFY(!cases->list()->item(0, 0)->toolTip().isEmpty());
        cases->page()->noteEdit()->setPlainText(QStringLiteral("Respondent says the interviewer was rude at the end."));
        cases->page()->addNoteButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(cases->page()->pageText().contains(QLatin1String("interviewer was rude")), 10000);
        QVERIFY(cases->page()->pageText().contains(AuditLog::currentActor()));
        QVERIFY(cases->page()->pageText().contains(QLatin1String("Notes (1)")));
        QVERIFY(cases->page()->noteEdit()->toPlainText().isEmpty());
    }

    void aCallOfTheCasePlaysFromItsPage()
    {
        CasesWindow* cases = m_window->cases()->casesWindow();
        cases->page()->openLink(QUrl(QStringLiteral("play:%1:2000").arg(m_plan.callId)));
        CallDetailPane* pane = m_window->detailPane();
        QTRY_COMPARE_WITH_TIMEOUT(pane->currentCallId(), m_plan.callId, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(pane->player()->engine()->state(), PlayerEngine::State::Playing, 20000);
        // From the moment asked for, not from the start.
        const double at = pane->player()->engine()->position();
        QVERIFY2(at >= 1.9 && at < 3.5, qPrintable(QString::number(at)));
        pane->player()->engine()->pause();
    }

    void aMomentIsFlaggedFromThePlayer()
    {
        CallDetailPane* pane = m_window->detailPane();
        pane->seek(3.5);
        m_demo.action(QStringLiteral("flagSafety"))->trigger();
        auto* dialog = m_window->findChild<FlagSafetyDialog*>(QStringLiteral("flagSafetyDialog"));
        QVERIFY(dialog);
        QCOMPARE(dialog->callId(), m_plan.callId);
        QVERIFY(qAbs(dialog->atMs() - 3500) < 300);
        dialog->abusiveButton()->setChecked(true);
        dialog->noteEdit()->setPlainText(QStringLiteral("Shouted abuse at the interviewer"));
        dialog->accept();
        QTRY_VERIFY_WITH_TIMEOUT(status().contains(QLatin1String("safety case SAFETY-")), 10000);
        QVERIFY2(status().contains(m_plan.callId), qPrintable(status()));
        // The moment is marked on the waveform, its words in the tooltip there, and only there.
        WaveformWidget* wave = pane->player()->waveform();
        QTRY_COMPARE_WITH_TIMEOUT(wave->flags().size(), 1, 10000);
        QVERIFY(qAbs(wave->flags().constFirst().atS - 3.5) < 0.3);
        const QPoint mark(wave->xAt(wave->flags().constFirst().atS), wave->height() - 3);
        const QString tip = wave->flagTextAt(mark);
        QVERIFY2(tip.contains(QLatin1String("abusive")) && tip.contains(QLatin1String("Shouted abuse"))
                && tip.contains(QLatin1String("safety case SAFETY-")),
            qPrintable(tip));
        QVERIFY(wave->flagTextAt(QPoint(mark.x() + 40, mark.y())).isEmpty());
        QVERIFY(wave->flagTextAt(QPoint(mark.x(), 2)).isEmpty());

        CasesWindow* cases = m_window->cases()->casesWindow();
        cases->typeFilter()->setCurrentIndex(cases->typeFilter()->findData(QStringLiteral("safety")));
        QTRY_COMPARE_WITH_TIMEOUT(cases->list()->rowCount(), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(cases->page()->pageText().contains(QLatin1String("Flagged moments")), 10000);
        const QString page = cases->page()->pageText();
        QVERIFY2(page.contains(QStringLiteral("%1 at 0:03").arg(m_plan.callId)), qPrintable(page));
        QVERIFY(page.contains(QLatin1String("abusive: Shouted abuse")));
        QVERIFY(cases->page()->browser()->toHtml().contains(QStringLiteral("play:%1:").arg(m_plan.callId)));
        const QString safetyCase = cases->page()->record().caseId;
        cases->typeFilter()->setCurrentIndex(0);
        QTRY_COMPARE_WITH_TIMEOUT(cases->list()->rowCount(), 2, 10000);
        // The complaint about the same call lists the flag too (its pack will), with the way to the safety case.
        cases->searchEdit()->setText(QStringLiteral("COMP-2026"));
        QTRY_COMPARE_WITH_TIMEOUT(cases->list()->rowCount(), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(cases->page()->record().reference == QLatin1String("COMP-2026-0142"), 10000);
        QCOMPARE(cases->list()->item(0, 4)->text(), QStringLiteral("1"));
        QVERIFY(cases->page()->pageText().contains(QLatin1String("abusive: Shouted abuse")));
        QVERIFY(cases->page()->browser()->toHtml().contains(QStringLiteral("case:") + safetyCase));
        QVERIFY(cases->page()->pageText().contains(QLatin1String("safety case SAFETY-")));
        cases->page()->openLink(QUrl(QStringLiteral("case:") + safetyCase));
        QTRY_COMPARE_WITH_TIMEOUT(cases->page()->record().caseId, safetyCase, 10000);
        QVERIFY(cases->searchEdit()->text().isEmpty());
        QCOMPARE(cases->list()->rowCount(), 2);
    }

    void theEvidencePackIsWrittenAndVerifies()
    {
        CasesWindow* cases = m_window->cases()->casesWindow();
        cases->searchEdit()->setText(QStringLiteral("COMP-2026"));
        QTRY_COMPARE_WITH_TIMEOUT(cases->list()->rowCount(), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(cases->page()->record().reference == QLatin1String("COMP-2026-0142"), 10000);
        // Cancelled as it starts: the line says so and no pack is left behind.
        const QString cancelled = m_root.filePath(QStringLiteral("evidence-cancelled.zip"));
        MessageBox::setNextSaveFileName(cancelled);
        auto hold = m_demo.holdWorker();
        cases->page()->exportButton()->click();
        QVERIFY(cases->statusLine()->cancelButton()->isVisible());
        cases->statusLine()->cancelButton()->click();
        hold->release();
        QTRY_COMPARE_WITH_TIMEOUT(
            cases->statusText(), QStringLiteral("Cancelled: the evidence pack was not written."), 60000);
        QVERIFY(!QFile::exists(cancelled));
        QVERIFY(!cases->statusLine()->cancelButton()->isVisible());
        const QString zip = m_root.filePath(QStringLiteral("evidence.zip"));
        MessageBox::setNextSaveFileName(zip);
        cases->page()->exportButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(cases->statusText().startsWith(QLatin1String("Evidence pack written")), 60000);
        QVERIFY2(cases->statusText().contains(QLatin1String("signed with key")), qPrintable(cases->statusText()));
        // The key the message names is the one the window shows: the same id.
        const QString keyId
            = cases->statusText().section(QStringLiteral("signed with key "), 1).section(QLatin1Char(' '), 0, 0);
        QVERIFY(keyId.size() >= 8);
        QVERIFY2(
            cases->findChild<QLabel*>(QStringLiteral("signingKeyLabel"))->text().contains(keyId), qPrintable(keyId));
        QVERIFY(QFile::exists(zip));
        // Checked against the key the window shows (what the handler gives the recipient): it signed the pack.
        const Test::ProcessResult verify = m_demo.cli({QStringLiteral("evidence"), QStringLiteral("verify"), zip,
            QStringLiteral("--key"), cases->publicKeyEdit()->text()});
        QVERIFY2(verify.exitCode == 0, verify.err.constData());
        cases->findChild<QToolButton*>(QStringLiteral("copyKey"))->click();
        QCOMPARE(QApplication::clipboard()->text(), cases->publicKeyEdit()->text());
    }

    void closingTheCaseReleasesItsCalls()
    {
        // In Holds and retention, the case's hold cannot be released on its own: said before a reason is typed.
        HoldsDialog* holds = m_window->admin()->holdsDialog();
        holds->refresh();
        holds->show();
        QTRY_VERIFY_WITH_TIMEOUT(holds->holdsTable()->rowCount() > 0, 10000);
        holds->holdsTable()->selectRow(0);
        auto* release = holds->findChild<QPushButton*>(QStringLiteral("releaseHold"));
        QVERIFY(release && !release->isEnabled());
        QVERIFY2(release->toolTip().contains(QLatin1String("close the case")), qPrintable(release->toolTip()));
        holds->close();

        CasesWindow* cases = m_window->cases()->casesWindow();
        // No reason given (or Cancel): the case stays open, and the window says so.
        MessageBox::setNextText(QString());
        cases->page()->closeButton()->click();
        QVERIFY2(cases->statusText().contains(QLatin1String("is still open: a case is closed with a reason")),
            qPrintable(cases->statusText()));
        QVERIFY(cases->page()->closeButton()->isEnabled());
        MessageBox::setNextText(QStringLiteral("Resolved: apology sent"));
        cases->page()->closeButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(cases->statusText().contains(QLatin1String("Case closed")), 10000);
        cases->statusFilter()->setCurrentIndex(cases->statusFilter()->findData(int(CaseFilter::Status::Closed)));
        QTRY_COMPARE_WITH_TIMEOUT(cases->list()->rowCount(), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(cases->page()->pageText().contains(QLatin1String("Resolved: apology sent")), 10000);
        QVERIFY(cases->page()->pageText().contains(QLatin1String("hold was released")));
        QVERIFY(!cases->page()->closeButton()->isEnabled());
        QVERIFY(cases->page()->exportButton()->isEnabled());
        cases->close();
    }

    void aSubjectAccessRequestShowsItsDaysLeftAndTheBadge()
    {
        QVERIFY(m_window->cases()->badge()->isHidden());
        m_demo.action(QStringLiteral("requestsWindow"))->trigger();
        RequestsWindow* requests = m_window->cases()->requestsWindow();
        requests->button(QStringLiteral("newRequest"))->click();
        auto* dialog = requests->findChild<NewRequestDialog*>(QStringLiteral("newRequestDialog"));
        QVERIFY(dialog);
        dialog->accept(); // no number yet: said, not lost
        QVERIFY(dialog->isVisible());
        QVERIFY(
            dialog->findChild<QLabel*>(QStringLiteral("newRequestProblem"))->text().contains(QLatin1String("number")));
        // A part of the number is refused in the dialog, with what to type.
        dialog->phoneEdit()->setText(QStringLiteral("12345"));
        dialog->accept();
        QVERIFY(dialog->isVisible());
        QVERIFY2(dialog->findChild<QLabel*>(QStringLiteral("newRequestProblem"))
                     ->text()
                     .contains(QLatin1String("too short")),
            qPrintable(dialog->findChild<QLabel*>(QStringLiteral("newRequestProblem"))->text()));
        dialog->phoneEdit()->setText(typedNumber());
        // Received two months ago (a letter found late): overdue whatever today is.
        dialog->receivedEdit()->setDate(QDate::currentDate().addMonths(-2));
        dialog->channelBox()->setCurrentIndex(dialog->channelBox()->findData(QStringLiteral("phone")));
        dialog->referenceEdit()->setText(QStringLiteral("SAR-2026-031"));
        dialog->accept();
        QTRY_COMPARE_WITH_TIMEOUT(requests->list()->rowCount(), 1, 10000);
        QVERIFY2(requests->statusText().startsWith(QStringLiteral("Request SAR-2026-031 recorded: due ")),
            qPrintable(requests->statusText()));
        QCOMPARE(requests->list()->item(0, 3)->text(), QStringLiteral("phone"));
        QVERIFY2(requests->list()->item(0, 6)->text().contains(QLatin1String("overdue")),
            qPrintable(requests->list()->item(0, 6)->text()));
        // No name given: every call of the number is held, and the window says they name more than one person.
        QCOMPARE(requests->list()->item(0, 7)->text(), QString::number(m_sameNumber.size() + 1));
        QVERIFY(requests->details()->toPlainText().contains(
            QStringLiteral("Held while the request is open: %1 call").arg(int(m_sameNumber.size() + 1))));
        QVERIFY2(requests->details()->toPlainText().contains(QLatin1String("name someone other than the requester")),
            qPrintable(requests->details()->toPlainText()));
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->cases()->badge()->isHidden(), 10000);
        QCOMPARE(m_window->cases()->badge()->text(), QStringLiteral("1 request overdue"));
        // Only what the core would accept is offered: its first month is over (no extension); identity was not
        // asked for, so the month runs, and its confirmation can still be recorded; it can be answered.
        QVERIFY(!requests->button(QStringLiteral("extendRequest"))->isEnabled());
        QVERIFY(requests->button(QStringLiteral("confirmIdentity"))->isEnabled());
        QVERIFY(requests->button(QStringLiteral("buildPack"))->isEnabled());
        QVERIFY(requests->button(QStringLiteral("completeRequest"))->isEnabled());

        // A request the core refuses (the reference is taken) keeps its dialog open with everything typed.
        requests->button(QStringLiteral("newRequest"))->click();
        QList<NewRequestDialog*> dialogs
            = requests->findChildren<NewRequestDialog*>(QStringLiteral("newRequestDialog"));
        NewRequestDialog* again = nullptr;
        for (NewRequestDialog* d : dialogs) {
            again = d->isVisible() ? d : again;
        }
        QVERIFY(again);
        again->phoneEdit()->setText(QStringLiteral("07700 900123"));
        again->referenceEdit()->setText(QStringLiteral("SAR-2026-031"));
        again->accept();
        auto* problem = again->findChild<QLabel*>(QStringLiteral("newRequestProblem"));
        QTRY_VERIFY_WITH_TIMEOUT(problem->isVisible() && problem->text().contains(QLatin1String("already")), 10000);
        QVERIFY(again->isVisible());
        QCOMPARE(again->phoneEdit()->text(), QStringLiteral("07700 900123"));
        again->reject();
        QCOMPARE(requests->list()->rowCount(), 1);
    }

    void thePackIsBuiltAndTheRequestCompleted()
    {
        RequestsWindow* requests = m_window->cases()->requestsWindow();
        // A shared number: no pack while calls name someone else. The name recorded, the other person's call is
        // left out (with the reason); it is no longer held by the request.
        MessageBox::setNextAnswer(QMessageBox::Ok);
        requests->button(QStringLiteral("buildPack"))->click();
        QVERIFY2(
            MessageBox::lastText().contains(QLatin1String("the number is shared")), qPrintable(MessageBox::lastText()));
        QVERIFY(requests->statusText().contains(QLatin1String("The pack was not built")));
        MessageBox::setNextText(m_plan.respondentName);
        requests->openLink(QUrl(QStringLiteral("name:")));
        QTRY_VERIFY_WITH_TIMEOUT(requests->details()->toPlainText().contains(
                                     QStringLiteral("Requester's name: %1").arg(m_plan.respondentName)),
            10000);
        QVERIFY(requests->details()->toPlainText().contains(QLatin1String("names someone else")));
        MessageBox::setNextText(QStringLiteral("the lodger, named on the call"));
        requests->openLink(QUrl(QStringLiteral("exclude:") + m_otherOnNumber));
        QTRY_VERIFY_WITH_TIMEOUT(requests->statusText().contains(QLatin1String("left out of the request")), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(requests->list()->item(0, 7)->text(), QString::number(m_sameNumber.size()), 10000);
        QVERIFY2(requests->details()->toPlainText().contains(QLatin1String("not the requester's (the lodger")),
            qPrintable(requests->details()->toPlainText()));
        // Nobody has confirmed who the requester is: the window asks first; No builds nothing.
        MessageBox::setNextAnswer(QMessageBox::No);
        requests->button(QStringLiteral("buildPack"))->click();
        QVERIFY2(
            MessageBox::lastText().contains(QLatin1String("Nobody has confirmed")), qPrintable(MessageBox::lastText()));
        QVERIFY2(requests->statusText().contains(QLatin1String("Confirm the requester's identity first")),
            qPrintable(requests->statusText()));
        // Confirmed (how, in the requester's words): the deadline stays, and the pack is built without asking.
        const QString due = requests->list()->item(0, 5)->text();
        MessageBox::setNextText(QStringLiteral("Called back on the number, date of birth matched"));
        requests->button(QStringLiteral("confirmIdentity"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(
            requests->statusText().startsWith(QLatin1String("Identity confirmed: the deadline stays")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!requests->button(QStringLiteral("confirmIdentity"))->isEnabled(), 10000);
        QCOMPARE(requests->list()->item(0, 5)->text(), due);
        QVERIFY(requests->details()->toPlainText().contains(QLatin1String("date of birth matched")));
        const QString cancelled = m_root.filePath(QStringLiteral("dsar-cancelled.zip"));
        MessageBox::setNextSaveFileName(cancelled);
        auto hold = m_demo.holdWorker();
        requests->button(QStringLiteral("buildPack"))->click();
        QVERIFY(requests->statusLine()->cancelButton()->isVisible());
        requests->statusLine()->cancelButton()->click();
        hold->release();
        QTRY_COMPARE_WITH_TIMEOUT(
            requests->statusText(), QStringLiteral("Cancelled: the pack was not written."), 60000);
        QVERIFY(!QFile::exists(cancelled));
        const QString zip = m_root.filePath(QStringLiteral("dsar.zip"));
        MessageBox::setNextSaveFileName(zip);
        requests->button(QStringLiteral("buildPack"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(requests->statusText().startsWith(QLatin1String("Pack written")), 120000);
        QVERIFY(QFile::exists(zip));
        const Test::ProcessResult verify = m_demo.cli({QStringLiteral("evidence"), QStringLiteral("verify"), zip});
        QVERIFY2(verify.exitCode == 0, verify.err.constData());

        MessageBox::setNextText(QStringLiteral("Pack sent by recorded delivery"));
        requests->button(QStringLiteral("completeRequest"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(requests->list()->rowCount(), 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->cases()->badge()->isHidden(), 10000);
        requests->showClosed()->setChecked(true);
        QTRY_COMPARE_WITH_TIMEOUT(requests->list()->rowCount(), 1, 10000);
        QCOMPARE(requests->list()->item(0, 4)->text(), QStringLiteral("completed"));
    }

    void theCasesAndRequestsWindowsCloseLikeAnyWindow()
    {
        // The Close button, Ctrl+W and Esc each close them; they open over the main window, below its menu bar.
        const QList<std::pair<QString, QWidget*>> windows {
            {QStringLiteral("casesWindow"), m_window->cases()->casesWindow()},
            {QStringLiteral("requestsWindow"), m_window->cases()->requestsWindow()}};
        for (const auto& [action, window] : windows) {
            for (int how = 0; how < 3; ++how) {
                m_demo.action(action)->trigger();
                QVERIFY(QTest::qWaitForWindowExposed(window));
                const int menuBottom = m_window->menuBar()->mapToGlobal(QPoint(0, m_window->menuBar()->height())).y();
                QVERIFY2(window->frameGeometry().top() >= menuBottom,
                    qPrintable(QStringLiteral("%1: top %2, menu bar ends at %3")
                                   .arg(action)
                                   .arg(window->frameGeometry().top())
                                   .arg(menuBottom)));
                if (how == 0) {
                    auto* close = window->findChild<QPushButton*>(QStringLiteral("closeWindow"));
                    QVERIFY(close && close->isVisible());
                    close->click();
                } else if (how == 1) {
                    QTest::keySequence(window, QKeySequence::Close);
                } else {
                    QTest::keyClick(window, Qt::Key_Escape);
                }
                QTRY_VERIFY2(!window->isVisible(), qPrintable(QStringLiteral("%1, way %2").arg(action).arg(how)));
            }
        }
    }
};

QTEST_MAIN(TestComplaintWindow)
#include "TestComplaintWindow.moc"
