#include "ui/evaluation/EvaluationPdf.h"

#include "core/TimeText.h"

#include <QDateTime>
#include <QFileInfo>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>

namespace Earmark::Gui::EvaluationPdf {

namespace {
QString esc(const QString& s)
{
    return s.toHtmlEscaped();
}

QString when(qint64 secs)
{
    return secs ? QDateTime::fromSecsSinceEpoch(secs).toString(QStringLiteral("d MMM yyyy HH:mm")) : QString();
}

QString score(const std::optional<double>& v)
{
    return v ? QString::number(*v, 'f', 1) : QObject::tr("n/a");
}

QString answerText(const Scorecard::Question& q, const QJsonValue& a)
{
    if (a.isUndefined() || a.isNull()) {
        return QObject::tr("not answered");
    }
    if (a.isDouble()) {
        return QObject::tr("%1 of %2").arg(a.toInt()).arg(q.max);
    }
    const QString s = a.toString();
    if (s == QLatin1String("yes")) {
        return QObject::tr("Yes");
    }
    if (s == QLatin1String("no")) {
        return QObject::tr("No");
    }
    if (s == QLatin1String("na")) {
        return QObject::tr("Not applicable");
    }
    for (const Scorecard::Option& o : q.options) {
        if (o.id == s) {
            return o.label;
        }
    }
    return s;
}

const QString kStyle = QStringLiteral("<style>body{font-family:sans-serif;font-size:10pt} h1{font-size:16pt} "
                                      "h2{font-size:12pt;margin-top:14px} td,th{padding:3px 6px} "
                                      "th{text-align:left;background:#eee} .fail{color:#a00}</style>");

Status print(const QString& path, const QString& html, const QString& title)
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setResolution(300);
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("Earmark"));
    QTextDocument doc;
    doc.setHtml(html);
    doc.print(&writer);
    if (!QFileInfo(path).isFile() || QFileInfo(path).size() == 0) {
        return makeError(QObject::tr("Could not write %1: check that the folder exists and is writable.").arg(path));
    }
    return {};
}
} // namespace

QString evaluationHtml(const Evaluation& e, const Scorecard::Template& t, const QString& reviewer,
    const QList<EvaluationRevision>& revisions, const QList<EvaluationEvent>& events)
{
    const Scorecard::ScoreResult r = Scorecard::score(t, e.answers);
    QString h = kStyle + QObject::tr("<h1>Call evaluation: %1</h1>").arg(esc(e.agentLabel()));
    h += QObject::tr("<p>Call %1 of %2 · campaign %3<br>Scorecard: %4 (version %5) · reviewer %6<br>State: %7, "
                     "revision %8 · submitted %9</p>")
             .arg(esc(e.callId), when(e.callStartUtc), esc(e.campaign), esc(t.title))
             .arg(e.scorecardVersion)
             .arg(esc(reviewer), stateLabel(e.state))
             .arg(e.revision)
             .arg(when(e.submittedUtc));
    h += QObject::tr("<h2>Score: %1 · %2</h2><p>Pass mark %3.</p>")
             .arg(score(r.score), r.pass ? QObject::tr("PASS") : QObject::tr("FAIL"))
             .arg(t.passMark);
    if (!r.autoFail.isEmpty()) {
        const auto* q = t.question(r.autoFail);
        h += QObject::tr("<p class=fail>Failed by a critical question: %1</p>").arg(esc(q ? q->text : r.autoFail));
    }
    for (int i = 0; i < t.sections.size(); ++i) {
        const Scorecard::Section& s = t.sections[i];
        const QString sectionScore = i < r.sections.size() ? score(r.sections[i].second) : QObject::tr("n/a");
        h += QObject::tr("<h2>%1: %2</h2><table width=100%>").arg(esc(s.title), sectionScore);
        for (const Scorecard::Question& q : s.questions) {
            if (!Scorecard::isShown(q, e.answers)) {
                continue;
            }
            h += QStringLiteral("<tr><td width=70%>%1</td><td>%2</td></tr>")
                     .arg(esc(q.text), esc(answerText(q, e.answers.value(q.id))));
            if (const QString why = e.overrides.value(q.id); !why.isEmpty()) {
                h += QObject::tr("<tr><td colspan=2><i>Automatic suggestion overridden: %1</i></td></tr>")
                         .arg(esc(why));
            }
        }
        h += QStringLiteral("</table>");
    }
    if (!e.comments.isEmpty()) {
        h += QObject::tr("<h2>Comments on moments in the call</h2><table>");
        for (const TimedComment& c : e.comments) {
            h += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>").arg(clockText(c.atS), esc(c.text));
        }
        h += QStringLiteral("</table>");
    }
    if (!revisions.isEmpty() || !events.isEmpty()) {
        h += QObject::tr("<h2>History</h2><table><tr><th>When</th><th>Who</th><th>What</th></tr>");
        for (const EvaluationRevision& rev : revisions) {
            h += QObject::tr("<tr><td>%1</td><td>%2</td><td>Revision %3: score %4. %5</td></tr>")
                     .arg(when(rev.atUtc), esc(rev.byUser))
                     .arg(rev.revision)
                     .arg(score(rev.score), esc(rev.reason));
        }
        for (const EvaluationEvent& ev : events) {
            h += QObject::tr("<tr><td>%1</td><td>%2</td><td>%3 to %4. %5</td></tr>")
                     .arg(when(ev.atUtc), esc(ev.byUser), ev.fromState, ev.toState, esc(ev.text));
        }
        h += QStringLiteral("</table>");
    }
    return h;
}

Status write(const QString& path, const Evaluation& e, const Scorecard::Template& t, const QString& reviewer,
    const QList<EvaluationRevision>& revisions, const QList<EvaluationEvent>& events)
{
    return print(path, evaluationHtml(e, t, reviewer, revisions, events),
        QObject::tr("Evaluation of %1, call %2").arg(e.agentLabel(), e.callId));
}

Status writeAgentSummary(const QString& path, const AgentSummary& s)
{
    QString h = kStyle + QObject::tr("<h1>Quality summary: %1</h1><p>%2</p>").arg(esc(s.agentId), esc(s.periodLabel));
    h += QObject::tr("<h2>Average score %1 · pass rate %2% · %3 evaluations · %4 failed by a critical question</h2>")
             .arg(score(s.total.averageScore), QString::number(s.total.passRate * 100, 'f', 1))
             .arg(s.total.evaluations)
             .arg(s.total.autoFails);
    if (!s.trend.isEmpty()) {
        h += QObject::tr("<h2>Trend</h2><table><tr><th>Period</th><th>Evaluations</th><th>Average</th><th>Pass "
                         "rate</th></tr>");
        for (const ReportRow& r : s.trend) {
            h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4%</td></tr>")
                     .arg(esc(r.key))
                     .arg(r.evaluations)
                     .arg(score(r.averageScore), QString::number(r.passRate * 100, 'f', 1));
        }
        h += QStringLiteral("</table>");
    }
    h += QObject::tr("<h2>Questions most often missed</h2><table><tr><th>Question</th><th>Missed</th></tr>");
    for (const QuestionFailure& q : s.questions) {
        if (q.failed > 0) {
            h += QStringLiteral("<tr><td>%1</td><td>%2 of %3</td></tr>").arg(esc(q.text)).arg(q.failed).arg(q.answered);
        }
    }
    h += QObject::tr("</table><h2>Evaluations</h2><table><tr><th>Call</th><th>Date</th><th>Score</th><th>Result</th>"
                     "<th>State</th></tr>");
    for (const EvaluationSummary& r : s.evaluations) {
        h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                 .arg(esc(r.callId), when(r.callStartUtc), score(r.score),
                     r.passed ? QObject::tr("pass") : QObject::tr("fail"), esc(stateName(r.state)));
    }
    h += QStringLiteral("</table>");
    return print(path, h, QObject::tr("Quality summary for %1").arg(s.agentId));
}

} // namespace Earmark::Gui::EvaluationPdf
