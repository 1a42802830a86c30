#include "scorecard/RecordingNoticeCheck.h"

#include <QRegularExpression>
#include <algorithm>

namespace Earmark::Scorecard {

namespace {
struct Token
{
    QString stem;
    QString text;
    double start;
};

// Lower case, letters and digits only, and a crude stem ("recorded", "recording", "records" -> "record").
QString stemOf(const QString& word)
{
    QString w = word.toLower();
    w.remove(QRegularExpression(QStringLiteral("[^a-z0-9]")));
    for (const char* suffix : {"ing", "ed", "es", "s"}) {
        const QLatin1String s(suffix);
        if (w.size() > int(s.size()) + 3 && w.endsWith(s)) {
            w.chop(s.size());
            break;
        }
    }
    return w;
}

QList<QString> stems(const QString& phrase)
{
    QList<QString> out;
    for (const QString& w : phrase.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString s = stemOf(w);
        if (!s.isEmpty()) {
            out << s;
        }
    }
    return out;
}

// Word-level edit distance between a phrase and a window of the transcript.
int distance(const QList<QString>& phrase, const QList<Token>& tokens, qsizetype from, qsizetype length)
{
    const qsizetype n = phrase.size();
    QVector<int> previous(length + 1);
    QVector<int> current(length + 1);
    for (qsizetype j = 0; j <= length; ++j) {
        previous[j] = static_cast<int>(j);
    }
    for (qsizetype i = 1; i <= n; ++i) {
        current[0] = static_cast<int>(i);
        for (qsizetype j = 1; j <= length; ++j) {
            const int cost = phrase.at(i - 1) == tokens.at(from + j - 1).stem ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
        }
        std::swap(previous, current);
    }
    return previous[length];
}
} // namespace

QStringList defaultNoticePhrases()
{
    return {QStringLiteral("this call is being recorded"), QStringLiteral("this call is recorded"),
        QStringLiteral("calls are recorded"), QStringLiteral("this call may be recorded"),
        QStringLiteral("recorded for quality and training purposes"),
        QStringLiteral("recorded for training and quality purposes")};
}

std::optional<NoticeEvidence> findRecordingNotice(
    const Transcript& transcript, double withinS, const QStringList& phrases)
{
    QList<Token> tokens;
    for (const TranscriptSegment& s : transcript.segments) {
        if (s.speaker != QLatin1String("agent") || s.startS > withinS) {
            continue;
        }
        if (!s.words.isEmpty()) {
            for (const TranscriptWord& w : s.words) {
                if (w.startS <= withinS && !stemOf(w.text).isEmpty()) {
                    tokens << Token {stemOf(w.text), w.text, w.startS};
                }
            }
        } else {
            for (const QString& w : s.text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
                if (!stemOf(w).isEmpty()) {
                    tokens << Token {stemOf(w), w, s.startS};
                }
            }
        }
    }
    std::optional<NoticeEvidence> best;
    int bestDistance = 1 << 20;
    for (const QString& phrase : phrases) {
        const QList<QString> p = stems(phrase);
        if (p.isEmpty()) {
            continue;
        }
        const int allowed = std::max<int>(1, static_cast<int>(p.size()) / 4);
        for (qsizetype from = 0; from < tokens.size(); ++from) {
            if (tokens.at(from).stem != p.first()
                && (from + 1 >= tokens.size()
                    || tokens.at(from + 1).stem != p.at(std::min<qsizetype>(1, p.size() - 1)))) {
                continue; // a match starts at the phrase's first or second word
            }
            for (qsizetype length = std::max<qsizetype>(1, p.size() - allowed);
                 length <= p.size() + allowed && from + length <= tokens.size(); ++length) {
                const int d = distance(p, tokens, from, length);
                if (d <= allowed
                    && (d < bestDistance || (d == bestDistance && best && tokens.at(from).start < best->atS))) {
                    QStringList heard;
                    for (qsizetype k = from; k < from + length; ++k) {
                        heard << tokens.at(k).text;
                    }
                    best = NoticeEvidence {tokens.at(from).start, heard.join(QLatin1Char(' ')), phrase};
                    bestDistance = d;
                }
            }
        }
    }
    return best;
}

} // namespace Earmark::Scorecard
