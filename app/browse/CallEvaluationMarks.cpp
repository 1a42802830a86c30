#include "browse/CallEvaluationMarks.h"

#include "cache/Cache.h"
#include "cache/CacheSettings.h"
#include "cache/Roles.h"
#include "cache/Statement.h"

#include <QCoreApplication>

namespace Earmark::CallEvaluationMarks {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("CallEvaluationMarks", text);
}

QString nameOf(const CallEvaluationMark& m)
{
    return m.reviewerName.isEmpty() ? m.reviewer : m.reviewerName;
}

QString scoreText(const CallEvaluationMark& m)
{
    QString s = m.score ? QString::number(*m.score, 'f', 1) : QString();
    if (m.passed) {
        s += (s.isEmpty() ? QString() : QStringLiteral(" ")) + (*m.passed ? tr("pass") : tr("fail"));
    }
    return s;
}
} // namespace

Result<QHash<QString, QList<CallEvaluationMark>>> forCalls(Cache& cache, const QStringList& callIds)
{
    QHash<QString, QList<CallEvaluationMark>> out;
    if (callIds.isEmpty() || !cache.roles().can(Permission::Evaluate)) {
        return out;
    }
    auto names = CacheSettings(cache).reviewerNames();
    if (!names) {
        return names.error();
    }
    QString placeholders;
    for (qsizetype i = 0; i < callIds.size(); ++i) {
        placeholders += i ? QStringLiteral(",?") : QStringLiteral("?");
    }
    auto s = cache.database().prepare(
        QStringLiteral("SELECT call_id, reviewer, state, score, passed FROM evaluations WHERE call_id IN (")
        + placeholders + QStringLiteral(") ORDER BY updated_utc, id"));
    if (!s) {
        return s.error();
    }
    for (qsizetype i = 0; i < callIds.size(); ++i) {
        s->bind(int(i + 1), callIds.at(i));
    }
    auto rows = s->forEachRow([&] {
        CallEvaluationMark m;
        m.reviewer = s->text(1);
        m.reviewerName = names->value(m.reviewer);
        m.state = s->text(2);
        if (!s->isNull(3)) {
            m.score = s->real(3);
        }
        if (!s->isNull(4)) {
            m.passed = s->int64(4) != 0;
        }
        out[s->text(0)].append(m);
    });
    if (!rows) {
        return rows.error();
    }
    return out;
}

QString cellText(const QList<CallEvaluationMark>& marks)
{
    const CallEvaluationMark* newest = nullptr;
    int finished = 0;
    for (const CallEvaluationMark& m : marks) {
        if (m.state != QLatin1String("draft")) {
            newest = &m;
            ++finished;
        }
    }
    if (!newest) {
        // A draft only: marked first (✎), so that the column's elided middle never hides that it is one.
        return marks.isEmpty() ? QString() : QStringLiteral("✎ ") + nameOf(marks.constLast());
    }
    // Short, to fit the list at 1280 pixels: "92.5 ✓ Ann Reviewer" (✗ for a fail); the words are in the tooltip.
    QString score = newest->score ? QString::number(*newest->score, 'f', 1) : QString();
    if (newest->passed) {
        score += (score.isEmpty() ? QString() : QStringLiteral(" "))
            + (*newest->passed ? QStringLiteral("✓") : QStringLiteral("✗"));
    }
    // Name first: the list elides the middle, so that a narrow column still shows who and the outcome.
    QString text = score.isEmpty() ? nameOf(*newest) : QStringLiteral("%1 %2").arg(nameOf(*newest), score);
    if (finished > 1) {
        text += QStringLiteral(" +%1").arg(finished - 1);
    }
    return text;
}

QString toolTip(const QList<CallEvaluationMark>& marks)
{
    QStringList lines;
    for (const CallEvaluationMark& m : marks) {
        const QString who
            = m.reviewerName.isEmpty() ? m.reviewer : QStringLiteral("%1 (%2)").arg(m.reviewerName, m.reviewer);
        const QString score = scoreText(m);
        lines << (score.isEmpty()
                ? QStringLiteral("%1: %2").arg(who, m.state)
                : QStringLiteral("%1: %2, %3").arg(who, m.state, QString(score).replace(u' ', QStringLiteral(", "))));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace Earmark::CallEvaluationMarks
