#pragma once

#include "quality/Reports.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QLabel;
class QTableWidget;

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

class ReportCharts;

// Quality reports: per tele researcher, campaign, week or month, the average score, pass rate and auto-fails,
// the trend over time and the questions most often failed, as charts and tables; exported as CSV, or as the PDF
// summary a manager hands to a tele researcher.
class ReportsWindow : public QDialog
{
    Q_OBJECT

public:
    ReportsWindow(CacheWorker* worker, QWidget* parent = nullptr);

    void refresh();
    void setRange(const QDate& from, const QDate& to);
    void setAgent(const QString& agentId);
    void setGrouping(ReportGrouping grouping);
    ReportFilter filter() const;
    ReportGrouping grouping() const;
    // The report shown (empty after a failed refresh).
    const ReportOverview& data() const { return m_data; }

    enum class CsvKind
    {
        Summary,
        Questions,
        Evaluations
    };
    // exported follows, with the error when the report could not be read (nothing is written then).
    void exportCsv(CsvKind kind, const QString& path);
    void exportAgentPdf(const QString& path);

    QTableWidget* summaryTable() const { return m_summary; }
    QTableWidget* questionTable() const { return m_questions; }
    ReportCharts* charts() const { return m_charts; }

Q_SIGNALS:
    void refreshed();
    void exported(const QString& path, const QString& error);

private:
    void showData(const Result<ReportOverview>& data);

    CacheWorker* m_worker;
    ReportOverview m_data;
    QString m_readError; // why the last refresh could not read the report
    QDateEdit* m_from;
    QDateEdit* m_to;
    QComboBox* m_agent;
    QComboBox* m_campaign;
    QComboBox* m_grouping;
    ReportCharts* m_charts;
    QTableWidget* m_summary;
    QTableWidget* m_questions;
    QLabel* m_status;
};

} // namespace Earmark::Gui
