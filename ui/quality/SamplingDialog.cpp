#include "ui/quality/SamplingDialog.h"

#include "cache/CacheWorker.h"
#include "ui/shell/MessageBox.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

namespace Earmark::Gui {

namespace {
QStringList splitList(const QString& text)
{
    QStringList out;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty()) {
            out << part.trimmed();
        }
    }
    return out;
}
} // namespace

SamplingDialog::SamplingDialog(CacheWorker* worker, QWidget* parent)
    : QDialog(parent)
    , m_worker(worker)
    , m_plans(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_period(new QComboBox(this))
    , m_mode(new QComboBox(this))
    , m_perAgent(new QSpinBox(this))
    , m_percent(new QDoubleSpinBox(this))
    , m_minimum(new QSpinBox(this))
    , m_campaigns(new QLineEdit(this))
    , m_dispositions(new QLineEdit(this))
    , m_minDuration(new QSpinBox(this))
    , m_maxDuration(new QSpinBox(this))
    , m_reviewers(new QLineEdit(this))
    , m_day(new QDateEdit(QDate::currentDate().addDays(-7), this)) // the period just ended
    , m_seed(new QLineEdit(this))
    , m_samples(new QTableWidget(0, 7, this))
    , m_margin(new QDoubleSpinBox(this))
    , m_expected(new QDoubleSpinBox(this))
    , m_population(new QSpinBox(this))
    , m_sampleSize(new QLabel(this))
    , m_useSize(new QPushButton(this))
    , m_planMargin(new QLabel(this))
{
    setWindowTitle(tr("Sampling plans"));
    setObjectName(QStringLiteral("samplingDialog"));
    m_period->addItem(tr("Day"), int(SamplePlan::Period::Day));
    m_period->addItem(tr("Week"), int(SamplePlan::Period::Week));
    m_period->addItem(tr("Month"), int(SamplePlan::Period::Month));
    m_period->setCurrentIndex(1);
    m_mode->addItem(tr("A number of calls per tele researcher"));
    m_mode->addItem(tr("A percentage of each researcher's calls"));
    m_perAgent->setRange(1, 1000);
    m_perAgent->setValue(5);
    m_percent->setRange(0.1, 100);
    m_percent->setValue(5);
    m_percent->setSuffix(QStringLiteral(" %"));
    m_minimum->setRange(0, 1000);
    m_minimum->setValue(2);
    m_campaigns->setPlaceholderText(tr("All campaigns (or a comma-separated list)"));
    m_dispositions->setPlaceholderText(tr("All dispositions (or a comma-separated list)"));
    m_minDuration->setRange(0, 36000);
    m_minDuration->setSuffix(tr(" s"));
    m_maxDuration->setRange(0, 36000);
    m_maxDuration->setSuffix(tr(" s"));
    m_maxDuration->setSpecialValueText(tr("no limit"));
    m_reviewers->setPlaceholderText(tr("Sign-in names, comma-separated (empty: whoever draws)"));
    m_day->setCalendarPopup(true);
    m_day->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_seed->setPlaceholderText(tr("random (recorded)"));
    m_samples->setHorizontalHeaderLabels(
        {tr("Plan"), tr("Period"), tr("Seed"), tr("Calls in period"), tr("Sampled"), tr("Drawn by"), tr("When")});
    m_samples->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_samples->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_samples->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_margin->setRange(1, 50);
    m_margin->setValue(10);
    m_margin->setPrefix(QStringLiteral("± "));
    m_margin->setSuffix(tr(" points"));
    m_expected->setRange(1, 99);
    m_expected->setValue(50);
    m_expected->setSuffix(QStringLiteral(" %"));
    m_population->setRange(0, 1000000);
    m_population->setSpecialValueText(tr("many"));

    auto* form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Every:"), m_period);
    form->addRow(tr("Sample:"), m_mode);
    form->addRow(tr("Calls per researcher:"), m_perAgent);
    form->addRow(tr("Percentage:"), m_percent);
    form->addRow(tr("At least:"), m_minimum);
    form->addRow(tr("Campaigns:"), m_campaigns);
    form->addRow(tr("Dispositions:"), m_dispositions);
    form->addRow(tr("Shortest call:"), m_minDuration);
    form->addRow(tr("Longest call:"), m_maxDuration);
    form->addRow(tr("Reviewers:"), m_reviewers);
    auto* saveButton = new QPushButton(tr("&Save plan"), this);
    auto* newButton = new QPushButton(tr("&New plan"), this);
    auto* planButtons = new QHBoxLayout;
    planButtons->addWidget(newButton);
    planButtons->addStretch(1);
    planButtons->addWidget(saveButton);
    form->addRow(planButtons);

    auto* drawBox = new QGroupBox(tr("Draw a sample"), this);
    auto* dl = new QHBoxLayout(drawBox);
    auto* drawButton = new QPushButton(tr("&Draw"), drawBox);
    drawButton->setObjectName(QStringLiteral("drawSample"));
    auto* checkButton = new QPushButton(tr("Draw again to &check"), drawBox);
    checkButton->setToolTip(tr("Draws the selected sample again from its recorded seed and plan, as for an auditor"));
    dl->addWidget(new QLabel(tr("Period containing"), drawBox));
    dl->addWidget(m_day);
    dl->addWidget(new QLabel(tr("seed"), drawBox));
    dl->addWidget(m_seed);
    dl->addWidget(drawButton);
    dl->addWidget(checkButton);

    auto* sizeBox = new QGroupBox(tr("How many calls per researcher?"), this);
    auto* sl = new QFormLayout(sizeBox);
    sl->addRow(tr("Pass rate within:"), m_margin);
    sl->addRow(tr("Expected pass rate:"), m_expected);
    sl->addRow(tr("Researcher's calls in the period:"), m_population);
    sl->addRow(m_sampleSize);
    m_sampleSize->setWordWrap(true);
    m_useSize->setObjectName(QStringLiteral("useSampleSize"));
    m_useSize->setToolTip(tr("Sets the plan to this many calls per researcher (then save the plan)"));
    sl->addRow(m_useSize);
    m_planMargin->setObjectName(QStringLiteral("planMargin"));
    m_planMargin->setWordWrap(true);
    sl->addRow(m_planMargin);

    auto* top = new QHBoxLayout;
    auto* left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("Plans:"), this));
    left->addWidget(m_plans, 1);
    left->addWidget(sizeBox);
    top->addLayout(left, 1);
    top->addLayout(form, 2);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(drawBox);
    layout->addWidget(new QLabel(tr("Samples drawn:"), this));
    layout->addWidget(m_samples, 1);
    layout->addWidget(buttons);
    resize(960, 720);
    // Return in a field saves the plan; no other button is pressed by it.
    for (QPushButton* b : findChildren<QPushButton*>()) {
        b->setAutoDefault(false);
    }
    saveButton->setDefault(true);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(saveButton, &QPushButton::clicked, this, &SamplingDialog::savePlan);
    connect(newButton, &QPushButton::clicked, this, &SamplingDialog::newPlan);
    connect(drawButton, &QPushButton::clicked, this, [this] { draw(m_day->date(), m_seed->text()); });
    connect(checkButton, &QPushButton::clicked, this, [this] { checkSample(m_samples->currentRow()); });
    connect(m_plans, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < m_planRecords.size()) {
            showPlan(m_planRecords[row]);
        }
    });
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this](int mode) {
        m_perAgent->setEnabled(mode == 0);
        m_percent->setEnabled(mode == 1);
        m_minimum->setEnabled(mode == 1);
    });
    m_percent->setEnabled(false);
    m_minimum->setEnabled(false);
    for (QDoubleSpinBox* b : {m_margin, m_expected}) {
        connect(b, &QDoubleSpinBox::valueChanged, this, &SamplingDialog::updateSampleSize);
    }
    connect(m_population, &QSpinBox::valueChanged, this, &SamplingDialog::updateSampleSize);
    connect(m_perAgent, &QSpinBox::valueChanged, this, &SamplingDialog::updateSampleSize);
    connect(m_percent, &QDoubleSpinBox::valueChanged, this, &SamplingDialog::updateSampleSize);
    connect(m_minimum, &QSpinBox::valueChanged, this, &SamplingDialog::updateSampleSize);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &SamplingDialog::updateSampleSize);
    connect(m_period, &QComboBox::currentIndexChanged, this, &SamplingDialog::followName);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &SamplingDialog::followName);
    connect(m_perAgent, &QSpinBox::valueChanged, this, &SamplingDialog::followName);
    connect(m_percent, &QDoubleSpinBox::valueChanged, this, &SamplingDialog::followName);
    connect(m_useSize, &QPushButton::clicked, this, [this] {
        m_mode->setCurrentIndex(0);
        m_perAgent->setValue(
            sampleSizeFor(m_margin->value() / 100.0, m_expected->value() / 100.0, m_population->value()));
        m_perAgent->setFocus();
    });
    updateSampleSize();
    newPlan();
    refresh();
}

void SamplingDialog::report(const QString& message, bool error)
{
    m_lastMessage = message;
    if (error) {
        MessageBox::critical(this, windowTitle(), message);
    } else {
        MessageBox::information(this, windowTitle(), message);
    }
}

void SamplingDialog::updateSampleSize()
{
    const int n = sampleSizeFor(m_margin->value() / 100.0, m_expected->value() / 100.0, m_population->value());
    m_sampleSize->setText(
        tr("<b>%1 calls</b> per researcher estimate the pass rate within ±%2 points, 95% of the time.")
            .arg(n)
            .arg(m_margin->value()));
    m_useSize->setText(tr("Use %n call(s) per researcher in this plan", nullptr, n));
    m_useSize->setEnabled(n > 0 && (m_mode->currentIndex() != 0 || m_perAgent->value() != n));
    // What the plan on the right gives, so the two never disagree unseen.
    const int population = m_population->value();
    int planned = m_perAgent->value();
    if (m_mode->currentIndex() == 1) {
        if (population <= 0) {
            m_planMargin->setText(tr("This plan samples %1% of each researcher's calls: give the researcher's calls "
                                     "in the period to see how close that estimates the pass rate.")
                                      .arg(m_percent->value()));
            return;
        }
        planned = std::max(m_minimum->value(), int(std::ceil(population * m_percent->value() / 100.0)));
    }
    if (population > 0) {
        planned = std::min(planned, population);
    }
    const double margin = marginFor(planned, m_expected->value() / 100.0, population);
    m_planMargin->setText(margin <= 0
            ? tr("This plan: %n call(s) per researcher, every call of the period.", nullptr, planned)
            : tr("This plan: %n call(s) per researcher estimate the pass rate within ±%1 points.", nullptr, planned)
                  .arg(std::round(margin * 1000) / 10));
}

QString SamplingDialog::planMarginText() const
{
    return m_planMargin->text();
}

QString SamplingDialog::sampleSizeText() const
{
    return m_sampleSize->text();
}

void SamplingDialog::setSampleSizeInputs(double marginPoints, double expectedPercent, int population)
{
    m_margin->setValue(marginPoints);
    m_expected->setValue(expectedPercent);
    m_population->setValue(population);
}

void SamplingDialog::refresh()
{
    m_worker->run<SamplingRepository>(
        this, [](SamplingRepository& sampling) { return sampling.overview(); },
        [this](Result<SamplingOverview> lists) {
            if (!lists) {
                // The lists stay as they were: an error is never shown as "no plans".
                report(lists.errorMessage(), true);
                Q_EMIT done();
                return;
            }
            m_planRecords = lists->plans;
            m_sampleRecords = lists->samples;
            if (!m_dayDefaulted && lists->newestCall.isValid()) {
                // The first draw is of the period holding the newest calls, not of a week that may have none.
                m_dayDefaulted = true;
                m_day->setDate(lists->newestCall);
            }
            m_plans->clear();
            for (const SamplingPlanRecord& p : std::as_const(m_planRecords)) {
                m_plans->addItem(p.name);
                if (p.id == m_planId) {
                    m_plans->setCurrentRow(m_plans->count() - 1);
                }
            }
            m_samples->setRowCount(int(m_sampleRecords.size()));
            for (int r = 0; r < m_sampleRecords.size(); ++r) {
                const DrawnSample& s = m_sampleRecords[r];
                const QStringList cells {s.planName, s.period, QString::number(s.seed), QString::number(s.considered),
                    QString::number(s.items), s.drawnBy,
                    QDateTime::fromSecsSinceEpoch(s.drawnUtc).toString(QStringLiteral("yyyy-MM-dd HH:mm"))};
                for (int c = 0; c < cells.size(); ++c) {
                    m_samples->setItem(r, c, new QTableWidgetItem(cells[c]));
                }
            }
            Q_EMIT done();
        });
}

void SamplingDialog::updateDrawButton()
{
    // A sample is drawn from a saved plan: Draw waits for Save.
    if (auto* draw = findChild<QPushButton*>(QStringLiteral("drawSample"))) {
        draw->setEnabled(m_planId > 0);
        draw->setToolTip(m_planId > 0 ? tr("Draws this plan's sample of the period containing the day")
                                      : tr("Save the plan first: a sample is drawn from a saved plan."));
    }
}

void SamplingDialog::newPlan()
{
    m_planId = 0;
    m_plans->clearSelection();
    showPlan(SamplingPlanRecord {0, tr("Weekly, 5 per researcher"), SamplePlan {}, {}, {}, 0});
}

QString SamplingDialog::suggestedName() const
{
    const auto period = SamplePlan::Period(m_period->currentData().toInt());
    const QString every = period == SamplePlan::Period::Day ? tr("Daily")
        : period == SamplePlan::Period::Month               ? tr("Monthly")
                                                            : tr("Weekly");
    return m_mode->currentIndex() == 1 ? tr("%1, %2% of each researcher's calls").arg(every).arg(m_percent->value())
                                       : tr("%1, %2 per researcher").arg(every).arg(m_perAgent->value());
}

void SamplingDialog::followName()
{
    // A name that only says what the plan does follows it ("Weekly, 5 per researcher" becomes "Weekly, 11 per
    // researcher"); one the supervisor wrote stays.
    if (!m_autoName.isEmpty() && m_name->text() == m_autoName) {
        m_autoName = suggestedName();
        m_name->setText(m_autoName);
    }
}

void SamplingDialog::showPlan(const SamplingPlanRecord& p)
{
    m_planId = p.id;
    m_autoName.clear(); // not while the form is filled in
    updateDrawButton();
    m_name->setText(p.name);
    m_period->setCurrentIndex(m_period->findData(int(p.plan.period)));
    m_mode->setCurrentIndex(p.plan.percent ? 1 : 0);
    m_perAgent->setValue(p.plan.perAgent);
    m_percent->setValue(p.plan.percent.value_or(5));
    m_minimum->setValue(p.plan.minimum);
    m_campaigns->setText(p.plan.campaigns.join(QStringLiteral(", ")));
    m_dispositions->setText(p.plan.dispositions.join(QStringLiteral(", ")));
    m_minDuration->setValue(int(p.plan.minDurationS));
    m_maxDuration->setValue(int(p.plan.maxDurationS));
    m_reviewers->setText(p.reviewers.join(QStringLiteral(", ")));
    m_autoName = p.name == suggestedName() ? p.name : QString();
}

SamplePlan SamplingDialog::planFromForm() const
{
    SamplePlan p;
    p.period = SamplePlan::Period(m_period->currentData().toInt());
    p.perAgent = m_perAgent->value();
    if (m_mode->currentIndex() == 1) {
        p.percent = m_percent->value();
        p.minimum = m_minimum->value();
    }
    p.campaigns = splitList(m_campaigns->text());
    p.dispositions = splitList(m_dispositions->text());
    p.minDurationS = m_minDuration->value();
    p.maxDurationS = m_maxDuration->value();
    return p;
}

void SamplingDialog::savePlan()
{
    const QString name = m_name->text();
    const SamplePlan plan = planFromForm();
    const QStringList reviewers = splitList(m_reviewers->text());
    m_worker->run<SamplingRepository>(
        this,
        [name, plan, reviewers](SamplingRepository& sampling) { return sampling.savePlan(name, plan, reviewers); },
        [this](Result<qint64> id) {
            if (!id) {
                report(id.errorMessage(), true);
                Q_EMIT done();
                return;
            }
            m_planId = id.value();
            updateDrawButton();
            m_lastMessage = tr("Plan saved.");
            Q_EMIT changed();
            refresh();
        });
}

void SamplingDialog::draw(const QDate& day, const QString& seed)
{
    if (m_planId == 0) {
        report(tr("Save the plan first: a sample is drawn from a saved plan."), true);
        Q_EMIT done();
        return;
    }
    std::optional<quint64> fixedSeed;
    if (!seed.trimmed().isEmpty()) {
        bool ok = false;
        fixedSeed = seed.trimmed().toULongLong(&ok);
        if (!ok || *fixedSeed > quint64(std::numeric_limits<qint64>::max())) {
            report(tr("The seed must be a whole number from 0 to %1, or empty for a random one.")
                       .arg(std::numeric_limits<qint64>::max()),
                true);
            Q_EMIT done();
            return;
        }
    }
    const qint64 planId = m_planId;
    m_worker->run<SamplingRepository>(
        this, [planId, day, fixedSeed](SamplingRepository& sampling) { return sampling.draw(planId, day, fixedSeed); },
        [this](Result<DrawnSample> drawn) {
            if (!drawn) {
                report(drawn.errorMessage(), true);
                Q_EMIT done();
                return;
            }
            // A plan that asks for more than the period holds takes every call: said, so that nobody reads a
            // full sample as the plan working as meant.
            const QString everyCall = drawn->items > 0 && drawn->items == drawn->considered ? QLatin1Char(' ')
                    + tr("Every call of the period is in the sample: the researchers had no more calls than the plan "
                         "asks for.")
                                                                                            : QString();
            report(tr("%1: %2 of %3 calls sampled for %4 (seed %5). They are in the reviewers' queues; their audio is "
                      "fetched ahead.")
                        .arg(drawn->planName)
                        .arg(drawn->items)
                        .arg(drawn->considered)
                        .arg(drawn->period)
                        .arg(drawn->seed)
                    + everyCall,
                false);
            Q_EMIT changed();
            refresh();
        });
}

void SamplingDialog::checkSample(int row)
{
    if (row < 0 || row >= m_sampleRecords.size()) {
        report(tr("Select a sample in the list to draw it again."), true);
        Q_EMIT done();
        return;
    }
    const qint64 id = m_sampleRecords[row].id;
    m_worker->run<SamplingRepository>(
        this, [id](SamplingRepository& sampling) { return sampling.checkSample(id); },
        [this](Result<SampleCheck> check) {
            if (!check) {
                report(check.errorMessage(), true);
                Q_EMIT done();
                return;
            }
            const SampleCheck& c = check.value();
            if (c.reproducible()) {
                report(tr("Drawn again from its seed: the same %n call(s). The sample is reproducible.", nullptr,
                           int(c.recorded.size())),
                    false);
            } else {
                const QSet<QString> a(c.recorded.begin(), c.recorded.end());
                const QSet<QString> b(c.redrawn.begin(), c.redrawn.end());
                QSet<QString> differ = a - b;
                differ.unite(b - a);
                QStringList list = differ.values();
                list.sort();
                report(tr("Drawn again, %1 call(s) differ (calls destroyed or imported since the draw change the "
                          "candidates): %2")
                           .arg(list.size())
                           .arg(list.join(QStringLiteral(", "))),
                    true);
            }
            Q_EMIT done();
        });
}

} // namespace Earmark::Gui
