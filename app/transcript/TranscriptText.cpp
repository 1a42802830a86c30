#include "transcript/TranscriptText.h"

namespace Earmark::TranscriptText {

QString clock(double seconds)
{
    const qint64 tenths = qint64(std::max(0.0, seconds) * 10 + 0.5);
    return QStringLiteral("%1:%2.%3")
        .arg(tenths / 600)
        .arg((tenths / 10) % 60, 2, 10, QLatin1Char('0'))
        .arg(tenths % 10);
}

QByteArray readable(const Transcript& transcript, const QString& heading)
{
    QString out = heading + QStringLiteral("\n\n");
    for (const TranscriptSegment& s : transcript.segments) {
        QString who = s.speaker;
        if (!who.isEmpty()) {
            who[0] = who.at(0).toUpper();
        }
        out += QStringLiteral("[%1] %2: %3\n").arg(clock(s.startS), who, s.text);
    }
    return out.toUtf8();
}

} // namespace Earmark::TranscriptText
