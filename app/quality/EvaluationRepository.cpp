#include "quality/EvaluationRepository.h"

#include "cache/Cache.h"
#include "cache/Statement.h"
#include "quality/ScorecardLibrary.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace Earmark {

namespace {
const QString kColumns = QStringLiteral(
    "id, call_id, call_start_utc, agent_id, campaign, scorecard_id, scorecard_version, reviewer, state, revision, "
    "answers, suggestions, score, passed, auto_fail, created_utc, updated_utc, submitted_utc");

QJsonObject objectOf(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QString textOf(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Evaluation readEvaluation(const Statement& s)
{
    Evaluation e;
    e.id = s.int64(0);
    e.callId = s.text(1);
    e.callStartUtc = s.int64(2);
    e.agentId = s.text(3);
    e.campaign = s.text(4);
    e.scorecardId = s.text(5);
    e.scorecardVersion = int(s.int64(6));
    e.reviewer = s.text(7);
    e.state = stateFromName(s.text(8)).value_or(EvaluationState::Draft);
    e.revision = int(s.int64(9));
    e.answers = objectOf(s.text(10));
    const QJsonObject suggestions = objectOf(s.text(11));
    for (auto it = suggestions.begin(); it != suggestions.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        Suggestion sug {
            o.value(QStringLiteral("answer")).toString(), std::nullopt, o.value(QStringLiteral("evidence")).toString()};
        if (o.value(QStringLiteral("at_s")).isDouble()) {
            sug.atS = o.value(QStringLiteral("at_s")).toDouble();
        }
        e.suggestions.insert(it.key(), sug);
    }
    if (!s.isNull(12)) {
        e.score = s.real(12);
    }
    e.passed = s.int64(13) != 0;
    e.autoFail = s.text(14);
    e.createdUtc = s.int64(15);
    e.updatedUtc = s.int64(16);
    e.submittedUtc = s.int64(17);
    return e;
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

qint64 now()
{
    return QDateTime::currentSecsSinceEpoch();
}
} // namespace

EvaluationRepository::EvaluationRepository(Cache& cache)
    : m_cache(cache)
{ }

EvaluationRepository::~EvaluationRepository() = default;

Result<const Scorecard::Template*> EvaluationRepository::scorecard(const QString& id, int version)
{
    const QString key = id + QLatin1Char('@') + QString::number(version);
    if (auto it = m_templates.constFind(key); it != m_templates.constEnd()) {
        return static_cast<const Scorecard::Template*>(it->get());
    }
    auto t = ScorecardLibrary(m_cache).load(id, version);
    if (!t) {
        return t.error();
    }
    auto shared = std::make_shared<Scorecard::Template>(std::move(t.value()));
    m_templates.insert(key, shared);
    return static_cast<const Scorecard::Template*>(shared.get());
}

Result<qint64> EvaluationRepository::callRow(const QString& callId)
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

Result<Evaluation> EvaluationRepository::start(const QString& callId, const QString& scorecardId, int scorecardVersion)
{
    auto t = scorecard(scorecardId, scorecardVersion);
    if (!t) {
        return t.error();
    }
    auto s = m_cache.database().prepare(QStringLiteral("SELECT id FROM evaluations WHERE call_id = ? AND reviewer = ? "
                                                       "AND state = 'draft' AND scorecard_id = ? ORDER BY id LIMIT 1"));
    if (!s) {
        return s.error();
    }
    s->bind(1, callId).bind(2, AuditLog::currentActor()).bind(3, scorecardId);
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    if (row.value()) {
        return get(s->int64(0));
    }
    auto call = m_cache.calls().find(callId);
    if (!call || !call.value()) {
        return makeError(QObject::tr("Call %1 is not in the cache: it cannot be evaluated.").arg(callId));
    }
    const CallRecord& c = *call.value();
    auto insert = m_cache.database().prepare(QStringLiteral(
        "INSERT INTO evaluations (call_id, call_start_utc, agent_id, campaign, scorecard_id, scorecard_version, "
        "reviewer, state, created_utc, updated_utc) VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)"));
    if (!insert) {
        return insert.error();
    }
    insert->bind(1, callId).bind(2, c.startUtc).bind(3, c.agentId).bind(4, c.campaign).bind(5, scorecardId);
    insert->bind(6, scorecardVersion).bind(7, AuditLog::currentActor()).bind(8, now()).bind(9, now());
    if (auto st = insert->run(); !st) {
        return st.error();
    }
    return get(m_cache.database().lastInsertId());
}

Result<Evaluation> EvaluationRepository::get(qint64 id)
{
    auto s = m_cache.database().prepare(QStringLiteral("SELECT %1 FROM evaluations WHERE id = ?").arg(kColumns));
    if (!s) {
        return s.error();
    }
    s->bind(1, id);
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    if (!row.value()) {
        return makeError(QObject::tr("Evaluation %1 does not exist (a discarded draft?).").arg(id));
    }
    Evaluation e = readEvaluation(s.value());
    if (auto st = loadNotes(e); !st) {
        return st.error();
    }
    return e;
}

Status EvaluationRepository::loadNotes(Evaluation& e)
{
    auto s = m_cache.database().prepare(QStringLiteral("SELECT id, kind, question_id, at_s, text, by_user, "
                                                       "created_utc FROM evaluation_notes WHERE evaluation = ? "
                                                       "ORDER BY at_s, id"));
    if (!s) {
        return s.error();
    }
    s->bind(1, e.id);
    if (auto st = s->forEachRow([&] {
            const QString kind = s->text(1);
            if (kind == QLatin1String("comment")) {
                e.comments.append({s->int64(0), s->real(3), s->text(4), s->text(5), s->int64(6)});
            } else if (kind == QLatin1String("answer")) {
                e.answers.insert(s->text(2), s->text(4));
            } else if (kind == QLatin1String("override")) {
                e.overrides.insert(s->text(2), s->text(4));
            }
        });
        !st) {
        return st.error();
    }
    return {};
}

Result<QList<Evaluation>> EvaluationRepository::forCall(const QString& callId)
{
    auto s
        = m_cache.database().prepare(QStringLiteral("SELECT id FROM evaluations WHERE call_id = ? ORDER BY id DESC"));
    if (!s) {
        return s.error();
    }
    s->bind(1, callId);
    QList<qint64> ids;
    while (s->step().value()) {
        ids.append(s->int64(0));
    }
    QList<Evaluation> out;
    for (qint64 id : ids) {
        auto e = get(id);
        if (!e) {
            return e.error();
        }
        out.append(std::move(e.value()));
    }
    return out;
}

Status EvaluationRepository::writeNotes(const Evaluation& e, const Scorecard::Template& t)
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

// The scored answers, running score and the per-question rows used by reports.
Status EvaluationRepository::writeScored(const Evaluation& e, const Scorecard::Template& t)
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
    s->bind(4, r.pass ? 1 : 0).bind(5, r.autoFail.isEmpty() ? QString() : r.autoFail).bind(6, now()).bind(7, e.id);
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

Status EvaluationRepository::saveDraft(const Evaluation& e)
{
    auto current = get(e.id);
    if (!current) {
        return current.error();
    }
    if (current->state != EvaluationState::Draft) {
        return makeError(QObject::tr("This evaluation was submitted: change it by re-scoring, with a reason."));
    }
    if (current->reviewer != AuditLog::currentActor()) {
        return makeError(QObject::tr("This draft belongs to %1: only they can change it.").arg(current->reviewer));
    }
    auto t = scorecard(current->scorecardId, current->scorecardVersion);
    if (!t) {
        return t.error();
    }
    Transaction tx(m_cache.database());
    if (auto st = tx.begin(); !st) {
        return st;
    }
    if (auto st = writeScored(e, *t.value()); !st) {
        return st;
    }
    if (auto st = writeNotes(e, *t.value()); !st) {
        return st;
    }
    return tx.commit();
}

Status EvaluationRepository::discardDraft(qint64 id)
{
    auto current = get(id);
    if (!current) {
        return current.error();
    }
    if (current->state != EvaluationState::Draft) {
        return makeError(QObject::tr("Only a draft can be discarded: submitted evaluations are kept."));
    }
    auto s = m_cache.database().prepare(QStringLiteral("DELETE FROM evaluations WHERE id = ? AND state = 'draft'"));
    if (!s) {
        return s.error();
    }
    s->bind(1, id);
    return s->run();
}

Result<TimedComment> EvaluationRepository::addComment(qint64 evaluation, double atS, const QString& text)
{
    if (text.trimmed().isEmpty()) {
        return makeError(QObject::tr("The comment is empty: type what you noticed at this moment."));
    }
    auto e = get(evaluation);
    if (!e) {
        return e.error();
    }
    auto call = callRow(e->callId);
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
    s->bind(1, evaluation).bind(2, call.value()).bind(3, c.atS).bind(4, c.text).bind(5, c.byUser).bind(6, c.createdUtc);
    if (auto st = s->run(); !st) {
        return st.error();
    }
    c.id = m_cache.database().lastInsertId();
    return c;
}

Status EvaluationRepository::removeComment(qint64 evaluation, qint64 commentId)
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
