#pragma once

#include "core/Result.h"
#include "quality/Evaluation.h"

#include <QList>
#include <QString>
#include <optional>

namespace Earmark {

class Cache;

// Which submitted evaluations a report covers (drafts never count). Times are the calls' start times.
struct ReportFilter
{
    qint64 fromUtc = 0; // inclusive, 0 = open
    qint64 toUtc = 0; // exclusive, 0 = open
    QString agentId;
    QString campaign;
    QString scorecardId;
};

enum class ReportGrouping
{
    Agent,
    Campaign,
    Week, // ISO weeks, e.g. 2026-W47
    Month,
    Day, // calendar days (UTC), e.g. 2026-11-20: the trend of a short period
};

struct ReportRow
{
    QString key; // agent id, campaign, "2026-W47" or "2026-11"
    int evaluations = 0;
    std::optional<double> averageScore; // over evaluations that have a score
    double passRate = 0; // 0-1
    int autoFails = 0; // failed by a fail_form question
};

// A question counts as failed when its answer's fraction is below one half (a "no", the lower half of a scale, a
// choice worth less than half the best option's points). Questions of weight 0 (they only steer the form) never count.
struct QuestionFailure
{
    QString scorecardId;
    QString questionId;
    QString text;
    int answered = 0;
    int failed = 0;
    double rate() const { return answered ? double(failed) / answered : 0; }
};

// What the reports window shows for a filter: the summary by a grouping, the trend over time, the questions most
// often failed, one researcher's evaluations (when the filter names one: for their PDF summary) and the researchers
// and campaigns there are to filter by.
struct ReportOverview
{
    QList<ReportRow> summary;
    QList<ReportRow> trend;
    QList<QuestionFailure> questions;
    QList<EvaluationSummary> evaluations;
    QStringList agents;
    QHash<QString, QString> agentNames; // agent id -> the researcher's name, for those the sidecars name
    QStringList campaigns;
    // "Priya Shah (TR101)", or the id alone when no name is known: how the window names a researcher.
    QString agentLabel(const QString& agentId) const;
};

// Aggregates over evaluations, computed by the database (indexed by agent and call start).
class Reports
{
public:
    explicit Reports(Cache& cache);

    Result<QList<ReportRow>> summary(const ReportFilter& filter, ReportGrouping grouping);
    Result<QList<QuestionFailure>> questionFailures(const ReportFilter& filter);
    // The submitted evaluations, by call start (one row each of the CSV export).
    Result<QList<EvaluationSummary>> evaluations(const ReportFilter& filter, int limit = -1);
    Result<QStringList> agents();
    // The names of the researchers with evaluations (agent id -> name; those without a name are left out).
    Result<QHash<QString, QString>> agentNames();
    Result<QStringList> campaigns();
    // Every part of the overview or the first error: a part that cannot be read is never shown empty. A single
    // researcher's evaluations are limited to evaluationLimit.
    Result<ReportOverview> overview(
        const ReportFilter& filter, ReportGrouping grouping, ReportGrouping trend, int evaluationLimit);

    static QString summaryCsv(const QList<ReportRow>& rows, ReportGrouping grouping);
    static QString questionsCsv(const QList<QuestionFailure>& rows);
    static QString evaluationsCsv(const QList<EvaluationSummary>& rows);

private:
    Result<QStringList> texts(const QString& sql); // the first column of every row

    Cache& m_cache;
};

} // namespace Earmark
