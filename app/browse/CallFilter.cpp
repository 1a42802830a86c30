#include "browse/CallFilter.h"

#include "crypto/KeyHierarchy.h"

#include <QDateTime>
#include <QStringList>
#include <QTimeZone>

namespace Earmark {

QString CallFilter::whereClause(const KeyHierarchy& keys, QVariantList& binds) const
{
    QStringList terms;
    auto add = [&](const QString& term, const QVariant& value) {
        terms << term;
        binds << value;
    };
    if (from.isValid()) {
        add(QStringLiteral("c.start_utc >= ?"), QDateTime(from, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch());
    }
    if (to.isValid()) {
        add(QStringLiteral("c.start_utc < ?"),
            QDateTime(to.addDays(1), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch());
    }
    if (!agentId.isEmpty()) {
        add(QStringLiteral("c.agent_id = ?"), agentId);
    }
    if (!client.isEmpty()) {
        add(QStringLiteral("c.client = ?"), client);
    }
    if (!campaign.isEmpty()) {
        add(QStringLiteral("c.campaign = ?"), campaign);
    }
    if (!disposition.isEmpty()) {
        add(QStringLiteral("c.disposition = ?"), disposition);
    }
    if (minDurationS) {
        add(QStringLiteral("c.duration_s >= ?"), *minDurationS);
    }
    if (maxDurationS) {
        add(QStringLiteral("c.duration_s <= ?"), *maxDurationS);
    }
    if (hasTranscript) {
        add(QStringLiteral("c.has_transcript = ?"), *hasTranscript ? 1 : 0);
    }
    if (noticeFlag) {
        add(QStringLiteral("c.consent_recorded = ?"), *noticeFlag ? 1 : 0);
    }
    if (!phoneE164.isEmpty()) {
        add(QStringLiteral("c.phone_index = ?"), keys.phoneIndex(phoneE164));
    }
    if (!phoneTail.isEmpty()) {
        add(QStringLiteral("c.phone_tail_index = ?"), keys.phoneTailIndex(phoneTail));
    }
    return terms.isEmpty() ? QString() : QStringLiteral(" WHERE ") + terms.join(QStringLiteral(" AND "));
}

QString CallFilter::orderClause() const
{
    QString column;
    switch (sortColumn) {
    case CallColumn::Duration:
        column = QStringLiteral("c.duration_s");
        break;
    case CallColumn::Agent:
        column = QStringLiteral("c.agent_id");
        break;
    case CallColumn::Campaign:
        column = QStringLiteral("c.campaign");
        break;
    case CallColumn::Client:
        column = QStringLiteral("c.client");
        break;
    case CallColumn::Disposition:
        column = QStringLiteral("c.disposition");
        break;
    default:
        column = QStringLiteral("c.start_utc");
        break;
    }
    // Each order matches an index ending in the rowid (calls_start, calls_duration, calls_agent, ...), so a page is
    // an index walk, never a sort of the whole table.
    const QString dir = descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    QString order = QStringLiteral(" ORDER BY ") + column + dir;
    if (column != QLatin1String("c.start_utc") && column != QLatin1String("c.duration_s")) {
        order += QStringLiteral(", c.start_utc") + dir;
    }
    return order + QStringLiteral(", c.id") + dir;
}

} // namespace Earmark
