#include "cases/CaseAuditTrail.h"

#include "cache/Cache.h"
#include "cache/Database.h"
#include "cache/Statement.h"

namespace Earmark {

CaseAuditTrail::CaseAuditTrail(Cache& cache)
    : m_cache(cache)
{ }

Result<AuditFilter> CaseAuditTrail::resolve(AuditFilter filter, const QString& subject)
{
    const QString text = subject.trimmed();
    filter.subjects.clear();
    filter.mentions.clear();
    if (text.isEmpty()) {
        return filter;
    }
    // A case is looked up by its opaque id or reference only: the audit reader needs no case role for it, and
    // learns nothing the log does not already name.
    auto s = m_cache.database().prepare(
        QStringLiteral("SELECT case_id, COALESCE(hold_id, '') FROM cases WHERE case_id = ? OR reference = ?"));
    if (!s) {
        return s.error();
    }
    s->bind(1, text).bind(2, text);
    auto found = s->firstRow([&] { return QStringList {s->text(0), s->text(1)}; });
    if (!found) {
        return found.error();
    }
    if (found.value()) {
        QStringList ids = *found.value();
        ids.removeAll(QString());
        filter.subjects = ids;
        filter.mentions = ids;
        return filter;
    }
    filter.subjects = {text};
    // The ids Earmark makes for holds (H-), destruction runs and requests (D-) also stand in the details of the
    // entries about their calls (a call held, a call destroyed). A call's own entries are found by subject alone.
    if (text.startsWith(QLatin1String("H-")) || text.startsWith(QLatin1String("D-"))) {
        filter.mentions = {text};
    }
    return filter;
}

Result<AuditPage> CaseAuditTrail::read(const AuditFilter& filter, const QString& subject, int limit)
{
    auto f = resolve(filter, subject);
    if (!f) {
        return f.error();
    }
    return AuditTrail(m_cache).read(f.value(), limit);
}

Result<QByteArray> CaseAuditTrail::exportCsv(
    const AuditFilter& filter, const QString& subject, const QString& destination)
{
    auto f = resolve(filter, subject);
    if (!f) {
        return f.error();
    }
    return AuditTrail(m_cache).exportCsv(f.value(), destination);
}

} // namespace Earmark
