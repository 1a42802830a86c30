#include "quality/SamplingRepository.h"

#include "cache/Cache.h"
#include "cache/RowLookup.h"
#include "cache/Statement.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>
#include <sodium.h>

namespace Earmark {

namespace {
QString compact(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString compact(const QStringList& list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QStringList stringList(const QString& json)
{
    QStringList out;
    for (const QJsonValue v : QJsonDocument::fromJson(json.toUtf8()).array()) {
        out << v.toString();
    }
    return out;
}

qint64 utcSeconds(const QDate& day)
{
    return QDateTime(day, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
}

// A plan, and a sample with its plan's name: the columns and how a row of them is read, for lists and lookups.
const QString kPlanSelect
    = QStringLiteral("SELECT id, name, spec, reviewers, created_by, created_utc FROM sample_plans");

SamplingPlanRecord readPlan(const Statement& s)
{
    return {s.int64(0), s.text(1), SamplePlan::fromJson(QJsonDocument::fromJson(s.text(2).toUtf8()).object()),
        stringList(s.text(3)), s.text(4), s.int64(5)};
}

const QString kSampleSelect = QStringLiteral(
    "SELECT s.id, s.plan, p.name, s.period, s.seed, s.spec, s.considered, s.drawn_by, s.drawn_utc, "
    "(SELECT COUNT(*) FROM sample_items i WHERE i.sample = s.id) FROM samples s JOIN sample_plans p ON p.id = s.plan");

DrawnSample readSampleRow(const Statement& s)
{
    DrawnSample d;
    d.id = s.int64(0);
    d.planId = s.int64(1);
    d.planName = s.text(2);
    d.period = s.text(3);
    d.seed = quint64(s.int64(4));
    d.plan = SamplePlan::fromJson(QJsonDocument::fromJson(s.text(5).toUtf8()).object());
    d.considered = int(s.int64(6));
    d.drawnBy = s.text(7);
    d.drawnUtc = s.int64(8);
    d.items = int(s.int64(9));
    return d;
}
} // namespace

SamplingRepository::SamplingRepository(Cache& cache)
    : m_cache(cache)
{ }

Result<qint64> SamplingRepository::savePlan(const QString& name, const SamplePlan& plan, const QStringList& reviewers)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    if (name.trimmed().isEmpty()) {
        return makeError(QObject::tr("The plan needs a name, e.g. \"Weekly 5 per researcher\"."));
    }
    if (!plan.percent && plan.perAgent < 1) {
        return makeError(QObject::tr("A plan samples at least one call per tele researcher."));
    }
    if (plan.percent && (*plan.percent <= 0 || *plan.percent > 100)) {
        return makeError(QObject::tr("The percentage must be above 0 and at most 100."));
    }
    if (plan.maxDurationS > 0 && plan.maxDurationS < plan.minDurationS) {
        return makeError(QObject::tr("The longest duration is shorter than the shortest: swap them."));
    }
    SamplePlan stored = plan;
    stored.seed = 0;
    auto s = m_cache.database().prepare(QStringLiteral("SELECT id FROM sample_plans WHERE name = ?"));
    if (!s) {
        return s.error();
    }
    s->bind(1, name.trimmed());
    auto existing = s->firstRow([&] { return s->int64(0); });
    if (!existing) {
        return existing.error();
    }
    if (*existing) {
        const qint64 id = **existing;
        auto u = m_cache.database().prepare(
            QStringLiteral("UPDATE sample_plans SET spec = ?, reviewers = ? WHERE id = ?"));
        if (!u) {
            return u.error();
        }
        u->bind(1, compact(stored.toJson())).bind(2, compact(reviewers)).bind(3, id);
        if (auto st = u->run(); !st) {
            return st.error();
        }
        return id;
    }
    auto ins = m_cache.database().prepare(QStringLiteral(
        "INSERT INTO sample_plans (name, spec, reviewers, created_by, created_utc) VALUES (?, ?, ?, ?, ?)"));
    if (!ins) {
        return ins.error();
    }
    ins->bind(1, name.trimmed()).bind(2, compact(stored.toJson())).bind(3, compact(reviewers));
    ins->bind(4, AuditLog::currentActor()).bind(5, QDateTime::currentSecsSinceEpoch());
    if (auto st = ins->run(); !st) {
        return st.error();
    }
    return m_cache.database().lastInsertId();
}

Result<QList<SamplingPlanRecord>> SamplingRepository::plans()
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto s = m_cache.database().prepare(kPlanSelect + QStringLiteral(" ORDER BY name COLLATE NOCASE"));
    if (!s) {
        return s.error();
    }
    QList<SamplingPlanRecord> out;
    if (auto st = s->forEachRow([&] { out.append(readPlan(s.value())); }); !st) {
        return st.error();
    }
    return out;
}

Result<SamplingPlanRecord> SamplingRepository::plan(qint64 id)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    return lookupRow(m_cache.database(), kPlanSelect + QStringLiteral(" WHERE id = ?"), {id}, readPlan,
        QObject::tr("Sampling plan %1 does not exist.").arg(id));
}

Status SamplingRepository::removePlan(qint64 id)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st;
    }
    const Roles::Scope inside(m_cache.roles());
    auto s = m_cache.database().prepare(QStringLiteral("DELETE FROM sample_plans WHERE id = ?"));
    if (!s) {
        return s.error();
    }
    s->bind(1, id);
    return s->run();
}

Result<QList<SampleCandidate>> SamplingRepository::candidates(const SamplePlan& plan, const QDate& day)
{
    const auto range = periodRange(plan.period, day);
    auto s = m_cache.database().prepare(QStringLiteral("SELECT call_id, agent_id, start_utc, campaign, disposition, "
                                                       "duration_s FROM calls WHERE start_utc >= ? AND start_utc < ?"));
    if (!s) {
        return s.error();
    }
    s->bind(1, utcSeconds(range.first)).bind(2, utcSeconds(range.second));
    QList<SampleCandidate> out;
    if (auto st = s->forEachRow([&] {
            out.append({s->text(0), s->text(1), QDateTime::fromSecsSinceEpoch(s->int64(2), QTimeZone::utc()).date(),
                s->text(3), s->text(4), s->real(5)});
        });
        !st) {
        return st.error();
    }
    return out;
}

Result<DrawnSample> SamplingRepository::draw(qint64 planId, const QDate& day, std::optional<quint64> seed)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto stored = this->plan(planId);
    if (!stored) {
        return stored.error();
    }
    const SamplingPlanRecord& record = stored.value();
    SamplePlan plan = record.plan;
    if (seed) {
        plan.seed = *seed;
    } else {
        randombytes_buf(&plan.seed, sizeof plan.seed);
        plan.seed &= 0x7fffffffffffffffULL; // stored in a signed column
    }
    const QString period = periodOf(plan.period, day);
    auto existing = m_cache.database().prepare(
        QStringLiteral("SELECT drawn_by, drawn_utc, seed FROM samples WHERE plan = ? AND period = ?"));
    if (!existing) {
        return existing.error();
    }
    existing->bind(1, planId).bind(2, period);
    auto drawnBefore = existing->firstRow([&] {
        return QObject::tr("%1 was already drawn for %2 by %3 on %4 (seed %5): that sample stands. Draw another "
                           "period, or make a new plan.")
            .arg(record.name, period, existing->text(0),
                QDateTime::fromSecsSinceEpoch(existing->int64(1)).toString(Qt::ISODate))
            .arg(existing->int64(2));
    });
    if (!drawnBefore) {
        return drawnBefore.error();
    }
    if (*drawnBefore) {
        return makeError(**drawnBefore);
    }
    auto calls = candidates(plan, day);
    if (!calls) {
        return calls.error();
    }
    const int considered = int(calls->size());
    QList<SampleDraw> drawn = drawSample(plan, std::move(calls.value()));
    if (drawn.isEmpty()) {
        // Nothing to review: no sample is recorded (it would stand for the period, empty).
        if (considered > 0) {
            return makeError(QObject::tr("None of the %n call(s) of %1 fits %2 (its campaigns, outcomes and lengths): "
                                         "nothing was drawn. Change the plan, or draw another period.",
                nullptr, considered)
                                 .arg(period, record.name));
        }
        auto newest = newestCallDay();
        if (!newest) {
            return newest.error();
        }
        return makeError(newest->isValid()
                ? QObject::tr(
                    "No call in the cache is from %1: nothing was drawn. The newest call is from %2: draw the "
                    "period containing a day with calls.")
                      .arg(period, newest->toString(Qt::ISODate))
                : QObject::tr("No call in the cache is from %1, nor from any other period: sync first.").arg(period));
    }
    std::sort(drawn.begin(), drawn.end(), [](const SampleDraw& a, const SampleDraw& b) {
        return a.agentId != b.agentId ? a.agentId < b.agentId : a.callId < b.callId;
    });
    QStringList reviewers = record.reviewers;
    if (reviewers.isEmpty()) {
        reviewers << AuditLog::currentActor();
    }
    Transaction tx(m_cache.database());
    if (auto st = tx.begin(); !st) {
        return st.error();
    }
    auto ins = m_cache.database().prepare(QStringLiteral("INSERT INTO samples (plan, period, seed, spec, considered, "
                                                         "drawn_by, drawn_utc) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    if (!ins) {
        return ins.error();
    }
    ins->bind(1, planId).bind(2, period).bind(3, qint64(plan.seed)).bind(4, compact(plan.toJson()));
    ins->bind(5, considered).bind(6, AuditLog::currentActor()).bind(7, QDateTime::currentSecsSinceEpoch());
    if (auto st = ins->run(); !st) {
        return st.error();
    }
    const qint64 sampleId = m_cache.database().lastInsertId();
    auto item = m_cache.database().prepare(
        QStringLiteral("INSERT INTO sample_items (sample, call_id, agent_id, reviewer) VALUES (?, ?, ?, ?)"));
    if (!item) {
        return item.error();
    }
    for (qsizetype i = 0; i < drawn.size(); ++i) {
        item->reset();
        item->bind(1, sampleId).bind(2, drawn[i].callId).bind(3, drawn[i].agentId);
        item->bind(4, reviewers[i % reviewers.size()]);
        if (auto st = item->run(); !st) {
            return st.error();
        }
    }
    const QString detail
        = QStringLiteral("%1 %2 seed %3 calls %4").arg(record.name, period).arg(plan.seed).arg(drawn.size());
    if (auto st = m_cache.audit().append(QStringLiteral("sample.draw"), record.name, detail); !st) {
        return st.error();
    }
    if (auto st = tx.commit(); !st) {
        return st.error();
    }
    if (auto st = m_cache.audit().checkpoint(); !st) {
        return st.error();
    }
    return readSample(sampleId);
}

Result<DrawnSample> SamplingRepository::readSample(qint64 id)
{
    return lookupRow(m_cache.database(), kSampleSelect + QStringLiteral(" WHERE s.id = ?"), {id}, readSampleRow,
        QObject::tr("Sample %1 does not exist.").arg(id));
}

Result<QList<DrawnSample>> SamplingRepository::samples()
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto s = m_cache.database().prepare(kSampleSelect + QStringLiteral(" ORDER BY s.drawn_utc DESC, s.id DESC"));
    if (!s) {
        return s.error();
    }
    QList<DrawnSample> out;
    if (auto st = s->forEachRow([&] { out.append(readSampleRow(s.value())); }); !st) {
        return st.error();
    }
    return out;
}

Result<QDate> SamplingRepository::newestCallDay()
{
    auto s = m_cache.database().prepare(QStringLiteral("SELECT MAX(start_utc) FROM calls"));
    if (!s) {
        return s.error();
    }
    auto newest = s->firstRow(
        [&] { return s->isNull(0) ? QDate() : QDateTime::fromSecsSinceEpoch(s->int64(0), QTimeZone::utc()).date(); });
    if (!newest) {
        return newest.error();
    }
    return newest->value_or(QDate());
}

Result<SamplingOverview> SamplingRepository::overview()
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto planList = plans();
    if (!planList) {
        return planList.error();
    }
    auto sampleList = samples();
    if (!sampleList) {
        return sampleList.error();
    }
    auto newest = newestCallDay();
    if (!newest) {
        return newest.error();
    }
    return SamplingOverview {planList.value(), sampleList.value(), newest.value()};
}

Result<QStringList> SamplingRepository::sampleCalls(qint64 sampleId)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto s = m_cache.database().prepare(
        QStringLiteral("SELECT call_id FROM sample_items WHERE sample = ? ORDER BY agent_id, call_id"));
    if (!s) {
        return s.error();
    }
    s->bind(1, sampleId);
    QStringList out;
    if (auto st = s->forEachRow([&] { out << s->text(0); }); !st) {
        return st.error();
    }
    return out;
}

Result<QStringList> SamplingRepository::redraw(qint64 sampleId)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto sample = readSample(sampleId);
    if (!sample) {
        return sample.error();
    }
    // Any day of the period gives the same candidates: its first day is parsed back from the label.
    const QString label = sample->period;
    QDate day;
    if (label.contains(QLatin1String("-W"))) {
        const int year = label.left(4).toInt();
        const int week = label.mid(6).toInt();
        const QDate jan4(year, 1, 4);
        day = jan4.addDays(1 - jan4.dayOfWeek()).addDays(7 * (week - 1));
    } else if (label.size() == 7) {
        day = QDate::fromString(label + QStringLiteral("-01"), Qt::ISODate);
    } else {
        day = QDate::fromString(label, Qt::ISODate);
    }
    auto calls = candidates(sample->plan, day);
    if (!calls) {
        return calls.error();
    }
    QStringList out;
    for (const SampleDraw& d : drawSample(sample->plan, std::move(calls.value()))) {
        out << d.callId;
    }
    out.sort();
    return out;
}

Result<SampleCheck> SamplingRepository::checkSample(qint64 sampleId)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto recorded = sampleCalls(sampleId);
    if (!recorded) {
        return recorded.error();
    }
    auto again = redraw(sampleId);
    if (!again) {
        return again.error();
    }
    recorded->sort();
    return SampleCheck {recorded.value(), again.value()};
}

Result<QList<QueueItem>> SamplingRepository::queue(const QString& reviewer)
{
    if (auto st = m_cache.roles().require(Permission::Evaluate); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    // The latest evaluation of each call (a submitted one before a draft) tells how far it got.
    auto s = m_cache.database().prepare(QStringLiteral(
        "SELECT i.call_id, i.agent_id, s.period, p.name, c.start_utc, c.duration_s, c.audio_state, "
        "(SELECT e.id FROM evaluations e WHERE e.call_id = i.call_id ORDER BY e.state = 'draft', e.id DESC LIMIT 1) "
        "AS eid, (SELECT e.state FROM evaluations e WHERE e.call_id = i.call_id ORDER BY e.state = 'draft', e.id DESC "
        "LIMIT 1), (SELECT a.name FROM agents a WHERE a.agent_id = i.agent_id) FROM sample_items i JOIN samples s "
        "ON s.id = "
        "i.sample JOIN sample_plans p ON p.id = s.plan JOIN calls c ON c.call_id = i.call_id WHERE i.reviewer = ? "
        "ORDER BY s.drawn_utc DESC, s.id DESC, i.agent_id, c.start_utc"));
    if (!s) {
        return s.error();
    }
    s->bind(1, reviewer);
    QList<QueueItem> out;
    if (auto st = s->forEachRow([&] {
            out.append({s->text(0), s->text(1), s->text(9), s->text(2), s->text(3), s->int64(4), s->real(5),
                s->int64(7), s->text(8), s->int64(6) == 1});
        });
        !st) {
        return st.error();
    }
    return out;
}

} // namespace Earmark
