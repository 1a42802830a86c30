#include "browse/CallListModel.h"
#include "cache/Cache.h"
#include "cache/CacheWorker.h"
#include "core/Phone.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Earmark;

namespace {
constexpr int Calls = 1000;
const qint64 Base = 1767225600; // 2026-01-01T00:00:00Z

// Call i: agent TR(i%5), campaign C(i%3), duration 30+i s, transcript on even calls, notice on calls not divisible
// by 7, one call a day backwards from Base + Calls days... i.e. call i starts at Base + i hours.
CallRecord call(int i)
{
    CallRecord c;
    c.callId = QStringLiteral("C-%1").arg(i, 5, 10, QLatin1Char('0'));
    c.storeKey = QStringLiteral("v1/x/") + c.callId + QStringLiteral(".json");
    c.startUtc = Base + qint64(i) * 3600;
    c.durationS = 30 + i;
    c.direction = QStringLiteral("outbound");
    c.agentId = QStringLiteral("TR%1").arg(i % 5);
    c.agentName = QStringLiteral("Agent %1").arg(i % 5);
    c.campaign = QStringLiteral("C%1").arg(i % 3);
    c.client = QStringLiteral("Client");
    c.disposition = i % 10 == 0 ? QStringLiteral("complaint") : QStringLiteral("complete");
    c.consentRecorded = i % 7 != 0;
    c.personal.phoneE164 = i % 50 == 0 ? QString() : QStringLiteral("+447700%1").arg(900000 + i);
    c.sidecarSha256 = QByteArray(32, 'x');
    c.audioFile = c.callId + QStringLiteral(".wav");
    c.audioSha256 = QString(64, QLatin1Char('a'));
    c.audioSize = 1;
    return c;
}
} // namespace

class TestCallListModel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SecretKey m_key = SecretKey::random();
    std::unique_ptr<CacheWorker> m_worker;
    std::unique_ptr<CallListModel> m_model;

    bool waitForCount()
    {
        QSignalSpy spy(m_model.get(), &CallListModel::countChanged);
        return spy.wait(10000);
    }

    // Loads the page holding row and returns its display text in column.
    QString text(int row, CallColumn column)
    {
        const QModelIndex idx = m_model->index(row, static_cast<int>(column));
        if (!m_model->rowAt(row)) {
            QSignalSpy spy(m_model.get(), &CallListModel::pageLoaded);
            if (!spy.wait(10000)) {
                return QStringLiteral("<timeout>");
            }
        }
        return idx.data().toString();
    }

    void applyFilter(const CallFilter& f)
    {
        QSignalSpy spy(m_model.get(), &CallListModel::countChanged);
        m_model->setFilter(f);
        QVERIFY(spy.wait(10000));
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto cache = Cache::open(CacheFolder(m_dir.path()), m_key, true);
        QVERIFY(cache.ok());
        Transaction tx(cache.value()->database());
        QVERIFY(tx.begin().ok());
        for (int i = 0; i < Calls; ++i) {
            std::optional<TranscriptData> t;
            if (i % 2 == 0) {
                t = TranscriptData {QByteArrayLiteral("{}"), QStringLiteral("x"), 1, 1};
            }
            QVERIFY(cache.value()->calls().save(call(i), t).ok());
        }
        QVERIFY(tx.commit().ok());
    }

    void init()
    {
        m_worker = std::make_unique<CacheWorker>();
        QString error = QStringLiteral("not called");
        QSignalSpy opened(m_worker.get(), &QObject::objectNameChanged);
        m_worker->open(m_dir.path(), m_key.clone(), false, m_worker.get(), [&](const QString& e) {
            error = e;
            m_worker->setObjectName(QStringLiteral("opened"));
        });
        QVERIFY(opened.wait(10000));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_model = std::make_unique<CallListModel>(m_worker.get());
        new QAbstractItemModelTester(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_model.get());
    }

    void cleanup()
    {
        m_model.reset();
        m_worker.reset();
    }

    void countsAndPagesNewestFirst()
    {
        m_model->refresh();
        QVERIFY(waitForCount());
        QCOMPARE(m_model->rowCount(), Calls);
        QCOMPARE(m_model->columnCount(), static_cast<int>(CallColumn::Count));
        // Not loaded yet: a placeholder, then the page arrives.
        QCOMPARE(m_model->index(0, 0).data().toString(), QStringLiteral("…"));
        QCOMPARE(text(0, CallColumn::Duration), QStringLiteral("17:09")); // call 999: 1029 s
        QCOMPARE(m_model->index(0, 0).data(CallListModel::CallIdRole).toString(), QStringLiteral("C-00999"));
        QCOMPARE(text(900, CallColumn::Agent), QStringLiteral("Agent 4")); // call 99
        QCOMPARE(m_model->index(900, 0).data(CallListModel::CallIdRole).toString(), QStringLiteral("C-00099"));
        QCOMPARE(text(999, CallColumn::Transcript), QStringLiteral("Transcript")); // call 0
    }

    void phonesAreMaskedUntilRevealed()
    {
        m_model->refresh();
        QVERIFY(waitForCount());
        const QString masked = text(0, CallColumn::Phone); // call 999
        QVERIFY2(masked.endsWith(QLatin1String("999")) && !masked.contains(QLatin1String("7700")), qPrintable(masked));
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->setPhonesRevealed(true);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(
            m_model->index(0, static_cast<int>(CallColumn::Phone)).data().toString(), QStringLiteral("+447700900999"));
        QCOMPARE(text(999 - 950, CallColumn::Phone), QStringLiteral("withheld")); // call 950
    }

    void filtersCountWhatTheyMatch()
    {
        CallFilter f;
        f.agentId = QStringLiteral("TR3");
        applyFilter(f);
        QCOMPARE(m_model->rowCount(), Calls / 5);
        f = CallFilter {};
        f.campaign = QStringLiteral("C1");
        f.hasTranscript = true;
        applyFilter(f);
        int expected = 0;
        for (int i = 0; i < Calls; ++i) {
            expected += (i % 3 == 1 && i % 2 == 0) ? 1 : 0;
        }
        QCOMPARE(m_model->rowCount(), expected);
        f = CallFilter {};
        f.minDurationS = 100;
        f.maxDurationS = 199;
        applyFilter(f);
        QCOMPARE(m_model->rowCount(), 100);
        f = CallFilter {};
        f.noticeFlag = false;
        applyFilter(f);
        QCOMPARE(m_model->rowCount(), (Calls + 6) / 7);
        f = CallFilter {};
        f.disposition = QStringLiteral("complaint");
        applyFilter(f);
        QCOMPARE(m_model->rowCount(), Calls / 10);
        f = CallFilter {};
        f.from = QDate(2026, 1, 2);
        f.to = QDate(2026, 1, 3);
        applyFilter(f);
        QCOMPARE(m_model->rowCount(), 48);
    }

    void quickSearchByPhoneTypedAnyWay()
    {
        for (const QString& typed :
            {QStringLiteral("07700 900123"), QStringLiteral("+44 7700 900 123"), QStringLiteral("0044 7700900123")}) {
            CallFilter f;
            f.phoneE164 = Phone::normalise(typed).value();
            applyFilter(f);
            QCOMPARE(m_model->rowCount(), 1);
            QCOMPARE(text(0, CallColumn::Duration), QStringLiteral("2:33")); // call 123
        }
    }

    void sortingRunsInTheDatabase()
    {
        m_model->refresh();
        QVERIFY(waitForCount());
        QSignalSpy counted(m_model.get(), &CallListModel::countChanged);
        m_model->sort(static_cast<int>(CallColumn::Duration), Qt::AscendingOrder);
        QVERIFY(counted.wait(10000));
        QCOMPARE(text(0, CallColumn::Duration), QStringLiteral("0:30"));
        double previous = -1;
        for (int row = 0; row < 600; row += 37) {
            text(row, CallColumn::Duration);
            const double d = m_model->index(row, static_cast<int>(CallColumn::Duration))
                                 .data(CallListModel::SortValueRole)
                                 .toDouble();
            QVERIFY(d > previous);
            previous = d;
        }
        m_model->sort(static_cast<int>(CallColumn::Agent), Qt::DescendingOrder);
        QVERIFY(counted.wait(10000));
        QCOMPARE(text(0, CallColumn::Agent), QStringLiteral("Agent 4"));
        QCOMPARE(text(Calls - 1, CallColumn::Agent), QStringLiteral("Agent 0"));
        // Personal columns are not sortable.
        const CallFilter before = m_model->filter();
        m_model->sort(static_cast<int>(CallColumn::Phone), Qt::AscendingOrder);
        QVERIFY(m_model->filter() == before);
    }

    void theLatestFilterWins()
    {
        CallFilter a;
        a.agentId = QStringLiteral("TR1");
        CallFilter b;
        b.campaign = QStringLiteral("C2");
        b.agentId = QStringLiteral("TR2");
        QSignalSpy spy(m_model.get(), &CallListModel::countChanged);
        m_model->setFilter(a);
        m_model->setFilter(b);
        QVERIFY(spy.wait(10000));
        QTest::qWait(100);
        int expected = 0;
        for (int i = 0; i < Calls; ++i) {
            expected += (i % 3 == 2 && i % 5 == 2) ? 1 : 0;
        }
        QCOMPARE(m_model->rowCount(), expected);
        QCOMPARE(spy.size(), 1);
    }

    void aWrongKeyIsReportedNotCrashed()
    {
        CacheWorker worker;
        QString error;
        QSignalSpy done(&worker, &QObject::objectNameChanged);
        worker.open(m_dir.path(), SecretKey::random(), false, &worker, [&](const QString& e) {
            error = e;
            worker.setObjectName(QStringLiteral("done"));
        });
        QVERIFY(done.wait(10000));
        QVERIFY2(error.contains(QLatin1String("cannot be decrypted")), qPrintable(error));
        QVERIFY(!worker.isOpen());
    }
};

QTEST_GUILESS_MAIN(TestCallListModel)
#include "TestCallListModel.moc"
