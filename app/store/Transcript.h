#pragma once

#include "core/Result.h"

#include <QList>
#include <QString>

namespace Earmark {

// A validated transcript (earmark.transcript/1).
struct TranscriptWord
{
    QString text;
    double startS = 0;
    double endS = 0;
    double confidence = -1;
};

struct TranscriptSegment
{
    QString speaker; // agent, respondent or other
    double startS = 0;
    double endS = 0;
    QString text;
    QList<TranscriptWord> words;
};

struct Transcript
{
    QString callId;
    QString language;
    QString engine;
    QList<TranscriptSegment> segments;

    int wordCount() const;
    // The transcript as earmark.transcript/1 JSON (what parse() reads back).
    QByteArray toJson() const;
    static constexpr qint64 MaxBytes = 32 * 1024 * 1024;
    // Validates a transcript of the call expectedCallId; a null expectedCallId takes the file's own call_id.
    static Result<Transcript> parse(const QByteArray& bytes, const QString& expectedCallId);
};

} // namespace Earmark
