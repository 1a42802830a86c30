#include "quality/EvaluationScores.h"

#include "cache/Cache.h"
#include "cache/Statement.h"

#include <QDateTime>
#include <QJsonDocument>

namespace Earmark {

namespace {
QString textOf(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject suggestionsJson(const Evaluation& e)
{
    QJsonObject out;
    for (auto it = e.suggestions.begin(); it != e.suggestions.end(); ++it) {
        QJsonObject o {{QStringLiteral("answer"), it->answer}, {QStringLiteral("evidence"), it->evidence}};
        if (it->atS) {
            o.insert(QStringLiteral("at_s"), *it->atS);
        }
        out.insert(it.key(), o);
    }
    return out;
}

// Scored answers only: free text may quote the call and is kept with the call (evaluation_notes).
QJsonObject scoredAnswers(const QJsonObject& answers, const Scorecard::Template& t)
{
    QJsonObject out;
    for (auto it = answers.begin(); it != answers.end(); ++it) {
        const Scorecard::Question* q = t.question(it.key());
        if (!q || q->scored()) {
            out.insert(it.key(), it.value());
        }
    }
    return out;
}
} // namespace

EvaluationScores::EvaluationScores(Cache& cache)
    : m_cache(cache)
{ }

// The scored answers, running score and the per-question rows used by reports.
Status EvaluationScores::write(const Evaluation& e, const Scorecard::Template& t)
{
    const Scorecard::ScoreResult r = Scorecard::score(t, e.answers);
    auto s
        = m_cache.database().prepare(QStringLiteral("UPDATE evaluations SET answers = ?, suggestions = ?, score = ?, "
                                                    "passed = ?, auto_fail = ?, updated_utc = ? WHERE id = ?"));
    if (!s) {
        return s.error();
    }
    s->bind(1, textOf(scoredAnswers(e.answers, t))).bind(2, textOf(suggestionsJson(e)));
    if (r.score) {
        s->bind(3, *r.score);
    } else {
        s->bindNull(3);
    }
    s->bind(4, r.pass ? 1 : 0)
        .bind(5, r.autoFail.isEmpty() ? QString() : r.autoFail)
        .bind(6, QDateTime::currentSecsSinceEpoch())
        .bind(7, e.id);
    if (auto st = s->run(); !st) {
        return st;
    }
    auto del = m_cache.database().prepare(QStringLiteral("DELETE FROM evaluation_answers WHERE evaluation = ?"));
    if (!del) {
        return del.error();
    }
    del->bind(1, e.id);
    if (auto st = del->run(); !st) {
        return st;
    }
    auto ins = m_cache.database().prepare(QStringLiteral(
        "INSERT INTO evaluation_answers (evaluation, question_id, answer, fraction) VALUES (?, ?, ?, ?)"));
    if (!ins) {
        return ins.error();
    }
    for (const Scorecard::Section& section : t.sections) {
        for (const Scorecard::Question& q : section.questions) {
            const QJsonValue a = e.answers.value(q.id);
            if (!q.scored() || a.isUndefined() || a.isNull()) {
                continue;
            }
            // A question of weight 0 only steers the form (e.g. "did the respondent complain?"): never a failure.
            const bool counts = q.weight > 0 && section.weight > 0 && Scorecard::isShown(q, e.answers);
            const auto f = counts ? Scorecard::answerFraction(q, a) : std::nullopt;
            ins->reset();
            ins->bind(1, e.id).bind(2, q.id).bind(3, a.isDouble() ? QString::number(a.toDouble()) : a.toString());
            if (f) {
                ins->bind(4, *f);
            } else {
                ins->bindNull(4);
            }
            if (auto st = ins->run(); !st) {
                return st;
            }
        }
    }
    return {};
}

} // namespace Earmark
