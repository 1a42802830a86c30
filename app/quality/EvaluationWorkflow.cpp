#include "quality/EvaluationWorkflow.h"

#include "cache/Cache.h"
#include "cache/Statement.h"
#include "quality/EvaluationNotes.h"
#include "quality/EvaluationRepository.h"
#include "quality/EvaluationScores.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <functional>

namespace Earmark {

EvaluationWorkflow::EvaluationWorkflow(Cache& cache, EvaluationRepository& evaluations)
    : m_cache(cache)
    , m_evaluations(evaluations)
{ }

namespace {
// Runs steps in order and stops at the first failure.
Status inOrder(std::initializer_list<std::function<Status()>> steps)
{
    for (const auto& step : steps) {
        if (auto st = step(); !st) {
            return st;
        }
    }
    return {};
}

QString compact(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}
} // namespace

Result<QStringList> EvaluationWorkflow::submitProblems(const Evaluation& e)
{
    auto t = m_evaluations.scorecard(e.scorecardId, e.scorecardVersion);
    if (!t) {
        return t.error();
    }
    QStringList out;
    for (const Scorecard::Problem& p : Scorecard::checkAnswers(*t.value(), e.answers)) {
        const Scorecard::Question* q = t.value()->question(p.path.section(QLatin1Char('.'), -1));
        out.append(q ? QObject::tr("\"%1\": %2").arg(q->text, p.message) : p.text());
    }
    for (const QString& id : e.overridesMissingComment()) {
        const Scorecard::Question* q = t.value()->question(id);
        out.append(QObject::tr("\"%1\": the answer differs from the suggested one; say why in a comment")
                       .arg(q ? q->text : id));
    }
    return out;
}

Status EvaluationWorkflow::addRevision(Evaluation& e, const Scorecard::Template& t, const QString& reason)
{
    const Scorecard::ScoreResult r = Scorecard::score(t, e.answers);
    QJsonObject scored;
    for (auto it = e.answers.begin(); it != e.answers.end(); ++it) {
        if (const Scorecard::Question* q = t.question(it.key()); q && q->scored()) {
            scored.insert(it.key(), it.value());
        }
    }
    e.revision += 1;
    auto s
        = m_cache.database().prepare(QStringLiteral("INSERT INTO evaluation_revisions (evaluation, revision, at_utc, "
                                                    "by_user, reason, answers, score, passed, auto_fail) VALUES (?, ?, "
                                                    "?, ?, ?, ?, ?, ?, ?)"));
    if (!s) {
        return s.error();
    }
    s->bind(1, e.id).bind(2, e.revision).bind(3, QDateTime::currentSecsSinceEpoch()).bind(4, AuditLog::currentActor());
    s->bind(5, reason).bind(6, compact(scored));
    if (r.score) {
        s->bind(7, *r.score);
    } else {
        s->bindNull(7);
    }
    s->bind(8, r.pass ? 1 : 0).bind(9, r.autoFail.isEmpty() ? QString() : r.autoFail);
    if (auto st = s->run(); !st) {
        return st;
    }
    auto u = m_cache.database().prepare(QStringLiteral("UPDATE evaluations SET revision = ? WHERE id = ?"));
    if (!u) {
        return u.error();
    }
    u->bind(1, e.revision).bind(2, e.id);
    return u->run();
}

Status EvaluationWorkflow::addEvent(const Evaluation& e, EvaluationState to, const QString& text)
{
    auto s = m_cache.database().prepare(QStringLiteral("INSERT INTO evaluation_events (evaluation, at_utc, by_user, "
                                                       "from_state, to_state, text) VALUES (?, ?, ?, ?, ?, ?)"));
    if (!s) {
        return s.error();
    }
    s->bind(1, e.id).bind(2, QDateTime::currentSecsSinceEpoch()).bind(3, AuditLog::currentActor());
    s->bind(4, stateName(e.state)).bind(5, stateName(to)).bind(6, text);
    if (auto st = s->run(); !st) {
        return st;
    }
    auto u = m_cache.database().prepare(QStringLiteral(
        "UPDATE evaluations SET state = ?, updated_utc = ?, submitted_utc = COALESCE(submitted_utc, ?) WHERE id = ?"));
    if (!u) {
        return u.error();
    }
    u->bind(1, stateName(to)).bind(2, QDateTime::currentSecsSinceEpoch());
    if (to == EvaluationState::Submitted) {
        u->bind(3, QDateTime::currentSecsSinceEpoch());
    } else {
        u->bindNull(3);
    }
    u->bind(4, e.id);
    if (auto st = u->run(); !st) {
        return st;
    }
    return m_cache.audit().append(QStringLiteral("evaluation.") + stateName(to), e.callId, QString::number(e.id));
}

Status EvaluationWorkflow::submit(qint64 id)
{
    auto e = m_evaluations.get(id);
    if (!e) {
        return e.error();
    }
    if (e->state != EvaluationState::Draft) {
        return makeError(QObject::tr("This evaluation was already submitted."));
    }
    auto problems = submitProblems(e.value());
    if (!problems) {
        return problems.error();
    }
    if (!problems->isEmpty()) {
        return makeError(QObject::tr("Not ready to submit: %1").arg(problems->join(QStringLiteral("; "))));
    }
    auto t = m_evaluations.scorecard(e->scorecardId, e->scorecardVersion);
    if (!t) {
        return t.error();
    }
    Transaction tx(m_cache.database());
    if (auto st = tx.begin(); !st) {
        return st;
    }
    if (auto st = inOrder({[&] { return EvaluationScores(m_cache).write(e.value(), *t.value()); },
            [&] { return EvaluationNotes(m_cache).write(e.value(), *t.value()); },
            [&] { return addRevision(e.value(), *t.value(), QObject::tr("First submission")); },
            [&] { return addEvent(e.value(), EvaluationState::Submitted, {}); }});
        !st) {
        return st;
    }
    if (auto st = tx.commit(); !st) {
        return st;
    }
    return m_cache.audit().checkpoint();
}

Status EvaluationWorkflow::changeState(qint64 id, std::initializer_list<EvaluationState> from, EvaluationState to,
    const QString& text, const std::optional<QJsonObject>& answers, const QString& reason)
{
    auto e = m_evaluations.get(id);
    if (!e) {
        return e.error();
    }
    if (std::find(from.begin(), from.end(), e->state) == from.end()) {
        return makeError(QObject::tr("A %1 evaluation cannot become %2.")
                             .arg(stateLabel(e->state).toLower(), stateLabel(to).toLower()));
    }
    Transaction tx(m_cache.database());
    if (auto st = tx.begin(); !st) {
        return st;
    }
    if (answers) {
        auto t = m_evaluations.scorecard(e->scorecardId, e->scorecardVersion);
        if (!t) {
            return t.error();
        }
        e->answers = *answers;
        if (const auto problems = Scorecard::checkAnswers(*t.value(), e->answers); !problems.isEmpty()) {
            return makeError(QObject::tr("The new answers do not fit the scorecard: %1").arg(problems.first().text()));
        }
        if (auto st = inOrder({[&] { return EvaluationScores(m_cache).write(e.value(), *t.value()); },
                [&] { return EvaluationNotes(m_cache).write(e.value(), *t.value()); },
                [&] { return addRevision(e.value(), *t.value(), reason); }});
            !st) {
            return st;
        }
    }
    if (to != e->state) {
        if (auto st = addEvent(e.value(), to, text.trimmed()); !st) {
            return st;
        }
    } else if (auto st = m_cache.audit().append(QStringLiteral("evaluation.rescore"), e->callId, QString::number(id));
               !st) {
        return st;
    }
    if (auto st = tx.commit(); !st) {
        return st;
    }
    return m_cache.audit().checkpoint();
}

Status EvaluationWorkflow::acknowledge(qint64 id, const QString& note)
{
    return changeState(id, {EvaluationState::Submitted}, EvaluationState::Acknowledged, note, std::nullopt, {});
}

Status EvaluationWorkflow::dispute(qint64 id, const QString& agentResponse)
{
    if (agentResponse.trimmed().isEmpty()) {
        return makeError(QObject::tr("A dispute needs the tele researcher's response: write down what they said."));
    }
    return changeState(id, {EvaluationState::Submitted, EvaluationState::Acknowledged}, EvaluationState::Disputed,
        agentResponse, std::nullopt, {});
}

Status EvaluationWorkflow::resolve(qint64 id, const QString& decision, const std::optional<QJsonObject>& answers)
{
    if (decision.trimmed().isEmpty()) {
        return makeError(QObject::tr("Resolving a dispute needs your decision: write it down for the record."));
    }
    return changeState(
        id, {EvaluationState::Disputed}, EvaluationState::Resolved, decision, answers, decision.trimmed());
}

Status EvaluationWorkflow::rescore(
    qint64 id, const QJsonObject& answers, const QHash<QString, QString>& overrides, const QString& reason)
{
    if (reason.trimmed().isEmpty()) {
        return makeError(QObject::tr("Re-scoring needs a reason: it is kept with the new revision."));
    }
    auto e = m_evaluations.get(id);
    if (!e) {
        return e.error();
    }
    Evaluation changed = e.value();
    changed.answers = answers;
    changed.overrides = overrides;
    if (const QStringList missing = changed.overridesMissingComment(); !missing.isEmpty()) {
        return makeError(QObject::tr("Say why the answer to %1 differs from the suggestion.").arg(missing.join(u", ")));
    }
    // Overrides are written with the answers (EvaluationNotes::write) through a saved copy of the evaluation.
    const EvaluationState s = e->state;
    if (s == EvaluationState::Draft) {
        return makeError(QObject::tr("A draft is not re-scored: change its answers and submit it."));
    }
    Transaction tx(m_cache.database());
    if (auto st = tx.begin(); !st) {
        return st;
    }
    auto t = m_evaluations.scorecard(e->scorecardId, e->scorecardVersion);
    if (!t) {
        return t.error();
    }
    if (const auto problems = Scorecard::checkAnswers(*t.value(), answers); !problems.isEmpty()) {
        return makeError(QObject::tr("The new answers do not fit the scorecard: %1").arg(problems.first().text()));
    }
    if (auto st = inOrder({[&] { return EvaluationScores(m_cache).write(changed, *t.value()); },
            [&] { return EvaluationNotes(m_cache).write(changed, *t.value()); },
            [&] { return addRevision(changed, *t.value(), reason.trimmed()); },
            [&] {
                return m_cache.audit().append(QStringLiteral("evaluation.rescore"), e->callId, QString::number(id));
            }});
        !st) {
        return st;
    }
    if (auto st = tx.commit(); !st) {
        return st;
    }
    return m_cache.audit().checkpoint();
}

Result<QList<EvaluationRevision>> EvaluationWorkflow::revisions(qint64 id)
{
    auto s
        = m_cache.database().prepare(QStringLiteral("SELECT revision, at_utc, by_user, reason, answers, score, "
                                                    "passed, auto_fail FROM evaluation_revisions WHERE evaluation = ? "
                                                    "ORDER BY revision"));
    if (!s) {
        return s.error();
    }
    s->bind(1, id);
    QList<EvaluationRevision> out;
    if (auto st = s->forEachRow([&] {
            EvaluationRevision r {int(s->int64(0)), s->int64(1), s->text(2), s->text(3),
                QJsonDocument::fromJson(s->text(4).toUtf8()).object(), std::nullopt, s->int64(6) != 0, s->text(7)};
            if (!s->isNull(5)) {
                r.score = s->real(5);
            }
            out.append(r);
        });
        !st) {
        return st.error();
    }
    return out;
}

Result<QList<EvaluationEvent>> EvaluationWorkflow::events(qint64 id)
{
    auto s = m_cache.database().prepare(QStringLiteral(
        "SELECT at_utc, by_user, from_state, to_state, text FROM evaluation_events WHERE evaluation = ? ORDER BY id"));
    if (!s) {
        return s.error();
    }
    s->bind(1, id);
    QList<EvaluationEvent> out;
    if (auto st = s->forEachRow([&] {
            out.append({s->int64(0), s->text(1), s->text(2), s->text(3), s->text(4)});
        });
        !st) {
        return st.error();
    }
    return out;
}

} // namespace Earmark
