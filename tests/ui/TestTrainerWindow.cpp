// The real window as a trainer sees it (issue 12): the call list without numbers (the model holds none), the selected
// call only as its anonymised version (placeholders, bleeped audio), and what a trainer may not do disabled with a
// tooltip naming the role that may, staying disabled when other code enables it again.
#include "DemoMaster.h"
#include "DemoWindow.h"
#include "TestSupport.h"
#include "browse/CallListModel.h"
#include "cache/AuditLog.h"
#include "cache/Cache.h"
#include "demo/DemoScript.h"
#include "ui/browse/CallDetailPane.h"
#include "ui/browse/FilterBar.h"
#include "ui/cases/CaseActions.h"
#include "ui/evaluation/EvaluationPanel.h"
#include "ui/player/PlayerWidget.h"
#include "ui/redaction/AnonymisedView.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/RoleGate.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Earmark;
using namespace Earmark::Gui;

class TestTrainerWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    Test::DemoWindow m_demo;
    MainWindow* m_window = nullptr;
    static constexpr int Calls = 8;

private Q_SLOTS:
    void initTestCase()
    {
        QString error = m_demo.makeCache(m_root.path(), Calls);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        error = m_demo.actAs(QStringLiteral("trainer"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        error = m_demo.open();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_window = m_demo.window.get();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->model()->totalCount(), Calls, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->roleGate()->roles().known, 10000);
    }

    void cleanupTestCase() { m_demo.close(); }

    void theStatusBarSaysWhoAndWhichRole()
    {
        auto* label = m_window->findChild<QLabel*>(QStringLiteral("roleLabel"));
        QVERIFY(label);
        QVERIFY2(label->text().endsWith(QLatin1String(": trainer")), qPrintable(label->text()));
    }

    void theListHoldsNoNumbers()
    {
        CallListModel* model = m_window->model();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowAt(Calls - 1).has_value(), 10000);
        for (int r = 0; r < Calls; ++r) {
            const std::optional<CallRow> row = model->rowAt(r);
            QVERIFY(row);
            QVERIFY(row->phoneHidden);
            QVERIFY(row->phoneE164.isEmpty());
            QVERIFY(row->phoneMasked.isEmpty());
            QCOMPARE(model->index(r, int(CallColumn::Phone)).data().toString(), QString());
        }
        QVERIFY(m_window->callView()->isColumnHidden(int(CallColumn::Phone)));
        // Asking the model to reveal anyway: the core refuses it (and audits that: checked at the end).
        model->setPhonesRevealed(true);
        model->setPhonesRevealed(false);
    }

    void whatATrainerMayNotDoIsDisabledWithTheRoleThatMay()
    {
        QAction* reveal = m_window->revealAction();
        QVERIFY(!reveal->isEnabled());
        QVERIFY2(reveal->toolTip().contains(QLatin1String("complaint-handler or administrator role")),
            qPrintable(reveal->toolTip()));
        // Other code enabling it again does not undo the gate.
        reveal->setEnabled(true);
        QVERIFY(!reveal->isEnabled());
        QVERIFY(!m_window->filterBar()->phoneEdit()->isEnabled());
        QVERIFY(m_window->filterBar()->phoneEdit()->toolTip().contains(QLatin1String("Needs the")));
        m_window->filterBar()->phoneEdit()->setEnabled(true);
        QVERIFY(!m_window->filterBar()->phoneEdit()->isEnabled());

        const QList<QPair<QString, QString>> refused = {
            {QStringLiteral("evaluateCall"), QStringLiteral("supervisor or administrator role")},
            {QStringLiteral("reports"), QStringLiteral("supervisor or administrator role")},
            {QStringLiteral("searchTranscripts"), QStringLiteral("supervisor, complaint-handler or administrator")},
            {QStringLiteral("correctTurn"), QStringLiteral("supervisor or administrator role")},
            {QStringLiteral("casesWindow"), QStringLiteral("complaint-handler or administrator role")},
            {QStringLiteral("flagSafety"), QStringLiteral("supervisor, complaint-handler or administrator")},
            {QStringLiteral("requestsWindow"), QStringLiteral("complaint-handler or administrator role")},
            {QStringLiteral("holdCalls"), QStringLiteral("complaint-handler or administrator role")},
            {QStringLiteral("auditLog"), QStringLiteral("auditor or administrator role")},
        };
        for (const auto& [name, who] : refused) {
            QAction* a = m_demo.action(name);
            QVERIFY2(a, qPrintable(name));
            QVERIFY2(!a->isEnabled(), qPrintable(name));
            QVERIFY2(a->toolTip().contains(who), qPrintable(name + QStringLiteral(": ") + a->toolTip()));
        }
        // What a trainer does is there.
        for (const QString& name : {QStringLiteral("trainingLibrary"), QStringLiteral("flagScenario")}) {
            QVERIFY2(m_demo.action(name) && m_demo.action(name)->isEnabled(), qPrintable(name));
        }
        QVERIFY(m_window->syncAction()->isEnabled());
        QVERIFY(m_window->cases()->badge()->isHidden());
        QVERIFY(m_window->detailPane()->evaluation()->isHidden());
    }

    void aCallOpensOnlyAsItsAnonymisedVersion()
    {
        std::optional<Demo::CallPlan> plan;
        for (int i = 0; i < Calls && !plan; ++i) {
            const Demo::CallPlan p = Demo::planCall(i, 1, 14);
            if (p.hasTranscript && !p.spokenPersonal.isEmpty()) {
                plan = p;
            }
        }
        QVERIFY(plan);
        CallDetailPane* pane = m_window->detailPane();
        QVERIFY(!pane->showsOriginal());
        QSignalSpy audio(pane, &CallDetailPane::audioReady);
        pane->showCall(plan->callId);
        QVERIFY(audio.wait(30000));
        QCOMPARE(audio.first().at(1).toBool(), true);
        QVERIFY(pane->anonymisedButton()->isChecked());
        QVERIFY(pane->headerText().contains(QLatin1String("Anonymised")));
        const QString text = pane->transcriptText();
        QVERIFY2(text.contains(QLatin1String("[PERSON_1]")), qPrintable(text));
        QStringList needles {plan->respondentName.section(u' ', -1)};
        if (!plan->phoneE164.isEmpty()) {
            needles << plan->phoneE164 << plan->phoneE164.right(6);
        }
        for (const QString& v : plan->spokenPersonal) {
            needles << v;
        }
        for (const QString& n : needles) {
            QVERIFY2(!text.contains(n), qPrintable(n));
            QVERIFY2(!pane->headerText().contains(n), qPrintable(n));
        }
        // The player has audio (bleeped), and playing it needs no original.
        QVERIFY(pane->player()->engine()->audio());
        QVERIFY(pane->anonymised()->redactionCount() >= 1);
        // Nothing to switch back to, and the note says whom to ask for a review.
        QVERIFY(!pane->anonymisedButton()->isEnabled());
        QVERIFY(pane->anonymisedButton()->toolTip().contains(QLatin1String("only anonymised")));
        QTRY_VERIFY_WITH_TIMEOUT(pane->reviewNote()->isVisible(), 5000);
        QVERIFY2(pane->reviewNote()->text().contains(QLatin1String("ask a supervisor")),
            qPrintable(pane->reviewNote()->text()));
    }

    void theWindowAskedForNothingItWouldBeRefused()
    {
        // The window never asks the core for what the role may not do (each refusal is an audit entry): the only
        // refusal of this session is the reveal the test forced on the model.
        m_demo.close();
        m_window = nullptr;
        auto cache = Cache::open(CacheFolder(m_demo.cache), Test::passphraseMaster(m_demo), false);
        QVERIFY2(cache, qPrintable(cache.errorMessage()));
        auto refused = (*cache)->audit().entries(AuditFilter {0, 0, {}, {}, QStringLiteral("access.refused"), 0});
        QVERIFY(refused);
        QStringList what;
        for (const AuditEntry& e : refused.value()) {
            what << e.subject;
        }
        QCOMPARE(what, QStringList {QStringLiteral("reveal-numbers")});
    }
};

QTEST_MAIN(TestTrainerWindow)
#include "TestTrainerWindow.moc"
