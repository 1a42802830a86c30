#include "retention/Retention.h"

#include "cache/Cache.h"
#include "cache/CacheSettings.h"
#include "cache/Statement.h"
#include "core/TimeText.h"
#include "retention/Holds.h"
#include "store/StoreInfo.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Earmark {

namespace {
constexpr int BatchCalls = 250;
const QString DaysSetting = QStringLiteral("retention_days");
const QString SourceSetting = QStringLiteral("retention_source");
} // namespace

Retention::Retention(Cache& cache)
    : m_cache(cache)
{ }

Result<RetentionPolicy> Retention::policy()
{
    RetentionPolicy p;
    const QString days = m_cache.setting(DaysSetting);
    if (!days.isEmpty()) {
        bool ok = false;
        const int n = days.toInt(&ok);
        if (!ok || n < 1 || n > StoreInfo::MaxRetentionDays) {
            return makeError(QStringLiteral("The cache's retention period \"%1\" is damaged: sync again to read it "
                                            "from the store's store.json.")
                                 .arg(days));
        }
        p.days = n;
        p.fromStore = m_cache.setting(SourceSetting) == QLatin1String("store");
    }
    return p;
}

Status Retention::recordStorePolicy(Cache& cache, const StoreInfo& info)
{
    if (cache.setting(DaysSetting) != QString::number(info.retentionDays)) {
        if (auto st = cache.audit().append(QStringLiteral("retention.policy"), {},
                QStringLiteral("%1 days (%2)")
                    .arg(info.retentionDays)
                    .arg(info.retentionGiven ? QStringLiteral("store.json") : QStringLiteral("default")));
            !st) {
            return st;
        }
    }
    if (auto st = cache.setSetting(DaysSetting, QString::number(info.retentionDays)); !st) {
        return st;
    }
    if (auto st = CacheSettings(cache).setStoreName(info.name); !st) {
        return st;
    }
    return cache.setSetting(SourceSetting, info.retentionGiven ? QStringLiteral("store") : QStringLiteral("default"));
}

Result<RetentionPreview> Retention::preview(qint64 asOfUtc)
{
    if (auto st = m_cache.roles().requireAny(Permission::RunRetention, Permission::ReadAudit); !st) {
        return st.error();
    }
    auto p = policy();
    if (!p) {
        return p.error();
    }
    RetentionPreview out;
    out.asOfUtc = asOfUtc;
    out.policy = p.value();
    auto held = Holds(m_cache).heldCalls();
    if (!held) {
        return held.error();
    }
    auto s = m_cache.database().prepare(
        QStringLiteral("SELECT call_id, start_utc FROM calls WHERE start_utc <= ? ORDER BY start_utc, call_id"));
    if (!s) {
        return s.error();
    }
    s->bind(1, asOfUtc - qint64(out.policy.days) * 86400);
    QStringList heldIds;
    auto rows = s->forEachRow([&]() -> Status {
        const DueCall c {s->text(0), s->int64(1), dueUtc(s->int64(1), out.policy.days)};
        if (held.value().contains(c.callId)) {
            out.held << HeldCall {c.callId, c.dueUtc, {}};
        } else {
            out.due << c;
        }
        return {};
    });
    if (!rows) {
        return rows.error();
    }
    auto waiting = m_cache.database().prepare(QStringLiteral("SELECT call_id FROM deferred_erasures ORDER BY call_id"));
    if (!waiting) {
        return waiting.error();
    }
    if (auto st = waiting->forEachRow([&]() -> Status {
            out.erasuresWaiting << waiting->text(0);
            return {};
        });
        !st) {
        return st.error();
    }
    for (HeldCall& h : out.held) {
        auto holds = Holds(m_cache).holdsOn(h.callId);
        if (!holds) {
            return holds.error();
        }
        h.holdIds = holds.value();
    }
    return out;
}

Result<DestructionOutcome> Retention::run(
    qint64 asOfUtc, const std::function<void(int, int)>& progress, const std::atomic_bool* cancel)
{
    // By hand, only an administrator; the scheduled runs keep the privacy statement's promise whoever is signed in.
    if (!m_scheduled) {
        if (auto st = m_cache.roles().require(Permission::RunRetention); !st) {
            return st.error();
        }
    }
    const Roles::Scope inside(m_cache.roles());
    // A run a killed process left uncertified is certified first.
    if (auto earlier = DestructionRun::certifyInterrupted(m_cache); !earlier) {
        return earlier.error();
    }
    auto plan = preview(asOfUtc);
    if (!plan) {
        return plan.error();
    }
    DestructionRun run(m_cache, DestructionRun::Kind::Retention, asOfUtc, plan->policy.days);
    for (const HeldCall& h : plan->held) {
        run.addHeld(h);
    }
    const auto& due = plan->due;
    const int total = static_cast<int>(due.size());
    for (int start = 0; start < total; start += BatchCalls) {
        if (cancel && cancel->load()) {
            break;
        }
        Transaction tx(m_cache.database());
        if (auto st = tx.begin(); !st) {
            return st.error();
        }
        for (int i = start; i < std::min(total, start + BatchCalls); ++i) {
            auto outcome = run.destroy(due.at(i).callId, due.at(i).dueUtc);
            if (!outcome) {
                return outcome.error();
            }
        }
        if (auto st = tx.commit(); !st) {
            return st.error();
        }
        if (auto st = m_cache.audit().checkpoint(); !st) {
            return st.error();
        }
        if (progress) {
            progress(std::min(total, start + BatchCalls), total);
        }
    }
    auto outcome = run.finish(m_certifyHeld);
    if (!outcome) {
        return outcome.error();
    }
    const QString detail = QString::fromUtf8(QJsonDocument(
        QJsonObject {{QStringLiteral("destroyed"), outcome->destroyed}, {QStringLiteral("held"), outcome->held},
            {QStringLiteral("retention_days"), plan->policy.days},
            {QStringLiteral("as_of"),
                utcText(asOfUtc)}}).toJson(QJsonDocument::Compact));
    if (auto st = m_cache.audit().append(QStringLiteral("retention.run"), outcome->runId, detail); !st) {
        return st.error();
    }
    return outcome;
}

} // namespace Earmark
