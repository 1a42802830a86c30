#include "cache/AuditTrail.h"

#include "cache/Cache.h"
#include "core/TimeText.h"
#include "crypto/Minisign.h"

namespace Earmark {

namespace {
QByteArray csvField(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    if (!utf8.contains(',') && !utf8.contains('"') && !utf8.contains('\n') && !utf8.contains('\r')) {
        return utf8;
    }
    return '"' + QByteArray(utf8).replace('"', "\"\"") + '"';
}
} // namespace

AuditTrail::AuditTrail(Cache& cache)
    : m_cache(cache)
{ }

Result<AuditPage> AuditTrail::read(const AuditFilter& filter, int limit)
{
    if (auto st = m_cache.roles().require(Permission::ReadAudit); !st) {
        return st.error();
    }
    AuditFilter f = filter;
    f.newest = limit + 1;
    auto entries = m_cache.audit().entries(f);
    if (!entries) {
        return entries.error();
    }
    AuditPage page;
    page.entries = std::move(entries.value());
    if (page.entries.size() > limit) {
        page.truncated = true;
        page.entries.removeFirst();
    }
    auto checkpoint = m_cache.audit().latestCheckpoint();
    if (!checkpoint) {
        return checkpoint.error();
    }
    page.checkpoint = checkpoint.value();
    if (page.checkpoint) {
        page.checkpointText = QString::fromLatin1(page.checkpoint->text(m_cache.signingKey().keyId()));
    }
    page.publicKey = Minisign::publicKeyText(m_cache.signingKey());
    return page;
}

Status AuditTrail::verify()
{
    if (auto st = m_cache.roles().require(Permission::ReadAudit); !st) {
        return st;
    }
    return m_cache.audit().verify(AuditLog::Depth::Full);
}

Status AuditTrail::record(const QString& action, const QString& subject, const QString& detail)
{
    return m_cache.audit().append(action, subject, detail);
}

QByteArray AuditTrail::csv(const QList<AuditEntry>& entries)
{
    QByteArray out = "seq,at_utc,actor,action,subject,detail,hash\n";
    for (const AuditEntry& e : entries) {
        out += QByteArray::number(e.seq) + ',' + utcText(e.atUtc).toLatin1() + ',' + csvField(e.actor) + ','
            + csvField(e.action) + ',' + csvField(e.subject) + ',' + csvField(e.detail) + ',' + e.hash.toHex() + '\n';
    }
    return out;
}

Result<QByteArray> AuditTrail::exportCsv(const AuditFilter& filter, const QString& destination)
{
    if (auto st = m_cache.roles().require(Permission::ReadAudit); !st) {
        return st.error();
    }
    auto entries = m_cache.audit().entries(filter);
    if (!entries) {
        return entries.error();
    }
    if (auto st = m_cache.audit().append(QStringLiteral("audit.export"), {},
            QStringLiteral("%1 entries to %2").arg(entries->size()).arg(destination));
        !st) {
        return st.error();
    }
    return csv(entries.value());
}

} // namespace Earmark
