#include "AnonymisedView.h"
#include "CallDetailPane.h"
#include "MainWindow.h"
#include "PlayerWidget.h"
#include "TestSupport.h"
#include "UnlockFlow.h"
#include "anonymise/AudioRedaction.h"
#include "browse/CacheService.h"
#include "demo/DemoScript.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Earmark;
using namespace Earmark::Gui;

// The anonymised view of a demo call in the real window: placeholders instead of the respondent's data in the
// transcript, bleeps in the audio the player plays, exports as text, JSON and PDF with nothing personal in them.
class TestAnonymisedView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QString m_cache;
    QString m_pass;
    std::unique_ptr<CacheService> m_service;
    std::unique_ptr<MainWindow> m_window;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString store = m_root.filePath(QStringLiteral("store"));
        m_cache = m_root.filePath(QStringLiteral("cache"));
        m_pass = m_root.filePath(QStringLiteral("pass"));
        Test::writeFile(m_pass, "otter velvet cinnamon harbour 31\n");
        auto r = Test::runCli({QStringLiteral("demo-store"), QStringLiteral("--out"), store, QStringLiteral("--calls"),
            QStringLiteral("12")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = Test::runCli({QStringLiteral("--cache"), m_cache, QStringLiteral("--passphrase-file"), m_pass,
            QStringLiteral("sync"), QStringLiteral("--store"), store});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QSettings().clear();
        m_service = std::make_unique<CacheService>();
        m_window = std::make_unique<MainWindow>(m_service.get(), m_cache);
        m_window->resize(1400, 900);
        m_window->show();
        auto* flow = new UnlockFlow(m_cache, m_pass, m_service.get(), m_window.get());
        QSignalSpy unlocked(flow, &UnlockFlow::unlocked);
        connect(flow, &UnlockFlow::unlocked, m_window.get(), &MainWindow::cacheReady);
        flow->start();
        QVERIFY(unlocked.wait(20000));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_service.reset();
    }

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

        // The player has the bleeped audio: the first redacted span is the tone, on every channel.
        const QJsonObject first
            = pane->anonymised()->transcript().value(QStringLiteral("redactions")).toArray().first().toObject();
        const auto played = pane->player()->engine()->audio();
        QVERIFY(played);
        const qint64 from = qint64(std::floor(first.value(QStringLiteral("start_s")).toDouble() * played->sampleRate));
        for (qint64 k = 5; k < 50; ++k) {
            for (int c = 0; c < played->channels; ++c) {
                QCOMPARE(
                    played->samples[(from + k) * played->channels + c], Anonymise::toneSample(k, played->sampleRate));
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

        // Back to the call as it is.
        QSignalSpy back(pane, &CallDetailPane::loaded);
        pane->anonymisedButton()->click();
        QVERIFY(back.wait(20000));
        QVERIFY(pane->transcriptText().contains(lastName));
    }
};

QTEST_MAIN(TestAnonymisedView)
#include "TestAnonymisedView.moc"
