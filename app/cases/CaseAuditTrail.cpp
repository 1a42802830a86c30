#include "cases/CaseAuditTrail.h"

#include "cache/Cache.h"
#include "cache/Database.h"
#include "cache/Statement.h"

#include <QRegularExpression>

namespace Earmark {

CaseAuditTrail::CaseAuditTrail(Cache& cache)
    : m_cache(cache)
{ }

Result<AuditFilter> CaseAuditTrail::resolve(AuditFilter filter, const QString& subject)
{
    QString text = subject.trimmed();
    // Earmark's own ids however they are typed: "c-20261119-000017" is C-20261119-000017, "h-933E5779" H-933e5779.
    static const QRegularExpression id(
        QStringLiteral("^([chdk])-([0-9a-f]+(-[0-9]+)?)$"), QRegularExpression::CaseInsensitiveOption);
    if (const auto m = id.match(text); m.hasMatch()) {
        text = m.captured(1).toUpper() + QLatin1Char('-') + m.captured(2).toLower();
    }
    filter.subjects.clear();
    filter.mentions.clear();
    if (text.isEmpty()) {
        return filter;
    }
    // A case is looked up by its opaque id or reference only: the audit reader needs no case role for it, and
    // learns nothing the log does not already name.
    auto s = m_cache.database().prepare(QStringLiteral(
        "SELECT case_id, COALESCE(hold_id, '') FROM cases WHERE case_id = ? OR reference = ? COLLATE NOCASE"));
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
