#include "store/TranscriptEdit.h"

#include <QRegularExpression>

namespace Earmark::TranscriptEdit {

namespace {
// A typed token as a word: without the punctuation around it ("well," -> "well"; "o'clock" keeps its apostrophe).
QString wordOf(const QString& token)
{
    qsizetype b = 0;
    qsizetype e = token.size();
    while (b < e && !token.at(b).isLetterOrNumber()) {
        ++b;
    }
    while (e > b && !token.at(e - 1).isLetterOrNumber()) {
        --e;
    }
    return token.mid(b, e - b);
}

// Longest common subsequence of the old and new word keys: pairs (old index, new index), in order.
QList<std::pair<int, int>> matchWords(const QStringList& before, const QStringList& after)
{
    const int n = int(before.size());
    const int m = int(after.size());
    QList<int> table((n + 1) * (m + 1), 0);
    auto at = [&](int i, int j) -> int& { return table[i * (m + 1) + j]; };
    for (int i = n - 1; i >= 0; --i) {
        for (int j = m - 1; j >= 0; --j) {
            at(i, j) = !before[i].isEmpty() && before[i] == after[j] ? at(i + 1, j + 1) + 1
                                                                     : std::max(at(i + 1, j), at(i, j + 1));
        }
    }
    QList<std::pair<int, int>> pairs;
    int i = 0;
    int j = 0;
    while (i < n && j < m) {
        if (!before[i].isEmpty() && before[i] == after[j]) {
            pairs.append({i++, j++});
        } else if (at(i + 1, j) >= at(i, j + 1)) {
            ++i;
        } else {
            ++j;
        }
    }
    return pairs;
}

const QRegularExpression& turnPattern()
{
    // [m:ss], [m:ss.s] or [h:mm:ss.s], then an optional speaker.
    static const QRegularExpression re(
        QStringLiteral(
            R"(^\s*\[\s*(?:(\d+):)?(\d+):(\d{1,2}(?:\.\d+)?)\s*\]\s*(?:(agent|respondent|other|a|r|o)\s*:)?\s*(.*)$)"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

QString speakerName(const QString& speaker)
{
    return speaker == QLatin1String("agent")     ? QStringLiteral("Agent")
        : speaker == QLatin1String("respondent") ? QStringLiteral("Respondent")
                                                 : QStringLiteral("Other");
}
} // namespace

QString wordKey(const QString& word)
{
    QString out;
    for (QChar c : word) {
        if (c.isLetterOrNumber()) {
            out += c.toLower();
        }
    }
    return out;
}

TranscriptSegment retext(const TranscriptSegment& segment, const QString& text)
{
    TranscriptSegment out = segment;
    out.text = text.simplified();
    out.words.clear();
    if (segment.words.isEmpty()) {
        return out;
    }
    QStringList tokens;
    for (const QString& t : out.text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!wordOf(t).isEmpty()) {
            tokens << wordOf(t);
        }
    }
    QStringList before;
    for (const TranscriptWord& w : segment.words) {
        before << wordKey(w.text);
    }
    QStringList after;
    for (const QString& t : std::as_const(tokens)) {
        after << wordKey(t);
    }
    QList<std::pair<int, int>> pairs = matchWords(before, after);
    pairs.append({int(segment.words.size()), int(tokens.size())}); // a sentinel at the segment's end
    int nextNew = 0;
    double gapStart = segment.startS;
    for (const auto& [oldIndex, newIndex] : std::as_const(pairs)) {
        const bool sentinel = oldIndex == segment.words.size();
        const double gapEnd = sentinel ? segment.endS : segment.words[oldIndex].startS;
        const int count = newIndex - nextNew;
        const double step = count > 0 ? std::max(0.0, gapEnd - gapStart) / count : 0;
        for (int k = 0; k < count; ++k) {
            out.words.append({tokens[nextNew + k], gapStart + k * step, gapStart + (k + 1) * step, -1});
        }
        if (sentinel) {
            break;
        }
        TranscriptWord kept = segment.words[oldIndex];
        kept.text = tokens[newIndex];
        out.words.append(kept);
        gapStart = std::max(gapStart, kept.endS);
        nextNew = newIndex + 1;
    }
    return out;
}

QString summary(const TranscriptSegment& before, const TranscriptSegment& after, int index)
{
    QStringList what;
    if (before.speaker != after.speaker) {
        what << QStringLiteral("speaker %1 to %2").arg(speakerName(before.speaker), speakerName(after.speaker));
    }
    if (before.text != after.text) {
        what << QStringLiteral("text");
    }
    return QStringLiteral("Turn %1 at %2: %3")
        .arg(index + 1)
        .arg(formatTime(before.startS), what.isEmpty() ? QStringLiteral("no change") : what.join(QStringLiteral(", ")));
}

QString formatTime(double seconds)
{
    const int tenths = int(std::lround(std::max(0.0, seconds) * 10));
    const int s = tenths / 10;
    QString out = QStringLiteral("%1:%2.%3").arg((s / 60) % 60).arg(s % 60, 2, 10, QLatin1Char('0')).arg(tenths % 10);
    if (s >= 3600) {
        out = QStringLiteral("%1:").arg(s / 3600) + out.rightJustified(7, QLatin1Char('0'));
    }
    return out;
}

QString typedLine(double seconds, const QString& speaker)
{
    return QStringLiteral("[%1] %2: ").arg(formatTime(seconds), speakerName(speaker));
}

Result<Transcript> parseTyped(const QString& text, const QString& callId, double durationS)
{
    Transcript t;
    t.callId = callId;
    t.language = QStringLiteral("en-GB");
    t.engine = QStringLiteral("earmark-typed");
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty()) {
            continue;
        }
        const auto m = turnPattern().match(line);
        if (!m.hasMatch()) {
            if (t.segments.isEmpty()) {
                return makeError(QStringLiteral("Line %1 has no time: start the first turn with one, such as "
                                                "\"[0:00.0] Agent: ...\" (Ctrl+T inserts the player's time).")
                                     .arg(i + 1));
            }
            t.segments.last().text += QLatin1Char(' ') + line;
            continue;
        }
        const double start = m.captured(1).toDouble() * 3600 + m.captured(2).toDouble() * 60 + m.captured(3).toDouble();
        if (m.captured(3).toDouble() >= 60) {
            return makeError(QStringLiteral("Line %1: \"%2\" is not a time: seconds go up to 59.9.")
                                 .arg(i + 1)
                                 .arg(line.section(QLatin1Char(']'), 0, 0) + QLatin1Char(']')));
        }
        if (durationS > 0 && start > durationS + 0.5) {
            return makeError(QStringLiteral("Line %1: %2 is after the end of the call (%3).")
                                 .arg(i + 1)
                                 .arg(formatTime(start), formatTime(durationS)));
        }
        if (!t.segments.isEmpty() && start < t.segments.last().startS) {
            return makeError(QStringLiteral("Line %1: %2 is before the turn above it (%3): correct the time or "
                                            "move the line.")
                                 .arg(i + 1)
                                 .arg(formatTime(start), formatTime(t.segments.last().startS)));
        }
        const QString who = m.captured(4).toLower();
        if (who.isEmpty()) {
            return makeError(
                QStringLiteral("Line %1: say who speaks after the time: Agent:, Respondent: or Other:.").arg(i + 1));
        }
        TranscriptSegment s;
        s.speaker = who.startsWith(QLatin1Char('a')) ? QStringLiteral("agent")
            : who.startsWith(QLatin1Char('r'))       ? QStringLiteral("respondent")
                                                     : QStringLiteral("other");
        s.startS = start;
        s.text = m.captured(5);
        t.segments.append(s);
    }
    for (int i = 0; i < t.segments.size(); ++i) {
        TranscriptSegment& s = t.segments[i];
        s.text = s.text.simplified();
        s.endS = i + 1 < t.segments.size() ? t.segments[i + 1].startS : std::max(s.startS, durationS);
    }
    t.segments.removeIf([](const TranscriptSegment& s) { return s.text.isEmpty(); });
    if (t.segments.isEmpty()) {
        return makeError(QStringLiteral("Nothing has been typed yet: a turn needs a time, a speaker and words."));
    }
    return t;
}

QString formatTyped(const Transcript& transcript)
{
    QString out;
    for (const TranscriptSegment& s : transcript.segments) {
        out += typedLine(s.startS, s.speaker) + s.text + QLatin1Char('\n');
    }
    return out;
}

} // namespace Earmark::TranscriptEdit
