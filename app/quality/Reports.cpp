#include "quality/Reports.h"

#include "cache/Cache.h"
#include "cache/Statement.h"
#include "quality/EvaluationRepository.h"
#include "quality/ScorecardLibrary.h"

#include <QDate>
#include <QDateTime>
#include <QTimeZone>

namespace Earmark {

namespace {
// The WHERE clause of a filter over evaluations aliased e, and its bindings in order.
QString whereOf(const ReportFilter& f, QVariantList* binds)
{
    QStringList parts {QStringLiteral("e.state <> 'draft'")};
    if (f.fromUtc > 0) {
        parts << QStringLiteral("e.call_start_utc >= ?");
        *binds << f.fromUtc;
    }
    if (f.toUtc > 0) {
        parts << QStringLiteral("e.call_start_utc < ?");
        *binds << f.toUtc;
    }
    if (!f.agentId.isEmpty()) {
        parts << QStringLiteral("e.agent_id = ?");
        *binds << f.agentId;
    }
    if (!f.campaign.isEmpty()) {
        parts << QStringLiteral("e.campaign = ?");
        *binds << f.campaign;
    }
    if (!f.scorecardId.isEmpty()) {
        parts << QStringLiteral("e.scorecard_id = ?");
        *binds << f.scorecardId;
    }
    return parts.join(QStringLiteral(" AND "));
}

void bindAll(Statement& s, const QVariantList& binds)
{
    for (int i = 0; i < binds.size(); ++i) {
        s.bindVariant(i + 1, binds[i]);
    }
}

// Monday-based week number since 1970-01-05 (the epoch was a Thursday: +3 days puts Monday at the start).
const QString kWeekKey = QStringLiteral("((e.call_start_utc / 86400) + 3) / 7");

QString weekLabel(qint64 weekNumber)
{
    const QDate monday = QDate(1970, 1, 5).addDays(7 * (weekNumber - 1));
    int year = 0;
    const int week = monday.weekNumber(&year);
    return QStringLiteral("%1-W%2").arg(year).arg(week, 2, 10, QLatin1Char('0'));
}

QString csvField(const QString& v)
{
    // Quoted when needed; a leading =, +, - or @ is defused so that a spreadsheet never runs it as a formula.
    QString out = v;
    if (!out.isEmpty() && QStringLiteral("=+-@").contains(out.front())) {
        bool number = false;
        out.toDouble(&number);
        if (!number) {
            out.prepend(QLatin1Char('\''));
        }
    }
    if (out.contains(QLatin1Char(',')) || out.contains(QLatin1Char('"')) || out.contains(QLatin1Char('\n'))) {
        out.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        out = QLatin1Char('"') + out + QLatin1Char('"');
    }
    return out;
}

QString csvLine(const QStringList& fields)
{
    QStringList out;
    for (const QString& f : fields) {
        out << csvField(f);
    }
    return out.join(QLatin1Char(',')) + QStringLiteral("\r\n");
}

QString scoreText(const std::optional<double>& v)
{
    return v ? QString::number(*v, 'f', 1) : QString();
}

QString isoUtc(qint64 secs)
{
    return secs ? QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc()).toString(Qt::ISODate) : QString();
}
} // namespace

Reports::Reports(Cache& cache)
    : m_cache(cache)
{ }

Result<QList<ReportRow>> Reports::summary(const ReportFilter& filter, ReportGrouping grouping)
{
    if (auto st = m_cache.roles().require(Permission::Reports); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    QString key;
    switch (grouping) {
    case ReportGrouping::Agent:
        key = QStringLiteral("e.agent_id");
        break;
    case ReportGrouping::Campaign:
        key = QStringLiteral("COALESCE(e.campaign, '')");
        break;
    case ReportGrouping::Week:
        key = kWeekKey;
        break;
    case ReportGrouping::Month:
        key = QStringLiteral("strftime('%Y-%m', e.call_start_utc, 'unixepoch')");
        break;
    case ReportGrouping::Day:
        key = QStringLiteral("strftime('%Y-%m-%d', e.call_start_utc, 'unixepoch')");
        break;
    }
    QVariantList binds;
    const QString where = whereOf(filter, &binds);
    auto s = m_cache.database().prepare(QStringLiteral("SELECT %1 AS k, COUNT(*), AVG(e.score), "
                                                       "AVG(CASE WHEN e.passed THEN 1.0 ELSE 0.0 END), "
                                                       "SUM(e.auto_fail IS NOT NULL) FROM evaluations e WHERE %2 "
                                                       "GROUP BY k ORDER BY k")
                                            .arg(key, where));
    if (!s) {
        return s.error();
    }
    bindAll(s.value(), binds);
    QList<ReportRow> out;
    if (auto st = s->forEachRow([&] {
            ReportRow r;
            r.key = grouping == ReportGrouping::Week ? weekLabel(s->int64(0)) : s->text(0);
            r.evaluations = int(s->int64(1));
            if (!s->isNull(2)) {
                r.averageScore = s->real(2);
            }
            r.passRate = s->real(3);
            r.autoFails = int(s->int64(4));
            out.append(r);
        });
        !st) {
        return st.error();
    }
    return out;
}

Result<QList<QuestionFailure>> Reports::questionFailures(const ReportFilter& filter)
{
    if (auto st = m_cache.roles().require(Permission::Reports); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    QVariantList binds;
    const QString where = whereOf(filter, &binds);
    // Counted here rather than with GROUP BY: SQLite would sort every answer row (a million at 100,000
    // evaluations) in a temporary B-tree, several times slower than this single pass over the join.
    auto s = m_cache.database().prepare(
        QStringLiteral("SELECT e.scorecard_id, a.question_id, a.fraction, e.scorecard_version FROM evaluations e JOIN "
                       "evaluation_answers a ON a.evaluation = e.id WHERE %1 AND a.fraction IS NOT NULL")
            .arg(where));
    if (!s) {
        return s.error();
    }
    bindAll(s.value(), binds);
    struct Counter
    {
        QByteArray scorecard;
        QByteArray question;
        int answered = 0;
        int failed = 0;
        int version = 0;
    };
    std::vector<Counter> counters; // a few dozen questions: a linear search from the last hit is fastest
    std::size_t next = 0;
    if (auto st = s->forEachRow([&] {
            const QByteArrayView scorecard = s->textView(0);
            const QByteArrayView question = s->textView(1);
            std::size_t found = counters.size();
            for (std::size_t i = 0; i < counters.size(); ++i) {
                const std::size_t k = (next + i) % counters.size();
                if (counters[k].question == question && counters[k].scorecard == scorecard) {
                    found = k;
                    break;
                }
            }
            if (found == counters.size()) {
                counters.push_back({scorecard.toByteArray(), question.toByteArray()});
            }
            Counter& c = counters[found];
            c.answered += 1;
            c.failed += s->real(2) < 0.5 ? 1 : 0;
            c.version = std::max(c.version, int(s->int64(3)));
            next = (found + 1) % counters.size(); // the next row is usually the next question
        });
        !st) {
        return st.error();
    }
    QList<QuestionFailure> out;
    QList<int> versions;
    for (const Counter& c : counters) {
        out.append({QString::fromUtf8(c.scorecard), QString::fromUtf8(c.question), {}, c.answered, c.failed});
        versions.append(c.version);
    }
    // The question's wording, from the newest version used.
    ScorecardLibrary library(m_cache);
    QHash<QString, Scorecard::Template> templates;
    for (int i = 0; i < out.size(); ++i) {
        const QString key = out[i].scorecardId + QLatin1Char('@') + QString::number(versions[i]);
        if (!templates.contains(key)) {
            auto t = library.load(out[i].scorecardId, versions[i]);
            templates.insert(key, t ? t.value() : Scorecard::Template {});
        }
        const Scorecard::Question* q = templates[key].question(out[i].questionId);
        out[i].text = q ? q->text : out[i].questionId;
    }
    std::stable_sort(out.begin(), out.end(), [](const QuestionFailure& a, const QuestionFailure& b) {
        return a.rate() != b.rate() ? a.rate() > b.rate() : a.questionId < b.questionId;
    });
    return out;
}

Result<QList<EvaluationSummary>> Reports::evaluations(const ReportFilter& filter, int limit)
{
    if (auto st = m_cache.roles().require(Permission::Reports); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    QVariantList binds;
    const QString where = whereOf(filter, &binds);
    auto s = m_cache.database().prepare(
        QStringLiteral("SELECT %1 FROM evaluations e WHERE %2 ORDER BY e.call_start_utc, e.id LIMIT %3")
            .arg(EvaluationRepository::summaryColumns(), where)
            .arg(limit));
    if (!s) {
        return s.error();
    }
    bindAll(s.value(), binds);
    QList<EvaluationSummary> out;
    if (auto st = s->forEachRow([&] { out.append(EvaluationRepository::readSummary(s.value())); }); !st) {
        return st.error();
    }
    return out;
}

Result<QStringList> Reports::texts(const QString& sql)
{
    auto s = m_cache.database().prepare(sql);
    if (!s) {
        return s.error();
    }
    QStringList out;
    if (auto st = s->forEachRow([&] { out << s->text(0); }); !st) {
        return st.error();
    }
    return out;
}

Result<QStringList> Reports::agents()
{
    return texts(QStringLiteral("SELECT DISTINCT agent_id FROM evaluations ORDER BY agent_id"));
}

Result<QHash<QString, QString>> Reports::agentNames()
{
    auto s = m_cache.database().prepare(QStringLiteral(
        "SELECT agent_id, name FROM agents WHERE name IS NOT NULL AND name <> '' AND agent_id IN (SELECT DISTINCT "
        "agent_id FROM evaluations)"));
    if (!s) {
        return s.error();
    }
    QHash<QString, QString> out;
    if (auto st = s->forEachRow([&] { out.insert(s->text(0), s->text(1)); }); !st) {
        return st.error();
    }
    return out;
}

QString ReportOverview::agentLabel(const QString& agentId) const
{
    const QString name = agentNames.value(agentId);
    return name.isEmpty() ? agentId : QStringLiteral("%1 (%2)").arg(name, agentId);
}

Result<QStringList> Reports::campaigns()
{
    return texts(QStringLiteral(
        "SELECT DISTINCT campaign FROM evaluations WHERE campaign IS NOT NULL AND campaign <> '' ORDER BY campaign"));
}

Result<ReportOverview> Reports::overview(
    const ReportFilter& filter, ReportGrouping grouping, ReportGrouping trend, int evaluationLimit)
{
    if (auto st = m_cache.roles().require(Permission::Reports); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto rows = summary(filter, grouping);
    if (!rows) {
        return rows.error();
    }
    auto trendRows = summary(filter, trend);
    if (!trendRows) {
        return trendRows.error();
    }
    auto questions = questionFailures(filter);
    if (!questions) {
        return questions.error();
    }
    Result<QList<EvaluationSummary>> evaluated = QList<EvaluationSummary>();
    if (!filter.agentId.isEmpty()) {
        evaluated = evaluations(filter, evaluationLimit);
    }
    if (!evaluated) {
        return evaluated.error();
    }
    auto agentIds = agents();
    if (!agentIds) {
        return agentIds.error();
    }
    auto campaignNames = campaigns();
    if (!campaignNames) {
        return campaignNames.error();
    }
    auto names = agentNames();
    if (!names) {
        return names.error();
    }
    return ReportOverview {rows.value(), trendRows.value(), questions.value(), evaluated.value(), agentIds.value(),
        names.value(), campaignNames.value()};
}

QString Reports::summaryCsv(const QList<ReportRow>& rows, ReportGrouping grouping)
{
    static const char* const keys[] = {"agent", "campaign", "week", "month", "day"};
    QString out = csvLine({QLatin1String(keys[int(grouping)]), QStringLiteral("evaluations"),
        QStringLiteral("average_score"), QStringLiteral("pass_rate"), QStringLiteral("auto_fails")});
    for (const ReportRow& r : rows) {
        out += csvLine({r.key, QString::number(r.evaluations), scoreText(r.averageScore),
            QString::number(r.passRate * 100, 'f', 1), QString::number(r.autoFails)});
    }
    return out;
}

QString Reports::questionsCsv(const QList<QuestionFailure>& rows)
{
    QString out = csvLine({QStringLiteral("scorecard"), QStringLiteral("question"), QStringLiteral("text"),
        QStringLiteral("answered"), QStringLiteral("failed"), QStringLiteral("failure_rate")});
    for (const QuestionFailure& r : rows) {
        out += csvLine({r.scorecardId, r.questionId, r.text, QString::number(r.answered), QString::number(r.failed),
            QString::number(r.rate() * 100, 'f', 1)});
    }
    return out;
}

QString Reports::evaluationsCsv(const QList<EvaluationSummary>& rows)
{
    QString out = csvLine({QStringLiteral("evaluation"), QStringLiteral("call_id"), QStringLiteral("call_start_utc"),
        QStringLiteral("agent"), QStringLiteral("campaign"), QStringLiteral("scorecard"), QStringLiteral("version"),
        QStringLiteral("reviewer"), QStringLiteral("state"), QStringLiteral("revision"), QStringLiteral("score"),
        QStringLiteral("result"), QStringLiteral("auto_fail"), QStringLiteral("submitted_utc")});
    for (const EvaluationSummary& r : rows) {
        out += csvLine({QString::number(r.id), r.callId, isoUtc(r.callStartUtc), r.agentId, r.campaign, r.scorecardId,
            QString::number(r.scorecardVersion), r.reviewer, stateName(r.state), QString::number(r.revision),
            scoreText(r.score), r.passed ? QStringLiteral("pass") : QStringLiteral("fail"), r.autoFail,
            isoUtc(r.submittedUtc)});
    }
    return out;
}

} // namespace Earmark
