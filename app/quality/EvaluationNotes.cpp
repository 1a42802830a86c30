#include "quality/EvaluationNotes.h"

#include "cache/Cache.h"
#include "cache/Statement.h"

#include <QDateTime>

namespace Earmark {

namespace {
qint64 now()
{
    return QDateTime::currentSecsSinceEpoch();
}
} // namespace

EvaluationNotes::EvaluationNotes(Cache& cache)
    : m_cache(cache)
{ }

Result<qint64> EvaluationNotes::callRow(const QString& callId)
{
    auto call = m_cache.calls().find(callId);
    if (!call) {
        return call.error();
    }
    if (!call.value()) {
        return makeError(QObject::tr("Call %1 is no longer in the cache (it was destroyed): its evaluations keep their "
                                     "scores but take no new comments.")
                             .arg(callId));
    }
    return call.value()->id;
}

Status EvaluationNotes::load(Evaluation& e)
{
    auto s = m_cache.database().prepare(QStringLiteral("SELECT id, kind, question_id, at_s, text, by_user, "
                                                       "created_utc FROM evaluation_notes WHERE evaluation = ? "
                                                       "ORDER BY at_s, id"));
    if (!s) {
        return s.error();
    }
    s->bind(1, e.id);
    return s->forEachRow([&] {
        const QString kind = s->text(1);
        if (kind == QLatin1String("comment")) {
            e.comments.append({s->int64(0), s->real(3), s->text(4), s->text(5), s->int64(6)});
        } else if (kind == QLatin1String("answer")) {
            e.answers.insert(s->text(2), s->text(4));
        } else if (kind == QLatin1String("override")) {
            e.overrides.insert(s->text(2), s->text(4));
        }
    });
}

Status EvaluationNotes::write(const Evaluation& e, const Scorecard::Template& t)
{
    auto call = callRow(e.callId);
    if (!call) {
        return call.error();
    }
    auto del = m_cache.database().prepare(
        QStringLiteral("DELETE FROM evaluation_notes WHERE evaluation = ? AND kind IN ('answer', 'override')"));
    if (!del) {
        return del.error();
    }
    del->bind(1, e.id);
    if (auto st = del->run(); !st) {
        return st;
    }
    auto ins = m_cache.database().prepare(QStringLiteral("INSERT INTO evaluation_notes (evaluation, call, kind, "
                                                         "question_id, text, by_user, created_utc) VALUES (?, ?, ?, ?, "
                                                         "?, ?, ?)"));
    if (!ins) {
        return ins.error();
    }
    auto add = [&](const QString& kind, const QString& question, const QString& text) -> Status {
        ins->reset();
        ins->bind(1, e.id).bind(2, call.value()).bind(3, kind).bind(4, question).bind(5, text);
        ins->bind(6, AuditLog::currentActor()).bind(7, now());
        return ins->run();
    };
    for (auto it = e.answers.begin(); it != e.answers.end(); ++it) {
        const Scorecard::Question* q = t.question(it.key());
        if (q && !q->scored() && !it.value().toString().trimmed().isEmpty()) {
            if (auto st = add(QStringLiteral("answer"), it.key(), it.value().toString()); !st) {
                return st;
            }
        }
    }
    for (auto it = e.overrides.begin(); it != e.overrides.end(); ++it) {
        if (!it.value().trimmed().isEmpty()) {
            if (auto st = add(QStringLiteral("override"), it.key(), it.value()); !st) {
                return st;
            }
        }
    }
    return {};
}

Result<TimedComment> EvaluationNotes::addComment(const Evaluation& e, double atS, const QString& text)
{
    auto call = callRow(e.callId);
    if (!call) {
        return call.error();
    }
    auto s = m_cache.database().prepare(
        QStringLiteral("INSERT INTO evaluation_notes (evaluation, call, kind, at_s, "
                       "text, by_user, created_utc) VALUES (?, ?, 'comment', ?, ?, ?, ?)"));
    if (!s) {
        return s.error();
    }
    TimedComment c {0, std::max(0.0, atS), text.trimmed(), AuditLog::currentActor(), now()};
    s->bind(1, e.id).bind(2, call.value()).bind(3, c.atS).bind(4, c.text).bind(5, c.byUser).bind(6, c.createdUtc);
    if (auto st = s->run(); !st) {
        return st.error();
    }
    c.id = m_cache.database().lastInsertId();
    return c;
}

Status EvaluationNotes::removeComment(qint64 evaluation, qint64 commentId)
{
    auto s = m_cache.database().prepare(
        QStringLiteral("DELETE FROM evaluation_notes WHERE id = ? AND evaluation = ? AND kind = 'comment'"));
    if (!s) {
        return s.error();
    }
    s->bind(1, commentId).bind(2, evaluation);
    return s->run();
}

} // namespace Earmark
