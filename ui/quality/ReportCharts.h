#pragma once

#include "quality/Reports.h"

#include <QWidget>

class QChartView;

namespace Earmark::Gui {

// The reports' two charts: average score and pass rate per group (bars), and the trend over time (lines).
class ReportCharts : public QWidget
{
    Q_OBJECT

public:
    explicit ReportCharts(QWidget* parent = nullptr);

    void setData(const QList<ReportRow>& groups, const QString& groupTitle, const QList<ReportRow>& trend);
    int barCount() const { return m_bars; }
    int trendPoints() const { return m_points; }
    QChartView* trendView() const { return m_trend; }

private:
    QChartView* m_groups;
    QChartView* m_trend;
    int m_bars = 0;
    int m_points = 0;
};

} // namespace Earmark::Gui
