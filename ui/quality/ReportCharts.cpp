#include "ui/quality/ReportCharts.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QValueAxis>

namespace Earmark::Gui {

namespace {
// 0 to 100 in steps of 20, with room above 100 so that a perfect score is a point on the chart, not on its edge.
QValueAxis* percentAxis(const QString& title)
{
    auto* axis = new QValueAxis;
    axis->setRange(0, 108);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(20);
    axis->setTitleText(title);
    axis->setLabelFormat(QStringLiteral("%d"));
    return axis;
}
} // namespace

ReportCharts::ReportCharts(QWidget* parent)
    : QWidget(parent)
    , m_groups(new QChartView(this))
    , m_trend(new QChartView(this))
{
    for (QChartView* v : {m_groups, m_trend}) {
        v->setRenderHint(QPainter::Antialiasing);
        v->setMinimumHeight(240);
    }
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_groups, 1);
    layout->addWidget(m_trend, 1);
}

void ReportCharts::setData(const QList<ReportRow>& groups, const QString& groupTitle, const QList<ReportRow>& trend)
{
    // Average score and pass rate per group; long lists show the first 30 (the table has them all).
    auto* chart = new QChart;
    chart->setTitle(tr("Average score and pass rate by %1").arg(groupTitle));
    auto* average = new QBarSet(tr("Average score"));
    auto* pass = new QBarSet(tr("Pass rate %"));
    QStringList categories;
    for (const ReportRow& r : groups.mid(0, 30)) {
        *average << r.averageScore.value_or(0);
        *pass << r.passRate * 100;
        categories << (r.key.isEmpty() ? tr("(none)") : r.key);
    }
    m_bars = int(categories.size());
    auto* series = new QBarSeries;
    series->append(average);
    series->append(pass);
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    auto* y = percentAxis(tr("%"));
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    chart->legend()->setAlignment(Qt::AlignBottom);
    QChart* old = m_groups->chart();
    m_groups->setChart(chart);
    delete old;

    auto* trendChart = new QChart;
    // One period is a point, not yet a trend: the title says so, and the points carry their values.
    trendChart->setTitle(trend.size() == 1 ? tr("Trend: one period so far (%1)").arg(trend.first().key) : tr("Trend"));
    auto* avgLine = new QLineSeries;
    avgLine->setName(tr("Average score"));
    auto* passLine = new QLineSeries;
    passLine->setName(tr("Pass rate %"));
    QStringList periods;
    for (int i = 0; i < trend.size(); ++i) {
        avgLine->append(i, trend[i].averageScore.value_or(0));
        passLine->append(i, trend[i].passRate * 100);
        periods << trend[i].key;
    }
    m_points = int(trend.size());
    trendChart->addSeries(avgLine);
    trendChart->addSeries(passLine);
    auto* tx = new QBarCategoryAxis; // the periods as labels; line points sit on their indices
    tx->append(periods);
    trendChart->addAxis(tx, Qt::AlignBottom);
    auto* ty = percentAxis(tr("%"));
    trendChart->addAxis(ty, Qt::AlignLeft);
    for (QLineSeries* s : {avgLine, passLine}) {
        s->attachAxis(tx);
        s->attachAxis(ty);
        s->setPointsVisible(true);
        s->setPointLabelsVisible(trend.size() <= 12);
        s->setPointLabelsFormat(QStringLiteral("@yPoint"));
        s->setPointLabelsClipping(false);
    }
    trendChart->legend()->setAlignment(Qt::AlignBottom);
    old = m_trend->chart();
    m_trend->setChart(trendChart);
    delete old;
}

} // namespace Earmark::Gui
