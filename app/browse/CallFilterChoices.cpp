#include "browse/CallFilterChoices.h"

#include "cache/Cache.h"
#include "cache/Statement.h"

namespace Earmark {

namespace {
constexpr int kMaxValues = 10000;
} // namespace

CallFilterChoices::CallFilterChoices(Cache& cache)
    : m_cache(cache)
{ }

Result<QStringList> CallFilterChoices::distinct(const QString& column)
{
    auto s = m_cache.database().prepare(
        QStringLiteral("SELECT %1 FROM calls WHERE %1 > ? ORDER BY %1 LIMIT 1").arg(column));
    if (!s) {
        return s.error();
    }
    QStringList out;
    QString last = QStringLiteral("");
    for (int n = 0; n < kMaxValues; ++n) {
        s->reset();
        s->bind(1, last);
        auto row = s->step();
        if (!row) {
            return row.error();
        }
        if (!row.value()) {
            return out;
        }
        last = s->text(0);
        out << last;
    }
    return out; // more values than a list can offer: the first kMaxValues
}

Result<FilterChoices> CallFilterChoices::load()
{
    FilterChoices c;
    auto s = m_cache.database().prepare(QStringLiteral("SELECT agent_id, name FROM agents ORDER BY name, agent_id"));
    if (!s) {
        return s.error();
    }
    auto agents = s->forEachRow([&] {
        const QString id = s->text(0);
        const QString name = s->text(1);
        c.agents.append({id, name.isEmpty() ? id : name + QStringLiteral(" (") + id + QLatin1Char(')')});
    });
    if (!agents) {
        return agents.error();
    }
    for (auto [column, list] :
        {std::pair {QStringLiteral("client"), &c.clients}, std::pair {QStringLiteral("campaign"), &c.campaigns},
            std::pair {QStringLiteral("disposition"), &c.dispositions}}) {
        auto values = distinct(column);
        if (!values) {
            return values.error();
        }
        *list = std::move(values.value());
    }
    return c;
}

} // namespace Earmark
