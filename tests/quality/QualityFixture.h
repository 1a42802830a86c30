#pragma once

#include "cache/Cache.h"

#include <QDateTime>
#include <QTimeZone>

namespace Earmark::Test {

// A call as the quality tests need it: agent, start, campaign, duration (personal fields are not looked at).
inline CallRecord qualityCall(const QString& id, const QString& agent, const QDateTime& start,
    const QString& campaign = QStringLiteral("CAMP"), double durationS = 180)
{
    CallRecord c;
    c.callId = id;
    c.storeKey = QStringLiteral("v1/2026/11/02/") + id + QStringLiteral(".json");
    c.startUtc = start.toSecsSinceEpoch();
    c.durationS = durationS;
    c.direction = QStringLiteral("outbound");
    c.agentId = agent;
    c.campaign = campaign;
    c.disposition = QStringLiteral("completed");
    c.personal.phoneE164 = QStringLiteral("+447700900123");
    c.sidecarSha256 = QByteArray(32, 'x');
    c.audioFile = id + QStringLiteral(".wav");
    c.audioSha256 = QString(64, QLatin1Char('a'));
    c.audioSize = 1000;
    return c;
}

inline QDateTime utc(int y, int m, int d, int h = 10)
{
    return QDateTime(QDate(y, m, d), QTime(h, 0), QTimeZone::utc());
}

} // namespace Earmark::Test
