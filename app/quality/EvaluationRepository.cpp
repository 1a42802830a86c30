#include "quality/EvaluationRepository.h"

#include "cache/Cache.h"
#include "cache/CacheSettings.h"
#include "cache/RowLookup.h"
#include "cache/Statement.h"
#include "quality/EvaluationNotes.h"
#include "quality/EvaluationScores.h"
#include "quality/ScorecardLibrary.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace Earmark {

namespace {
// The summary's columns (EvaluationRepository::summaryColumns, 0-13), then the rest of an evaluation (14-18).
const QString kSummaryColumns = QStringLiteral("id, call_id, call_start_utc, agent_id, campaign, scorecard_id, "
                                               "scorecard_version, reviewer, state, revision, score, passed, "
                                               "auto_fail, submitted_utc");
const QString kColumns = kSummaryColumns
    + QStringLiteral(", answers, suggestions, created_utc, updated_utc, "
                     "(SELECT a.name FROM agents a WHERE a.agent_id = evaluations.agent_id)");

QJsonObject objectOf(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

Evaluation readEvaluation(const Statement& s)
{
    Evaluation e;
    static_cast<EvaluationSummary&>(e) = EvaluationRepository::readSummary(s);
    e.answers = objectOf(s.text(14));
    const QJsonObject suggestions = objectOf(s.text(15));
    for (auto it = suggestions.begin(); it != suggestions.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        Suggestion sug {
            o.value(QStringLiteral("answer")).toString(), std::nullopt, o.value(QStringLiteral("evidence")).toString()};
        if (o.value(QStringLiteral("at_s")).isDouble()) {
            sug.atS = o.value(QStringLiteral("at_s")).toDouble();
        }
        e.suggestions.insert(it.key(), sug);
    }
    e.createdUtc = s.int64(16);
    e.updatedUtc = s.int64(17);
    e.agentName = s.text(18);
    return e;
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

const QString& EvaluationRepository::summaryColumns()
{
    return kSummaryColumns;
}

EvaluationSummary EvaluationRepository::readSummary(const Statement& s)
{
    EvaluationSummary e;
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
    if (!s.isNull(10)) {
        e.score = s.real(10);
    }
    e.passed = s.int64(11) != 0;
    e.autoFail = s.text(12);
    e.submittedUtc = s.int64(13);
    return e;
}

Result<const Scorecard::Template*> EvaluationRepository::scorecard(const QString& id, int version)
{
    const QString key = templateKey(id, version);
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

Result<Evaluation> EvaluationRepository::start(const QString& callId, const QString& scorecardId, int scorecardVersion)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
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
    auto draft = s->firstRow([&] { return s->int64(0); });
    if (!draft) {
        return draft.error();
    }
    if (*draft) {
        return get(**draft);
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

Result<qint64> EvaluationRepository::startWithSuggestions(const QString& callId, const QString& scorecardId,
    int scorecardVersion, const QHash<QString, Suggestion>& suggestions)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto e = start(callId, scorecardId, scorecardVersion);
    if (!e) {
        return e.error();
    }
    if (e->suggestions.isEmpty() && !suggestions.isEmpty()) {
        e->suggestions = suggestions;
        if (auto st = saveDraft(e.value()); !st) {
            return st.error();
        }
    }
    return e->id;
}

QString EvaluationRepository::templateKey(const QString& scorecardId, int version)
{
    return scorecardId + QLatin1Char('@') + QString::number(version);
}

Result<CallEvaluations> EvaluationRepository::callEvaluations(const QString& callId)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    ScorecardLibrary library(m_cache);
    if (auto st = library.ensureDefault(); !st) {
        return st.error();
    }
    auto current = library.current();
    if (!current) {
        return current.error();
    }
    auto evaluations = forCall(callId);
    if (!evaluations) {
        return evaluations.error();
    }
    auto names = CacheSettings(m_cache).reviewerNames();
    if (!names) {
        return names.error();
    }
    CallEvaluations out {current.value(), evaluations.value(), {}, {}, names.value()};
    QList<QPair<QString, int>> wanted;
    for (const ScorecardVersion& s : std::as_const(out.scorecards)) {
        wanted.append({s.id, s.version});
    }
    for (const Evaluation& e : std::as_const(out.evaluations)) {
        wanted.append({e.scorecardId, e.scorecardVersion});
    }
    for (const auto& [id, version] : wanted) {
        if (out.templates.contains(templateKey(id, version)) || out.templateErrors.contains(templateKey(id, version))) {
            continue;
        }
        // An evaluation whose scorecard version cannot be loaded is still listed: the panel says why it cannot be
        // shown, and the others can.
        if (auto t = scorecard(id, version); t) {
            out.templates.insert(templateKey(id, version), m_templates.value(templateKey(id, version)));
        } else {
            out.templateErrors.insert(templateKey(id, version), t.errorMessage());
        }
    }
    return out;
}

Result<Evaluation> EvaluationRepository::get(qint64 id)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto e = lookupRow(m_cache.database(), QStringLiteral("SELECT %1 FROM evaluations WHERE id = ?").arg(kColumns),
        {id}, readEvaluation, QObject::tr("Evaluation %1 does not exist (a discarded draft?).").arg(id));
    if (!e) {
        return e.error();
    }
    if (auto st = EvaluationNotes(m_cache).load(*e); !st) {
        return st.error();
    }
    return e;
}

Result<QList<Evaluation>> EvaluationRepository::forCall(const QString& callId)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto s
        = m_cache.database().prepare(QStringLiteral("SELECT id FROM evaluations WHERE call_id = ? ORDER BY id DESC"));
    if (!s) {
        return s.error();
    }
    s->bind(1, callId);
    QList<qint64> ids;
    if (auto st = s->forEachRow([&] { ids.append(s->int64(0)); }); !st) {
        return st.error();
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

Status EvaluationRepository::saveDraft(const Evaluation& e)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st;
    }
    const Roles::Scope inside(m_cache.roles());
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
    if (auto st = EvaluationScores(m_cache).write(e, *t.value()); !st) {
        return st;
    }
    if (auto st = EvaluationNotes(m_cache).write(e, *t.value()); !st) {
        return st;
    }
    return tx.commit();
}

Status EvaluationRepository::discardDraft(qint64 id)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st;
    }
    const Roles::Scope inside(m_cache.roles());
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
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    if (text.trimmed().isEmpty()) {
        return makeError(QObject::tr("The comment is empty: type what you noticed at this moment."));
    }
    auto e = get(evaluation);
    if (!e) {
        return e.error();
    }
    return EvaluationNotes(m_cache).addComment(*e, atS, text);
}

Status EvaluationRepository::removeComment(qint64 evaluation, qint64 commentId)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st;
    }
    const Roles::Scope inside(m_cache.roles());
    return EvaluationNotes(m_cache).removeComment(evaluation, commentId);
}

EvaluationWorkflow EvaluationRepository::workflow()
{
    return EvaluationWorkflow(m_cache, *this);
}

Result<QStringList> EvaluationRepository::submitProblems(const Evaluation& evaluation)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    return workflow().submitProblems(evaluation);
}

Status EvaluationRepository::submit(qint64 id)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st;
    }
    const Roles::Scope inside(m_cache.roles());
    return workflow().submit(id);
}

Status EvaluationRepository::acknowledge(qint64 id, const QString& note)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st;
    }
    const Roles::Scope inside(m_cache.roles());
    return workflow().acknowledge(id, note);
}

Status EvaluationRepository::dispute(qint64 id, const QString& agentResponse)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st;
    }
    const Roles::Scope inside(m_cache.roles());
    return workflow().dispute(id, agentResponse);
}

Status EvaluationRepository::resolve(qint64 id, const QString& decision, const std::optional<QJsonObject>& answers)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st;
    }
    const Roles::Scope inside(m_cache.roles());
    return workflow().resolve(id, decision, answers);
}

Status EvaluationRepository::rescore(
    qint64 id, const QJsonObject& answers, const QHash<QString, QString>& overrides, const QString& reason)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st;
    }
    const Roles::Scope inside(m_cache.roles());
    return workflow().rescore(id, answers, overrides, reason);
}

Result<QList<EvaluationRevision>> EvaluationRepository::revisions(qint64 id)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    return workflow().revisions(id);
}

Result<QList<EvaluationEvent>> EvaluationRepository::events(qint64 id)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    return workflow().events(id);
}

Result<EvaluationHistory> EvaluationRepository::history(qint64 id)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto r = revisions(id);
    if (!r) {
        return r.error();
    }
    auto e = events(id);
    if (!e) {
        return e.error();
    }
    return EvaluationHistory {r.value(), e.value()};
}

} // namespace Earmark
